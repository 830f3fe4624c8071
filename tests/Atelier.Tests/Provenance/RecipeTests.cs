using Atelier.Creation;
using Atelier.Provenance;

namespace Atelier.Tests.Provenance;

public sealed class RecipeTests
{
    [Theory]
    [InlineData("seed 42", typeof(SeedRecipe))]
    [InlineData("seed -7", typeof(SeedRecipe))]
    [InlineData("seed 42 truncated 0.7", typeof(SeedRecipe))]
    [InlineData("slerp(seed 3, seed 17, 0.3)", typeof(SlerpRecipe))]
    [InlineData("slerp(seed 3, slerp(seed 1, seed 2 truncated 0.5, 0.5), 0.25)", typeof(SlerpRecipe))]
    [InlineData("mix(seed 1, seed 2, seed 7)", typeof(OpaqueRecipe))]
    [InlineData("breed(seed 1, slerp(seed 2, seed 3, 0.5), seed 7, mutation 0.25, uniform)", typeof(BreedRecipe))]
    [InlineData("breed(project(my photo.png, vae mean), seed 2, seed -7, mutation 0, blend)", typeof(BreedRecipe))]
    [InlineData("sum(bookmark(smile, seed 3), -seed 4, seed 7)", typeof(SumRecipe))]
    [InlineData("along(sum(seed 1, -seed 2), smile-2, -1.5)", typeof(AlongRecipe))]
    [InlineData("project(digits/a, b.png, adam 300 steps)", typeof(ProjectRecipe))]
    public void Text_parses_to_a_tree_that_prints_the_same_text(string text, Type kind)
    {
        var recipe = Recipe.Parse(text);
        Assert.IsType(kind, recipe);
        Assert.Equal(text, recipe.ToString());
        Assert.Equal(recipe, Recipe.Parse(recipe.ToString()));
    }

    [Theory]
    [InlineData("", "expected a recipe")]
    [InlineData("seed", "expected a seed")]
    [InlineData("seed x", "expected a seed")]
    [InlineData("slerp(seed 1, seed 2)", "expected ','")]
    [InlineData("slerp(seed 1, seed 2, 0.5", "expected ')'")]
    [InlineData("seed 1 extra", "expected the end of the recipe")]
    [InlineData("mix(seed 1", "expected ')'")]
    [InlineData("breed(seed 1, seed 2, seed 7, mutation 0.1, mixed)", "expected uniform or blend")]
    [InlineData("sum(seed 1, -)", "expected a recipe")]
    public void Malformed_text_is_refused_saying_where(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Recipe.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_slerp_read_back_from_text_makes_the_same_latent_bit_for_bit()
    {
        var (a, b) = (Latents.FromSeed(3, 100), Latents.FromSeed(17, 100));
        foreach (var t in new[] { 0.1f, 1 / 3f, 0.7407408f, 0.019675927f, 0.99f })
        {
            var recipe = Recipe.Parse(new SlerpRecipe(new SeedRecipe(3), new SeedRecipe(17), t).ToString());
            Assert.Equal(Latents.Slerp(a, b, t), recipe.Evaluate(100));
        }
    }

    [Fact]
    public void A_seed_latent_depends_on_the_seed_and_truncation_alone()
    {
        Assert.Equal(Latents.FromSeed(42, 64), new SeedRecipe(42).Evaluate(64));
        Assert.Equal(Latents.FromSeed(42, 64)[..10], Latents.FromSeed(42, 10));
        var truncated = new SeedRecipe(42, 0.5f).Evaluate(64);
        Assert.All(truncated, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.Null(new OpaqueRecipe("mix(seed 1, seed 2, seed 7)").Evaluate(64));
    }

    [Theory]
    [InlineData(Crossover.Uniform)]
    [InlineData(Crossover.Blend)]
    public void A_breed_or_sum_read_back_from_text_makes_the_same_latent_bit_for_bit(Crossover crossover)
    {
        var (a, b) = (Latents.FromSeed(3, 100), Latents.FromSeed(17, 100));
        var child = Recipe.Parse(new BreedRecipe(new SeedRecipe(3), new SeedRecipe(17), 7, 0.3f, crossover).ToString()).Evaluate(100)!;
        Assert.Equal(Breeding.Child(a, b, 7, 0.3f, crossover), child);
        Assert.NotEqual(Breeding.Child(a, b, 8, 0.3f, crossover), child);
        var sum = Recipe.Parse("sum(seed 3, -bookmark(x, seed 17))").Evaluate(100)!;
        Assert.Equal(a.Zip(b, (p, q) => p - q), sum);
    }

    [Fact]
    public void A_uniform_child_without_mutation_takes_every_component_from_a_parent()
    {
        var (a, b) = (Latents.FromSeed(3, 200), Latents.FromSeed(17, 200));
        var child = Breeding.Child(a, b, 7, 0f, Crossover.Uniform);
        Assert.All(Enumerable.Range(0, 200), i => Assert.True(child[i] == a[i] || child[i] == b[i]));
        Assert.InRange(Enumerable.Range(0, 200).Count(i => child[i] == a[i]), 70, 130);
    }
}
