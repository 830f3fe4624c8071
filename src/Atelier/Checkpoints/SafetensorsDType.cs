namespace Atelier.Checkpoints;

/// <summary>
/// Element types of the safetensors format. The member names are spelled exactly as the
/// <c>"dtype"</c> strings of the file header.
/// </summary>
public enum SafetensorsDType
{
    /// <summary>Boolean stored as one byte.</summary>
    BOOL,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>IEEE 754 half-precision float.</summary>
    F16,
    /// <summary>bfloat16 (the upper 16 bits of an IEEE 754 single).</summary>
    BF16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>IEEE 754 single-precision float.</summary>
    F32,
    /// <summary>IEEE 754 double-precision float.</summary>
    F64,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
    /// <summary>8-bit float with 4 exponent and 3 mantissa bits.</summary>
    F8_E4M3,
    /// <summary>8-bit float with 5 exponent and 2 mantissa bits.</summary>
    F8_E5M2,
}

/// <summary>Byte sizes and header spellings of <see cref="SafetensorsDType"/>.</summary>
public static class SafetensorsDTypeExtensions
{
    /// <summary>Size of one element in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined member.</exception>
    public static int ByteSize(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.BOOL or SafetensorsDType.U8 or SafetensorsDType.I8
            or SafetensorsDType.F8_E4M3 or SafetensorsDType.F8_E5M2 => 1,
        SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.F16 or SafetensorsDType.BF16 => 2,
        SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.F32 => 4,
        SafetensorsDType.F64 or SafetensorsDType.I64 or SafetensorsDType.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>The header spelling of <paramref name="dtype"/>, for example <c>"F32"</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined member.</exception>
    public static string ToHeaderString(this SafetensorsDType dtype) =>
        Enum.IsDefined(dtype)
            ? dtype.ToString()
            : throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype.");

    /// <summary>
    /// Parses a header dtype string. Matching is exact and case-sensitive; numbers and other
    /// spellings that <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> would accept are rejected.
    /// </summary>
    public static bool TryParseHeaderString(string? text, out SafetensorsDType dtype)
    {
        dtype = text switch
        {
            "BOOL" => SafetensorsDType.BOOL,
            "U8" => SafetensorsDType.U8,
            "I8" => SafetensorsDType.I8,
            "I16" => SafetensorsDType.I16,
            "U16" => SafetensorsDType.U16,
            "F16" => SafetensorsDType.F16,
            "BF16" => SafetensorsDType.BF16,
            "I32" => SafetensorsDType.I32,
            "U32" => SafetensorsDType.U32,
            "F32" => SafetensorsDType.F32,
            "F64" => SafetensorsDType.F64,
            "I64" => SafetensorsDType.I64,
            "U64" => SafetensorsDType.U64,
            "F8_E4M3" => SafetensorsDType.F8_E4M3,
            "F8_E5M2" => SafetensorsDType.F8_E5M2,
            _ => (SafetensorsDType)(-1),
        };
        return Enum.IsDefined(dtype);
    }

    /// <summary>
    /// Bytes needed by a tensor of this dtype and <paramref name="shape"/>, with checked arithmetic.
    /// Returns false when a dimension is negative or the product overflows a <see cref="long"/>.
    /// A dimension of 0 makes the tensor empty even if the other dimensions would overflow.
    /// </summary>
    public static bool TryGetByteCount(this SafetensorsDType dtype, ReadOnlySpan<long> shape, out long byteCount)
    {
        byteCount = 0;
        foreach (long d in shape)
        {
            if (d < 0)
                return false;
            if (d == 0)
                return true;
        }
        try
        {
            long product = dtype.ByteSize();
            foreach (long d in shape)
                product = checked(product * d);
            byteCount = product;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
