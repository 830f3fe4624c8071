using System.Text.Json;
using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Tests.Engine;

/// <summary>Every case of PyTorch's golden file, reproduced by the engine: outputs and input gradients.</summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases() => new(Golden.Names);

    [Fact]
    public void The_golden_file_has_every_case() => Assert.Equal(35, Golden.Names.Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_matches_PyTorch(string name)
    {
        var c = Golden.Case(name);
        var op = c.GetProperty("op").GetString()!;
        var attrs = c.GetProperty("attrs");
        var inputs = c.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => Golden.Read(p.Value));
        if (op == "optimizer")
        {
            CheckOptimizer(name, attrs, inputs, c.GetProperty("outputs"));
            return;
        }
        var differentiable = c.GetProperty("grads").EnumerateObject().Select(p => p.Name).ToArray();
        foreach (var key in differentiable) inputs[key].RequiresGrad = true;

        var outputs = Run(op, attrs, inputs, c);
        foreach (var (key, value) in outputs)
            Golden.AssertClose(c.GetProperty("outputs").GetProperty(key), value, $"{name} output {key}");

        var upstream = c.GetProperty("upstream").EnumerateObject().ToDictionary(p => p.Name, p => Golden.Read(p.Value));
        // Running statistics are outputs without gradients; a case with no upstream is a scalar loss.
        var outputNames = upstream.Count == 0 ? outputs.Keys.ToArray() : upstream.Keys.Where(k => outputs[k].RequiresGrad).ToArray();
        var seeds = outputNames.Select(k => upstream.GetValueOrDefault(k) ?? Tensor.Ones(outputs[k].Shape.ToArray())).ToArray();
        var grads = Autograd.Grad(outputNames.Select(k => outputs[k]).ToArray(), differentiable.Select(k => inputs[k]).ToArray(), seeds);
        for (var i = 0; i < differentiable.Length; i++)
            Golden.AssertClose(c.GetProperty("grads").GetProperty(differentiable[i]), grads[i], $"{name} gradient {differentiable[i]}");
    }

    private static Dictionary<string, Tensor> Run(string op, JsonElement attrs, Dictionary<string, Tensor> x, JsonElement c)
    {
        int Attr(string key) => attrs.GetProperty(key).GetInt32();
        Tensor? Optional(string key) => x.GetValueOrDefault(key);
        switch (op)
        {
            case "linear": return new() { ["y"] = Tensor.Linear(x["x"], x["weight"], Optional("bias")) };
            case "matmul": return new() { ["y"] = Tensor.MatMul(x["a"], x["b"]) };
            case "conv2d": return new() { ["y"] = Tensor.Conv2d(x["x"], x["weight"], Optional("bias"), Attr("stride"), Attr("padding")) };
            case "conv_transpose2d": return new() { ["y"] = Tensor.ConvTranspose2d(x["x"], x["weight"], Optional("bias"), Attr("stride"), Attr("padding")) };
            case "batch_norm1d" or "batch_norm2d":
            {
                var training = attrs.GetProperty("training").GetBoolean();
                var (mean, variance) = (x["running_mean"], x["running_var"]);
                var y = Tensor.BatchNorm(x["x"], x["weight"], x["bias"], mean, variance, training,
                    (float)attrs.GetProperty("momentum").GetDouble(), (float)attrs.GetProperty("eps").GetDouble());
                var result = new Dictionary<string, Tensor> { ["y"] = y };
                if (training) { result["running_mean_after"] = mean; result["running_var_after"] = variance; }
                return result;
            }
            case "relu": return new() { ["y"] = x["x"].Relu() };
            case "leaky_relu": return new() { ["y"] = x["x"].LeakyRelu(float.Parse(c.GetProperty("name").GetString()!.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)) };
            case "tanh": return new() { ["y"] = x["x"].Tanh() };
            case "sigmoid": return new() { ["y"] = x["x"].Sigmoid() };
            case "softplus": return new() { ["y"] = x["x"].Softplus() };
            case "exp": return new() { ["y"] = x["x"].Exp() };
            case "log_softmax": return new() { ["y"] = x["x"].LogSoftmax() };
            case "softmax": return new() { ["y"] = x["x"].Softmax() };
            case "upsample_nearest": return new() { ["y"] = x["x"].UpsampleNearest(Attr("scale")) };
            case "bce_with_logits": return new() { ["y"] = Losses.BinaryCrossEntropyWithLogits(x["logits"], x["target"], ParseReduction(attrs)) };
            case "mse": return new() { ["y"] = Losses.MeanSquaredError(x["x"], x["target"], ParseReduction(attrs)) };
            case "cross_entropy":
                return new() { ["y"] = Losses.CrossEntropy(x["logits"], x["target_index"].ToArray().Select(v => (int)v).ToArray(), ParseReduction(attrs)) };
            case "vae_kl": return new() { ["y"] = Losses.GaussianKlDivergence(x["mu"], x["logvar"]) };
            case "gradient_penalty":
            {
                var alpha = x["alpha"];
                var xHat = (alpha * x["real"] + (1f - alpha) * x["fake"]).Detach();
                xHat.RequiresGrad = true;
                var score = Tensor.Linear(Tensor.Linear(xHat, x["W1"], x["b1"]).LeakyRelu(0.2f), x["W2"], x["b2"]);
                var gradient = Autograd.Grad([score], [xHat], [Tensor.Ones(score.Shape.ToArray())], createGraph: true)[0];
                var norm = (gradient * gradient).Sum(1).Sqrt();
                return new() { ["penalty"] = ((norm - 1f).Pow(2f)).Mean() };
            }
            default: throw new InvalidOperationException($"no engine mapping for golden op '{op}'");
        }
    }

    private static Reduction ParseReduction(JsonElement attrs) =>
        attrs.GetProperty("reduction").GetString() == "sum" ? Reduction.Sum : Reduction.Mean;

    private static void CheckOptimizer(string name, JsonElement attrs, Dictionary<string, Tensor> x, JsonElement outputs)
    {
        float F(string key) => (float)attrs.GetProperty(key).GetDouble();
        var parameter = x["start"].Copy();
        parameter.RequiresGrad = true;
        Optimizer optimizer = name switch
        {
            "adam" => new Adam([parameter], F("lr"), Beta(attrs, 0), Beta(attrs, 1), F("eps")),
            "adamw" => new AdamW([parameter], F("lr"), Beta(attrs, 0), Beta(attrs, 1), F("eps"), F("weight_decay")),
            "sgd-momentum-nesterov" => new Sgd([parameter], F("lr"), momentum: F("momentum"), nesterov: attrs.GetProperty("nesterov").GetBoolean()),
            "rmsprop" => new RmsProp([parameter], F("lr"), F("alpha"), F("eps")),
            _ => throw new InvalidOperationException($"no optimiser for golden case '{name}'"),
        };
        for (var step = 0; step < 3; step++)
        {
            parameter.Grad = x[$"grad{step}"];
            optimizer.Step();
            Golden.AssertClose(outputs.GetProperty($"after{step}"), parameter, $"{name} after step {step}");
        }
    }

    private static float Beta(JsonElement attrs, int i) => (float)attrs.GetProperty("betas")[i].GetDouble();
}
