using Atelier.NN.Optim;

namespace Atelier.Tests.Optim;

public sealed class OptimizerTests
{
    [Fact]
    public void Clipping_scales_the_global_norm_down_and_reports_it()
    {
        var a = Tensor.Zeros(2);
        var b = Tensor.Zeros(1);
        a.Grad = Tensor.FromArray([3f, 0f], 2);
        b.Grad = Tensor.FromArray([4f], 1);
        var norm = GradientClipping.ClipByNorm([a, b], 1f);
        Assert.Equal(5f, norm, 5);
        Assert.Equal(0.6f, a.Grad.Data[0], 4);
        Assert.Equal(0.8f, b.Grad.Data[0], 4);
        Assert.Equal(1f, GradientClipping.ClipByNorm([a, b], 2f), 4); // under the limit: unchanged
        Assert.Equal(0.6f, a.Grad.Data[0], 4);
    }

    [Fact]
    public void Schedules_follow_their_formulas()
    {
        var step = new StepDecay(0.1f, StepSize: 10, Gamma: 0.5f);
        Assert.Equal(0.1f, step.At(9), 6);
        Assert.Equal(0.05f, step.At(10), 6);
        var cosine = new CosineDecay(1f, TotalSteps: 100, MinRate: 0f);
        Assert.Equal(1f, cosine.At(0), 6);
        Assert.Equal(0.5f, cosine.At(50), 5);
        Assert.Equal(0f, cosine.At(100), 6);
        var warm = new LinearWarmup(new StepDecay(1f, 1000), WarmupSteps: 4);
        Assert.Equal([0.25f, 0.5f, 0.75f, 1f, 1f], Enumerable.Range(0, 5).Select(i => warm.At(i)));
    }

    [Fact]
    public void Optimiser_state_round_trips_and_continues_identically()
    {
        Tensor Run(int steps, Adam? resumeFrom, out Adam optimizer)
        {
            var p = Tensor.FromArray([1f, -2f, 0.5f], 3);
            p.RequiresGrad = true;
            optimizer = new Adam([p], 0.1f);
            if (resumeFrom is not null)
            {
                ((Span<float>)p.Data).Clear();
                resumeFrom.Parameters[0].Data.CopyTo(p.Data);
                optimizer.LoadStateDict(resumeFrom.StateDict());
            }
            for (var i = 0; i < steps; i++)
            {
                optimizer.ZeroGrad();
                (p * p).Sum().Backward();
                optimizer.Step();
            }
            return p;
        }
        var straight = Run(4, null, out _);
        Run(2, null, out var half);
        var resumed = Run(2, half, out var continued);
        Assert.Equal(straight.ToArray(), resumed.ToArray());
        Assert.Equal(4, continued.StepCount);
    }
}
