namespace Atelier.NN.Optim;

/// <summary>The learning rate as a function of the step (0-based). Apply with optimizer.LearningRate = schedule.At(step).</summary>
public abstract record LearningRateSchedule
{
    public abstract float At(long step);
}

/// <summary>baseRate * gamma^(step / stepSize), as torch.optim.lr_scheduler.StepLR.</summary>
public sealed record StepDecay(float BaseRate, long StepSize, float Gamma = 0.1f) : LearningRateSchedule
{
    public override float At(long step) => BaseRate * MathF.Pow(Gamma, step / Math.Max(1, StepSize));
}

/// <summary>Cosine annealing from baseRate to minRate over totalSteps, then minRate.</summary>
public sealed record CosineDecay(float BaseRate, long TotalSteps, float MinRate = 0f) : LearningRateSchedule
{
    public override float At(long step)
    {
        var t = Math.Clamp(step / (double)Math.Max(1, TotalSteps), 0, 1);
        return (float)(MinRate + (BaseRate - MinRate) * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }
}

/// <summary>Linear warm-up from 0 to the inner schedule's rate over warmupSteps, then the inner schedule.</summary>
public sealed record LinearWarmup(LearningRateSchedule Inner, long WarmupSteps) : LearningRateSchedule
{
    public override float At(long step) =>
        step < WarmupSteps ? Inner.At(step) * (step + 1) / (float)WarmupSteps : Inner.At(step);
}
