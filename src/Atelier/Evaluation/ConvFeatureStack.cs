using Atelier.Data;
using Atelier.NN;
using Atelier.NN.Layers;
using Atelier.NN.Optim;

namespace Atelier.Evaluation;

/// <summary>
/// The convolutional trunk Atelier's feature networks share (the classifier's and the feature autoencoder's encoder):
/// four batch-normalised convolutions with ReLU (16, 32, 64, 64 channels; 3x3 stride 1, then 4x4 stride 2 three times),
/// averaged over the image into <see cref="Dimension"/> features, so they recognise content wherever it sits.
/// </summary>
internal static class ConvFeatureStack
{
    public const int Dimension = 64;

    private const int Chunk = 500;
    private const float LearningRate = 2e-3f;

    public static Module[] Layers(int channels, int size, Generator random)
    {
        if (size < 8) throw new ArgumentException($"feature networks read images at least 8 pixels wide, got {size}");
        return
        [
            new Conv2d(channels, 16, 3, random, stride: 1, padding: 1), new BatchNorm2d(16), new ReLU(), // (N, 16, S, S)
            new Conv2d(16, 32, 4, random, stride: 2, padding: 1), new BatchNorm2d(32), new ReLU(),       // (N, 32, S/2, S/2)
            new Conv2d(32, 64, 4, random, stride: 2, padding: 1), new BatchNorm2d(64), new ReLU(),       // (N, 64, S/4, S/4)
            new Conv2d(64, 64, 4, random, stride: 2, padding: 1), new BatchNorm2d(64), new ReLU(),       // (N, 64, S/8, S/8)
            new GlobalAveragePool(),                                                                      // (N, 64)
        ];
    }

    /// <summary>
    /// Trains a feature network with Adam, cosine-decayed from 2e-3, on batches of 64 in the order <paramref name="random"/>
    /// draws, minimising <paramref name="loss"/> of each batch; leaves it in evaluation mode.
    /// </summary>
    public static void Train(Module network, LabelledImages data, Generator random, int epochs, Func<Batch, Tensor> loss)
    {
        var loader = new DataLoader(data, batchSize: Math.Min(64, data.Count));
        var optimizer = new Adam(network.Parameters(), LearningRate);
        var schedule = new CosineDecay(LearningRate, TotalSteps: epochs * loader.BatchesPerEpoch);
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var batch in loader.Epoch(random))
            {
                optimizer.LearningRate = schedule.At(step++);
                optimizer.ZeroGrad();
                using var scope = TensorScope.Begin();
                loss(batch).Backward();
                optimizer.Step();
            }
        }
        network.Eval();
    }

    /// <summary>Maps (N, C, S, S) images chunk by chunk without gradients, after checking their shape.</summary>
    public static Tensor InChunks(Tensor images, int channels, int size, string what, Func<Tensor, Tensor> map)
    {
        if (images.Rank != 4 || images.Dim(1) != channels || images.Dim(2) != size || images.Dim(3) != size)
            throw new ArgumentException($"the {what} reads (N, {channels}, {size}, {size}) images, got {ShapeMath.Format(images.Dims)}");
        using var noGrad = Autograd.NoGrad();
        var chunks = new List<Tensor>();
        for (var start = 0; start < images.Dim(0); start += Chunk)
        {
            using var scope = TensorScope.Begin();
            chunks.Add(map(images.Slice(0, start, Math.Min(Chunk, images.Dim(0) - start))).Copy());
        }
        return Tensor.Concat(chunks, axis: 0);
    }

    /// <summary>
    /// The first 12 hex digits of a SHA-256 over a network's state (names, shapes and values, in order): two feature
    /// networks with the same hash compute the same features, so scores measured with them are comparable.
    /// </summary>
    public static string Hash(Module network)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in network.StateDict().OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{name}{ShapeMath.Format(tensor.Dims)}"));
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(tensor.ToArray().AsSpan()));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
