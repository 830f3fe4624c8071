using Atelier.IO;
using System.Buffers.Binary;
using System.Numerics;

namespace Atelier.Imaging;

/// <summary>
/// Encodes frames as an animated GIF89a with one global palette: when every frame is grey, the
/// exact 256-level grey ramp (lossless); otherwise at most 256 colours chosen over all frames
/// together by <see cref="PaletteQuantizer"/>, each pixel mapped to its nearest colour without
/// dithering. Alpha channels are ignored (GIF has no partial transparency).
/// </summary>
public static class GifEncoder
{
    /// <summary>
    /// Encodes <paramref name="frames"/>, all of the same size, shown <paramref name="delayCentiseconds"/>
    /// hundredths of a second each; with <paramref name="loop"/> a NETSCAPE2.0 extension makes viewers repeat forever.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, frames of different sizes, or a side over 65535.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delayCentiseconds"/> is outside 0 to 65535.</exception>
    public static byte[] Encode(IReadOnlyList<Image> frames, int delayCentiseconds, bool loop = true)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfNegative(delayCentiseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayCentiseconds, ushort.MaxValue);
        if (frames.Count == 0)
            throw new ArgumentException("A GIF needs at least one frame.", nameof(frames));
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i] is null)
                throw new ArgumentException($"Frame {i} is null.", nameof(frames));
            if (frames[i].Width != frames[0].Width || frames[i].Height != frames[0].Height)
                throw new ArgumentException($"All frames must be the same size: frame 0 is {frames[0].Width}x{frames[0].Height}, frame {i} is {frames[i].Width}x{frames[i].Height}.", nameof(frames));
        }
        int width = frames[0].Width, height = frames[0].Height;
        if (width > ushort.MaxValue || height > ushort.MaxValue)
            throw new ArgumentException($"GIF frames are at most 65535x65535 pixels; these are {width}x{height}.", nameof(frames));

        byte[] palette;
        Func<Image, byte[]> toIndices;
        if (frames.All(f => f.Channels == 1))
        {
            palette = new byte[3 * 256];
            for (int i = 0; i < palette.Length; i++)
                palette[i] = (byte)(i / 3);
            toIndices = f => f.Pixels;
        }
        else
        {
            var quantizer = PaletteQuantizer.Create(frames);
            palette = quantizer.Palette;
            toIndices = quantizer.Map;
        }
        int colours = palette.Length / 3;
        int bits = colours <= 2 ? 1 : BitOperations.Log2((uint)colours - 1) + 1;

        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        WriteUInt16(output, width);
        WriteUInt16(output, height);
        output.WriteByte((byte)(0x80 | 0x70 | (bits - 1)));   // global table, 8 bits per primary, 2^bits entries
        output.WriteByte(0);                                  // background colour index
        output.WriteByte(0);                                  // pixel aspect ratio: not given
        output.Write(palette);
        output.Write(new byte[3 * (1 << bits) - palette.Length]);
        if (loop)
            output.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);   // loop count 0 = forever

        foreach (var frame in frames)
        {
            // Graphic control extension: disposal "leave in place", no transparency.
            output.Write([0x21, 0xF9, 0x04, 0x04]);
            WriteUInt16(output, delayCentiseconds);
            output.Write([0x00, 0x00]);
            // Image descriptor: the whole canvas, no local colour table, not interlaced.
            output.WriteByte(0x2C);
            WriteUInt16(output, 0);
            WriteUInt16(output, 0);
            WriteUInt16(output, width);
            WriteUInt16(output, height);
            output.WriteByte(0);
            GifLzwEncoder.Encode(toIndices(frame), Math.Max(2, bits), output);
        }
        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>Encodes as <see cref="Encode"/> does and writes the result to <paramref name="path"/> atomically (temporary file in the same folder, then rename).</summary>
    public static void Save(IReadOnlyList<Image> frames, int delayCentiseconds, string path, bool loop = true) =>
        AtomicFile.WriteAllBytes(path, Encode(frames, delayCentiseconds, loop));

    private static void WriteUInt16(Stream output, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        output.Write(bytes);
    }
}
