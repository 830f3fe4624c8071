using Atelier.IO;
using System.Buffers.Binary;

namespace Atelier.Imaging;

/// <summary>
/// Encodes frames as an animated PNG (APNG): an acTL chunk gives the frame and play counts, each frame
/// has an fcTL chunk (size, delay), the first frame's pixels are the IDAT image that viewers without
/// APNG support show, and later frames are fdAT chunks. Every frame covers the whole canvas and
/// replaces the one before (dispose none, blend source), so each frame is lossless on its own.
/// </summary>
public static class ApngEncoder
{
    /// <summary>
    /// Encodes <paramref name="frames"/> (same size and channels), each shown <paramref name="delayCentiseconds"/>
    /// hundredths of a second; with <paramref name="loop"/> viewers repeat forever, else play once.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, or frames of different sizes or channels.</exception>
    public static byte[] Encode(IReadOnlyList<Image> frames, int delayCentiseconds, bool loop = true, IReadOnlyList<PngText>? text = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfNegative(delayCentiseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayCentiseconds, ushort.MaxValue);
        if (frames.Count == 0) throw new ArgumentException("An animated PNG needs at least one frame.", nameof(frames));
        var first = frames[0];
        for (int i = 1; i < frames.Count; i++)
        {
            if (frames[i].Width != first.Width || frames[i].Height != first.Height || frames[i].Channels != first.Channels)
                throw new ArgumentException($"All frames must match: frame 0 is {first.Width}x{first.Height}x{first.Channels}, frame {i} is {frames[i].Width}x{frames[i].Height}x{frames[i].Channels}.", nameof(frames));
        }

        using var output = new MemoryStream();
        PngEncoder.WriteHeader(output, first, text);
        Span<byte> actl = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(actl, frames.Count);
        BinaryPrimitives.WriteInt32BigEndian(actl[4..], loop ? 0 : 1);   // plays: 0 = forever
        PngChunks.Write(output, "acTL", actl);
        var sequence = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            PngChunks.Write(output, "fcTL", FrameControl(sequence++, first, delayCentiseconds));
            if (i == 0) PngEncoder.WriteImageData(output, "IDAT", PngEncoder.Compress(frames[i]), sequence: null);
            else PngEncoder.WriteImageData(output, "fdAT", PngEncoder.Compress(frames[i]), () => sequence++);
        }
        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Encodes as <see cref="Encode"/> does and writes the result to <paramref name="path"/> atomically.</summary>
    public static void Save(IReadOnlyList<Image> frames, int delayCentiseconds, string path, bool loop = true, IReadOnlyList<PngText>? text = null) =>
        AtomicFile.WriteAllBytes(path, Encode(frames, delayCentiseconds, loop, text));

    private static byte[] FrameControl(int sequence, Image canvas, int delayCentiseconds)
    {
        var fctl = new byte[26];
        BinaryPrimitives.WriteInt32BigEndian(fctl, sequence);
        BinaryPrimitives.WriteInt32BigEndian(fctl.AsSpan(4), canvas.Width);
        BinaryPrimitives.WriteInt32BigEndian(fctl.AsSpan(8), canvas.Height);
        // x and y offsets (bytes 12 to 19) stay 0: every frame covers the canvas.
        BinaryPrimitives.WriteUInt16BigEndian(fctl.AsSpan(20), (ushort)delayCentiseconds);
        BinaryPrimitives.WriteUInt16BigEndian(fctl.AsSpan(22), 100);   // delay denominator: hundredths
        // dispose_op 0 (none) and blend_op 0 (source) in bytes 24 and 25.
        return fctl;
    }
}
