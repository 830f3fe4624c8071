namespace Atelier.Imaging.Jpeg;

/// <summary>One colour component of a frame and the 8-bit samples decoded for it so far.</summary>
internal sealed class JpegComponent
{
    public required int Id { get; init; }

    public required int H { get; init; }

    public required int V { get; init; }

    public required int QuantTable { get; init; }

    /// <summary>Samples in this component's own resolution, ceil(width × H / Hmax) wide.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Blocks per line and per column of <see cref="Samples"/> (whole MCUs).</summary>
    public int BlocksWide { get; set; }

    public int BlocksHigh { get; set; }

    /// <summary>The decoded samples, BlocksWide × 8 per row.</summary>
    public byte[] Samples { get; set; } = [];

    public int DcTable { get; set; }

    public int AcTable { get; set; }

    public int DcPrediction { get; set; }
}
