namespace Platform.Sdk;

/// <summary>Why an integration's settings cannot be saved; see <see cref="IConnectorPlugin.ValidateSettings"/>.</summary>
/// <param name="Key">The setting at fault (its <see cref="SettingDefinition.Key"/>); the host names it to the operator.</param>
/// <param name="Message">What is wrong and what would be accepted, in one sentence.</param>
public sealed record SettingProblem(string Key, string Message);
