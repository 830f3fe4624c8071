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
    [InlineData("breed(seed 1, seed 2, seed 7)", typeof(OpaqueRecipe))]
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
    [InlineData("breed(seed 1", "expected ')'")]
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
        Assert.Null(new OpaqueRecipe("breed(seed 1, seed 2, seed 7)").Evaluate(64));
    }
}
