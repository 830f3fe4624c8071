using System.Globalization;
using System.Xml.Linq;
using Atelier.Reports;

namespace Atelier.Tests.Reports;

public sealed class RunReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atelier-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static MetricSeries Series(string name, params (double X, double Y)[] points) => new(name, points);

    private static ReportContent Content(params Chart[] charts) => new(
        "GAN <run> & co",
        "dcgan on 'faces'",
        [("epochs", "20"), ("<b>bold</b>", "a & b")],
        charts,
        [new("samples/epoch-001.png", "epoch 1"), new("samples/epoch-002.png", "epoch <2>"), new("samples/final grid.png", "final")],
        "model: dcgan\nnote: <script>alert('x')</script>\n");

    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n", html);
        return XDocument.Parse(html["<!DOCTYPE html>\n".Length..]);
    }

    private static (double Width, double Height) ViewBox(XElement svg)
    {
        var parts = svg.Attribute("viewBox")!.Value.Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[2], parts[3]);
    }

    private static List<(double X, double Y)> PathPoints(XElement path) =>
        path.Attribute("d")!.Value.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim().Split(' '))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();

    private static void AssertInside(XElement svg, IEnumerable<(double X, double Y)> points)
    {
        var (width, height) = ViewBox(svg);
        Assert.All(points, p =>
        {
            Assert.InRange(p.X, 0, width);
            Assert.InRange(p.Y, 0, height);
        });
    }

    [Fact]
    public void Report_is_well_formed_with_one_svg_per_chart_and_one_path_per_non_empty_series()
    {
        var losses = new Chart("losses", "step", [
            Series("loss_d", (0, 1.4), (100, 0.9), (200, 0.7), (300, 0.65)),
            Series("loss_g", (0, 0.7), (100, 2.1), (200, 2.5), (300, 2.4))]);
        var empty = new Chart("fid", "epoch", [Series("fid"), Series("broken", (1, double.NaN), (double.PositiveInfinity, 2))]);

        var document = Parse(RunReport.Render(Content(losses, empty)));

        var svgs = document.Descendants("svg").ToList();
        Assert.Equal(2, svgs.Count);
        var paths = svgs[0].Descendants("path").ToList();
        Assert.Equal(new[] { "loss_d", "loss_g" }, paths.Select(p => p.Attribute("data-name")!.Value));
        Assert.NotEqual(paths[0].Attribute("stroke")!.Value, paths[1].Attribute("stroke")!.Value);
        Assert.All(paths, p => Assert.Equal(4, PathPoints(p).Count));
        AssertInside(svgs[0], paths.SelectMany(PathPoints));
        Assert.Empty(svgs[1].Descendants("path"));
        Assert.Contains(svgs[1].Descendants("text"), t => t.Value == "no data");
        Assert.Contains(svgs[1].Descendants("text"), t => t.Value == "broken (no data)");
        Assert.Contains(svgs[0].Descendants("text"), t => t.Value == "loss_g");
        Assert.Contains(svgs[0].Descendants("text"), t => t.Value == "step");
    }

    [Fact]
    public void Y_ticks_are_round_numbers_spanning_the_data()
    {
        var chart = new Chart("accuracy", "epoch", [Series("acc", (1, 0.05), (2, 0.5), (3, 0.97))]);

        var svg = Parse(RunReport.Render(Content(chart))).Descendants("svg").Single();

        var yLabels = svg.Descendants("text").Where(t => t.Attribute("text-anchor")?.Value == "end").Select(t => t.Value);
        Assert.Equal(new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" }, yLabels);
    }

    [Fact]
    public void Non_finite_points_are_skipped_and_single_points_are_drawn()
    {
        var chart = new Chart("losses", "step", [
            Series("loss", (0, 1), (1, double.NaN), (2, double.NegativeInfinity), (3, 0.5), (double.NaN, 0.2)),
            Series("lone", (5, 7))]);

        var svg = Parse(RunReport.Render(Content(chart))).Descendants("svg").Single();

        var paths = svg.Descendants("path").ToList();
        Assert.Equal(2, PathPoints(paths[0]).Count);
        Assert.Single(PathPoints(paths[1]));
        Assert.Equal(3, svg.Descendants("circle").Count());
        AssertInside(svg, paths.SelectMany(PathPoints));
    }

    [Fact]
    public void Huge_ranges_and_flat_lines_still_give_ticks_inside_the_chart()
    {
        var chart = new Chart("wild", "step", [
            Series("spike", (0, 1e-3), (1, 1e30), (2, -double.MaxValue), (3, double.MaxValue)),
            Series("flat", (0, 5), (1, 5))]);

        string html = RunReport.Render(Content(chart));
        var svg = Parse(html).Descendants("svg").Single();

        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
        AssertInside(svg, svg.Descendants("path").SelectMany(PathPoints));
        var yLabels = svg.Descendants("text").Where(t => t.Attribute("text-anchor")?.Value == "end").ToList();
        Assert.InRange(yLabels.Count, 2, 12);
        Assert.Equal(yLabels.Count, yLabels.Select(t => t.Value).Distinct().Count());

        var flat = Parse(RunReport.Render(Content(new Chart("flat", "step", [Series("flat", (0, 5), (1, 5))])))).Descendants("svg").Single();
        Assert.Contains(flat.Descendants("text"), t => t.Value == "5.0");
    }

    [Fact]
    public void Long_series_are_thinned_but_keep_their_extremes()
    {
        var points = Enumerable.Range(0, 100_000).Select(i => ((double)i, i == 54_321 ? 50.0 : Math.Sin(i / 1000.0))).ToArray();
        var chart = new Chart("long", "step", [new MetricSeries("wave", points)]);

        var svg = Parse(RunReport.Render(Content(chart))).Descendants("svg").Single();

        var drawn = PathPoints(svg.Descendants("path").Single());
        Assert.InRange(drawn.Count, 100, 4 * 720);
        // The axis runs from -10 to 50; without the spike the highest point would be near sin's peak at 1.
        Assert.InRange(drawn.Min(p => p.Y), 0, 20);
        Assert.Empty(svg.Descendants("circle"));
        AssertInside(svg, drawn);
    }

    [Fact]
    public void Every_string_is_escaped()
    {
        string html = RunReport.Render(Content());

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        var document = Parse(html);
        Assert.Equal("GAN <run> & co", document.Descendants("h1").Single().Value);
        Assert.Equal("model: dcgan\nnote: <script>alert('x')</script>\n", document.Descendants("pre").Single().Value);
        Assert.Equal(new[] { "epochs", "<b>bold</b>" }, document.Descendants("th").Select(t => t.Value));
        Assert.Empty(document.Descendants("script"));
    }

    [Fact]
    public void Images_are_referenced_by_relative_path_in_order_with_captions()
    {
        var document = Parse(RunReport.Render(Content()));

        var images = document.Descendants("img").ToList();
        Assert.Equal(new[] { "samples/epoch-001.png", "samples/epoch-002.png", "samples/final%20grid.png" }, images.Select(i => i.Attribute("src")!.Value));
        Assert.Equal(new[] { "epoch 1", "epoch <2>", "final" }, document.Descendants("figcaption").Select(f => f.Value));
        Assert.Throws<ArgumentException>(() => RunReport.Render(Content() with { Images = [new("/tmp/x.png", "absolute")] }));
    }

    [Fact]
    public void Write_saves_the_file_atomically_and_creates_its_folder()
    {
        string path = Path.Combine(_folder, "run", "report.html");
        var content = Content(new Chart("losses", "step", [Series("loss", (0, 1), (1, 0.5))]));

        RunReport.Write(path, content);
        RunReport.Write(path, content);

        Assert.Equal(RunReport.Render(content), File.ReadAllText(path));
        Assert.Equal(new[] { "report.html" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Empty_sections_are_left_out()
    {
        var document = Parse(RunReport.Render(new ReportContent("t", "", [], [], [], "")));

        Assert.Equal(new[] { "t" }, document.Descendants("h1").Select(h => h.Value));
        Assert.Empty(document.Descendants("h2"));
        Assert.Empty(document.Descendants("svg"));
    }
}
