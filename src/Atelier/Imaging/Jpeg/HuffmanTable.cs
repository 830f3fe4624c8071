namespace Atelier.Imaging.Jpeg;

/// <summary>
/// A JPEG Huffman table (ITU T.81 annex C): canonical codes of 1 to 16 bits, decoded through a
/// 9-bit lookup for short codes and the per-length maximum codes (F.2.2.3) for the rest.
/// </summary>
internal sealed class HuffmanTable
{
    private const int LookupBits = 9;

    // Entry: symbol << 8 | code length; 0 when the code is longer than LookupBits.
    private readonly int[] _lookup = new int[1 << LookupBits];
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _symbols;

    /// <summary>Builds the table from the 16 code counts and the symbols of a DHT segment.</summary>
    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        _symbols = symbols.ToArray();
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++)
        {
            _valueOffset[length] = k - code;
            for (int i = 0; i < counts[length - 1]; i++, k++, code++)
            {
                if (length <= LookupBits)
                {
                    int shift = LookupBits - length;
                    for (int fill = 0; fill < 1 << shift; fill++)
                        _lookup[code << shift | fill] = _symbols[k] << 8 | length;
                }
            }
            if (code > 1 << length)
                throw new ImageFormatException("a Huffman table has more codes than its code lengths allow");
            _maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        _maxCode[17] = int.MaxValue;
    }

    /// <summary>Reads one symbol from <paramref name="reader"/>.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        int entry = _lookup[reader.Peek(LookupBits)];
        if (entry != 0)
        {
            reader.Skip(entry & 0xFF);
            return entry >> 8;
        }
        int code = reader.Peek(LookupBits);
        reader.Skip(LookupBits);
        int length = LookupBits;
        while (length < 17)
        {
            length++;
            code = code << 1 | reader.Read(1);
            if (length <= 16 && _maxCode[length] >= 0 && code <= _maxCode[length])
                return _symbols[code + _valueOffset[length]];
        }
        throw new ImageFormatException("bad Huffman code in the image data");
    }
}
