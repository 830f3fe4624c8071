using System.Globalization;
using Atelier.Creation;

namespace Atelier.Provenance;

/// <summary>
/// Recursive descent over the recipe grammar:
/// <code>
/// recipe := "seed" INTEGER ["truncated" NUMBER]
///         | "slerp" "(" recipe "," recipe "," NUMBER ")"
///         | "breed" "(" recipe "," recipe "," "seed" INTEGER "," "mutation" NUMBER "," ("uniform" | "blend") ")"
///         | "sum" "(" ["-"] recipe { "," ["-"] recipe } ")"
///         | "bookmark" "(" NAME "," recipe ")"
///         | "along" "(" recipe "," NAME "," NUMBER ")"
///         | "project" "(" IMAGE "," METHOD ")"                      (the method is the text after the last comma)
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
                var seed = Seed();
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
            case "breed":
                Expect('(');
                var first = ParseRecipe();
                Expect(',');
                var second = ParseRecipe();
                Expect(',');
                Keyword("seed");
                var childSeed = Seed();
                Expect(',');
                Keyword("mutation");
                var mutation = Number();
                Expect(',');
                SkipSpaces();
                var crossover = Crossovers.Parse(Word()) ?? throw Error(Crossovers.Choices);
                Expect(')');
                return new BreedRecipe(first, second, childSeed, mutation, crossover);
            case "sum":
                Expect('(');
                var terms = new List<SumRecipe.Term>();
                do
                {
                    SkipSpaces();
                    var negated = _pos < _text.Length && _text[_pos] == '-';
                    if (negated) _pos++;
                    terms.Add(new SumRecipe.Term(ParseRecipe(), negated));
                }
                while (TryExpect(','));
                Expect(')');
                return new SumRecipe(terms);
            case "bookmark":
                Expect('(');
                var bookmark = Name();
                Expect(',');
                var marked = ParseRecipe();
                Expect(')');
                return new BookmarkRecipe(bookmark, marked);
            case "along":
                Expect('(');
                var origin = ParseRecipe();
                Expect(',');
                var direction = Name();
                Expect(',');
                var amount = Number();
                Expect(')');
                return new AlongRecipe(origin, direction, amount);
            case "project":
                var inner = Balanced(start);
                var comma = inner.LastIndexOf(',');
                if (comma < 0) throw Error("project(IMAGE, METHOD)", $"'{inner}'");
                return new ProjectRecipe(inner[..comma].Trim(), inner[(comma + 1)..].Trim());
            case "":
                throw Error("a recipe (seed N, slerp(a, b, t), ...)");
            default:
                Balanced(start);
                return new OpaqueRecipe(_text[start.._pos]);
        }
    }

    /// <summary>Skips "(" text with balanced parentheses ")" and returns the text inside.</summary>
    private string Balanced(int start)
    {
        Expect('(');
        var open = _pos;
        for (var depth = 1; depth > 0; _pos++)
        {
            if (_pos == _text.Length) throw Error("')'");
            depth += _text[_pos] switch { '(' => 1, ')' => -1, _ => 0 };
        }
        return _text[open..(_pos - 1)];
    }

    private string Name() => Token(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.', "a name (letters, digits, _ - .)");

    private void Keyword(string word)
    {
        SkipSpaces();
        if (Word() != word) throw Error($"'{word}'");
    }

    private bool TryExpect(char c)
    {
        SkipSpaces();
        if (_pos == _text.Length || _text[_pos] != c) return false;
        _pos++;
        return true;
    }

    private long Seed()
    {
        var token = Token(c => char.IsAsciiDigit(c) || c == '-', "a seed (a whole number)");
        return long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Error("a seed (a whole number)", $"'{token}'");
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
