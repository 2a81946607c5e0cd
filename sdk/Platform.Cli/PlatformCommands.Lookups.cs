using System.CommandLine;
using Platform.Control.V1;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    /// <summary><c>lookups …</c>: find Salesforce records for an app's users, and the users' own Salesforce connections.</summary>
    private Command Lookups()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var text = new Argument<string>("text") { Description = "2–100 characters found anywhere in the record's name." };
        var type = new Option<string?>("--type") { Description = "The Salesforce object (default: the policy's default)." };
        var user = new Option<string?>("--user") { Description = "The app user searching (required when lookups run as each user's own account)." };
        var userId = new Argument<string>("user-id") { Description = "The app's id for the user." };
        var redirect = new Option<string>("--redirect-uri") { Description = "Where Salesforce sends the user back (a callback URL of the connected app).", Required = true };
        var state = new Option<string>("--state") { Description = "The state from 'lookups connect'.", Required = true };
        var code = new Option<string>("--code") { Description = "The code Salesforce put on the redirect.", Required = true };

        return Area("lookups", "Record lookups for an app's users and their own Salesforce connections.",
            Verb("policy", "Show whether and how the integration's users may look records up.", [integration], async (parse, platform, token) =>
            {
                var policy = await platform.Lookups.GetLookupPolicyAsync(new GetLookupPolicyRequest { IntegrationId = parse.GetValue(integration)! }, cancellationToken: token);
                return Line(policy, policy.Allowed
                    ? $"Lookups allowed on {string.Join(", ", policy.ObjectTypes)} (default {policy.DefaultObjectType}), as the {policy.Account}'s account."
                    : $"Lookups refused: {policy.RefusalReason}");
            }),
            Verb("search", "Find Salesforce records by name.", [integration, text, type, user], async (parse, platform, token) =>
                Table((await platform.Lookups.SearchRecordsAsync(new SearchRecordsRequest
                {
                    IntegrationId = parse.GetValue(integration)!,
                    Text = parse.GetValue(text)!,
                    ObjectType = parse.GetValue(type) ?? "",
                    UserId = parse.GetValue(user) ?? "",
                }, cancellationToken: token)).Records, ["ID", "NAME"], r => [r.Id, r.Name])),
            Verb("users", "List the users who connected their own Salesforce account.", [integration], async (parse, platform, token) =>
                Table((await platform.Lookups.ListUserConnectionsAsync(new ListUserConnectionsRequest { IntegrationId = parse.GetValue(integration)! }, cancellationToken: token)).Connections,
                    ["USER", "SALESFORCE USER", "USERNAME", "CONNECTED"], c => [c.UserId, c.SalesforceUserId, c.SalesforceUsername, When(c.ConnectedAt)])),
            Verb("connect", "Start a user's connection: prints the Salesforce consent page to send them to.", [integration, userId, redirect], async (parse, platform, token) =>
            {
                var begun = await platform.Lookups.BeginUserConnectionAsync(new BeginUserConnectionRequest { IntegrationId = parse.GetValue(integration)!, UserId = parse.GetValue(userId)!, RedirectUri = parse.GetValue(redirect)! }, cancellationToken: token);
                return Line(begun, $"Send the user to {begun.AuthorizeUrl} (valid until {When(begun.ExpiresAt)}); then run 'platform lookups complete {parse.GetValue(integration)} --state {begun.State} --code <code>'.");
            }),
            Verb("complete", "Finish a user's connection with the code from the redirect.", [integration, state, code], async (parse, platform, token) =>
            {
                var connection = await platform.Lookups.CompleteUserConnectionAsync(new CompleteUserConnectionRequest { IntegrationId = parse.GetValue(integration)!, State = parse.GetValue(state)!, Code = parse.GetValue(code)! }, cancellationToken: token);
                return Line(connection, $"User {connection.UserId} connected as {connection.SalesforceUsername}.");
            }),
            Verb("disconnect", "Remove a user's connection and revoke its token at Salesforce.", [integration, userId], async (parse, platform, token) =>
                Line(await platform.Lookups.DisconnectUserAsync(new DisconnectUserRequest { IntegrationId = parse.GetValue(integration)!, UserId = parse.GetValue(userId)! }, cancellationToken: token), $"User {parse.GetValue(userId)} disconnected.")));
    }
}
