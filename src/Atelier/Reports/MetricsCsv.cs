using Atelier.IO;
using System.Globalization;
using System.Text;
using Atelier.Imaging;

namespace Atelier.Reports;

/// <summary>
/// An append-only CSV log of training metrics: a header line of column names, then one line per
/// row of numbers in invariant culture (shortest round-trip form; NaN as <c>NaN</c>, infinities as
/// <c>Infinity</c> and <c>-Infinity</c>), each line ending in <c>\n</c>. Every row is flushed to the
/// file as soon as it is appended, so the log survives a crash up to the last complete row.
/// </summary>
/// <remarks>
/// <para>The file is open only while a row is being written, so between appends it may be read
/// (<see cref="Read"/>) or cut back (<see cref="TruncateAfterStep"/>, which replaces the file) by
/// path, and later appends go to the file then at that path. Disposing is therefore optional.</para>
/// <para>Column names are plain (no commas, quotes or line breaks), so fields are never quoted. A final
/// line without a line end is what a crash in the middle of a write leaves behind: <see cref="Read"/>
/// ignores it unless it parses as a complete row, and <see cref="Open"/> removes it before appending
/// (or completes it, when it parses). Not thread-safe.</para>
/// </remarks>
public sealed class MetricsCsv : IDisposable
{
    /// <summary>The column that <see cref="TruncateAfterStep"/> compares.</summary>
    public const string StepColumn = "step";

    private readonly Dictionary<string, int> _index;
    private readonly string[] _fields;
    private bool _disposed;

    private MetricsCsv(string path, IReadOnlyList<string> columns)
    {
        Path = path;
        Columns = columns;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        _fields = new string[columns.Count];
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Opens the log at <paramref name="path"/> for appending: a missing or empty file is created with
    /// the header; an existing one must have exactly this header.
    /// </summary>
    /// <exception cref="ArgumentException">A column name is empty, repeated, or holds a comma, quote or line break.</exception>
    /// <exception cref="InvalidDataException">The existing file's header differs from <paramref name="columns"/>.</exception>
    public static MetricsCsv Open(string path, IReadOnlyList<string> columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        CheckColumns(columns);
        var copy = columns.ToArray();
        string header = string.Join(',', copy);

        using (var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
        {
            if (stream.Length == 0)
            {
                Write(stream, header + "\n");
                stream.Flush();
            }
            else
            {
                PrepareForAppend(stream, path, header);
            }
        }
        return new MetricsCsv(path, copy);
    }

    /// <summary>
    /// Appends one row to the file at <see cref="Path"/> and flushes it. Columns missing from <paramref name="row"/> are left
    /// empty (they read back as NaN).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="row"/> names a column the log does not have.</exception>
    /// <exception cref="FileNotFoundException">The file was deleted since <see cref="Open"/>.</exception>
    public void Append(IReadOnlyDictionary<string, double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (string name in row.Keys)
        {
            if (!_index.ContainsKey(name))
                throw new ArgumentException($"The metrics log {Path} has no column '{name}'; its columns are {string.Join(", ", Columns)}.", nameof(row));
        }
        for (int i = 0; i < _fields.Length; i++)
            _fields[i] = row.TryGetValue(Columns[i], out double value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
        // Open, not Append: a log deleted since Open must not come back as rows without a header.
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.Seek(0, SeekOrigin.End);
        Write(stream, string.Join(',', _fields) + "\n");
    }

    /// <summary>Ends appending; the file is not held open, so this only makes later appends fail.</summary>
    public void Dispose() => _disposed = true;

    /// <summary>
    /// Every row of the log at <paramref name="path"/>, keyed by column name; empty cells are NaN.
    /// </summary>
    /// <exception cref="InvalidDataException">The file has no header, or a line has the wrong number of fields or a field that is not a number; the message names the line.</exception>
    public static IReadOnlyList<Dictionary<string, double>> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (columns, rows) = Parse(path, ReadText(path));
        return rows.Select(r =>
        {
            var row = new Dictionary<string, double>(columns.Length, StringComparer.Ordinal);
            for (int i = 0; i < columns.Length; i++)
                row[columns[i]] = r.Values[i];
            return row;
        }).ToList();
    }

    /// <summary>
    /// Removes every row whose <c>step</c> is greater than <paramref name="step"/>, for resuming from a
    /// checkpoint older than the log's last row. Kept lines are copied unchanged (line ends become
    /// <c>\n</c>), an unterminated last line that does not parse is dropped, and the file is
    /// replaced atomically; a <see cref="MetricsCsv"/> open on it keeps appending to the new file.
    /// </summary>
    /// <returns>The number of rows removed.</returns>
    /// <exception cref="InvalidDataException">The log is malformed, or has no <c>step</c> column, or a row has no step.</exception>
    public static int TruncateAfterStep(string path, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text = ReadText(path);
        var (columns, rows) = Parse(path, text);
        int stepIndex = Array.IndexOf(columns, StepColumn);
        if (stepIndex < 0)
            throw new InvalidDataException($"{path}: has no '{StepColumn}' column (its columns are {string.Join(", ", columns)}), so it cannot be cut back to a step.");

        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, rows.Count > 0 ? rows[0].Start : HeaderLength(text));
        int removed = 0;
        foreach (var row in rows)
        {
            double value = row.Values[stepIndex];
            if (double.IsNaN(value))
                throw new InvalidDataException($"{path}:{row.Line}: the '{StepColumn}' cell is empty; every row needs a step to be cut back to one.");
            if (value > step)
            {
                removed++;
                continue;
            }
            kept.Append(text, row.Start, row.Length).Append('\n');
        }
        if (removed > 0 || !text.EndsWith('\n'))
            AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(kept.ToString()));
        return removed;
    }

    private sealed record Row(int Line, int Start, int Length, double[] Values);

    private static string ReadText(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    private static int HeaderLength(string text)
    {
        int end = text.IndexOf('\n');
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>The header's columns and every complete row (a final unterminated line only if it parses).</summary>
    private static (string[] Columns, List<Row> Rows) Parse(string path, string text)
    {
        int headerEnd = text.IndexOf('\n');
        string headerLine = (headerEnd < 0 ? text : text[..headerEnd]).TrimEnd('\r');
        if (headerLine.Length == 0)
            throw new InvalidDataException($"{path}:1: the header line is empty; a metrics log starts with its column names.");
        var columns = headerLine.Split(',');
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"{path}:1: the column '{duplicate.Key}' appears twice in the header; the file is corrupt (was it edited by hand?).");

        var rows = new List<Row>();
        int line = 1, start = headerEnd < 0 ? text.Length : headerEnd + 1;
        while (start < text.Length)
        {
            line++;
            int end = text.IndexOf('\n', start);
            bool complete = end >= 0;
            if (!complete)
                end = text.Length;
            int length = end - start;
            if (length > 0 && text[start + length - 1] == '\r')
                length--;
            if (length > 0)
            {
                var values = ParseRow(path, line, text.AsSpan(start, length), columns, out string? problem);
                if (values is not null)
                    rows.Add(new Row(line, start, length, values));
                else if (complete)
                    throw new InvalidDataException(problem);
            }
            start = end + 1;
        }
        return (columns, rows);
    }

    private static double[]? ParseRow(string path, int line, ReadOnlySpan<char> text, string[] columns, out string? problem)
    {
        var values = new double[columns.Length];
        int field = 0;
        foreach (var range in text.Split(','))
        {
            if (field == columns.Length)
            {
                problem = $"{path}:{line}: has more than the {columns.Length} fields of the header; the file is corrupt (was it edited by hand?).";
                return null;
            }
            var cell = text[range].Trim();
            if (cell.IsEmpty)
                values[field] = double.NaN;
            else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[field]))
            {
                problem = $"{path}:{line}: the '{columns[field]}' cell '{cell}' is not a number; the file is corrupt (was it edited by hand?).";
                return null;
            }
            field++;
        }
        if (field != columns.Length)
        {
            problem = $"{path}:{line}: has {field} field{(field == 1 ? "" : "s")} but the header has {columns.Length}; the file is corrupt (was it edited by hand?).";
            return null;
        }
        problem = null;
        return values;
    }

    private static void CheckColumns(IReadOnlyList<string> columns)
    {
        if (columns.Count == 0)
            throw new ArgumentException("A metrics log needs at least one column.", nameof(columns));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in columns)
        {
            if (string.IsNullOrWhiteSpace(name) || name != name.Trim() || name.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                throw new ArgumentException($"The metrics column name '{name}' is not allowed; use a non-empty name without commas, quotes, line breaks or surrounding spaces.", nameof(columns));
            if (!seen.Add(name))
                throw new ArgumentException($"The metrics column '{name}' is listed twice.", nameof(columns));
        }
    }

    /// <summary>Checks the existing header, then drops or completes an unterminated last line so appends start on a fresh line.</summary>
    private static void PrepareForAppend(FileStream stream, string path, string header)
    {
        string text;
        using (var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true))
            text = reader.ReadToEnd();
        int headerEnd = text.IndexOf('\n');
        string existing = (headerEnd < 0 ? text : text[..headerEnd]).TrimEnd('\r');
        if (headerEnd < 0 && header.StartsWith(existing, StringComparison.Ordinal))
        {
            // The header itself was cut short (or just lacks its line end): write it again.
            stream.SetLength(0);
            Write(stream, header + "\n");
        }
        else if (existing != header)
        {
            throw new InvalidDataException($"{path}: its columns are '{existing}' but this run logs '{header}'; use a new output folder, or move the old log away.");
        }
        else if (!text.EndsWith('\n'))
        {
            int lastStart = text.LastIndexOf('\n') + 1;
            if (ParseRow(path, 0, text.AsSpan(lastStart).TrimEnd('\r'), header.Split(','), out _) is not null)
            {
                stream.Seek(0, SeekOrigin.End);
                Write(stream, "\n");
            }
            else
            {
                stream.SetLength(new UTF8Encoding(false).GetByteCount(text.AsSpan(0, lastStart)));
            }
        }
        stream.Flush();
    }

    private static void Write(FileStream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
