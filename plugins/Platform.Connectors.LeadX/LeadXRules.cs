using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>A LeadX lead is recognised in Salesforce only in the Lead stage: one further along the pipeline is not created there.</summary>
internal sealed class LeadXRules : ConnectorRules
{
    public override WriteDecision DecideCreate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values) =>
        entity == "lead" && source == SyncSource.App && values.GetValueOrDefault("stage") is string stage && stage != LeadXSchema.LeadStage
            ? WriteDecision.Skip($"LeadX leads are recognised in Salesforce only in the {LeadXSchema.LeadStage} stage; this one is in {stage}.")
            : WriteDecision.Proceed;
}
