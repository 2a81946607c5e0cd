namespace Platform.Sync;

/// <summary>What to do with one mapped field of a linked pair.</summary>
public enum FieldAction
{
    /// <summary>Nothing to do (no change, or the change may not flow).</summary>
    None,

    /// <summary>Both sides hold corresponding values: record them as the new base.</summary>
    Agree,

    /// <summary>Write <see cref="FieldDecision.Value"/> to Salesforce.</summary>
    WriteSalesforce,

    /// <summary>Write <see cref="FieldDecision.Value"/> to the app.</summary>
    WriteApp,
}

/// <summary>The decision for one field; <see cref="Conflict"/> says why when both sides changed.</summary>
public readonly record struct FieldDecision(FieldAction Action, string? Value, string? Conflict = null)
{
    public static FieldDecision Nothing { get; } = new(FieldAction.None, null);

    public static FieldDecision Agreed { get; } = new(FieldAction.Agree, null);
}

/// <summary>The values of one field as the engine sees them: current on each side and the bases (absent = never synced).</summary>
public readonly record struct FieldValues(string? App, string? Salesforce, bool HasAppBase, string? AppBase, bool HasSalesforceBase, string? SalesforceBase)
{
    public bool AppChanged => !HasAppBase || App != AppBase;

    public bool SalesforceChanged => !HasSalesforceBase || Salesforce != SalesforceBase;

    public bool IsFirstSync => !HasAppBase && !HasSalesforceBase;
}

/// <summary>
/// The three-way merge of one field against its base: a change on one side flows to the other when the field's
/// direction allows it; a value the other side already holds is never written (no echo); when both sides changed to
/// values that do not correspond, the conflict policy picks the winner. On a first sync an empty value never
/// overwrites a filled one, and a one-way field never clears its target.
/// </summary>
public static class FieldMerge
{
    public static FieldDecision Decide(FieldRule rule, FieldValues values, ConflictPolicyKind policy, DateTimeOffset? appModifiedAt, DateTimeOffset? salesforceModifiedAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var toSalesforce = rule.FlowsToSalesforce && rule.SalesforceUpdateable;
        var toApp = rule.FlowsToApp && rule.AppWritable;
        var asSalesforce = rule.AppToSalesforce(values.App);
        var asApp = rule.SalesforceToApp(values.Salesforce);
        if (asSalesforce == values.Salesforce || asApp == values.App)
        {
            return FieldDecision.Agreed;
        }

        var appChanged = values.AppChanged;
        var salesforceChanged = values.SalesforceChanged;
        switch (toSalesforce, toApp)
        {
            case (false, false):
                return FieldDecision.Nothing;
            case (true, false):
                return appChanged && !(values.IsFirstSync && values.App is null)
                    ? new FieldDecision(FieldAction.WriteSalesforce, asSalesforce)
                    : FieldDecision.Nothing;
            case (false, true):
                return salesforceChanged && !(values.IsFirstSync && values.Salesforce is null)
                    ? new FieldDecision(FieldAction.WriteApp, asApp)
                    : FieldDecision.Nothing;
        }

        if (appChanged && !salesforceChanged)
        {
            return new FieldDecision(FieldAction.WriteSalesforce, asSalesforce);
        }

        if (salesforceChanged && !appChanged)
        {
            return new FieldDecision(FieldAction.WriteApp, asApp);
        }

        if (!appChanged)
        {
            return FieldDecision.Nothing;
        }

        if (values.IsFirstSync && (values.App is null || values.Salesforce is null))
        {
            return values.App is null
                ? new FieldDecision(FieldAction.WriteApp, asApp)
                : new FieldDecision(FieldAction.WriteSalesforce, asSalesforce);
        }

        var reason = values.IsFirstSync ? "values differ when first linked" : "both sides changed since the last sync";
        return Winner(policy, appModifiedAt, salesforceModifiedAt) == Side.App
            ? new FieldDecision(FieldAction.WriteSalesforce, asSalesforce, $"{reason}; {Explain(policy, Side.App)}")
            : new FieldDecision(FieldAction.WriteApp, asApp, $"{reason}; {Explain(policy, Side.Salesforce)}");
    }

    /// <summary>The side a conflict policy favours; the last writer needs both timestamps, and a tie or an unknown time goes to Salesforce.</summary>
    public static Side Winner(ConflictPolicyKind policy, DateTimeOffset? appModifiedAt, DateTimeOffset? salesforceModifiedAt) => policy switch
    {
        ConflictPolicyKind.AppIsMaster => Side.App,
        ConflictPolicyKind.LastWriterWins when appModifiedAt > salesforceModifiedAt => Side.App,
        _ => Side.Salesforce,
    };

    private static string Explain(ConflictPolicyKind policy, Side winner) => policy switch
    {
        ConflictPolicyKind.LastWriterWins => $"{(winner == Side.App ? "the app" : "Salesforce")} changed last",
        _ => $"{(winner == Side.App ? "the app" : "Salesforce")} is master",
    };
}
