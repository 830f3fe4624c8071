using Atelier.Data;

namespace Atelier.Tests.Training;

/// <summary>Small IDX files cut from the bundled digits, so that training tests take seconds.</summary>
internal static class TinyDatasets
{
    /// <summary>Writes the first <paramref name="count"/> bundled digits as an IDX image file and returns its path.</summary>
    public static string WriteIdx(string directory, int count)
    {
        var path = Path.Combine(directory, $"digits-{count}-idx3-ubyte");
        var images = Mnist.All.Images;
        using var file = File.Create(path);
        file.Write([0, 0, 8, 3]);
        foreach (var dim in new[] { count, 28, 28 })
            file.Write([(byte)(dim >> 24), (byte)(dim >> 16), (byte)(dim >> 8), (byte)dim]);
        var pixels = images.Data[..(count * 784)];
        foreach (var v in pixels) file.WriteByte((byte)Math.Round(v * 255));
        return path;
    }
}
