namespace Atelier.Imaging;

/// <summary>
/// The variable-code-size LZW of GIF89a: codes grow from min code size + 1 up to 12 bits, packed
/// least-significant bit first into sub-blocks of at most 255 bytes; when the table is about to
/// fill, a clear code restarts it.
/// </summary>
internal static class GifLzwEncoder
{
    private const int MaxCodes = 1 << 12;
    private const int HashSize = 1 << 13;

    /// <summary>Writes the LZW minimum code size, the data sub-blocks and the block terminator for <paramref name="indices"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> indices, int minCodeSize, Stream output)
    {
        output.WriteByte((byte)minCodeSize);
        var writer = new SubBlockWriter(output);
        int clear = 1 << minCodeSize, end = clear + 1;
        int codeSize = minCodeSize + 1, next = end + 1;
        // Open addressing on key = prefix code << 8 | index; slots hold key + 1 so 0 means empty.
        var keys = new int[HashSize];
        var codes = new short[HashSize];

        writer.Write(clear, codeSize);
        int prefix = indices[0];
        for (int i = 1; i < indices.Length; i++)
        {
            int key = (prefix << 8) | indices[i];
            int slot = (int)((uint)key * 2654435769u >> 19);
            while (keys[slot] != 0 && keys[slot] != key + 1)
                slot = (slot + 1) & (HashSize - 1);
            if (keys[slot] != 0)
            {
                prefix = codes[slot];
                continue;
            }
            writer.Write(prefix, codeSize);
            // Grow the code size when the next code no longer fits; decoders, adding each entry one
            // code later, reach the same count just before reading the next code.
            if (next >= 1 << codeSize && codeSize < 12)
                codeSize++;
            // Restart one code early (as giflib does) so no decoder ever sees a full table.
            if (next == MaxCodes - 1)
            {
                writer.Write(clear, codeSize);
                Array.Clear(keys);
                (codeSize, next) = (minCodeSize + 1, end + 1);
            }
            else
            {
                keys[slot] = key + 1;
                codes[slot] = (short)next++;
            }
            prefix = indices[i];
        }
        writer.Write(prefix, codeSize);
        if (next >= 1 << codeSize && codeSize < 12)
            codeSize++;
        writer.Write(end, codeSize);
        writer.Flush();
        output.WriteByte(0);
    }

    private sealed class SubBlockWriter(Stream output)
    {
        private readonly byte[] _block = new byte[256];
        private int _length;
        private int _bits;
        private int _bitCount;

        public void Write(int code, int size)
        {
            _bits |= code << _bitCount;
            _bitCount += size;
            while (_bitCount >= 8)
            {
                Put((byte)_bits);
                _bits >>= 8;
                _bitCount -= 8;
            }
        }

        public void Flush()
        {
            if (_bitCount > 0)
                Put((byte)_bits);
            (_bits, _bitCount) = (0, 0);
            if (_length > 0)
                EmitBlock();
        }

        private void Put(byte value)
        {
            _block[1 + _length++] = value;
            if (_length == 255)
                EmitBlock();
        }

        private void EmitBlock()
        {
            _block[0] = (byte)_length;
            output.Write(_block, 0, 1 + _length);
            _length = 0;
        }
    }
}
