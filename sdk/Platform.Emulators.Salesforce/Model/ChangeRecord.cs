namespace Platform.Emulators.Salesforce.Model;

/// <summary>One change the org recorded: what changed, when, and which API client (Sforce-Call-Options) made it.</summary>
public sealed record ChangeRecord(long Sequence, DateTimeOffset At, string ObjectName, string RecordId, ChangeKind Kind, string? Client, string UserId);

public enum ChangeKind
{
    Create,
    Update,
    Delete,
    Undelete,
    Merge,
}
