namespace Platform.Grains.Receivers;

/// <summary>Where a trigger object's feed stands for an integration's receiver.</summary>
[GenerateSerializer]
public sealed class ReceiverCursor
{
    /// <summary>When the receiver started watching the object: older changes never make entries, even inside the overlap window.</summary>
    [Id(0)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>Every record up to this SystemModstamp has been read.</summary>
    [Id(1)] public DateTimeOffset ReadThrough { get; set; }
}
