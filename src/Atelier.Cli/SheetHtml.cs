using System.Net;
using System.Text;

namespace Atelier.Cli;

/// <summary>
/// An HTML page showing grids of generated images as a labelled table: each cell is cut out of its PNG (shown
/// enlarged, pixels kept sharp) with its recipe and the command that makes it again as a tooltip and caption.
/// </summary>
internal static class SheetHtml
{
    private const int Zoom = 3;

    /// <summary>One row of the table: its label, the PNG holding its cells (a grid), and where in that grid its cells sit.</summary>
    public sealed record Row(string Label, string Png, int FirstCell, IReadOnlyList<string> Recipes, int GridColumns, int GridWidth, int GridHeight, int CellWidth, int CellHeight, int Padding);

    public static void Write(string path, string title, IReadOnlyList<string> columns, IReadOnlyList<Row> rows)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;background:#111;color:#ddd} td,th{padding:4px;text-align:center;font-size:11px} ")
            .Append(".cell{image-rendering:pixelated;margin:auto} code{color:#9cf;font-size:10px}</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p>Hover over an image for its recipe; the command below it makes it again bit for bit.</p>\n<table>\n<tr><th></th>");
        foreach (var column in columns) html.Append("<th>").Append(E(column)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr><th>").Append(E(row.Label)).Append("</th>");
            for (var i = 0; i < row.Recipes.Count; i++)
            {
                var index = row.FirstCell + i;
                int x = row.Padding + index % row.GridColumns * (row.CellWidth + row.Padding), y = row.Padding + index / row.GridColumns * (row.CellHeight + row.Padding);
                var command = $"atelier regenerate {row.Png}#{index}";
                html.Append("<td><div class=\"cell\" title=\"").Append(E(row.Recipes[i])).Append("\" style=\"")
                    .Append($"width:{row.CellWidth * Zoom}px;height:{row.CellHeight * Zoom}px;background:url('{Uri.EscapeDataString(row.Png)}') ")
                    .Append($"-{x * Zoom}px -{y * Zoom}px / {row.GridWidth * Zoom}px {row.GridHeight * Zoom}px\"></div><code>").Append(E(command)).Append("</code></td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
