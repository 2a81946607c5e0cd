namespace Platform.Sdk;

/// <summary>What a connector syncs: its app entities, their default mappings to Salesforce, and its settings.</summary>
public sealed record ConnectorDefinition
{
    /// <summary>The app's entities (e.g. clients, contacts), each with its fields.</summary>
    public required IReadOnlyList<EntitySchema> Entities { get; init; }

    /// <summary>Mappings proposed when an operator binds the connector to a Salesforce instance. Default: none.</summary>
    public IReadOnlyList<ObjectMapping> DefaultMappings { get; init; } = [];

    /// <summary>Settings an integration of this connector takes (API keys, base URLs, options). Default: none.</summary>
    public IReadOnlyList<SettingDefinition> Settings { get; init; } = [];

    /// <summary>
    /// The setting (not a secret one) that names the app account an integration connects (e.g. the public half of an
    /// API key pair). When set, a Salesforce org may be connected to one account of this connector at a time: saving an
    /// integration whose org another integration of the connector already connects to a different account is refused.
    /// Default: <see langword="null"/> (an org may serve any number of accounts).
    /// </summary>
    public string? AccountSetting { get; init; }

    /// <summary>
    /// Whether an integration bound to a Salesforce sandbox may write to it. When <see langword="false"/>, every mapping
    /// of an integration on a sandbox must flow to the app only. Default: <see langword="true"/>.
    /// </summary>
    public bool SandboxWritesToSalesforce { get; init; } = true;

    /// <summary>
    /// Set when the connector receives Salesforce events (see <see cref="ReceiverDefinition"/>); its plugin then creates
    /// an <see cref="ISalesforceReceiver"/>. Default: <see langword="null"/> (no receiver).
    /// </summary>
    public ReceiverDefinition? Receiver { get; init; }

    /// <summary>
    /// Whether the app connects through the platform's app gateway (it pushes its changes and receives the platform's
    /// writes over gRPC) instead of the connector calling an API of the app's. When set, the host hands every client it
    /// asks for a gateway-backed <see cref="ConnectorContext.AppGateway"/>. Default: <see langword="false"/>.
    /// </summary>
    public bool UsesAppGateway { get; init; }

    /// <summary>
    /// The sync frequencies the connector offers (e.g. every 15 minutes, hourly, daily, weekly). When set, an
    /// integration's schedule interval must be one of them, and an integration saved without one gets the first.
    /// Default: empty (any interval).
    /// </summary>
    public IReadOnlyList<TimeSpan> ScheduleIntervals { get; init; } = [];

    /// <summary>
    /// Whether records that exist in both systems must be matched before anything syncs (e.g. partners created in both
    /// before the integration). When set, a new integration starts in matching: its cycles read both systems and write
    /// nothing until an operator completes the matching wizard of the host's control API, linking, creating or
    /// excluding each record. Default: <see langword="false"/> (sync starts at once).
    /// </summary>
    public bool MatchBeforeSync { get; init; }
}
