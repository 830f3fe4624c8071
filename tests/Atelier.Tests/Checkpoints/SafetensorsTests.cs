using System.Buffers.Binary;
using System.Text;
using Atelier.Checkpoints;

namespace Atelier.Tests.Checkpoints;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atelier-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Header of the hand-built file: 138 bytes of JSON, padded with 6 spaces to 144 (0x90).
    // Tensor "b" is listed first but stored second.
    private const string HandBuiltJson =
        """{"__metadata__":{"format":"pt"},"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";

    private static byte[] HandBuiltFile() =>
    [
        0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        .. Encoding.UTF8.GetBytes(HandBuiltJson), .. "      "u8,
        0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0, // a = [1.0f, -2.5f]
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // b = 7L
    ];

    [Fact]
    public void Hand_built_file_is_read_as_the_spec_describes()
    {
        Assert.Equal(138, HandBuiltJson.Length);
        var contents = SafetensorsFile.Read(new MemoryStream(HandBuiltFile()), HandBuiltFile().Length);

        Assert.Equal(["b", "a"], contents.Tensors.Keys);
        var a = contents.Tensors["a"];
        Assert.Equal(SafetensorsDType.F32, a.DType);
        Assert.Equal([2L], a.Shape);
        Assert.Equal([1.0f, -2.5f], a.ToFloats());
        var b = contents.Tensors["b"];
        Assert.Equal(SafetensorsDType.I64, b.DType);
        Assert.Empty(b.Shape);
        Assert.Equal([7L], b.ToInt64());
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, contents.Metadata);
    }

    [Fact]
    public void Writer_output_matches_hand_built_bytes()
    {
        string path = Path.Combine(_dir, "w.safetensors");
        SafetensorsFile.Write(path,
        [
            new("a", SafetensorsTensor.FromFloats([1.0f, -2.5f], [2])),
            new("b", SafetensorsTensor.FromInt64([7L], [])),
        ], new Dictionary<string, string> { ["format"] = "pt" });

        // The hand-built file with its header entries in data order: compact JSON, metadata first, space padding.
        string json = """{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}""";
        byte[] handBuilt = HandBuiltFile();
        byte[] expected = [.. handBuilt[..8], .. Encoding.UTF8.GetBytes(json), .. handBuilt[(8 + json.Length)..]];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Round_trip_is_bit_exact_and_keeps_order()
    {
        float[] awkward =
        [
            BitConverter.Int32BitsToSingle(0x7FC01234), // quiet NaN with payload
            BitConverter.Int32BitsToSingle(unchecked((int)0xFF800001)), // negative signalling NaN
            -0.0f,
            float.Epsilon, // smallest denormal
            BitConverter.Int32BitsToSingle(0x007FFFFF), // largest denormal
            float.NegativeInfinity,
        ];
        var tensors = new List<KeyValuePair<string, SafetensorsTensor>>
        {
            new("layer.0.weight", SafetensorsTensor.FromFloats(awkward, [2, 3])),
            new("step", SafetensorsTensor.FromInt64([long.MinValue], [])),
            new("empty", SafetensorsTensor.FromFloats([], [0, 4])),
            new("bias", new SafetensorsTensor(SafetensorsDType.BF16, [3], [1, 2, 3, 4, 5, 6])),
            new("mask", new SafetensorsTensor(SafetensorsDType.BOOL, [5], [1, 0, 1, 1, 0])),
            new("ünïcode \"name\"", SafetensorsTensor.FromInt64([1, 2], [2, 1])),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "line\nbreak \"q\" ü" };
        string path = Path.Combine(_dir, "rt.safetensors");

        SafetensorsFile.Write(path, tensors, metadata);
        var read = SafetensorsFile.Read(path);

        Assert.Equal(tensors.Select(t => t.Key), read.Tensors.Keys);
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.DType, read.Tensors[name].DType);
            Assert.Equal(tensor.Shape, read.Tensors[name].Shape);
            Assert.Equal(tensor.Data, read.Tensors[name].Data);
        }
        Assert.Equal(
            awkward.Select(BitConverter.SingleToInt32Bits),
            read.Tensors["layer.0.weight"].ToFloats().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal([long.MinValue], read.Tensors["step"].ToInt64());
        Assert.Equal(metadata, read.Metadata);

        byte[] bytes = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal((byte)'{', bytes[8]);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.EndsWith("}", header.TrimEnd(' '));
        Assert.Equal(8 + (long)headerLength + tensors.Sum(t => t.Value.Data.Length), bytes.Length);
    }

    [Fact]
    public void Empty_and_zero_size_files_are_legal()
    {
        byte[] empty = Build("{}      ");
        Assert.Empty(SafetensorsFile.Read(new MemoryStream(empty), empty.Length).Tensors);

        byte[] zeros = Build(
            "{'a':{'dtype':'F64','shape':[0],'data_offsets':[0,0]},'b':{'dtype':'U8','shape':[3,0,7],'data_offsets':[0,0]}}");
        var contents = SafetensorsFile.Read(new MemoryStream(zeros), zeros.Length);
        Assert.Equal(["a", "b"], contents.Tensors.Keys);
        Assert.All(contents.Tensors.Values, t => Assert.Empty(t.Data));
        Assert.Empty(contents.Metadata);
    }

    [Fact]
    public void Path_and_stream_readers_agree()
    {
        string path = Path.Combine(_dir, "s.safetensors");
        SafetensorsFile.Write(path,
        [
            new("x", SafetensorsTensor.FromFloats([1, 2, 3, 4], [2, 2])),
            new("n", SafetensorsTensor.FromInt64([42], [1])),
        ], new Dictionary<string, string> { ["k"] = "v" });
        byte[] bytes = File.ReadAllBytes(path);

        var fromPath = SafetensorsFile.Read(path);
        using var fileStream = File.OpenRead(path);
        var fromFileStream = SafetensorsFile.Read(fileStream, fileStream.Length);
        // The file embedded at offset 3 of a larger buffer, read from a stream that cannot seek.
        var embedded = new MemoryStream([9, 9, 9, .. bytes, 9, 9]) { Position = 3 };
        var fromEmbedded = SafetensorsFile.Read(new NonSeekableStream(embedded), bytes.Length);

        AssertSame(fromPath, fromFileStream);
        AssertSame(fromPath, fromEmbedded);
        Assert.Equal(3 + bytes.Length, embedded.Position);
    }

    [Fact]
    public void Stream_shorter_than_its_stated_length_is_rejected()
    {
        byte[] bytes = Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}", dataLength: 8);
        var e = Assert.Throws<SafetensorsFormatException>(
            () => SafetensorsFile.Read(new MemoryStream(bytes[..^3]), bytes.Length));
        Assert.Contains("file ended before its stated length", e.Message);
    }

    [Fact]
    public void Failed_write_leaves_the_old_file_and_no_temp_files()
    {
        string path = Path.Combine(_dir, "model.safetensors");
        SafetensorsFile.Write(path, [new("w", SafetensorsTensor.FromFloats([1, 2], [2]))]);
        byte[] before = File.ReadAllBytes(path);

        var bad = new SafetensorsTensor(SafetensorsDType.F32, [2], new byte[7]);
        var e = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, [new("w", bad)]));
        Assert.Contains("needs 8", e.Message);
        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path,
            [new("w", SafetensorsTensor.FromFloats([1], [1])), new("w", SafetensorsTensor.FromFloats([2], [1]))]));
        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, [new("__metadata__", SafetensorsTensor.FromFloats([1], [1]))]));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Write_that_fails_at_the_final_move_removes_its_temp_file()
    {
        string target = Path.Combine(_dir, "occupied");
        Directory.CreateDirectory(target);
        var e = Record.Exception(() => SafetensorsFile.Write(target, [new("w", SafetensorsTensor.FromFloats([1], [1]))]));
        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal([target], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Tensor_helpers_check_dtype_and_shape()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SafetensorsTensor.FromInt64([1], [1]).ToFloats());
        Assert.Contains("I64", e.Message);
        Assert.Contains("BF16", Assert.Throws<InvalidOperationException>(
            () => new SafetensorsTensor(SafetensorsDType.BF16, [1], [0, 0]).ToInt64()).Message);
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromFloats([1, 2, 3], [2, 2]));
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromFloats([], [-1]));
    }

    [Fact]
    public void Dtype_strings_and_sizes_follow_the_spec()
    {
        var expected = new Dictionary<string, int>
        {
            ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2, ["I32"] = 4,
            ["U32"] = 4, ["F32"] = 4, ["F64"] = 8, ["I64"] = 8, ["U64"] = 8, ["F8_E4M3"] = 1, ["F8_E5M2"] = 1,
        };
        Assert.Equal(expected.Count, Enum.GetValues<SafetensorsDType>().Length);
        foreach (var (text, size) in expected)
        {
            Assert.True(SafetensorsDTypeExtensions.TryParseHeaderString(text, out var dtype));
            Assert.Equal(text, dtype.ToHeaderString());
            Assert.Equal(size, dtype.ByteSize());
        }
        foreach (string? text in new[] { "f32", " F32", "9", "", null, "F8_E4M3FN" })
            Assert.False(SafetensorsDTypeExtensions.TryParseHeaderString(text, out _));
        Assert.False(SafetensorsDType.U8.TryGetByteCount([4294967296, 4294967296, 16], out _));
        Assert.True(SafetensorsDType.U8.TryGetByteCount([4294967296, 4294967296, 0], out long zero));
        Assert.Equal(0, zero);
    }

    public static TheoryData<string> MalformedNames => new(Malformed.Keys);

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void Malformed_file_is_rejected_by_the_named_check(string name)
    {
        var (bytes, phrase) = Malformed[name];

        long before = GC.GetAllocatedBytesForCurrentThread();
        var fromStream = Assert.Throws<SafetensorsFormatException>(
            () => SafetensorsFile.Read(new MemoryStream(bytes), bytes.Length));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(phrase, fromStream.Message);
        Assert.StartsWith("<stream>: ", fromStream.Message);
        Assert.DoesNotContain('\n', fromStream.Message);
        Assert.True(allocated < 1_000_000, $"reading a {bytes.Length}-byte file allocated {allocated} bytes");

        string path = Path.Combine(_dir, "bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var fromPath = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Equal($"{path}: {fromStream.Problem}", fromPath.Message);
    }

    [Fact]
    public void Malformed_corpus_has_at_least_30_cases() => Assert.InRange(Malformed.Count, 30, int.MaxValue);

    private static readonly Dictionary<string, (byte[] Bytes, string Phrase)> Malformed = BuildMalformed();

    private static Dictionary<string, (byte[], string)> BuildMalformed()
    {
        const string a8 = "'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}";
        const string b8 = "'b':{'dtype':'F32','shape':[2],'data_offsets':[8,16]}";
        string A(string dtype = "'F32'", string shape = "[2]", string offsets = "[0,8]") =>
            $"{{'a':{{'dtype':{dtype},'shape':{shape},'data_offsets':{offsets}}}}}";
        byte[] Lie(ulong length, int actualHeaderBytes) => [.. LittleEndian(length), .. new byte[actualHeaderBytes]];

        return new()
        {
            // Length prefix
            ["empty file"] = ([], "shorter than the 8-byte header length field"),
            ["7-byte file"] = ([1, 0, 0, 0, 0, 0, 0], "shorter than the 8-byte header length field"),
            ["header length 0"] = (LittleEndian(0), "header length is 0"),
            ["header length 0 with data"] = ([.. LittleEndian(0), .. "{}      "u8], "header length is 0"),
            ["header length larger than the file"] = (Lie(1000, 10), "is larger than the file"),
            ["header cut short"] = (Build("{" + a8 + "}", 8)[..30], "is larger than the file"),
            ["header length just past the file"] = ([.. LittleEndian(3), .. "{}"u8], "is larger than the file"),
            ["header length over the cap"] = (Lie(100_000_001, 16), "exceeds the cap of 100000000 bytes"),
            ["header length 2^64-1"] = (Lie(ulong.MaxValue, 16), "exceeds the cap of 100000000 bytes"),

            // Header text
            ["invalid UTF-8"] = (Build([.. "{\"a"u8, 0xFF, .. "\":{}}"u8]), "header is not valid UTF-8"),
            ["overlong UTF-8 encoding"] = (Build([.. "{\""u8, 0xC0, 0xAF, .. "\":{}}"u8]), "header is not valid UTF-8"),
            ["not JSON"] = (Build("{hello}"), "header is not valid JSON"),
            ["truncated JSON"] = (Build("{'a':"), "header is not valid JSON"),
            ["trailing comma"] = (Build("{" + a8 + ",}", 8), "header is not valid JSON"),
            ["two JSON values"] = (Build("{}{}"), "header is not valid JSON"),
            ["JSON array"] = (Build("[1,2]"), "header is a JSON Array, not an object"),
            ["JSON string"] = (Build("'{}'"), "header is a JSON String, not an object"),
            ["leading whitespace"] = (Build(" {}"), "header does not start with '{'"),

            // Tensor entries
            ["duplicate tensor name"] = (Build("{" + a8 + "," + a8 + "}", 8), "duplicate tensor name 'a'"),
            ["duplicate tensor name via escape"] = (Build("{" + a8 + ",'\\u0061':{}}", 8), "duplicate tensor name 'a'"),
            ["duplicate __metadata__"] = (Build("{'__metadata__':{},'__metadata__':{}}"), "duplicate tensor name '__metadata__'"),
            ["tensor entry is a number"] = (Build("{'a':5}"), "tensor 'a' entry is a JSON Number, not an object"),
            ["tensor entry is null"] = (Build("{'a':null}"), "tensor 'a' entry is a JSON Null, not an object"),
            ["missing dtype"] = (Build("{'a':{'shape':[2],'data_offsets':[0,8]}}", 8), "is missing \"dtype\""),
            ["missing shape"] = (Build("{'a':{'dtype':'F32','data_offsets':[0,8]}}", 8), "is missing \"shape\""),
            ["missing data_offsets"] = (Build("{'a':{'dtype':'F32','shape':[2]}}", 8), "is missing \"data_offsets\""),
            ["extra key"] = (Build("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8],'offset':0}}", 8), "has unexpected key 'offset'"),
            ["duplicate key in entry"] = (Build("{'a':{'dtype':'F32','dtype':'F32','shape':[2],'data_offsets':[0,8]}}", 8),
                "has duplicate key 'dtype'"),
            ["dtype is a number"] = (Build(A(dtype: "4"), 8), "dtype is a JSON Number, not a string"),
            ["unknown dtype"] = (Build(A(dtype: "'F4'"), 8), "has unknown dtype 'F4'"),
            ["lower-case dtype"] = (Build(A(dtype: "'f32'"), 8), "has unknown dtype 'f32'"),

            // Shapes
            ["shape is a number"] = (Build(A(shape: "2"), 8), "shape is a JSON Number, not an array"),
            ["negative dimension"] = (Build(A(shape: "[-2]"), 8), "has a negative dimension: -2"),
            ["fractional dimension"] = (Build(A(shape: "[2.5]"), 8), "has a dimension that is not a 64-bit integer: 2.5"),
            ["dimension in exponent form"] = (Build(A(shape: "[2e0]"), 8), "has a dimension that is not a 64-bit integer"),
            ["dimension beyond 64 bits"] = (Build(A(shape: "[18446744073709551616]"), 8), "has a dimension that is not a 64-bit integer"),
            ["dimension is a string"] = (Build(A(shape: "['2']"), 8), "has a dimension that is a JSON String, not a number"),
            ["shape product overflows"] = (Build(A(dtype: "'U8'", shape: "[4294967296,4294967296,16]"), 8),
                "overflows a 64-bit byte count"),
            ["shape times dtype size overflows"] = (Build(A(dtype: "'F64'", shape: "[2305843009213693952]"), 8),
                "overflows a 64-bit byte count"),
            ["shape does not match range"] = (Build(A(shape: "[4,5]", offsets: "[0,96]"), 96),
                "has data_offsets [0, 96] but shape [4, 5] x F32 needs 80 bytes"),

            // Offsets
            ["three offsets"] = (Build(A(offsets: "[0,8,16]"), 8), "data_offsets is not an array of exactly 2 integers"),
            ["one offset"] = (Build(A(offsets: "[8]"), 8), "data_offsets is not an array of exactly 2 integers"),
            ["offsets is an object"] = (Build(A(offsets: "{'begin':0}"), 8), "data_offsets is not an array of exactly 2 integers"),
            ["negative offset"] = (Build(A(offsets: "[-8,0]"), 8), "has a negative data offset: -8"),
            ["non-integer offset"] = (Build(A(offsets: "[0,8.5]"), 8), "has a data offset that is not a 64-bit integer: 8.5"),
            ["offset is a string"] = (Build(A(offsets: "['0',8]"), 8), "has a data offset that is a JSON String, not a number"),
            ["inverted offsets"] = (Build(A(offsets: "[8,0]"), 8), "has data_offsets [8, 0] with begin after end"),

            // Layout of the data section
            ["overlapping ranges"] = (Build("{" + a8 + ",'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", 12),
                "overlap tensor 'a' which ends at 8"),
            ["zero-size tensor inside another"] = (Build("{" + a8 + ",'z':{'dtype':'F32','shape':[0],'data_offsets':[4,4]}}", 8),
                "overlap tensor 'a' which ends at 8"),
            ["hole between ranges"] = (Build("{" + a8 + ",'b':{'dtype':'F32','shape':[2],'data_offsets':[12,20]}}", 20),
                "gap of 4 bytes between tensor 'a' and tensor 'b'"),
            ["range not starting at 0"] = (Build(A(offsets: "[4,12]"), 12), "data section does not start at 0"),
            ["trailing bytes"] = (Build("{" + a8 + "}", 9), "trailing bytes: tensors end at 8 but the data section is 9 bytes"),
            ["no tensors but data"] = (Build("{}", 4), "trailing bytes: tensors end at 0"),
            ["data past the end of the file"] = (Build("{" + a8 + "," + b8 + "}", 12), "run past the end of the file"),
            ["data cut short"] = (Build("{" + a8 + "}", 8)[..^1], "run past the end of the file"),

            // Metadata
            ["metadata value is a number"] = (Build("{'__metadata__':{'epoch':3}}"),
                "__metadata__ value for 'epoch' is a JSON Number, not a string"),
            ["metadata is an array"] = (Build("{'__metadata__':['x']}"), "__metadata__ is a JSON Array, not an object"),
            ["duplicate metadata key"] = (Build("{'__metadata__':{'k':'1','k':'2'}}"), "duplicate __metadata__ key 'k'"),

            // The message stays on one line even when the name does not.
            ["name with a line break"] = (Build("{'bad\\nname':{'dtype':'F32','shape':[3],'data_offsets':[0,8]}}", 8),
                "tensor 'bad\\u000aname' has data_offsets [0, 8]"),
        };
    }

    /// <summary>A file whose header is <paramref name="json"/> (single quotes become double quotes), unpadded.</summary>
    private static byte[] Build(string json, int dataLength = 0) =>
        Build(Encoding.UTF8.GetBytes(json.Replace('\'', '"')), dataLength);

    private static byte[] Build(byte[] header, int dataLength = 0) =>
        [.. LittleEndian((ulong)header.Length), .. header, .. Enumerable.Range(0, dataLength).Select(i => (byte)i)];

    private static byte[] LittleEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static void AssertSame(SafetensorsContents expected, SafetensorsContents actual)
    {
        Assert.Equal(expected.Tensors.Keys, actual.Tensors.Keys);
        foreach (var (name, tensor) in expected.Tensors)
        {
            Assert.Equal(tensor.DType, actual.Tensors[name].DType);
            Assert.Equal(tensor.Shape, actual.Tensors[name].Shape);
            Assert.Equal(tensor.Data, actual.Tensors[name].Data);
        }
        Assert.Equal(expected.Metadata, actual.Metadata);
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 5));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
