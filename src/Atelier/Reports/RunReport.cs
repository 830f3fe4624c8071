using Atelier.IO;
using System.Globalization;
using System.Text;
using Atelier.Imaging;

namespace Atelier.Reports;

/// <summary>
/// Writes a training run's report as one self-contained HTML page: no scripts, styles inline, charts
/// as inline SVG; only the gallery's images are separate files, referenced by relative path. Every
/// string is HTML-escaped, and the markup is also well-formed XML (void elements self-closed).
/// </summary>
/// <remarks>
/// Charts use linear axes spanning the data, with ticks at round numbers (1, 2 or 5 × 10^k). Points
/// with a NaN or infinite coordinate are skipped; values beyond ±1e300 are drawn at that limit; a
/// flat or single-point range is widened so that it still has ticks. Series with up to 50 points get
/// a marker on each; long series are thinned to the first, lowest, highest and last point of each
/// pixel column, which keeps spikes visible while keeping the file small.
/// </remarks>
public static class RunReport
{
    private const double Limit = 1e300;
    private const int ChartWidth = 720, PlotLeft = 76, PlotRight = 700, PlotTop = 16, PlotBottom = 276;
    private const int LegendTop = 334, LegendRowHeight = 20;
    private const int MaxMarkers = 50;

    private static readonly string[] Colours =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    // After the ten colours run out they repeat with these dash patterns, so lines stay distinct.
    private static readonly string?[] Dashes = [null, "8 4", "2 3", "10 3 2 3"];

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;max-width:1000px;margin:2rem auto;padding:0 1rem;line-height:1.4}" +
        "h1{margin-bottom:.2rem}.subtitle{color:#555;margin-top:0}" +
        "table.summary{border-collapse:collapse}table.summary th,table.summary td{text-align:left;padding:.2rem 1.5rem .2rem 0;border-bottom:1px solid #eee}" +
        "table.summary td{font-variant-numeric:tabular-nums}" +
        "svg.chart{max-width:100%;height:auto;display:block}" +
        ".gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:1rem}" +
        ".gallery figure{margin:0}.gallery img{width:100%;height:auto;image-rendering:pixelated;border:1px solid #ddd}" +
        "figcaption{font-size:.85rem;color:#555;text-align:center}" +
        "pre{background:#f6f8fa;padding:1rem;overflow-x:auto;font-size:.85rem}";

    /// <summary>
    /// Writes the report for <paramref name="content"/> to <paramref name="path"/> (creating its folder)
    /// atomically: a temporary file in the same folder, then a rename.
    /// </summary>
    /// <exception cref="ArgumentException">An image path is absolute, or a list holds a null entry.</exception>
    public static void Write(string path, ReportContent content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string html = Render(content);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        AtomicFile.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html));
    }

    /// <summary>The report's HTML text, as <see cref="Write"/> saves it.</summary>
    /// <exception cref="ArgumentException">An image path is absolute, or a list holds a null entry.</exception>
    public static string Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<meta name=\"generator\" content=\"Atelier\" />\n")
            .Append("<title>").Append(Escape(content.Title)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Escape(content.Title)).Append("</h1>\n");
        if (!string.IsNullOrEmpty(content.Subtitle))
            html.Append("<p class=\"subtitle\">").Append(Escape(content.Subtitle)).Append("</p>\n");

        if (content.Summary is { Count: > 0 })
        {
            html.Append("<h2>Summary</h2>\n<table class=\"summary\">\n<tbody>\n");
            foreach (var (name, value) in content.Summary)
                html.Append("<tr><th scope=\"row\">").Append(Escape(name)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>\n");
            html.Append("</tbody>\n</table>\n");
        }

        if (content.Charts is { Count: > 0 })
        {
            html.Append("<h2>Charts</h2>\n");
            for (int i = 0; i < content.Charts.Count; i++)
            {
                var chart = content.Charts[i] ?? throw new ArgumentException($"Chart {i} of the report is null.", nameof(content));
                html.Append("<section class=\"chart\">\n<h3>").Append(Escape(chart.Title)).Append("</h3>\n");
                AppendChart(html, chart);
                html.Append("</section>\n");
            }
        }

        if (content.Images is { Count: > 0 })
        {
            html.Append("<h2>Samples</h2>\n<div class=\"gallery\">\n");
            for (int i = 0; i < content.Images.Count; i++)
            {
                var image = content.Images[i] ?? throw new ArgumentException($"Image {i} of the report is null.", nameof(content));
                html.Append("<figure><img src=\"").Append(Escape(ImageUrl(image.RelativePath))).Append("\" alt=\"").Append(Escape(image.Caption))
                    .Append("\" loading=\"lazy\" /><figcaption>").Append(Escape(image.Caption)).Append("</figcaption></figure>\n");
            }
            html.Append("</div>\n");
        }

        if (!string.IsNullOrEmpty(content.ConfigText))
            html.Append("<h2>Configuration</h2>\n<pre class=\"config\">").Append(Escape(content.ConfigText)).Append("</pre>\n");

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> safe inside HTML text and attribute values: markup characters become
    /// entities, and control characters that neither HTML nor XML allows become U+FFFD.
    /// </summary>
    internal static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var result = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;
                case '\t' or '\n': result.Append(c); break;
                case '\r': break;
                case < ' ' or (>= '\u007f' and <= '\u009f') or '\ufffe' or '\uffff': result.Append('\ufffd'); break;
                default: result.Append(c); break;
            }
        }
        return result.ToString();
    }

    /// <summary>A relative file path as a URL path: forward slashes, each segment percent-encoded.</summary>
    private static string ImageUrl(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
            throw new ArgumentException("A report image has an empty path; give its path relative to the report's folder.");
        string path = relativePath.Replace('\\', '/');
        if (Path.IsPathRooted(relativePath) || path.StartsWith('/') || path.Contains(':'))
            throw new ArgumentException($"The report image path '{relativePath}' is not relative; give it relative to the report's folder (e.g. samples/epoch-001.png) so the report can be moved with its images.");
        return string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }

    private static void AppendChart(StringBuilder svg, Chart chart)
    {
        var series = new List<(MetricSeries Series, List<(double X, double Y)> Points)>();
        for (int i = 0; i < (chart.Series?.Count ?? 0); i++)
        {
            var s = chart.Series![i] ?? throw new ArgumentException($"Series {i} of chart '{chart.Title}' is null.", nameof(chart));
            var points = new List<(double, double)>();
            foreach (var (x, y) in s.Points ?? [])
            {
                if (double.IsFinite(x) && double.IsFinite(y))
                    points.Add((Math.Clamp(x, -Limit, Limit), Math.Clamp(y, -Limit, Limit)));
            }
            series.Add((s, points));
        }
        bool any = series.Any(s => s.Points.Count > 0);
        var xAxis = Axis.Span(any ? series.SelectMany(s => s.Points).Select(p => p.X) : [0.0, 1.0]);
        var yAxis = Axis.Span(any ? series.SelectMany(s => s.Points).Select(p => p.Y) : [0.0, 1.0]);

        var legend = LayoutLegend(series.Select(s => s.Points.Count > 0 ? s.Series.Name ?? "" : $"{s.Series.Name} (no data)").ToList());
        int height = LegendTop + Math.Max(1, legend.Rows) * LegendRowHeight;
        svg.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(ChartWidth).Append(' ').Append(height)
            .Append("\" width=\"").Append(ChartWidth).Append("\" height=\"").Append(height)
            .Append("\" role=\"img\" aria-label=\"").Append(Escape(chart.Title))
            .Append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect x=\"").Append(PlotLeft).Append("\" y=\"").Append(PlotTop).Append("\" width=\"").Append(PlotRight - PlotLeft)
            .Append("\" height=\"").Append(PlotBottom - PlotTop).Append("\" fill=\"#ffffff\" />\n");

        foreach (double tick in xAxis.Ticks)
        {
            string x = Format(MapX(xAxis, tick));
            svg.Append("<line x1=\"").Append(x).Append("\" y1=\"").Append(PlotTop).Append("\" x2=\"").Append(x).Append("\" y2=\"").Append(PlotBottom)
                .Append("\" stroke=\"#e5e5e5\" />\n<text x=\"").Append(x).Append("\" y=\"").Append(PlotBottom + 18)
                .Append("\" text-anchor=\"middle\" fill=\"#444444\">").Append(Escape(xAxis.Label(tick))).Append("</text>\n");
        }
        foreach (double tick in yAxis.Ticks)
        {
            string y = Format(MapY(yAxis, tick));
            svg.Append("<line x1=\"").Append(PlotLeft).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(PlotRight).Append("\" y2=\"").Append(y)
                .Append("\" stroke=\"#e5e5e5\" />\n<text x=\"").Append(PlotLeft - 6).Append("\" y=\"").Append(y)
                .Append("\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#444444\">").Append(Escape(yAxis.Label(tick))).Append("</text>\n");
        }
        svg.Append("<rect x=\"").Append(PlotLeft).Append("\" y=\"").Append(PlotTop).Append("\" width=\"").Append(PlotRight - PlotLeft)
            .Append("\" height=\"").Append(PlotBottom - PlotTop).Append("\" fill=\"none\" stroke=\"#999999\" />\n");
        svg.Append("<text x=\"").Append((PlotLeft + PlotRight) / 2).Append("\" y=\"").Append(PlotBottom + 40)
            .Append("\" text-anchor=\"middle\" fill=\"#222222\">").Append(Escape(chart.XLabel)).Append("</text>\n");
        if (!any)
        {
            svg.Append("<text x=\"").Append((PlotLeft + PlotRight) / 2).Append("\" y=\"").Append((PlotTop + PlotBottom) / 2)
                .Append("\" text-anchor=\"middle\" fill=\"#999999\">no data</text>\n");
        }

        for (int i = 0; i < series.Count; i++)
        {
            var points = series[i].Points;
            if (points.Count == 0)
                continue;
            var (colour, dash) = Look(i);
            var drawn = Thin(points, xAxis);
            svg.Append("<path class=\"series\" data-name=\"").Append(Escape(series[i].Series.Name)).Append("\" fill=\"none\" stroke=\"").Append(colour)
                .Append("\" stroke-width=\"1.5\" stroke-linejoin=\"round\"");
            if (dash is not null)
                svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
            svg.Append(" d=\"");
            for (int p = 0; p < drawn.Count; p++)
                svg.Append(p == 0 ? "M" : " L").Append(Format(MapX(xAxis, drawn[p].X))).Append(' ').Append(Format(MapY(yAxis, drawn[p].Y)));
            svg.Append("\" />\n");
            if (points.Count <= MaxMarkers)
            {
                foreach (var (x, y) in points)
                    svg.Append("<circle cx=\"").Append(Format(MapX(xAxis, x))).Append("\" cy=\"").Append(Format(MapY(yAxis, y))).Append("\" r=\"2.5\" fill=\"").Append(colour).Append("\" />\n");
            }
        }

        for (int i = 0; i < series.Count; i++)
        {
            var (colour, dash) = Look(i);
            var (x, y, text) = legend.Items[i];
            svg.Append("<line x1=\"").Append(x).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(x + 20).Append("\" y2=\"").Append(y)
                .Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"3\"");
            if (dash is not null)
                svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
            svg.Append(" />\n<text x=\"").Append(x + 26).Append("\" y=\"").Append(y).Append("\" dominant-baseline=\"middle\" fill=\"#222222\">")
                .Append(Escape(text)).Append("</text>\n");
        }
        svg.Append("</svg>\n");
    }

    private static (string Colour, string? Dash) Look(int index) =>
        (Colours[index % Colours.Length], Dashes[index / Colours.Length % Dashes.Length]);

    /// <summary>Places legend entries left to right, wrapping to a new row when one would pass the plot's right edge.</summary>
    private static (List<(int X, int Y, string Text)> Items, int Rows) LayoutLegend(List<string> names)
    {
        var items = new List<(int, int, string)>();
        int x = PlotLeft, row = 0;
        foreach (string name in names)
        {
            // SVG cannot measure text without a renderer; 7 px per character suits a 12 px sans-serif font.
            int width = 26 + 7 * name.Length + 18;
            if (x > PlotLeft && x + width > PlotRight)
                (x, row) = (PlotLeft, row + 1);
            items.Add((x, LegendTop + row * LegendRowHeight + LegendRowHeight / 2 - 4, name));
            x += width;
        }
        return (items, names.Count == 0 ? 0 : row + 1);
    }

    /// <summary>Keeps, for each pixel column, the first, lowest, highest and last point, in their original order.</summary>
    private static List<(double X, double Y)> Thin(List<(double X, double Y)> points, Axis xAxis)
    {
        if (points.Count <= 4 * (PlotRight - PlotLeft))
            return points;
        var kept = new List<(double X, double Y)>();
        int start = 0;
        for (int i = 1; i <= points.Count; i++)
        {
            if (i < points.Count && (int)MapX(xAxis, points[i].X) == (int)MapX(xAxis, points[start].X))
                continue;
            int low = start, high = start;
            for (int j = start; j < i; j++)
            {
                if (points[j].Y < points[low].Y) low = j;
                if (points[j].Y > points[high].Y) high = j;
            }
            foreach (int j in new SortedSet<int> { start, low, high, i - 1 })
                kept.Add(points[j]);
            start = i;
        }
        return kept;
    }

    private static double MapX(Axis axis, double x) => PlotLeft + axis.Fraction(x) * (PlotRight - PlotLeft);

    private static double MapY(Axis axis, double y) => PlotBottom - axis.Fraction(y) * (PlotBottom - PlotTop);

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A linear axis from <see cref="Low"/> to <see cref="High"/> with ticks every <see cref="Step"/>.</summary>
    private sealed record Axis(double Low, double High, double Step, string LabelFormat)
    {
        public IEnumerable<double> Ticks
        {
            get
            {
                long count = Math.Min((long)Math.Round((High - Low) / Step), 20);
                for (long k = 0; k <= count; k++)
                    yield return Low + k * Step;
            }
        }

        public double Fraction(double value) => Math.Clamp((value - Low) / (High - Low), 0, 1);

        public string Label(double tick)
        {
            // No "-0", "1.2E-17" or "0E+0" where the axis crosses zero.
            if (Math.Abs(tick) < Step * 1e-6)
                return LabelFormat.StartsWith('F') ? 0.0.ToString(LabelFormat, CultureInfo.InvariantCulture) : "0";
            return tick.ToString(LabelFormat, CultureInfo.InvariantCulture);
        }

        /// <summary>The axis over <paramref name="values"/> (finite, within ±1e300), widened to round ticks.</summary>
        public static Axis Span(IEnumerable<double> values)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double v in values)
                (min, max) = (Math.Min(min, v), Math.Max(max, v));
            double magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
            if (max - min <= magnitude * 1e-12)
            {
                // A flat line: centre it in a range of ±10% (or ±1 around zero).
                double half = magnitude == 0 ? 1 : magnitude * 0.1;
                (min, max) = (min - half, max + half);
            }
            double raw = (max - min) / 5;
            double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double fraction = raw / power;
            double step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
            double low = Math.Floor(min / step) * step, high = Math.Ceiling(max / step) * step;
            return new Axis(low, high, step, Format(step, Math.Max(Math.Abs(low), Math.Abs(high))));
        }

        private static string Format(double step, double magnitude)
        {
            int stepExponent = (int)Math.Floor(Math.Log10(step));
            if (stepExponent >= -4 && magnitude < 1e7)
                return "F" + Math.Max(0, -stepExponent).ToString(CultureInfo.InvariantCulture);
            // Scientific notation with as many significant digits as tell neighbouring ticks apart.
            int digits = Math.Clamp((int)Math.Floor(Math.Log10(magnitude)) - stepExponent + 1, 1, 15);
            return "0." + new string('#', digits - 1) + "E+0";
        }
    }
}
