using Atelier.Reports;

namespace Atelier.Tests.Reports;

public sealed class MetricsCsvTests : IDisposable
{
    private static readonly string[] Columns = ["step", "loss_d", "loss_g"];

    private readonly string _folder = Directory.CreateTempSubdirectory("atelier-metrics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name = "metrics.csv") => Path.Combine(_folder, name);

    private static Dictionary<string, double> Row(double step, double lossD, double lossG) =>
        new() { ["step"] = step, ["loss_d"] = lossD, ["loss_g"] = lossG };

    private static void AssertRow(Dictionary<string, double> expected, Dictionary<string, double> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, value) in expected)
            Assert.True(value.Equals(actual[key]), $"{key}: expected {value}, got {actual[key]}");
    }

    [Fact]
    public void Rows_round_trip_exactly_with_missing_cells_as_nan()
    {
        using (var log = MetricsCsv.Open(File(), Columns))
        {
            log.Append(Row(1, 0.1, 1.0 / 3));
            log.Append(Row(2, double.NaN, double.PositiveInfinity));
            log.Append(new Dictionary<string, double> { ["step"] = 3, ["loss_g"] = -1e-300 });
        }

        var rows = MetricsCsv.Read(File());

        Assert.Equal(3, rows.Count);
        AssertRow(Row(1, 0.1, 1.0 / 3), rows[0]);
        AssertRow(Row(2, double.NaN, double.PositiveInfinity), rows[1]);
        AssertRow(Row(3, double.NaN, -1e-300), rows[2]);
        Assert.StartsWith("step,loss_d,loss_g\n1,0.1,", System.IO.File.ReadAllText(File()));
    }

    [Fact]
    public void Rows_are_on_disk_as_soon_as_they_are_appended()
    {
        using var log = MetricsCsv.Open(File(), Columns);
        log.Append(Row(1, 2, 3));

        Assert.Single(MetricsCsv.Read(File()));
    }

    [Fact]
    public void Reopening_appends_after_the_existing_rows()
    {
        using (var log = MetricsCsv.Open(File(), Columns))
            log.Append(Row(1, 1, 1));
        using (var log = MetricsCsv.Open(File(), Columns))
            log.Append(Row(2, 2, 2));

        Assert.Equal(new[] { 1.0, 2.0 }, MetricsCsv.Read(File()).Select(r => r["step"]));
        Assert.Single(System.IO.File.ReadAllLines(File()), l => l.StartsWith("step", StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_header_is_rejected()
    {
        using (var log = MetricsCsv.Open(File(), Columns))
            log.Append(Row(1, 1, 1));

        var ex = Assert.Throws<InvalidDataException>(() => MetricsCsv.Open(File(), ["step", "loss"]));

        Assert.StartsWith(File() + ": ", ex.Message);
        Assert.Contains("'step,loss_d,loss_g'", ex.Message);
        Assert.Contains("'step,loss'", ex.Message);
    }

    [Fact]
    public void Bad_columns_and_unknown_keys_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => MetricsCsv.Open(File(), []));
        Assert.Throws<ArgumentException>(() => MetricsCsv.Open(File("a.csv"), ["a,b"]));
        Assert.Throws<ArgumentException>(() => MetricsCsv.Open(File("b.csv"), ["a", "a"]));
        using var log = MetricsCsv.Open(File(), Columns);
        var ex = Assert.Throws<ArgumentException>(() => log.Append(new Dictionary<string, double> { ["lr"] = 1 }));
        Assert.Contains("'lr'", ex.Message);
    }

    [Fact]
    public void Truncation_drops_rows_after_the_step_and_appending_continues()
    {
        using (var log = MetricsCsv.Open(File(), Columns))
        {
            for (int step = 100; step <= 500; step += 100)
                log.Append(Row(step, step / 100.0, 0));
        }

        Assert.Equal(2, MetricsCsv.TruncateAfterStep(File(), 300));
        Assert.Equal(0, MetricsCsv.TruncateAfterStep(File(), 300));
        using (var log = MetricsCsv.Open(File(), Columns))
            log.Append(Row(400, 9, 9));

        var rows = MetricsCsv.Read(File());
        Assert.Equal(new[] { 100.0, 200, 300, 400 }, rows.Select(r => r["step"]));
        Assert.Equal(9, rows[3]["loss_d"]);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_log_opened_before_truncation_appends_to_the_truncated_file()
    {
        using (var log = MetricsCsv.Open(File(), Columns))
        {
            for (int step = 1; step <= 5; step++)
                log.Append(Row(step, 0, 0));
        }

        // The resume order: open (checks the header), cut back to the checkpoint's step, carry on.
        var resumed = MetricsCsv.Open(File(), Columns);
        MetricsCsv.TruncateAfterStep(File(), 2);
        resumed.Append(Row(3, 1, 1));

        Assert.Equal(new[] { 1.0, 2, 3 }, MetricsCsv.Read(File()).Select(r => r["step"]));
        resumed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => resumed.Append(Row(4, 1, 1)));
    }

    [Fact]
    public void Truncation_needs_a_step_column()
    {
        using (var log = MetricsCsv.Open(File(), ["epoch", "loss"]))
            log.Append(new Dictionary<string, double> { ["epoch"] = 1, ["loss"] = 2 });

        var ex = Assert.Throws<InvalidDataException>(() => MetricsCsv.TruncateAfterStep(File(), 0));

        Assert.Contains("no 'step' column", ex.Message);
    }

    [Theory]
    [InlineData("step,loss\n1,0.5\n2,abc\n", ":3:", "'abc'")]
    [InlineData("step,loss\n1,0.5,7\n", ":2:", "more than the 2 fields")]
    [InlineData("step,loss\n1,0.5\n\n3\n", ":4:", "has 1 field but the header has 2")]
    public void A_malformed_file_is_reported_with_its_line(string text, string line, string phrase)
    {
        System.IO.File.WriteAllText(File(), text);

        var ex = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(File()));

        Assert.StartsWith(File() + line, ex.Message);
        Assert.Contains(phrase, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_ignored_and_replaced()
    {
        System.IO.File.WriteAllText(File(), "step,loss\n1,0.5\n2,0.2e");

        Assert.Single(MetricsCsv.Read(File()));
        using (var log = MetricsCsv.Open(File(), ["step", "loss"]))
            log.Append(new Dictionary<string, double> { ["step"] = 2, ["loss"] = 0.25 });

        Assert.Equal("step,loss\n1,0.5\n2,0.25\n", System.IO.File.ReadAllText(File()));
    }

    [Fact]
    public void An_unterminated_complete_row_is_kept()
    {
        System.IO.File.WriteAllText(File(), "step,loss\r\n1,0.5\r\n2,0.75");

        Assert.Equal(2, MetricsCsv.Read(File()).Count);
        using (var log = MetricsCsv.Open(File(), ["step", "loss"]))
            log.Append(new Dictionary<string, double> { ["step"] = 3, ["loss"] = 1 });

        Assert.Equal(new[] { 1.0, 2, 3 }, MetricsCsv.Read(File()).Select(r => r["step"]));
    }
}
