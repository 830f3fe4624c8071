using Atelier.Creation;
using Atelier.Provenance;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>Breeding latents over generations, with their lineage, on a GAN trained for one epoch on a few digits.</summary>
public sealed class BreedingCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-breed-");
    private readonly string _run;

    public BreedingCommandTests()
    {
        _run = P("run");
        CliHarness.Ok("train", "--model", "seed-gan", "--data", TinyDatasets.WriteIdx(_dir.FullName, 40), "--epochs", "1", "--batch", "20", "--out", _run, "--quiet");
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void Breeding_with_a_fixed_seed_is_deterministic_and_regenerates_bit_for_bit()
    {
        CliHarness.Ok("breed", _run, "--parents", "3,17", "--children", "6", "--seed", "7", "--out", P("a.png"), "--quiet");
        CliHarness.Ok("breed", _run, "--parents", "3,17", "--children", "6", "--seed", "7", "--out", P("b.png"), "--quiet");
        CliHarness.Ok("breed", _run, "--parents", "3,17", "--children", "6", "--seed", "8", "--out", P("c.png"), "--quiet");
        CliHarness.Ok("breed", _run, "--parents", "3,17", "--children", "6", "--seed", "7", "--crossover", "blend", "--out", P("d.png"), "--quiet");
        Assert.Equal(File.ReadAllBytes(P("a.png")), File.ReadAllBytes(P("b.png")));
        var (a, c, d) = (ProvenancePng.Read(P("a.png")).Require(), ProvenancePng.Read(P("c.png")).Require(), ProvenancePng.Read(P("d.png")).Require());
        Assert.Equal("breed(seed 3, seed 17, seed 7, mutation 0.2, uniform)", a.Cells[0].Recipe.ToString());
        Assert.Equal(a.Cells[1].Latent, c.Cells[0].Latent); // child i has seed S + i
        Assert.NotEqual(a.Cells[0].Latent, c.Cells[0].Latent);
        Assert.NotEqual(a.Cells[0].Latent, d.Cells[0].Latent);

        CliHarness.Ok("regenerate", P("a.png"), "--out", P("again.png"), "--quiet");
        Assert.Equal(File.ReadAllBytes(P("a.png")), File.ReadAllBytes(P("again.png")));
        CliHarness.Ok("regenerate", $"{P("d.png")}#3", "--out", P("cell.png"), "--quiet");
    }

    [Fact]
    public void The_lineage_lists_every_parent_over_generations_and_keeps_favourites()
    {
        var lineage = P("family/lineage.json");
        CliHarness.Ok("breed", _run, "--parents", "3,17", "--children", "4", "--seed", "1", "--lineage", lineage, "--out", P("gen1.png"), "--quiet");
        // The next generation: two children by lineage id, and one by its cell of the grid (the same latent: no new entry).
        CliHarness.Ok("breed", _run, "--parents", $"{lineage}#2,{lineage}#3,{P("gen1.png")}#3", "--children", "5", "--seed", "9", "--mutation", "0.1",
            "--lineage", lineage, "--out", P("gen2.png"), "--quiet");

        var family = Lineage.Load(lineage);
        Assert.Equal(2 + 4 + 5, family.Entries.Count);
        Assert.Equal(["seed 3", "seed 17"], family.Entries.Where(e => e.Generation == 0).Select(e => e.Recipe));
        Assert.All(family.Entries.Where(e => e.Generation == 1), e => Assert.Equal([0, 1], e.Parents));
        var grandchildren = family.Entries.Where(e => e.Generation == 2).ToList();
        Assert.Equal(5, grandchildren.Count);
        var cells = ProvenancePng.Read(P("gen2.png")).Require().Cells;
        for (var i = 0; i < grandchildren.Count; i++)
        {
            var child = grandchildren[i];
            Assert.Equal($"gen2.png#{i}", child.Image);
            Assert.Equal(cells[i].LatentText, child.Latent);
            Assert.Equal(2, child.Parents.Length);
            Assert.All(child.Parents, p => Assert.Contains(p, new[] { 2, 3, 5 }));
            // The recipe names the same parents as the lineage does, and makes the latent again.
            var recipe = (BreedRecipe)Recipe.Parse(child.Recipe);
            Assert.Equal([family[child.Parents[0]].Recipe, family[child.Parents[1]].Recipe], new[] { recipe.First.ToString(), recipe.Second.ToString() });
            Assert.Equal(cells[i].Latent, recipe.Evaluate(cells[i].Latent.Length));
        }
        Assert.Contains(grandchildren, c => c.Parents.Contains(5));

        CliHarness.Ok("favourite", lineage, "4", "7", "--quiet");
        Assert.Equal([4, 7], Lineage.Load(lineage).Entries.Where(e => e.Favourite).Select(e => e.Id));
        CliHarness.Ok("breed", _run, "--parents", $"{lineage}#favourites", "--children", "2", "--lineage", lineage, "--out", P("gen3.png"), "--quiet");
        Assert.All(Lineage.Load(lineage).Entries.Skip(11), e => Assert.Equal([4, 7], e.Parents));
        Assert.Equal(3, Lineage.Load(lineage).Entries[^1].Generation);
    }

    [Fact]
    public void Bad_breeding_inputs_give_one_line_errors()
    {
        CliHarness.Ok("breed", _run, "--parents", "3,17", "--children", "2", "--lineage", P("lineage.json"), "--out", P("gen1.png"), "--quiet");
        CliHarness.AssertUserError(CliHarness.Run("breed", _run, "--parents", "3", "--out", P("x.png")), "--parents needs at least 2 parents, got 1");
        CliHarness.AssertUserError(CliHarness.Run("breed", _run, "--parents", "3,4", "--crossover", "mixed", "--out", P("x.png")), "--crossover must be uniform or blend");
        CliHarness.AssertUserError(CliHarness.Run("breed", _run, "--parents", "3,4", "--mutation", "2", "--out", P("x.png")), "--mutation must be between 0 and 1");
        CliHarness.AssertUserError(CliHarness.Run("breed", _run, "--parents", $"3,{P("lineage.json")}#99", "--out", P("x.png")), "has no entry #99");
        CliHarness.AssertUserError(CliHarness.Run("breed", _run, "--parents", $"3,{P("lineage.json")}#favourites", "--out", P("x.png")), "has no favourites yet");
        CliHarness.AssertUserError(CliHarness.Run("favourite", P("lineage.json"), "12"), "has no entry #12");
        File.WriteAllText(P("broken.json"), "{ not json");
        CliHarness.AssertUserError(CliHarness.Run("breed", _run, "--parents", $"3,{P("broken.json")}#0", "--out", P("x.png")), "is not a lineage file");
    }
}
