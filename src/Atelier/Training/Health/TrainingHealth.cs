namespace Atelier.Training.Health;

/// <summary>
/// Watches a run for the usual ways training goes wrong and says so once per concern, in plain words with a remedy, until
/// the concern clears: mode collapse (classes or variety lost, duplicates), a discriminator that wins every round, gradient
/// norms far above their usual size, and a VAE whose latent units stop carrying information.
/// </summary>
public sealed class TrainingHealth
{
    // A discriminator "wins" when its mean real output stays above this and its mean fake output below 1 minus it.
    private const double DiscriminatorWinning = 0.95;
    private const int SmoothingSteps = 50;
    private const int SustainedSteps = 200;
    private const double GradientJump = 100;
    private const int GradientHistory = 200;

    private readonly bool _watchDiscriminator;
    private readonly Dictionary<string, bool> _active = [];
    private readonly Dictionary<string, List<double>> _gradientNorms = [];
    private double _dReal = double.NaN, _dFake = double.NaN;
    private int _winningSteps;
    private double _bestDiversity;
    private int _collapsedEpochs;

    /// <param name="watchDiscriminator">Whether D's outputs are probabilities worth watching (not for a Wasserstein critic).</param>
    public TrainingHealth(bool watchDiscriminator, IEnumerable<HealthWarning>? earlier = null)
    {
        _watchDiscriminator = watchDiscriminator;
        Warnings = [.. earlier ?? []];
    }

    /// <summary>Every warning given so far, oldest first.</summary>
    public List<HealthWarning> Warnings { get; }

    /// <summary>After a training step: its figures (d_real, d_fake) and each network's gradient norm. Returns the new warnings.</summary>
    public IReadOnlyList<HealthWarning> AfterStep(long step, int epoch, IReadOnlyDictionary<string, float> losses, IReadOnlyDictionary<string, double> gradientNorms)
    {
        var found = new List<HealthWarning>();
        if (_watchDiscriminator && losses.TryGetValue("d_real", out var real) && losses.TryGetValue("d_fake", out var fake))
        {
            var a = 1.0 / SmoothingSteps;
            (_dReal, _dFake) = double.IsNaN(_dReal) ? (real, fake) : (_dReal + a * (real - _dReal), _dFake + a * (fake - _dFake));
            _winningSteps = _dReal > DiscriminatorWinning && _dFake < 1 - DiscriminatorWinning ? _winningSteps + 1 : 0;
            Report(found, "discriminator too strong", _winningSteps >= SustainedSteps, _winningSteps == 0, step, epoch,
                $"the discriminator wins every round (D(x) ≈ {_dReal:0.00}, D(G(z)) ≈ {_dFake:0.00} for {SustainedSteps} steps), so the generator's gradients carry little",
                "--loss hinge or lsgan, --augment color,translation,cutout (DiffAugment), --spectral-norm true, or --r1 10");
        }
        foreach (var (network, norm) in gradientNorms)
        {
            var history = _gradientNorms.TryGetValue(network, out var h) ? h : _gradientNorms[network] = [];
            var median = history.Count >= 20 ? history.Order().ElementAt(history.Count / 2) : double.NaN;
            var jumped = median > 0 && norm > GradientJump * median;
            Report(found, $"exploding gradients ({network})", jumped, !jumped, step, epoch,
                $"the {network}'s gradient norm jumped to {norm:G3}, {norm / median:0}x its recent median {median:G3}",
                "a lower --lr" + (_watchDiscriminator ? ", --spectral-norm true or --r1 10" : ", or --kl-warmup for a VAE"));
            history.Add(norm);
            if (history.Count > GradientHistory) history.RemoveAt(0);
        }
        return found;
    }

    /// <summary>
    /// At the end of an epoch, from a fixed batch of samples. Collapse is reported when it is seen at two epoch ends in a
    /// row: a young generator's first blobs all look alike for an epoch and then spread out. Returns the new warnings.
    /// </summary>
    public IReadOnlyList<HealthWarning> AfterEpoch(long step, int epoch, SampleSnapshot samples)
    {
        var found = new List<HealthWarning>();
        _bestDiversity = Math.Max(_bestDiversity, samples.Diversity);
        var falling = samples.Diversity < 0.6 * _bestDiversity;
        string?[] findings =
        [
            CollapseMessage(samples),
            samples.DuplicateRate > 0.1 ? $"{Percent(samples.DuplicateRate)} of the samples are near-duplicates of another sample" : null,
            falling ? $"sample variety fell to {Percent(samples.Diversity / _bestDiversity)} of its best (now {Percent(samples.Diversity)} of the real images')" : null,
        ];
        var collapse = findings.Any(f => f is not null) ? string.Join("; ", findings.OfType<string>()) : null;
        _collapsedEpochs = collapse is null ? 0 : _collapsedEpochs + 1;
        Report(found, "mode collapse", _collapsedEpochs >= 2, collapse is null, step, epoch, "mode collapse: " + collapse,
            "a lower learning rate with beta1 0.5 and batch norm in G (--model seed-gan-stable for the MLP GAN), --mode-seeking 1, --spectral-norm true or --loss hinge, or resume from an earlier epoch's checkpoint (--save-every-epoch keeps them)");
        return found;
    }

    /// <summary>At the end of a VAE's epoch, from the held-out images' active latent units. Returns the new warnings.</summary>
    public IReadOnlyList<HealthWarning> AfterVaeEpoch(long step, int epoch, int activeUnits, int latentDim)
    {
        var found = new List<HealthWarning>();
        var collapsed = activeUnits < Math.Max(1, latentDim / 10);
        Report(found, "posterior collapse", collapsed, !collapsed, step, epoch,
            $"posterior collapse: only {activeUnits} of {latentDim} latent units carry information about the image (the decoder ignores z)",
            "--kl-warmup 2000 (let reconstruction lead before the KL term weighs in), --beta 0.5, or --capacity 25 (a KL target)");
        return found;
    }

    /// <summary>Records that training stopped at a non-finite value.</summary>
    public HealthWarning Stopped(long step, int epoch, string message)
    {
        var warning = new HealthWarning("stopped", step, epoch, message, "a lower --lr; the last good checkpoint is kept, so 'atelier resume' can continue from it with new settings");
        Warnings.Add(warning);
        return warning;
    }

    private static string? CollapseMessage(SampleSnapshot s)
    {
        if (s.ClassShares is not { } fake || s.RealClassShares is not { } real) return null;
        var classes = fake.Length;
        var covered = fake.Count(x => x >= 0.4 / classes);
        var realCovered = real.Count(x => x >= 0.4 / classes);
        var top = Array.IndexOf(fake, fake.Max());
        if (covered > realCovered / 2 && fake[top] <= Math.Max(0.5, 3 * real.Max())) return null;
        var name = top < s.ClassNames.Count ? s.ClassNames[top] : top.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"the samples show only {covered} of {classes} classes ({Percent(fake[top])} are '{name}'; real images: {realCovered} classes)";
    }

    private static string Percent(double share) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{share * 100:0}%");

    private void Report(List<HealthWarning> found, string concern, bool problem, bool cleared, long step, int epoch, string message, string remedy)
    {
        var active = _active.GetValueOrDefault(concern);
        if (problem && !active)
        {
            var warning = new HealthWarning(concern, step, epoch, message, remedy);
            found.Add(warning);
            Warnings.Add(warning);
            _active[concern] = true;
        }
        else if (cleared && active) _active[concern] = false;
    }
}
