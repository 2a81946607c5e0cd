using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Emulators.Salesforce.Json;

namespace Platform.Emulators.Salesforce.Soql;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Symbol,
    End,
}

/// <summary>A token and where it starts (0-based); strings keep their raw text too, for LIKE escapes.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null, string? Raw = null)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
}

internal static partial class SoqlLexer
{
    public static List<Token> Tokenize(string query)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, query[start..i], start));
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(query, ref i));
            }
            else if (char.IsAsciiDigit(c) || ((c is '-' or '+') && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1])))
            {
                var temporal = TemporalPattern().Match(query, i);
                if (temporal.Success && temporal.Index == i)
                {
                    i += temporal.Length;
                    tokens.Add(ReadTemporal(query, start, temporal.Value));
                    continue;
                }

                i++;
                while (i < query.Length && (char.IsAsciiDigit(query[i]) || query[i] == '.'))
                {
                    i++;
                }

                var text = query[start..i];
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw SoqlException.At("MALFORMED_QUERY", query, start, $"unexpected token: '{text}'");
                }

                tokens.Add(new Token(TokenKind.Number, text, start, number));
            }
            else
            {
                var symbol = (c, i + 1 < query.Length ? query[i + 1] : '\0') switch
                {
                    ('!', '=') => "!=",
                    ('<', '>') => "<>",
                    ('<', '=') => "<=",
                    ('>', '=') => ">=",
                    ('=' or '<' or '>' or '(' or ')' or ',' or '.' or ':', _) => c.ToString(),
                    _ => throw SoqlException.At("MALFORMED_QUERY", query, start, $"unexpected token: '{c}'"),
                };
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, start));
            }
        }

        tokens.Add(new Token(TokenKind.End, "<EOF>", query.Length));
        return tokens;
    }

    private static Token ReadString(string query, ref int i)
    {
        var start = i++;
        var value = new StringBuilder();
        while (i < query.Length)
        {
            var c = query[i++];
            if (c == '\'')
            {
                return new Token(TokenKind.String, query[start..i], start, value.ToString(), query[(start + 1)..(i - 1)]);
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i >= query.Length)
            {
                break;
            }

            var escaped = query[i++];
            value.Append(escaped switch
            {
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'b' => "\b",
                'f' => "\f",
                '\'' or '"' or '\\' => escaped.ToString(),
                '_' or '%' => "\\" + escaped,
                _ => throw SoqlException.At("MALFORMED_QUERY", query, start, $"Invalid string literal '{query[start..Math.Min(query.Length, i)]}'. Illegal character sequence '\\{escaped}' in string literal."),
            });
        }

        throw SoqlException.At("MALFORMED_QUERY", query, start, $"line 1:{start} mismatched character '<EOF>' expecting '''");
    }

    private static Token ReadTemporal(string query, int start, string text)
    {
        if (text.Contains('T', StringComparison.Ordinal))
        {
            return SfFormats.TryParseDateTime(text, out var instant)
                ? new Token(TokenKind.DateTime, text, start, instant)
                : throw SoqlException.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{text}'");
        }

        return SfFormats.TryParseDate(text, out var date)
            ? new Token(TokenKind.Date, text, start, date)
            : throw SoqlException.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{text}'");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2}))?")]
    private static partial Regex TemporalPattern();
}
