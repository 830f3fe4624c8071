using System.Text.Json;

namespace Atelier.Tests.Engine;

/// <summary>Reads Golden/torch-ops.json: PyTorch's float64 reference values (a copy of shared/golden).</summary>
internal static class Golden
{
    private static readonly Lazy<Dictionary<string, JsonElement>> s_cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "torch-ops.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    });

    public static IEnumerable<string> Names => s_cases.Value.Keys;

    public static JsonElement Case(string name) => s_cases.Value[name];

    public static Tensor Read(JsonElement tensor)
    {
        var shape = tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var data = tensor.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        return Tensor.FromArray(data, shape);
    }

    public static double[] ReadDoubles(JsonElement tensor) =>
        tensor.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>
    /// float32 against float64 references: inputs are rounded to float32 (relative 6e-8) and every
    /// output here sums at most a few hundred products, so errors stay below ~1e-5 of the magnitudes
    /// involved; 2e-5 + 2e-4 |expected| leaves room without hiding a real mistake.
    /// </summary>
    public static void AssertClose(JsonElement expected, Tensor actual, string what, double absTol = 2e-5, double relTol = 2e-4)
    {
        var shape = expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.True(shape.SequenceEqual(actual.Shape), $"{what}: shape [{string.Join(",", actual.Shape)}], expected [{string.Join(",", shape)}]");
        var want = ReadDoubles(expected);
        var got = actual.Data;
        for (var i = 0; i < want.Length; i++)
            Assert.True(Math.Abs(got[i] - want[i]) <= absTol + relTol * Math.Abs(want[i]), $"{what}[{i}]: got {got[i]}, PyTorch {want[i]}");
    }
}
