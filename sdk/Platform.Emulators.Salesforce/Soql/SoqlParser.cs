using System.Globalization;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>Parses the SOQL subset sync tools use; anything else is MALFORMED_QUERY in Salesforce's message shape.</summary>
internal sealed class SoqlParser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "INCLUDES", "EXCLUDES", "ORDER", "BY", "ASC", "DESC",
        "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "NULL", "TRUE", "FALSE", "GROUP", "HAVING", "WITH", "FOR", "USING",
    };

    private readonly string _query;
    private readonly List<Token> _tokens;
    private readonly DateOnly _today;
    private int _next;

    private SoqlParser(string query, DateOnly today)
    {
        _query = query;
        _tokens = SoqlLexer.Tokenize(query);
        _today = today;
    }

    public static SoqlQuery Parse(string query, DateOnly today) => new SoqlParser(query, today).Query();

    private Token Current => _tokens[_next];

    private SoqlQuery Query()
    {
        Expect("SELECT");
        var countOnly = false;
        var fields = new List<FieldRef>();
        if (Current.IsKeyword("COUNT") && _tokens[_next + 1].IsSymbol("("))
        {
            _next += 2;
            if (!Current.IsSymbol(")"))
            {
                throw Unexpected("aggregate functions other than COUNT() are not supported by this emulator");
            }

            _next++;
            countOnly = true;
        }
        else
        {
            do
            {
                var field = Field();
                if (fields.Exists(f => string.Equals(f.Text, field.Text, StringComparison.OrdinalIgnoreCase)))
                {
                    throw SoqlException.At("MALFORMED_QUERY", _query, field.Position, $"duplicate field selected: {field.Text}");
                }

                fields.Add(field);
            }
            while (Accept(","));
        }

        Expect("FROM");
        var objectToken = Identifier();
        Condition? where = null;
        if (AcceptKeyword("WHERE"))
        {
            where = Or();
        }

        var orderBy = new List<OrderItem>();
        if (AcceptKeyword("ORDER"))
        {
            Expect("BY");
            do
            {
                var field = Field();
                var descending = AcceptKeyword("DESC");
                if (!descending)
                {
                    AcceptKeyword("ASC");
                }

                var nullsFirst = !descending;
                if (AcceptKeyword("NULLS"))
                {
                    nullsFirst = AcceptKeyword("FIRST");
                    if (!nullsFirst)
                    {
                        Expect("LAST");
                    }
                }

                orderBy.Add(new OrderItem(field, descending, nullsFirst));
            }
            while (Accept(","));
        }

        int? limit = null;
        int? offset = null;
        if (AcceptKeyword("LIMIT"))
        {
            limit = Integer();
        }

        if (AcceptKeyword("OFFSET"))
        {
            var at = Current.Position;
            offset = Integer();
            if (offset > 2000)
            {
                throw SoqlException.At("NUMBER_OUTSIDE_VALID_RANGE", _query, at, "Maximum SOQL offset allowed is 2000");
            }
        }

        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected();
        }

        return new SoqlQuery(fields, countOnly, objectToken.Text, objectToken.Position, where, orderBy, limit, offset);
    }

    private Condition Or()
    {
        var first = And();
        if (!Current.IsKeyword("OR"))
        {
            return first;
        }

        var parts = new List<Condition> { first };
        while (AcceptKeyword("OR"))
        {
            parts.Add(Not());
            if (Current.IsKeyword("AND"))
            {
                // SOQL needs parentheses to mix AND and OR.
                throw Unexpected();
            }
        }

        return new AnyOf(parts);
    }

    private Condition And()
    {
        var first = Not();
        if (!Current.IsKeyword("AND"))
        {
            return first;
        }

        var parts = new List<Condition> { first };
        while (AcceptKeyword("AND"))
        {
            parts.Add(Not());
            if (Current.IsKeyword("OR"))
            {
                throw Unexpected();
            }
        }

        return new AllOf(parts);
    }

    private Condition Not() => AcceptKeyword("NOT") ? new Not(Not()) : Atom();

    private Condition Atom()
    {
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var field = Field();
        if (AcceptKeyword("IN"))
        {
            return new InList(field, List(), Negated: false);
        }

        if (Current.IsKeyword("NOT") && _tokens[_next + 1].IsKeyword("IN"))
        {
            _next += 2;
            return new InList(field, List(), Negated: true);
        }

        if (AcceptKeyword("INCLUDES"))
        {
            return new Includes(field, List(), Excludes: false);
        }

        if (AcceptKeyword("EXCLUDES"))
        {
            return new Includes(field, List(), Excludes: true);
        }

        if (AcceptKeyword("LIKE"))
        {
            return new Comparison(field, "LIKE", Value());
        }

        if (Current.Kind == TokenKind.Symbol && Current.Text is "=" or "!=" or "<>" or "<" or "<=" or ">" or ">=")
        {
            var op = Current.Text == "<>" ? "!=" : Current.Text;
            _next++;
            return new Comparison(field, op, Value());
        }

        throw Unexpected();
    }

    private List<Literal> List()
    {
        if (Current.IsSymbol("(") && _tokens[_next + 1].IsKeyword("SELECT"))
        {
            throw SoqlException.At("MALFORMED_QUERY", _query, _tokens[_next + 1].Position, "semi-join sub-selects are not supported by this emulator");
        }

        Expect("(");
        var values = new List<Literal> { Value() };
        while (Accept(","))
        {
            values.Add(Value());
        }

        Expect(")");
        return values;
    }

    private Literal Value()
    {
        var token = Current;
        _next++;
        switch (token.Kind)
        {
            case TokenKind.String:
                return new Literal(LiteralKind.String, token.Value, token.Raw!, token.Position);
            case TokenKind.Number:
                return new Literal(LiteralKind.Number, token.Value, token.Text, token.Position);
            case TokenKind.Date:
                return new Literal(LiteralKind.Date, token.Value, token.Text, token.Position);
            case TokenKind.DateTime:
                return new Literal(LiteralKind.DateTime, token.Value, token.Text, token.Position);
            case TokenKind.Identifier when token.IsKeyword("NULL"):
                return new Literal(LiteralKind.Null, null, token.Text, token.Position);
            case TokenKind.Identifier when token.IsKeyword("TRUE") || token.IsKeyword("FALSE"):
                return new Literal(LiteralKind.Boolean, token.IsKeyword("TRUE"), token.Text, token.Position);
            case TokenKind.Identifier when RelativeDate(token) is { } range:
                return new Literal(LiteralKind.DateRange, range, token.Text, token.Position);
            default:
                _next--;
                throw Unexpected();
        }
    }

    private DateRange? RelativeDate(Token token)
    {
        var name = token.Text.ToUpperInvariant();
        int? n = null;
        if (name is "LAST_N_DAYS" or "NEXT_N_DAYS" or "N_DAYS_AGO")
        {
            Expect(":");
            n = Integer();
        }

        var monthStart = new DateOnly(_today.Year, _today.Month, 1);
        return name switch
        {
            "TODAY" => new(_today, _today.AddDays(1)),
            "YESTERDAY" => new(_today.AddDays(-1), _today),
            "TOMORROW" => new(_today.AddDays(1), _today.AddDays(2)),
            "LAST_N_DAYS" => new(_today.AddDays(-n!.Value), _today.AddDays(1)),
            "NEXT_N_DAYS" => new(_today.AddDays(1), _today.AddDays(n!.Value + 1)),
            "N_DAYS_AGO" => new(_today.AddDays(-n!.Value), _today.AddDays(-n.Value + 1)),
            "THIS_MONTH" => new(monthStart, monthStart.AddMonths(1)),
            "LAST_MONTH" => new(monthStart.AddMonths(-1), monthStart),
            "THIS_YEAR" => new(new DateOnly(_today.Year, 1, 1), new DateOnly(_today.Year + 1, 1, 1)),
            _ => null,
        };
    }

    private FieldRef Field()
    {
        var first = Identifier();
        var path = new List<string> { first.Text };
        while (Current.IsSymbol("."))
        {
            _next++;
            path.Add(Identifier().Text);
        }

        return new FieldRef(path, first.Position);
    }

    private Token Identifier()
    {
        if (Current.Kind != TokenKind.Identifier || Reserved.Contains(Current.Text))
        {
            throw Unexpected();
        }

        return _tokens[_next++];
    }

    private int Integer()
    {
        if (Current.Kind != TokenKind.Number || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Unexpected();
        }

        _next++;
        return value;
    }

    private bool Accept(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        _next++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _next++;
        return true;
    }

    private Token Expect(string keywordOrSymbol)
    {
        if (Current.IsKeyword(keywordOrSymbol) || Current.IsSymbol(keywordOrSymbol))
        {
            return _tokens[_next++];
        }

        throw Unexpected();
    }

    private SoqlException Unexpected(string? reason = null) =>
        SoqlException.At("MALFORMED_QUERY", _query, Current.Position, reason ?? $"unexpected token: '{Current.Text}'");
}
