using Atelier.IO;
using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Atelier.Checkpoints;

/// <summary>
/// Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length N,
/// N bytes of UTF-8 JSON, then the data section. The reader validates every field before it
/// trusts it and throws <see cref="SafetensorsFormatException"/> naming the failed check.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Largest header the reader accepts, in bytes.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private sealed record Entry(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End);

    /// <summary>Reads and validates the safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="SafetensorsFormatException">The file is malformed; the message names the check.</exception>
    public static SafetensorsContents Read(string path)
    {
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        return Read(stream, stream.Length, path);
    }

    /// <summary>
    /// Reads and validates a safetensors file of <paramref name="length"/> bytes starting at the
    /// current position of <paramref name="stream"/>, which need not be seekable.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">The data is malformed or the stream ends early.</exception>
    public static SafetensorsContents Read(Stream stream, long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Read(stream, length, stream is FileStream fs ? fs.Name : "<stream>");
    }

    private static SafetensorsContents Read(Stream stream, long length, string file)
    {
        if (length < 8)
            throw Fail(file, $"file is {length} bytes, shorter than the 8-byte header length field");
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, file);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength == 0)
            throw Fail(file, "header length is 0");
        if (headerLength > MaxHeaderLength)
            throw Fail(file, $"header length {headerLength} exceeds the cap of {MaxHeaderLength} bytes");
        if (headerLength > (ulong)(length - 8))
            throw Fail(file,
                $"header length {headerLength} is larger than the file ({length - 8} bytes after the length field)");

        var header = new byte[headerLength];
        ReadExactly(stream, header, file);
        var (entries, metadata) = ParseHeader(header, file);
        long dataLength = length - 8 - (long)headerLength;
        var order = CheckTiling(entries, dataLength, file);

        // Every range is now inside the data section and they tile it, so these buffers add up
        // to exactly the bytes left in the file.
        var buffers = new byte[entries.Count][];
        foreach (int i in order)
        {
            long size = entries[i].End - entries[i].Begin;
            if (size > Array.MaxLength)
                throw Fail(file, $"tensor {Quote(entries[i].Name)} is {size} bytes, more than one array can hold");
            buffers[i] = size == 0 ? [] : new byte[size];
            ReadExactly(stream, buffers[i], file);
        }

        var tensors = new OrderedDictionary<string, SafetensorsTensor>(entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
            tensors.Add(entries[i].Name, new SafetensorsTensor(entries[i].DType, entries[i].Shape, buffers[i]));
        return new SafetensorsContents(
            new ReadOnlyDictionary<string, SafetensorsTensor>(tensors), new ReadOnlyDictionary<string, string>(metadata));
    }

    private static (List<Entry>, OrderedDictionary<string, string>) ParseHeader(byte[] header, string file)
    {
        if (!Utf8.IsValid(header))
            throw Fail(file, "header is not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw Fail(file, $"header is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail(file, $"header is a JSON {root.ValueKind}, not an object");
            // JSON allows leading whitespace; the safetensors spec does not.
            if (header[0] != (byte)'{')
                throw Fail(file, "header does not start with '{'");

            var entries = new List<Entry>();
            var metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                // JsonDocument keeps duplicate keys instead of rejecting them.
                if (!names.Add(property.Name))
                    throw Fail(file, $"duplicate tensor name {Quote(property.Name)}");
                if (property.Name == MetadataKey)
                    ParseMetadata(property.Value, metadata, file);
                else
                    entries.Add(ParseEntry(property.Name, property.Value, file));
            }
            return (entries, metadata);
        }
    }

    private static void ParseMetadata(JsonElement value, OrderedDictionary<string, string> metadata, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(file, $"{MetadataKey} is a JSON {value.ValueKind}, not an object");
        foreach (var pair in value.EnumerateObject())
        {
            if (pair.Value.ValueKind != JsonValueKind.String)
                throw Fail(file, $"{MetadataKey} value for {Quote(pair.Name)} is a JSON {pair.Value.ValueKind}, not a string");
            if (!metadata.TryAdd(pair.Name, pair.Value.GetString()!))
                throw Fail(file, $"duplicate {MetadataKey} key {Quote(pair.Name)}");
        }
    }

    private static Entry ParseEntry(string name, JsonElement value, string file)
    {
        string tensor = $"tensor {Quote(name)}";
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(file, $"{tensor} entry is a JSON {value.ValueKind}, not an object");
        var fields = new Dictionary<string, JsonElement>(3, StringComparer.Ordinal);
        foreach (var field in value.EnumerateObject())
        {
            if (field.Name is not ("dtype" or "shape" or "data_offsets"))
                throw Fail(file, $"{tensor} has unexpected key {Quote(field.Name)}");
            if (!fields.TryAdd(field.Name, field.Value))
                throw Fail(file, $"{tensor} has duplicate key {Quote(field.Name)}");
        }
        JsonElement Require(string key) =>
            fields.TryGetValue(key, out var v) ? v : throw Fail(file, $"{tensor} is missing \"{key}\"");
        var dtypeValue = Require("dtype");
        var shapeValue = Require("shape");
        var offsetsValue = Require("data_offsets");

        if (dtypeValue.ValueKind != JsonValueKind.String)
            throw Fail(file, $"{tensor} dtype is a JSON {dtypeValue.ValueKind}, not a string");
        if (!SafetensorsDTypeExtensions.TryParseHeaderString(dtypeValue.GetString(), out var type))
            throw Fail(file, $"{tensor} has unknown dtype {Quote(dtypeValue.GetString()!)}");

        if (shapeValue.ValueKind != JsonValueKind.Array)
            throw Fail(file, $"{tensor} shape is a JSON {shapeValue.ValueKind}, not an array");
        var dims = new long[shapeValue.GetArrayLength()];
        int n = 0;
        foreach (var dim in shapeValue.EnumerateArray())
            dims[n++] = ReadNonNegative(dim, tensor, "dimension", file);

        if (offsetsValue.ValueKind != JsonValueKind.Array || offsetsValue.GetArrayLength() != 2)
            throw Fail(file, $"{tensor} data_offsets is not an array of exactly 2 integers");
        long begin = ReadNonNegative(offsetsValue[0], tensor, "data offset", file);
        long end = ReadNonNegative(offsetsValue[1], tensor, "data offset", file);
        if (begin > end)
            throw Fail(file, $"{tensor} has data_offsets [{begin}, {end}] with begin after end");

        string described = $"shape {FormatShape(dims)} x {type.ToHeaderString()}";
        if (!type.TryGetByteCount(dims, out long needed))
            throw Fail(file, $"{tensor} {described} overflows a 64-bit byte count");
        if (end - begin != needed)
            throw Fail(file, $"{tensor} has data_offsets [{begin}, {end}] but {described} needs {needed} bytes");
        return new Entry(name, type, dims, begin, end);
    }

    private static long ReadNonNegative(JsonElement element, string tensor, string what, string file)
    {
        if (element.ValueKind != JsonValueKind.Number)
            throw Fail(file, $"{tensor} has a {what} that is a JSON {element.ValueKind}, not a number");
        if (!element.TryGetInt64(out long value))
            throw Fail(file, $"{tensor} has a {what} that is not a 64-bit integer: {Truncate(element.GetRawText())}");
        if (value < 0)
            throw Fail(file, $"{tensor} has a negative {what}: {value}");
        return value;
    }

    /// <summary>Checks that the ranges, sorted by begin, cover the data section exactly; returns that order.</summary>
    private static int[] CheckTiling(List<Entry> entries, long dataLength, string file)
    {
        var order = Enumerable.Range(0, entries.Count)
            .OrderBy(i => entries[i].Begin).ThenBy(i => entries[i].End).ToArray();
        long expected = 0;
        Entry? previous = null;
        foreach (int i in order)
        {
            var e = entries[i];
            if (e.Begin < expected)
                throw Fail(file, $"tensor {Quote(e.Name)} data_offsets [{e.Begin}, {e.End}] overlap tensor "
                    + $"{Quote(previous!.Name)} which ends at {expected}");
            if (e.Begin > expected)
                throw Fail(file, previous is null
                    ? $"data section does not start at 0: first tensor {Quote(e.Name)} begins at {e.Begin}"
                    : $"gap of {e.Begin - expected} bytes between tensor {Quote(previous.Name)} and tensor {Quote(e.Name)}");
            if (e.End > dataLength)
                throw Fail(file, $"tensor {Quote(e.Name)} data_offsets [{e.Begin}, {e.End}] run past the end of the file "
                    + $"(data section is {dataLength} bytes)");
            expected = e.End;
            previous = e;
        }
        if (expected != dataLength)
            throw Fail(file, $"trailing bytes: tensors end at {expected} but the data section is {dataLength} bytes");
        return order;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> in the given order, with optional <paramref name="metadata"/>,
    /// atomically: the data goes to a temporary file in the same folder that is flushed to disk and
    /// then moved over <paramref name="path"/>. On failure the old file is left untouched.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A name is repeated or reserved, or a tensor's data length does not match its shape and dtype.
    /// </exception>
    public static void Write(
        string path,
        IEnumerable<KeyValuePair<string, SafetensorsTensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        byte[] header = BuildHeader(list, metadata);

        AtomicFile.Write(path, stream =>
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
            stream.Write(prefix);
            stream.Write(header);
            foreach (var (_, tensor) in list)
                stream.Write(tensor.Data);
        });
    }

    private static byte[] BuildHeader(
        List<KeyValuePair<string, SafetensorsTensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    if (value is null)
                        throw new ArgumentException($"Metadata value for {Quote(key)} is null.", nameof(metadata));
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                if (name is null || name == MetadataKey || !names.Add(name))
                    throw new ArgumentException(
                        $"Tensor name {Quote(name ?? "(null)")} is null, reserved or repeated.", nameof(tensors));
                ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
                string described = $"shape {FormatShape(tensor.Shape)} x {tensor.DType.ToHeaderString()}";
                if (!tensor.DType.TryGetByteCount(tensor.Shape, out long needed))
                    throw new ArgumentException(
                        $"Tensor {Quote(name)} has a negative dimension or its {described} overflows.", nameof(tensors));
                if (needed != tensor.Data.Length)
                    throw new ArgumentException(
                        $"Tensor {Quote(name)} has {tensor.Data.Length} data bytes but {described} needs {needed}.", nameof(tensors));
                json.WriteStartObject(name);
                json.WriteString("dtype", tensor.DType.ToHeaderString());
                json.WriteStartArray("shape");
                foreach (long d in tensor.Shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += needed;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        // Pad with spaces so that the data section starts on an 8-byte boundary.
        long padded = (buffer.Length + 7) / 8 * 8;
        if (padded > MaxHeaderLength)
            throw new ArgumentException(
                $"Header would be {padded} bytes, over the {MaxHeaderLength}-byte cap.", nameof(tensors));
        while (buffer.Length < padded)
            buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static SafetensorsFormatException Fail(string file, string problem) => new(file, problem);

    private static void ReadExactly(Stream stream, Span<byte> buffer, string file)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw Fail(file, "file ended before its stated length");
        }
    }

    private static string FormatShape(long[] shape) =>
        shape.Length <= 8
            ? $"[{string.Join(", ", shape)}]"
            : $"[{string.Join(", ", shape.Take(8))}, ... ({shape.Length} dims)]";

    /// <summary>Quotes a name for a one-line message: control characters escaped, long names cut.</summary>
    private static string Quote(string name)
    {
        var sb = new StringBuilder("'");
        foreach (char c in Truncate(name))
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        return sb.Append('\'').ToString();
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");
}
