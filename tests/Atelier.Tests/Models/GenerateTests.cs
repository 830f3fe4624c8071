using Atelier.Models;

namespace Atelier.Tests.Models;

public sealed class GenerateTests
{
    [Theory]
    [InlineData("dcgan")]
    [InlineData("conv-vae")]
    public void A_large_batch_decoded_in_chunks_equals_each_latent_decoded_alone(string name)
    {
        var random = new Generator(2);
        var model = ModelCatalog.Create(name, random);
        var count = GenerativeModel.GenerationChunk * 2 + 5;
        var latents = model.SampleLatents(count, random);

        var images = model.Generate(latents);
        Assert.Equal([count, 1, 28, 28], images.Shape);
        foreach (var index in new[] { 0, GenerativeModel.GenerationChunk - 1, GenerativeModel.GenerationChunk, count - 1 })
        {
            var alone = model.Generate(latents.Slice(0, index, 1));
            Assert.Equal(alone.ToArray(), images.Slice(0, index, 1).ToArray());
        }
    }
}
