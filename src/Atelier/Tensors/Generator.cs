namespace Atelier;

/// <summary>
/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64). Its sequence depends on
/// the seed alone, never on the .NET version or the machine, so runs and checkpoints are reproducible.
/// </summary>
public sealed class Generator
{
    private ulong _s0, _s1, _s2, _s3;
    private float? _spareNormal;

    public Generator(long seed)
    {
        var x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The full state, so that a generator can be saved and restored exactly.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3, _spareNormal is float f ? 1UL << 32 | BitConverter.SingleToUInt32Bits(f) : 0];

    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 5) throw new ArgumentException($"a generator state has 5 words, got {state.Length}");
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
        _spareNormal = (state[4] >> 32) != 0 ? BitConverter.UInt32BitsToSingle((uint)state[4]) : null;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform integer on [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        return (int)((NextUInt64() >> 33) % (ulong)maxExclusive);
    }

    /// <summary>Standard normal by the Box-Muller transform (both values of a pair are used).</summary>
    public float NextNormal()
    {
        if (_spareNormal is float spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1 = ((NextUInt64() >> 11) + 1) * (1.0 / 9007199254740993.0); // (0, 1]: log is finite
        double u2 = (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
