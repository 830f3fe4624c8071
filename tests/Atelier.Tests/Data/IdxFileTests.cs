using System.Buffers.Binary;
using System.IO.Compression;
using Atelier.Data;

namespace Atelier.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atelier-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Idx(uint magic, uint[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }

    private static readonly byte[] Pixels = [.. Enumerable.Range(0, 3 * 2 * 4).Select(i => (byte)(i * 10))];
    private static readonly byte[] ImagesFile = Idx(0x803, [3, 2, 4], Pixels);
    private static readonly byte[] LabelsFile = Idx(0x801, [5], [7, 0, 9, 3, 3]);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private DatasetFormatException AssertImagesFail(byte[] file, string phrase, string name = "bad-idx3-ubyte")
    {
        string path = Write(name, file);
        var ex = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadImages(path));
        Assert.StartsWith(path + ": ", ex.Message);
        Assert.Contains(phrase, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    [Theory]
    [InlineData(false, "tiny-idx3-ubyte")]
    [InlineData(true, "tiny-idx3-ubyte.gz")]
    [InlineData(true, "gzip-without-the-extension")]
    public void Reads_images(bool gzip, string name)
    {
        var images = IdxFile.ReadImages(Write(name, gzip ? Gzip(ImagesFile) : ImagesFile));

        Assert.Equal((3, 2, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(Pixels, images.Pixels);
        Assert.Equal(Pixels[8..16], images.GetImage(1).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_labels(bool gzip) =>
        Assert.Equal(new byte[] { 7, 0, 9, 3, 3 }, IdxFile.ReadLabels(Write("labels", gzip ? Gzip(LabelsFile) : LabelsFile)));

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Reads_from_seekable_and_unseekable_streams(bool gzip, bool seekable)
    {
        byte[] bytes = gzip ? Gzip(ImagesFile) : ImagesFile;
        Stream stream = seekable ? new MemoryStream(bytes) : new UnseekableStream(bytes);

        Assert.Equal(Pixels, IdxFile.ReadImages(stream).Pixels);
    }

    [Fact]
    public void Stream_errors_name_the_stream()
    {
        var ex = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadLabels(new MemoryStream(ImagesFile), "train-labels"));

        Assert.Equal("train-labels", ex.FileName);
        Assert.StartsWith("train-labels: bad magic number 0x00000803", ex.Message);
        Assert.Contains("<stream>", Assert.Throws<DatasetFormatException>(() => IdxFile.ReadLabels(new MemoryStream(ImagesFile))).Message);
    }

    [Fact]
    public void Labels_file_read_as_images_says_so() =>
        AssertImagesFail(LabelsFile, "bad magic number 0x00000801, expected 0x00000803 (IDX images, *-idx3-ubyte); this is a labels file, read it with IdxFile.ReadLabels");

    [Theory]
    [InlineData(0x12345678u, "this is not an IDX file")]
    [InlineData(0x00000802u, "different number of dimensions")]
    [InlineData(0x00000D03u, "element type other than unsigned bytes")]
    public void Wrong_magic(uint magic, string phrase) =>
        AssertImagesFail(Idx(magic, [3, 2, 4], Pixels), phrase);

    [Fact]
    public void Gzip_of_the_wrong_kind_of_file_is_reported_after_decompression()
    {
        string path = Write("labels.gz", Gzip(LabelsFile));

        Assert.Contains("this is a labels file", Assert.Throws<DatasetFormatException>(() => IdxFile.ReadImages(path)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data(bool gzip)
    {
        var truncated = ImagesFile[..^1];

        AssertImagesFail(gzip ? Gzip(truncated) : truncated, "truncated");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(15)]
    public void Truncated_header(int length)
    {
        var ex = AssertImagesFail(ImagesFile[..length], "");
        Assert.True(ex.Problem.Contains("too short for an IDX header") || ex.Problem.Contains("truncated header"), ex.Message);
    }

    [Fact]
    public void Truncated_gzip_stream()
    {
        var gz = Gzip(Idx(0x803, [50, 28, 28], [.. Enumerable.Range(0, 50 * 28 * 28).Select(i => (byte)(i * 7 % 251))]));

        var ex = AssertImagesFail(gz[..(gz.Length / 2)], "", "half.gz");
        Assert.True(ex.Problem.Contains("truncated") || ex.Problem.Contains("corrupt gzip"), ex.Message);
    }

    [Fact]
    public void Corrupt_gzip_checksum()
    {
        var gz = Gzip(ImagesFile);
        gz[^6] ^= 0xFF;   // inside the CRC-32 of the trailer

        AssertImagesFail(gz, "corrupt gzip data", "corrupt.gz");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_garbage(bool gzip)
    {
        byte[] file = [.. ImagesFile, 0];

        AssertImagesFail(gzip ? Gzip(file) : file, "trailing garbage");
    }

    [Theory]
    [InlineData(0u, 2u, 4u, "image count is 0")]
    [InlineData(3u, 0u, 4u, "row count is 0")]
    [InlineData(3u, 2u, 0u, "column count is 0")]
    [InlineData(3u, (1u << 20) + 1, 4u, "row count is 1048577, over the limit of 1048576")]
    [InlineData(0xFFFFFFFFu, 2u, 4u, "image count is 4294967295, over the limit")]
    [InlineData(1u << 20, 1u << 20, 1u << 20, "= 1152921504606846976 bytes of data, over the limit of 2147483591")]
    [InlineData(1u << 20, 1u << 10, 1u << 11, "bytes of data, over the limit")]
    public void Absurd_dimensions(uint count, uint rows, uint columns, string phrase) =>
        AssertImagesFail(Idx(0x803, [count, rows, columns], Pixels), phrase);

    [Fact]
    public void Huge_declared_size_is_checked_against_the_file_before_allocating()
    {
        // Declares 1 GiB of pixels; the file holds 24 bytes.
        var file = Idx(0x803, [1u << 20, 1u << 10, 1u], Pixels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertImagesFail(file, "truncated: the header declares 1073741824 bytes of data but only 24 follow");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void Huge_declared_size_in_a_gzip_file_allocates_only_what_arrives()
    {
        var file = Gzip(Idx(0x803, [1u << 20, 1u << 10, 1u], Pixels));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertImagesFail(file, "truncated: the header declares 1073741824 bytes of data but the file ends after 24", "huge.gz");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 4 << 20);
    }

    [Fact]
    public void Missing_file_is_an_IO_error_not_a_format_error() =>
        Assert.Throws<FileNotFoundException>(() => IdxFile.ReadImages(Path.Combine(_folder, "absent")));

    [Fact]
    public void Bundled_MNIST_subset_reads_as_10000_digits()
    {
        string folder = FindMnistFolder();

        var images = IdxFile.ReadImages(Path.Combine(folder, "mnist-10k-images-idx3-ubyte.gz"));
        var labels = IdxFile.ReadLabels(Path.Combine(folder, "mnist-10k-labels-idx1-ubyte.gz"));

        Assert.Equal((10000, 28, 28), (images.Count, images.Rows, images.Columns));
        Assert.Equal(10000, labels.Length);
        Assert.All(labels, l => Assert.InRange(l, (byte)0, (byte)9));
        Assert.Equal(10, labels.Distinct().Count());
        // Digits are centred in the frame: the outer border is background and the centre is not.
        double centre = 0, border = 0;
        for (int i = 0; i < images.Count; i++)
        {
            var image = images.GetImage(i);
            centre += image[14 * 28 + 14];
            border += image[0] + image[27] + image[27 * 28] + image[27 * 28 + 27];
        }
        Assert.Equal(0, border);
        Assert.True(centre / images.Count > 50, $"mean centre pixel {centre / images.Count}");
    }

    private static string FindMnistFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "mnist");
            if (Directory.Exists(candidate))
                return candidate;
        }
        Assert.Fail($"no data/mnist folder above {AppContext.BaseDirectory}");
        return "";
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
