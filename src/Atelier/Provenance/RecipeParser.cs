using System.Globalization;

namespace Atelier.Provenance;

/// <summary>
/// Recursive descent over the recipe grammar:
/// <code>
/// recipe := "seed" INTEGER ["truncated" NUMBER]
///         | "slerp" "(" recipe "," recipe "," NUMBER ")"
///         | NAME "(" anything with balanced parentheses ")"     (an <see cref="OpaqueRecipe"/>)
/// </code>
/// </summary>
internal sealed class RecipeParser
{
    private readonly string _text;
    private int _pos;

    private RecipeParser(string text) => _text = text;

    public static Recipe Parse(string text)
    {
        var parser = new RecipeParser(text);
        var recipe = parser.ParseRecipe();
        parser.SkipSpaces();
        if (parser._pos != text.Length) throw parser.Error("the end of the recipe");
        return recipe;
    }

    private Recipe ParseRecipe()
    {
        var start = SkipSpaces();
        var name = Word();
        switch (name)
        {
            case "seed":
                var seed = long.Parse(Token(c => char.IsAsciiDigit(c) || c == '-', "a seed (a whole number)"), CultureInfo.InvariantCulture);
                var rewind = _pos;
                SkipSpaces();
                if (Word() == "truncated") return new SeedRecipe(seed, Number());
                _pos = rewind;
                return new SeedRecipe(seed);
            case "slerp":
                Expect('(');
                var from = ParseRecipe();
                Expect(',');
                var to = ParseRecipe();
                Expect(',');
                var t = Number();
                Expect(')');
                return new SlerpRecipe(from, to, t);
            case "":
                throw Error("a recipe (seed N, slerp(a, b, t), ...)");
            default:
                Expect('(');
                for (var depth = 1; depth > 0; _pos++)
                {
                    if (_pos == _text.Length) throw Error("')'");
                    depth += _text[_pos] switch { '(' => 1, ')' => -1, _ => 0 };
                }
                return new OpaqueRecipe(_text[start.._pos]);
        }
    }

    private float Number()
    {
        var token = Token(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E', "a number");
        return float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Error("a number", $"'{token}'");
    }

    private string Word()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterLower(_text[_pos]) || _text[_pos] == '_')) _pos++;
        return _text[start.._pos];
    }

    private string Token(Func<char, bool> allowed, string what)
    {
        SkipSpaces();
        var start = _pos;
        while (_pos < _text.Length && allowed(_text[_pos])) _pos++;
        if (start == _pos) throw Error(what);
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (_pos == _text.Length || _text[_pos] != c) throw Error($"'{c}'");
        _pos++;
    }

    private int SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
        return _pos;
    }

    private FormatException Error(string expected, string? found = null)
    {
        found ??= _pos < _text.Length ? $"'{_text[_pos..Math.Min(_text.Length, _pos + 12)]}'" : "the end";
        return new FormatException($"recipe '{_text}': expected {expected} at character {_pos + 1}, found {found}");
    }
}
