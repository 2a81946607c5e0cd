using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Platform.Control.V1;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    /// <summary><c>keys list|create|revoke|whoami</c>: the platform's API keys.</summary>
    private Command Keys()
    {
        var id = new Argument<string>("id") { Description = "The key's id (the part after plk_)." };
        var all = new Option<bool>("--all") { Description = "Also list revoked and expired keys." };
        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, operator, admin or app.", Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin", "app");
        var integration = new Option<string?>("--integration") { Description = "The integration an app key belongs to (app keys only)." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working, e.g. 2027-01-31 or 2027-01-31T12:00:00Z. Default: never." };

        return Area("keys", "API keys: who may call the platform, and with which role.",
            Verb("list", "List the API keys (admin).", [all], async (parse, platform, token) =>
                Table((await platform.ApiKeys.ListApiKeysAsync(new ListApiKeysRequest { IncludeInactive = parse.GetValue(all) }, cancellationToken: token)).Keys,
                    ["ID", "NAME", "ROLE", "INTEGRATION", "CREATED", "LAST USED", "EXPIRES", "REVOKED"],
                    k => [k.Id, k.Name, RoleName(k.Role), k.IntegrationId, When(k.CreatedAt), When(k.LastUsedAt), When(k.ExpiresAt), When(k.RevokedAt)])),
            Verb("create", "Create an API key and print it; it is shown only this once (admin).", [name, role, integration, expires], async (parse, platform, token) =>
            {
                var created = await platform.ApiKeys.CreateApiKeyAsync(new CreateApiKeyRequest
                {
                    Name = parse.GetValue(name)!,
                    Role = System.Enum.Parse<ApiKeyRole>(parse.GetValue(role)!, ignoreCase: true),
                    IntegrationId = parse.GetValue(integration) ?? "",
                    ExpiresAt = parse.GetValue(expires) is { } at ? Timestamp.FromDateTimeOffset(at) : null,
                }, cancellationToken: token);
                return Line(created, $"Created key {created.Key.Id} ('{created.Key.Name}', {RoleName(created.Key.Role)}). It is shown only now; send it as 'authorization: Bearer <key>':{Environment.NewLine}{created.Secret}");
            }),
            Verb("revoke", "Revoke an API key (admin).", [id], async (parse, platform, token) =>
            {
                var key = await platform.ApiKeys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = parse.GetValue(id)! }, cancellationToken: token);
                return Line(key, $"Key {key.Id} ('{key.Name}') is revoked.");
            }),
            Verb("whoami", "Show the key this command uses.", [], async (_, platform, token) =>
            {
                var key = await platform.ApiKeys.GetCallerKeyAsync(new GetCallerKeyRequest(), cancellationToken: token);
                var scope = key.IntegrationId.Length > 0 ? $" for integration {key.IntegrationId}" : "";
                return Line(key, $"Key {key.Id} ('{key.Name}'), role {RoleName(key.Role)}{scope}.");
            }));
    }

    private static string RoleName(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    private static string When(Timestamp? at) => at?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "";
}
