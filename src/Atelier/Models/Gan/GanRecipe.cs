using Atelier.NN;
using Atelier.NN.Augmentation;

namespace Atelier.Models.Gan;

/// <summary>How a GAN is trained: its loss and regularisers, augmentation, conditioning and weight average, resolved from <see cref="ModelOptions"/>.</summary>
public sealed record GanRecipe(
    GanLoss Loss,
    float GradientPenalty,
    float R1,
    float ModeSeeking,
    int CriticSteps,
    AugmentPolicy Augment,
    float AugmentProbability,
    float? AdaTarget,
    bool Ema,
    Conditioning Conditioning,
    int Classes)
{
    /// <summary>The founding document's recipe: non-saturating loss, no penalty or augmentation, a weight average.</summary>
    public static GanRecipe Standard { get; } = From(ModelOptions.Default);

    public static GanRecipe From(ModelOptions options)
    {
        var loss = options.Loss is string name ? GanLosses.Parse(name) : GanLoss.NonSaturating;
        var conditioning = ParseConditioning(options.Conditional);
        var classes = conditioning == Conditioning.None ? 0 : options.Classes ?? 0;
        if (conditioning != Conditioning.None && classes < 2)
            throw new ArgumentException($"a conditional GAN needs labelled data with at least 2 classes, got {classes}");
        var penalty = options.GradientPenalty ?? (loss == GanLoss.Wasserstein ? 10f : 0f);
        var criticSteps = options.CriticSteps ?? (loss == GanLoss.Wasserstein ? 5 : 1);
        var probability = options.AugmentProbability ?? (options.AdaTarget is null ? 1f : 0f);
        var recipe = new GanRecipe(loss, penalty, options.R1 ?? 0f, options.ModeSeeking ?? 0f, criticSteps, DiffAugment.Parse(options.Augment ?? "none"),
            probability, options.AdaTarget, options.Ema ?? true, conditioning, classes);
        recipe.Validate();
        return recipe;
    }

    public static Conditioning ParseConditioning(string? text) => text switch
    {
        null or "none" or "false" => Conditioning.None,
        "projection" or "true" => Conditioning.Projection,
        "concat" => Conditioning.Concat,
        "acgan" => Conditioning.AuxiliaryClassifier,
        _ => throw new ArgumentException($"unknown conditioning '{text}'; choose none, projection, concat or acgan"),
    };

    private void Validate()
    {
        if (!(GradientPenalty >= 0 && float.IsFinite(GradientPenalty))) throw new ArgumentException($"the gradient-penalty weight must be 0 or more, got {GradientPenalty}");
        if (!(R1 >= 0 && float.IsFinite(R1))) throw new ArgumentException($"the R1 weight must be 0 or more, got {R1}");
        if (!(ModeSeeking >= 0 && float.IsFinite(ModeSeeking))) throw new ArgumentException($"the mode-seeking weight must be 0 or more, got {ModeSeeking}");
        if (CriticSteps is < 1 or > 100) throw new ArgumentException($"critic steps must be between 1 and 100, got {CriticSteps}");
        if (!(AugmentProbability is >= 0f and <= 1f)) throw new ArgumentException($"the augmentation probability must be between 0 and 1, got {AugmentProbability}");
        if (AdaTarget is float target && !(target is > 0f and < 1f)) throw new ArgumentException($"the ADA target must be between 0 and 1, e.g. 0.6, got {target}");
        if (AdaTarget is not null && Augment == AugmentPolicy.None) throw new ArgumentException("adaptive augmentation needs an augmentation policy, e.g. augment: color,translation,cutout");
    }
}
