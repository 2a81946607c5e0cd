using System.CommandLine;
using Platform.Control.V1;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    private Command Connectors()
    {
        var id = new Argument<string>("id") { Description = "The connector's id." };
        return Area("connectors", "Loaded connector plugins.",
            Verb("list", "List the connectors and whether they loaded.", [], async (_, platform, token) =>
                Table(await CommandInput.AllPagesAsync(page => platform.Connectors.ListConnectorsAsync(new ListConnectorsRequest { PageToken = page }, cancellationToken: token).ResponseAsync, answer => answer.Connectors, answer => answer.NextPageToken),
                    ["ID", "VERSION", "SDK", "STATUS", "ERROR"], c => [c.Id, c.Version, c.SdkVersion, c.Status.ToString(), c.FailureReason])),
            Verb("get", "Show a connector: entities, settings, default mappings.", [id], async (parse, platform, token) =>
            {
                var connector = await platform.Connectors.GetConnectorAsync(new GetConnectorRequest { Id = parse.GetValue(id)! }, cancellationToken: token);
                var entities = string.Join(", ", connector.Entities.Select(e => e.Name));
                var settings = string.Join(", ", connector.Settings.Select(s => s.Required ? $"{s.Key} (required)" : s.Key));
                return Line(connector, $"{connector.Id} {connector.Version} ({connector.Status}): {connector.DisplayName}. Entities: {entities}. Settings: {settings}.");
            }));
    }

    private Command Instances()
    {
        var id = new Argument<string>("id") { Description = "The instance's id." };
        var file = new Option<string>("--file") { Description = "The instance as JSON (a SaveInstanceRequest, credentials included); - reads standard input.", Required = true };
        return Area("instances", "Salesforce instances (org connections).",
            Verb("list", "List the instances.", [], async (_, platform, token) =>
                Table(await CommandInput.AllPagesAsync(page => platform.Instances.ListInstancesAsync(new ListInstancesRequest { PageToken = page }, cancellationToken: token).ResponseAsync, answer => answer.Instances, answer => answer.NextPageToken),
                    ["ID", "NAME", "LOGIN", "AUTH", "ENABLED"], i => [i.Id, i.Name, i.LoginUrl, i.Auth, i.Enabled.ToString()])),
            Verb("get", "Show an instance (never its credentials).", [id], async (parse, platform, token) =>
            {
                var instance = await platform.Instances.GetInstanceAsync(new GetInstanceRequest { Id = parse.GetValue(id)! }, cancellationToken: token);
                return Line(instance, $"{instance.Id} ({instance.Name}): {instance.LoginUrl}, {instance.Auth}, {(instance.Enabled ? "enabled" : "disabled")}.");
            }),
            Verb("create", "Create an instance from a JSON file.", [file], async (parse, platform, token) =>
            {
                var request = await CommandInput.ReadMessageAsync<SaveInstanceRequest>(parse.GetValue(file)!, token);
                var instance = await platform.Instances.CreateInstanceAsync(request, cancellationToken: token);
                return Line(instance, $"Instance {instance.Id} created.");
            }),
            Verb("update", "Replace an instance's settings from a JSON file.", [file], async (parse, platform, token) =>
            {
                var request = await CommandInput.ReadMessageAsync<SaveInstanceRequest>(parse.GetValue(file)!, token);
                var instance = await platform.Instances.UpdateInstanceAsync(request, cancellationToken: token);
                return Line(instance, $"Instance {instance.Id} updated.");
            }),
            Verb("delete", "Delete an instance (its integrations must be deleted first).", [id], async (parse, platform, token) =>
            {
                var answer = await platform.Instances.DeleteInstanceAsync(new DeleteInstanceRequest { Id = parse.GetValue(id)! }, cancellationToken: token);
                return Line(answer, $"Instance {parse.GetValue(id)} deleted.");
            }),
            Verb("test", "Test an instance's connection.", [id], async (parse, platform, token) =>
            {
                var result = await platform.Instances.TestConnectionAsync(new TestConnectionRequest { Id = parse.GetValue(id)! }, cancellationToken: token);
                return Line(result, result.Succeeded ? $"Connection succeeded: org {result.OrgId}, {result.ApiUsed} of {result.ApiAllocated} API calls used today." : $"Connection failed: {string.Join("; ", result.Problems)}",
                    result.Succeeded ? ExitCodes.Success : ExitCodes.Failed);
            }));
    }
}
