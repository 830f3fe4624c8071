using System.Buffers.Binary;
using Atelier.Imaging;
using Atelier.Kernels;
using Atelier.Provenance;
using Atelier.Tests.Kernels;
using Atelier.Tests.Training;

namespace Atelier.Tests.Cli;

/// <summary>
/// Creating with a trained model: seed-addressed images, keyframe animation, and the provenance every PNG
/// carries (info, regenerate, PNGs as keys), on models trained for one epoch on a few digits.
/// </summary>
[Collection(BackendThreadsCollection.Name)] // the seed test sets Backend.Threads
public sealed class CreationCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("atelier-create-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    private string Trained(string model, string name = "run", long seed = 0)
    {
        var run = P(name);
        var result = CliHarness.Run("train", "--model", model, "--data", TinyDatasets.WriteIdx(_dir.FullName, 60), "--epochs", "1", "--batch", "20",
            "--seed", $"{seed}", "--out", run, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        return run;
    }

    private static float[][] FrameLatents(string apng) => [.. ProvenancePng.Read(apng).Require().Cells.Select(c => c.Latent)];

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b).Sum(p => (double)(p.First - p.Second) * (p.First - p.Second)));

    [Theory]
    [InlineData("seed-gan")]
    [InlineData("dcgan")]
    [InlineData("mlp-vae")]
    public void Seed_42_is_the_same_image_alone_in_a_batch_of_256_and_on_1_or_2_threads(string model)
    {
        var run = Trained(model);
        var saved = Backend.Threads;
        try
        {
            Backend.Threads = 1;
            CliHarness.Ok("sample", run, "--seeds", "42", "--out", P("alone-1"), "--quiet");
            CliHarness.Ok("sample", run, "--seed", "0", "--n", "256", "--out", P("batch-1"), "--quiet");
            Backend.Threads = 2;
            CliHarness.Ok("sample", run, "--seeds", "42", "--out", P("alone-2"), "--quiet");
            CliHarness.Ok("sample", run, "--seeds", "0-255", "--out", P("batch-2"), "--quiet");
        }
        finally
        {
            Backend.Threads = saved;
        }
        var alone = File.ReadAllBytes(Path.Combine(P("alone-1"), "sample-0000.png"));
        Assert.Equal(alone, File.ReadAllBytes(Path.Combine(P("alone-2"), "sample-0000.png")));
        Assert.Equal(alone, File.ReadAllBytes(Path.Combine(P("batch-1"), "sample-0042.png")));
        Assert.Equal(alone, File.ReadAllBytes(Path.Combine(P("batch-2"), "sample-0042.png")));
        Assert.NotEqual(alone, File.ReadAllBytes(Path.Combine(P("batch-2"), "sample-0043.png")));
    }

    [Fact]
    public void Regenerate_rebuilds_every_kind_of_output_bit_for_bit()
    {
        var run = Trained("seed-gan");
        CliHarness.Ok("sample", run, "--seeds", "3,17,42,8,10-12", "--truncation", "0.8", "--out", P("grid.png"), "--quiet");
        CliHarness.Ok("sample", run, "--seeds", "42", "--truncation", "0.8", "--out", P("single"), "--quiet");
        CliHarness.Ok("interpolate", run, "--from", "3", "--to", "17", "--frames", "5", "--out", P("strip.png"), "--quiet");
        CliHarness.Ok("animate", run, "--keys", "3,17,42", "--frames-per-key", "4", "--ease", "smooth", "--out", P("anim.png"), "--quiet");
        CliHarness.Ok("animate", run, "--keys", "3,17,42", "--frames-per-key", "4", "--ease", "smooth", "--out", P("frames"), "--quiet");
        var training = Path.Combine(run, "samples", "epoch-001.png");

        foreach (var file in new[] { P("grid.png"), Path.Combine(P("single"), "sample-0000.png"), P("strip.png"), P("anim.png"), Path.Combine(P("frames"), "frame-0006.png"), training })
        {
            var result = CliHarness.Run("regenerate", file, "--out", P("again.png"));
            Assert.True(result.ExitCode == 0, $"{file}: {result.Error}");
            Assert.Contains("identical", result.Output);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(P("again.png")));
        }
        // One image of a grid or animation comes back as that image alone, as if it had been made alone.
        CliHarness.Ok("regenerate", $"{P("grid.png")}#2", "--out", P("cell.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(P("single"), "sample-0000.png")), File.ReadAllBytes(P("cell.png")));
        CliHarness.Ok("regenerate", $"{P("anim.png")}#6", "--out", P("frame.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(P("frames"), "frame-0006.png")), File.ReadAllBytes(P("frame.png")));
    }

    [Fact]
    public void A_conditional_grid_keeps_each_image_s_class_and_regenerates()
    {
        var run = P("shapes");
        CliHarness.Ok("train", "--model", "dcgan", "--data", "shapes:count=40", "--channels", "3", "--image-size", "32", "--width", "8",
            "--conditional", "projection", "--epochs", "1", "--batch", "10", "--out", run, "--quiet");
        CliHarness.Ok("sample", run, "--n", "10", "--out", P("classes.png"), "--quiet");
        var cells = ProvenancePng.Read(P("classes.png")).Require().Cells;
        Assert.Equal([0, 1, 2, 3, 4, 0, 1, 2, 3, 4], cells.Select(c => c.Class!.Value));
        Assert.Equal("2 triangle", cells[2].ClassText);
        CliHarness.Ok("regenerate", P("classes.png"), "--out", P("again.png"));
        Assert.Equal(File.ReadAllBytes(P("classes.png")), File.ReadAllBytes(P("again.png")));
    }

    [Fact]
    public void A_loop_closes_as_smoothly_as_any_step_and_an_open_path_does_not()
    {
        var run = Trained("seed-gan");
        CliHarness.Ok("animate", run, "--keys", "3,17,42,8", "--frames-per-key", "6", "--loop", "--out", P("loop.png"), "--quiet");
        CliHarness.Ok("animate", run, "--keys", "3,17,42,8", "--frames-per-key", "6", "--out", P("open.png"), "--quiet");

        var loop = FrameLatents(P("loop.png"));
        Assert.Equal(24, loop.Length);
        var steps = loop.Zip(loop.Skip(1)).Select(p => Distance(p.First, p.Second)).ToList();
        var closing = Distance(loop[^1], loop[0]);
        // The closing step is the last step of the segment from key 4 back to key 1: equal in angle to the others of that
        // segment, so equal in length up to the slight change of radius along the arc.
        var lastSegment = steps.Skip(18).ToList();
        Assert.True(closing > 0.95 * lastSegment.Average() && closing < 1.05 * lastSegment.Average(), $"closing step {closing:0.000}, the segment's steps {string.Join(", ", lastSegment.Select(d => d.ToString("0.000")))}");
        Assert.True(closing <= 1.05 * steps.Max(), $"closing step {closing:0.000}, largest step {steps.Max():0.000}");

        var open = FrameLatents(P("open.png"));
        Assert.Equal(19, open.Length);
        Assert.True(Distance(open[^1], open[0]) > 2 * steps.Max(), "an open path ends far from its start");
    }

    [Fact]
    public void An_animated_png_reads_back_frame_by_frame_and_a_gif_is_written_too()
    {
        var run = Trained("seed-gan");
        CliHarness.Ok("animate", run, "--keys", "3,17", "--frames-per-key", "5", "--loop", "--out", P("anim.png"), "--quiet");
        CliHarness.Ok("animate", run, "--keys", "3,17", "--frames-per-key", "5", "--loop", "--out", P("frames"), "--quiet");
        CliHarness.Ok("animate", run, "--keys", "3,17", "--frames-per-key", "5", "--loop", "--out", P("anim.gif"), "--quiet");

        var frames = ApngDecoder.Decode(File.ReadAllBytes(P("anim.png")));
        Assert.Equal(10, frames.Count);
        Assert.Equal(10, Directory.GetFiles(P("frames"), "frame-*.png").Length);
        Assert.Equal(PngDecoder.Decode(Path.Combine(P("frames"), "frame-0000.png")).Pixels, frames[0].Pixels);
        Assert.Equal(PngDecoder.Decode(Path.Combine(P("frames"), "frame-0007.png")).Pixels, frames[7].Pixels);
        Assert.NotEqual(frames[0].Pixels, frames[5].Pixels);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(P("anim.gif")), 0, 6));
    }

    [Fact]
    public void A_png_stands_in_for_a_seed_and_brings_its_recipe()
    {
        var run = Trained("seed-gan");
        CliHarness.Ok("sample", run, "--seeds", "42", "--out", P("single"), "--quiet");
        var photo = Path.Combine(P("single"), "sample-0000.png");
        CliHarness.Ok("sample", run, "--seeds", photo, "--out", P("again"), "--quiet");
        Assert.Equal(File.ReadAllBytes(photo), File.ReadAllBytes(Path.Combine(P("again"), "sample-0000.png")));

        CliHarness.Ok("sample", run, "--seeds", "1-4", "--out", P("grid.png"), "--quiet");
        CliHarness.Ok("animate", run, "--keys", $"3,{P("grid.png")}#1,{photo}", "--frames-per-key", "2", "--out", P("keys.png"), "--quiet");
        var recipes = ProvenancePng.Read(P("keys.png")).Require().Cells.Select(c => c.Recipe.ToString()).ToList();
        Assert.Equal(["seed 3", "slerp(seed 3, seed 2, 0.5)", "seed 2", "slerp(seed 2, seed 42, 0.5)", "seed 42"], recipes);
        CliHarness.Ok("interpolate", run, "--from", $"{P("grid.png")}#0", "--to", photo, "--frames", "3", "--out", P("walk.png"), "--quiet");

        CliHarness.AssertUserError(CliHarness.Run("animate", run, "--keys", $"3,{P("grid.png")}", "--out", P("x.png")), "holds 4 images; pick one as");
        CliHarness.AssertUserError(CliHarness.Run("sample", run, "--seeds", "3,banana", "--out", P("x.png")), "'banana' is not one of seeds");
    }

    [Fact]
    public void Info_prints_the_provenance_and_names_what_is_missing_truncated_or_forged()
    {
        var run = Trained("seed-gan");
        CliHarness.Ok("sample", run, "--seeds", "7,42", "--out", P("grid.png"), "--quiet");
        var info = CliHarness.Run("info", P("grid.png"), "--latents");
        Assert.True(info.ExitCode == 0, info.Error);
        Assert.Contains("#1  seed 42", info.Output);
        Assert.Contains("AI-generated", info.Output);
        Assert.Contains(ModelSource.Sha256Of(Path.Combine(run, "checkpoints", "last.safetensors")), info.Output);
        Assert.Contains("provenance: intact", info.Output);

        var file = File.ReadAllBytes(P("grid.png"));
        var at = file.AsSpan().IndexOf("seed 42"u8);
        var forged = (byte[])file.Clone();
        forged[at + 6] = (byte)'3';
        FixCrcs(forged);
        File.WriteAllBytes(P("forged.png"), forged);
        File.WriteAllBytes(P("cut.png"), file[..(file.AsSpan().IndexOf("atelier:latents"u8) + 40)]);
        PngEncoder.Save(new Image(4, 4, 1), P("plain.png"));

        CliHarness.AssertUserError(CliHarness.Run("info", P("forged.png")), "the checksum does not match");
        CliHarness.AssertUserError(CliHarness.Run("info", P("forged.png")), "image 1's recipe 'seed 43' does not make its stored latent");
        CliHarness.AssertUserError(CliHarness.Run("info", P("cut.png")), "the file is truncated");
        CliHarness.AssertUserError(CliHarness.Run("info", P("cut.png")), "missing atelier:latents, atelier:pixels-sha256, atelier:checksum");
        CliHarness.AssertUserError(CliHarness.Run("info", P("plain.png")), "has no Atelier provenance");
        CliHarness.AssertUserError(CliHarness.Run("info", Path.Combine(run, "config.json")), "not a PNG file");
        CliHarness.AssertUserError(CliHarness.Run("regenerate", P("forged.png")), "the provenance cannot be used");
        CliHarness.AssertUserError(CliHarness.Run("animate", run, "--keys", $"3,{P("forged.png")}#0", "--out", P("x.png")), "the checksum does not match");
    }

    [Fact]
    public void A_checkpoint_with_another_hash_is_reported_not_used()
    {
        var run = Trained("seed-gan");
        var other = Trained("seed-gan", "other", seed: 5);
        CliHarness.Ok("sample", run, "--seeds", "42", "--out", P("photo.png"), "--quiet");

        CliHarness.AssertUserError(CliHarness.Run("regenerate", P("photo.png"), "--run", Path.Combine(other, "checkpoints", "last.safetensors")), "is a different checkpoint");
        CliHarness.Ok("resume", run, "--epochs", "2", "--quiet");
        CliHarness.AssertUserError(CliHarness.Run("regenerate", P("photo.png")), "is not at hand: 1 checkpoint(s) found have other hashes");
        CliHarness.AssertUserError(CliHarness.Run("regenerate", P("photo.png"), "--run", other), "is not at hand");
    }

    /// <summary>Recomputes every chunk's CRC, as a forger editing the text with a PNG tool would.</summary>
    private static void FixCrcs(byte[] file)
    {
        for (var pos = 8; pos < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(pos + 8 + length), Crc32.Compute(file.AsSpan(pos + 4, 4 + length)));
            pos += 12 + length;
        }
    }
}
