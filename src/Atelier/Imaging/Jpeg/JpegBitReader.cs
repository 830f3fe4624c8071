namespace Atelier.Imaging.Jpeg;

/// <summary>
/// Reads the entropy-coded bits of a scan: removes the 0x00 stuffed after each 0xFF, stops at the
/// next marker and then supplies zero bits, remembering whether any were consumed (a truncated scan).
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private ulong _bits;      // the next bits, most significant first
    private int _count;       // valid bits in _bits
    private int _padding;     // how many of the last _count bits are zeros past the data's end

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        Position = position;
    }

    /// <summary>Index of the next byte not yet taken into the bit buffer (at a marker once one is met).</summary>
    public int Position { get; private set; }

    /// <summary>Whether reading met a marker (or the end of the data).</summary>
    public bool AtMarker { get; private set; }

    /// <summary>Whether more bits were read than the scan holds.</summary>
    public bool Overran { get; private set; }

    public int Peek(int bits)
    {
        if (_count < bits)
            Fill();
        return (int)(_bits >> (64 - bits));
    }

    public void Skip(int bits)
    {
        _bits <<= bits;
        _count -= bits;
        if (_count < _padding)
        {
            Overran = true;
            _padding = _count;
        }
    }

    public int Read(int bits)
    {
        if (bits == 0)
            return 0;
        int value = Peek(bits);
        Skip(bits);
        return value;
    }

    /// <summary>Reads <paramref name="bits"/> bits as a signed coefficient (F.2.2.1 EXTEND).</summary>
    public int Receive(int bits)
    {
        if (bits == 0)
            return 0;
        int value = Read(bits);
        return value < 1 << (bits - 1) ? value - (1 << bits) + 1 : value;
    }

    /// <summary>Drops buffered bits and consumes the restart marker expected next.</summary>
    public void Restart(int expected)
    {
        _bits = 0;
        _count = 0;
        _padding = 0;
        AtMarker = false;
        if (Position + 1 >= _data.Length || _data[Position] != 0xFF || _data[Position + 1] != 0xD0 + expected)
            throw new ImageFormatException($"restart marker RST{expected} missing in the image data");
        Position += 2;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            int value = 0;
            if (AtMarker || Position >= _data.Length)
            {
                AtMarker = true;
                _padding += 8;
            }
            else if (_data[Position] == 0xFF)
            {
                if (Position + 1 < _data.Length && _data[Position + 1] == 0)
                {
                    value = 0xFF;
                    Position += 2;
                }
                else
                {
                    AtMarker = true;
                    _padding += 8;
                }
            }
            else
            {
                value = _data[Position++];
            }
            _bits |= (ulong)value << (56 - _count);
            _count += 8;
        }
    }
}
