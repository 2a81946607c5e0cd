namespace Platform.Emulators.Salesforce.Soql;

internal sealed record SoqlQuery(
    IReadOnlyList<FieldRef> Fields,
    bool CountOnly,
    string ObjectName,
    int ObjectPosition,
    Condition? Where,
    IReadOnlyList<OrderItem> OrderBy,
    int? Limit,
    int? Offset);

/// <summary>A field path such as <c>Owner.Name</c>, with where it appears in the query.</summary>
internal sealed record FieldRef(IReadOnlyList<string> Path, int Position)
{
    public string Text => string.Join('.', Path);
}

internal abstract record Condition;

internal sealed record AllOf(IReadOnlyList<Condition> Parts) : Condition;

internal sealed record AnyOf(IReadOnlyList<Condition> Parts) : Condition;

internal sealed record Not(Condition Inner) : Condition;

/// <summary><c>field op value</c>, where op is =, !=, &lt;, &lt;=, &gt;, &gt;= or LIKE.</summary>
internal sealed record Comparison(FieldRef Field, string Operator, Literal Value) : Condition;

internal sealed record InList(FieldRef Field, IReadOnlyList<Literal> Values, bool Negated) : Condition;

internal sealed record Includes(FieldRef Field, IReadOnlyList<Literal> Values, bool Excludes) : Condition;

internal enum LiteralKind
{
    Null,
    Boolean,
    Number,
    String,
    Date,
    DateTime,
    DateRange,
}

/// <summary>A literal value; <see cref="Raw"/> keeps a string's escapes (LIKE needs them).</summary>
internal sealed record Literal(LiteralKind Kind, object? Value, string Raw, int Position);

/// <summary>A relative date literal (TODAY, LAST_N_DAYS:7…) as a half-open range of UTC days.</summary>
internal sealed record DateRange(DateOnly Start, DateOnly End);

internal sealed record OrderItem(FieldRef Field, bool Descending, bool NullsFirst);
