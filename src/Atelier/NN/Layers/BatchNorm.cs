namespace Atelier.NN.Layers;

/// <summary>
/// Batch normalisation over the channel axis (axis 1): weight, bias, running_mean, running_var and
/// num_batches_tracked, as PyTorch's BatchNorm1d/2d. Use <see cref="BatchNorm1d"/> or <see cref="BatchNorm2d"/>.
/// </summary>
public abstract class BatchNorm : Module
{
    private readonly int _inputRank;
    private readonly string _layerName;

    private protected BatchNorm(int features, int inputRank, string layerName, float eps, float momentum, bool affine)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), $"{layerName} needs a positive feature count, got {features}");
        (Features, Eps, Momentum, _inputRank, _layerName) = (features, eps, momentum, inputRank, layerName);
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(features));
            Bias = RegisterParameter("bias", Tensor.Zeros(features));
        }
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(features));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([]), isInteger: true);
    }

    public int Features { get; }

    public float Eps { get; }

    public float Momentum { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVar { get; }

    public Tensor NumBatchesTracked { get; }

    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != _inputRank && !(_inputRank == 2 && input.Rank == 3) || input.Dim(1) != Features)
            throw new ArgumentException($"{_layerName}({Features}) expected input (N, {Features}{(_inputRank == 4 ? ", H, W" : "")}), got {ShapeMath.Format(input.Dims)}");
        if (Training) NumBatchesTracked.Data[0] += 1;
        return Tensor.BatchNorm(input, Weight, Bias, RunningMean, RunningVar, Training, Momentum, Eps);
    }
}
