namespace Atelier.NN;

/// <summary>
/// Adversarial losses from discriminator logits, and the gradient regularisers (WGAN-GP, R1) that
/// differentiate the discriminator twice. Every loss is a scalar averaged over the batch.
/// </summary>
public static class GanLosses
{
    private static readonly (string Name, GanLoss Loss)[] Names =
    [
        ("non-saturating", GanLoss.NonSaturating),
        ("bce", GanLoss.NonSaturating),
        ("lsgan", GanLoss.LeastSquares),
        ("hinge", GanLoss.Hinge),
        ("wgan-gp", GanLoss.Wasserstein),
        ("wasserstein", GanLoss.Wasserstein),
    ];

    /// <summary>
    /// The discriminator's loss for logits on real images r and on generated images f, (N, 1) or (N):
    /// NonSaturating mean(softplus(-r)) + mean(softplus(f)); LeastSquares 0.5 mean((r - 1)^2) + 0.5 mean(f^2);
    /// Hinge mean(relu(1 - r)) + mean(relu(1 + f)); Wasserstein mean(f) - mean(r).
    /// </summary>
    public static Tensor Discriminator(GanLoss loss, Tensor realLogits, Tensor fakeLogits)
    {
        CheckLogits(realLogits, "real");
        CheckLogits(fakeLogits, "fake");
        return loss switch
        {
            GanLoss.NonSaturating => (-realLogits).Softplus().Mean() + fakeLogits.Softplus().Mean(),
            GanLoss.LeastSquares => ((realLogits - 1f).Pow(2f).Mean() + fakeLogits.Pow(2f).Mean()) * 0.5f,
            GanLoss.Hinge => (1f - realLogits).Relu().Mean() + (1f + fakeLogits).Relu().Mean(),
            GanLoss.Wasserstein => fakeLogits.Mean() - realLogits.Mean(),
            _ => throw Unknown(loss),
        };
    }

    /// <summary>
    /// The generator's loss for the discriminator's logits f on generated images: NonSaturating mean(softplus(-f));
    /// LeastSquares 0.5 mean((f - 1)^2); Hinge and Wasserstein -mean(f).
    /// </summary>
    public static Tensor Generator(GanLoss loss, Tensor fakeLogits)
    {
        CheckLogits(fakeLogits, "fake");
        return loss switch
        {
            GanLoss.NonSaturating => (-fakeLogits).Softplus().Mean(),
            GanLoss.LeastSquares => (fakeLogits - 1f).Pow(2f).Mean() * 0.5f,
            GanLoss.Hinge or GanLoss.Wasserstein => -fakeLogits.Mean(),
            _ => throw Unknown(loss),
        };
    }

    /// <summary>
    /// The mode-seeking regulariser of MSGAN (Mao et al. 2019) for a batch whose first half and second half are pairs
    /// (sample i and sample i + N/2 share a condition): 1 / (mean|x_i - x_j| / mean|z_i - z_j| + 1e-5). The generator
    /// minimises it, which rewards images that move as much as their latents do and so works against a generator
    /// that draws the same image whatever z is. An odd last sample is left out.
    /// </summary>
    public static Tensor ModeSeeking(Tensor images, Tensor latents)
    {
        var pairs = images.Dim(0) / 2;
        if (pairs < 1 || latents.Dim(0) != images.Dim(0))
            throw new ArgumentException($"mode seeking needs at least 2 images and one latent per image, got {images.Dim(0)} images and {latents.Dim(0)} latents");
        var imageDistance = (images.Slice(0, 0, pairs) - images.Slice(0, pairs, pairs)).Abs().Mean();
        float latentDistance;
        using (Autograd.NoGrad())
            latentDistance = (latents.Slice(0, 0, pairs) - latents.Slice(0, pairs, pairs)).Abs().Mean().Item();
        return 1f / (imageDistance * (1f / latentDistance) + 1e-5f);
    }

    /// <summary>Reads "non-saturating" (or "bce"), "lsgan", "hinge", "wgan-gp" (or "wasserstein"), ignoring case.</summary>
    public static GanLoss Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        foreach (var (candidate, loss) in Names)
            if (candidate == key) return loss;
        throw new ArgumentException($"unknown GAN loss '{name}': use one of {string.Join(", ", Names.Select(n => n.Name))}", nameof(name));
    }

    /// <summary>The canonical name <see cref="Parse"/> reads back: "non-saturating", "lsgan", "hinge" or "wgan-gp".</summary>
    public static string Name(GanLoss loss) => loss switch
    {
        GanLoss.NonSaturating => "non-saturating",
        GanLoss.LeastSquares => "lsgan",
        GanLoss.Hinge => "hinge",
        GanLoss.Wasserstein => "wgan-gp",
        _ => throw Unknown(loss),
    };

    /// <summary>
    /// The WGAN-GP penalty mean_i (||d critic(x̂) / d x̂_i||_2 - 1)^2 at x̂_i = a_i real_i + (1 - a_i) fake_i, with one
    /// a_i ~ U(0, 1) per sample drawn from <paramref name="random"/> in sample order, and the norm over all of a
    /// sample's other axes. Both images are detached; the gradient is built as a graph, so Backward() of the
    /// result reaches the critic's parameters. Multiply by lambda (10 in the paper).
    /// </summary>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator random)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(random);
        if (!ShapeMath.SameShape(real.Dims, fake.Dims) || real.Rank < 2 || real.Dims[0] == 0)
            throw new ArgumentException($"gradient penalty: real {ShapeMath.Format(real.Dims)} and fake {ShapeMath.Format(fake.Dims)} must be the same non-empty batch shape (N, ...)");
        var alphaShape = new int[real.Rank];
        Array.Fill(alphaShape, 1);
        alphaShape[0] = real.Dims[0];
        var alpha = Tensor.Uniform(alphaShape, random); // (N, 1, ...)
        Tensor mixed;
        using (Autograd.NoGrad()) mixed = alpha * real.Detach() + (1f - alpha) * fake.Detach(); // (N, C, H, W)
        mixed.RequiresGrad = true;
        var norms = PerSampleSquaredNorm(InputGradient(critic, mixed, "gradient penalty")); // (N)
        // The tiny floor keeps the square root differentiable where a critic is flat (a zero gradient).
        return ((norms + 1e-12f).Sqrt() - 1f).Pow(2f).Mean();
    }

    /// <summary>
    /// The R1 penalty mean_i ||d D(real) / d real_i||^2 at the real images, its graph kept so that Backward()
    /// reaches the discriminator's parameters. Multiply by gamma / 2.
    /// </summary>
    public static Tensor R1Penalty(Func<Tensor, Tensor> discriminator, Tensor real)
    {
        ArgumentNullException.ThrowIfNull(discriminator);
        if (real.Rank < 2 || real.Dims[0] == 0)
            throw new ArgumentException($"R1 penalty: real images must be a non-empty batch (N, ...), got {ShapeMath.Format(real.Dims)}");
        var x = real.Detach(); // a leaf of its own, whatever real is attached to
        x.RequiresGrad = true;
        return PerSampleSquaredNorm(InputGradient(discriminator, x, "R1 penalty")).Mean();
    }

    /// <summary>d sum(f(x)) / d x as a differentiable graph.</summary>
    private static Tensor InputGradient(Func<Tensor, Tensor> f, Tensor x, string penalty)
    {
        var output = f(x);
        if (!output.RequiresGrad)
            throw new ArgumentException($"{penalty}: the discriminator's output {ShapeMath.Format(output.Dims)} does not depend on its input (or was computed under NoGrad), so there is no gradient to penalise");
        return Autograd.Grad([output], [x], [Tensor.Ones(output.Dims)], createGraph: true)[0];
    }

    private static Tensor PerSampleSquaredNorm(Tensor gradient)
    {
        var flat = gradient.Reshape(gradient.Dims[0], -1); // (N, C*H*W)
        return (flat * flat).Sum(1); // (N)
    }

    private static void CheckLogits(Tensor logits, string which)
    {
        if (logits.Size == 0 || logits.Rank > 2 || logits.Rank == 2 && logits.Dims[1] != 1)
            throw new ArgumentException($"GAN loss: {which} logits must be a non-empty (N, 1) or (N) tensor, got {ShapeMath.Format(logits.Dims)}");
    }

    private static ArgumentOutOfRangeException Unknown(GanLoss loss) =>
        new(nameof(loss), $"unknown GAN loss {(int)loss}: use one of {string.Join(", ", Enum.GetNames<GanLoss>())}");
}
