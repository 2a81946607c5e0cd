using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Control.V1;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    /// <summary><c>keys list|create|revoke|whoami</c>: the platform's API keys.</summary>
    private Command Keys()
    {
        var all = new Option<bool>("--all") { Description = "Also list revoked and expired keys." };
        var list = new Command("list", "List the API keys (admin).") { all };
        list.SetAction((parse, token) => ExecuteAsync(parse, async platform =>
        {
            var keys = (await platform.ApiKeys.ListApiKeysAsync(new ListApiKeysRequest { IncludeInactive = parse.GetValue(all) }, cancellationToken: token)).Keys;
            Write(Print(keys, ["ID", "NAME", "ROLE", "INTEGRATION", "CREATED", "EXPIRES", "REVOKED"],
                k => [k.Id, k.Name, RoleName(k.Role), k.IntegrationId, When(k.CreatedAt), When(k.ExpiresAt), When(k.RevokedAt)]), parse.GetValue(_json));
            return ExitCodes.Success;
        }));

        var keys = new Command("keys", "API keys: who may call the platform, and with which role.") { list, Create(), Verb("revoke", "Revoke an API key (admin).", async (platform, id, token) =>
        {
            var key = await platform.ApiKeys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = id }, cancellationToken: token);
            return new Printed(JsonFormatter.Default.Format(key), $"Key {key.Id} ('{key.Name}') is revoked.");
        }, withId: true) };
        keys.Add(Verb("whoami", "Show the key this command uses.", async (platform, _, token) =>
        {
            var key = await platform.ApiKeys.GetCallerKeyAsync(new GetCallerKeyRequest(), cancellationToken: token);
            var scope = key.IntegrationId.Length > 0 ? $" for integration {key.IntegrationId}" : "";
            return new Printed(JsonFormatter.Default.Format(key), $"Key {key.Id} ('{key.Name}'), role {RoleName(key.Role)}{scope}.");
        }));
        return keys;
    }

    private Command Create()
    {
        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, operator, admin or app.", Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin", "app");
        var integration = new Option<string?>("--integration") { Description = "The integration an app key belongs to (app keys only)." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working, e.g. 2027-01-31 or 2027-01-31T12:00:00Z. Default: never." };
        var create = new Command("create", "Create an API key and print it; it is shown only this once (admin).") { name, role, integration, expires };
        create.SetAction((parse, token) => ExecuteAsync(parse, async platform =>
        {
            var request = new CreateApiKeyRequest
            {
                Name = parse.GetValue(name)!,
                Role = System.Enum.Parse<ApiKeyRole>(parse.GetValue(role)!, ignoreCase: true),
                IntegrationId = parse.GetValue(integration) ?? "",
                ExpiresAt = parse.GetValue(expires) is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            };
            var created = await platform.ApiKeys.CreateApiKeyAsync(request, cancellationToken: token);
            Write(new Printed(JsonFormatter.Default.Format(created),
                $"Created key {created.Key.Id} ('{created.Key.Name}', {RoleName(created.Key.Role)}). It is shown only now; send it as 'authorization: Bearer <key>':{Environment.NewLine}{created.Secret}"),
                parse.GetValue(_json));
            return ExitCodes.Success;
        }));
        return create;
    }

    private static string RoleName(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    private static string When(Timestamp? at) => at?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "";
}
