using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Atelier.Checkpoints;

/// <summary>
/// One tensor of a safetensors file: its dtype, its shape (empty for a scalar) and its
/// row-major little-endian bytes. The record does not check that <see cref="Data"/> matches
/// the shape; <see cref="SafetensorsFile.Write"/> does. Equality compares the array references.
/// </summary>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions, outermost first; <c>[]</c> for a scalar.</param>
/// <param name="Data">Raw little-endian element bytes.</param>
public sealed record SafetensorsTensor(SafetensorsDType DType, long[] Shape, byte[] Data)
{
    /// <summary>Dimensions, outermost first; <c>[]</c> for a scalar.</summary>
    public long[] Shape { get; init; } = Shape ?? throw new ArgumentNullException(nameof(Shape));

    /// <summary>Raw little-endian element bytes.</summary>
    public byte[] Data { get; init; } = Data ?? throw new ArgumentNullException(nameof(Data));

    /// <summary>Creates an <see cref="SafetensorsDType.F32"/> tensor; NaN payloads and -0.0 are kept bit for bit.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly <paramref name="values"/>.Length elements.</exception>
    public static SafetensorsTensor FromFloats(ReadOnlySpan<float> values, long[] shape) =>
        Create(SafetensorsDType.F32, shape, MemoryMarshal.AsBytes(values));

    /// <summary>Creates an <see cref="SafetensorsDType.I64"/> tensor.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly <paramref name="values"/>.Length elements.</exception>
    public static SafetensorsTensor FromInt64(ReadOnlySpan<long> values, long[] shape) =>
        Create(SafetensorsDType.I64, shape, MemoryMarshal.AsBytes(values));

    /// <summary>Decodes an <see cref="SafetensorsDType.F32"/> tensor.</summary>
    /// <exception cref="InvalidOperationException">The dtype is not F32, or the data does not match the shape.</exception>
    public float[] ToFloats()
    {
        CheckDecodable(SafetensorsDType.F32, nameof(ToFloats));
        var values = MemoryMarshal.Cast<byte, float>(Data).ToArray();
        FixEndianness(MemoryMarshal.AsBytes(values.AsSpan()), sizeof(float));
        return values;
    }

    /// <summary>Decodes an <see cref="SafetensorsDType.I64"/> tensor.</summary>
    /// <exception cref="InvalidOperationException">The dtype is not I64, or the data does not match the shape.</exception>
    public long[] ToInt64()
    {
        CheckDecodable(SafetensorsDType.I64, nameof(ToInt64));
        var values = MemoryMarshal.Cast<byte, long>(Data).ToArray();
        FixEndianness(MemoryMarshal.AsBytes(values.AsSpan()), sizeof(long));
        return values;
    }

    private static SafetensorsTensor Create(SafetensorsDType dtype, long[] shape, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!dtype.TryGetByteCount(shape, out long needed) || needed != bytes.Length)
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape)}] does not hold {bytes.Length / dtype.ByteSize()} elements.", nameof(shape));
        var data = bytes.ToArray();
        FixEndianness(data, dtype.ByteSize());
        return new SafetensorsTensor(dtype, (long[])shape.Clone(), data);
    }

    /// <summary>Converts between file (little-endian) and machine order; a no-op on little-endian machines.</summary>
    private static void FixEndianness(Span<byte> bytes, int elementSize)
    {
        if (BitConverter.IsLittleEndian)
            return;
        if (elementSize == sizeof(int))
        {
            var ints = MemoryMarshal.Cast<byte, int>(bytes);
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }
        else
        {
            var longs = MemoryMarshal.Cast<byte, long>(bytes);
            BinaryPrimitives.ReverseEndianness(longs, longs);
        }
    }

    private void CheckDecodable(SafetensorsDType expected, string method)
    {
        if (DType != expected)
            throw new InvalidOperationException(
                $"{method} needs a {expected.ToHeaderString()} tensor, but this tensor is {DType}.");
        if (!DType.TryGetByteCount(Shape, out long needed) || needed != Data.Length)
            throw new InvalidOperationException(
                $"Tensor has {Data.Length} data bytes, which does not match shape [{string.Join(", ", Shape)}] x {DType}.");
    }
}
