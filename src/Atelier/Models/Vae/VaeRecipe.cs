namespace Atelier.Models.Vae;

/// <summary>
/// A VAE's objective and decoder, resolved from <see cref="ModelOptions"/>: the decoder distribution, and either
/// reconstruction + beta_t KL with beta_t rising linearly to <see cref="Beta"/> over <see cref="KlWarmup"/> steps
/// (beta-VAE; beta 1 and no warm-up is the plain negative ELBO), or, with a <see cref="Capacity"/>, Burgess et al.'s
/// reconstruction + gamma |KL - C_t| with C_t rising linearly to the capacity over <see cref="CapacitySteps"/> steps.
/// </summary>
public sealed record VaeRecipe(VaeDecoder Decoder, float DecoderScale, float Beta, int KlWarmup, float? Capacity, int CapacitySteps, float CapacityGamma, int Classes)
{
    public static VaeRecipe Standard { get; } = From(ModelOptions.Default);

    /// <summary>Decoder outputs per image channel: a logit or mean, and for the learned-scale decoders a log scale.</summary>
    public int OutputsPerChannel => Decoder is VaeDecoder.GaussianLearned or VaeDecoder.Logistic ? 2 : 1;

    public static VaeRecipe From(ModelOptions options)
    {
        var decoder = options.Decoder switch
        {
            null or "bernoulli" => VaeDecoder.Bernoulli,
            "gaussian" => VaeDecoder.Gaussian,
            "gaussian-learned" => VaeDecoder.GaussianLearned,
            "logistic" => VaeDecoder.Logistic,
            var other => throw new ArgumentException($"unknown decoder '{other}'; choose bernoulli, gaussian, gaussian-learned or logistic"),
        };
        var conditional = options.Conditional is not (null or "none" or "false");
        var classes = conditional ? options.Classes ?? 0 : 0;
        if (conditional && classes < 2) throw new ArgumentException($"a conditional VAE needs labelled data with at least 2 classes, got {classes}");
        var recipe = new VaeRecipe(decoder, options.DecoderScale ?? 0.1f, options.Beta ?? 1f, options.KlWarmup ?? 0, options.Capacity,
            options.CapacitySteps ?? 10_000, options.CapacityGamma ?? 1000f, classes);
        if (!(recipe.DecoderScale > 0 && float.IsFinite(recipe.DecoderScale))) throw new ArgumentException($"the decoder scale must be positive, got {recipe.DecoderScale}");
        if (!(recipe.Beta >= 0 && float.IsFinite(recipe.Beta))) throw new ArgumentException($"beta must be 0 or more, got {recipe.Beta}");
        if (recipe.KlWarmup < 0) throw new ArgumentException($"the KL warm-up must be 0 or more steps, got {recipe.KlWarmup}");
        if (recipe.Capacity is float c && !(c >= 0 && float.IsFinite(c))) throw new ArgumentException($"the capacity must be 0 or more nats, got {c}");
        if (recipe.CapacitySteps < 1) throw new ArgumentException($"the capacity steps must be at least 1, got {recipe.CapacitySteps}");
        if (!(recipe.CapacityGamma > 0 && float.IsFinite(recipe.CapacityGamma))) throw new ArgumentException($"the capacity gamma must be positive, got {recipe.CapacityGamma}");
        return recipe;
    }

    /// <summary>The KL weight at optimiser step <paramref name="step"/> (0 for the first step).</summary>
    public float BetaAt(long step) => KlWarmup == 0 ? Beta : Beta * Math.Min(1f, (float)step / KlWarmup);

    /// <summary>The target KL C_t at step <paramref name="step"/>, in nats per image.</summary>
    public float CapacityAt(long step) => (Capacity ?? 0f) * Math.Min(1f, (float)step / CapacitySteps);
}
