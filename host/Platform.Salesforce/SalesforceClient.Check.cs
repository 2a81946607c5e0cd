
namespace Platform.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>
    /// Checks that the org can be used for what a connector needs: it can be reached and logged into, the API is
    /// enabled, the API version is supported, the user has the object permissions, and the fields exist (encrypted
    /// ones are listed). Every problem is reported by name; the check itself never throws for org problems.
    /// </summary>
    public async Task<ConnectionCheck> CheckConnectionAsync(IReadOnlyList<ObjectRequirement> requirements, CancellationToken cancellationToken = default)
    {
        var problems = new List<ConnectionProblem>();
        var encrypted = new List<string>();
        SalesforceSession session;
        try
        {
            session = await ConnectAsync(cancellationToken);
        }
        catch (SalesforceAuthenticationException ex)
        {
            return ConnectionCheck.Failed(new ConnectionProblem("LOGIN_FAILED", $"Salesforce refused the credentials at {_options.LoginUrl}: {ex.Error}: {ex.Description}"));
        }
        catch (Exception ex) when (ex is HttpRequestException or SalesforceException or TaskCanceledException)
        {
            return ConnectionCheck.Failed(new ConnectionProblem("UNREACHABLE", $"Salesforce could not be reached at {_options.LoginUrl}: {ex.Message}"));
        }

        try
        {
            var versions = await GetJsonAsync("/services/data", cancellationToken);
            var supported = versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToList();
            if (!supported.Contains(_options.ApiVersion))
            {
                problems.Add(new ConnectionProblem("API_VERSION_UNSUPPORTED",
                    $"The org does not support API version {_options.ApiVersion} (it supports {(supported.Count > 0 ? $"{supported[0]} to {supported[^1]}" : "none")})."));
                return new ConnectionCheck(false, problems, Facts(session), encrypted);
            }

            await GetLimitsAsync(cancellationToken);
        }
        catch (SalesforceException ex) when (ex.ErrorCode == "API_DISABLED_FOR_ORG" || ex.StatusCode == 403 && ex.Kind != SalesforceErrorKind.Budget)
        {
            problems.Add(new ConnectionProblem("API_DISABLED", $"The API is not enabled for this user or org: {(ex.Errors.Count > 0 ? ex.Errors[0].Message : ex.Message)}"));
            return new ConnectionCheck(false, problems, Facts(session), encrypted);
        }

        foreach (var requirement in requirements)
        {
            SObjectDescribe describe;
            try
            {
                describe = await DescribeAsync(requirement.ObjectName, cancellationToken);
            }
            catch (SalesforceException ex) when (ex.StatusCode == 404)
            {
                problems.Add(new ConnectionProblem("OBJECT_NOT_ACCESSIBLE", $"{requirement.ObjectName} does not exist or the integration user cannot see it."));
                continue;
            }

            foreach (var (access, allowed) in new[]
            {
                (ObjectAccess.Read, describe.Queryable),
                (ObjectAccess.Create, describe.Createable),
                (ObjectAccess.Edit, describe.Updateable),
                (ObjectAccess.Delete, describe.Deletable),
            })
            {
                if (requirement.Access.HasFlag(access) && !allowed)
                {
                    problems.Add(new ConnectionProblem("MISSING_PERMISSION", $"The integration user lacks the '{access}' permission on {describe.Name}."));
                }
            }

            foreach (var name in requirement.Fields)
            {
                if (Resolve(describe, name) is not { } field)
                {
                    problems.Add(new ConnectionProblem("FIELD_NOT_FOUND", $"{describe.Name}.{name} does not exist or the integration user cannot see it."));
                }
                else if (field.Encrypted)
                {
                    encrypted.Add($"{describe.Name}.{field.Name}");
                }
            }

            foreach (var name in requirement.WritableFields)
            {
                if (describe.Field(name) is { } field && !field.Createable && !field.Updateable)
                {
                    problems.Add(new ConnectionProblem("FIELD_READ_ONLY", $"{describe.Name}.{field.Name} is read-only for the integration user."));
                }
            }
        }

        return new ConnectionCheck(problems.Count == 0, problems, Facts(session), encrypted);
    }

    private ConnectionFacts Facts(SalesforceSession session) =>
        new(session.OrgId, session.UserId, session.InstanceUrl, _options.ApiVersion, Budget.Used, Budget.Allocated);

    /// <summary>Relationship paths (Owner.Name) are checked at their first hop; their parents are other objects.</summary>
    private static FieldDescribe? Resolve(SObjectDescribe describe, string name) =>
        name.Contains('.', StringComparison.Ordinal) ? describe.Relationship(name.Split('.')[0]) : describe.Field(name);
}

/// <summary>What a connector needs of one object.</summary>
/// <param name="ObjectName">The object's API name.</param>
/// <param name="Access">The object permissions needed.</param>
public sealed record ObjectRequirement(string ObjectName, ObjectAccess Access)
{
    /// <summary>Fields that must exist and be visible (relationship paths allowed). Default: none.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Fields the platform writes. Default: none.</summary>
    public IReadOnlyList<string> WritableFields { get; init; } = [];
}

[Flags]
public enum ObjectAccess
{
    None = 0,
    Read = 1,
    Create = 2,
    Edit = 4,
    Delete = 8,
}

/// <summary>The outcome of a connection check.</summary>
public sealed record ConnectionCheck(bool Succeeded, IReadOnlyList<ConnectionProblem> Problems, ConnectionFacts? Facts, IReadOnlyList<string> EncryptedFields)
{
    public static ConnectionCheck Failed(ConnectionProblem problem) => new(false, [problem], null, []);
}

/// <summary>One problem, with a stable code (LOGIN_FAILED, UNREACHABLE, API_DISABLED, API_VERSION_UNSUPPORTED, OBJECT_NOT_ACCESSIBLE, MISSING_PERMISSION, FIELD_NOT_FOUND, FIELD_READ_ONLY).</summary>
public sealed record ConnectionProblem(string Code, string Message);

/// <summary>What the check learned about the org.</summary>
public sealed record ConnectionFacts(string OrgId, string UserId, Uri InstanceUrl, string ApiVersion, int? ApiUsed, int? ApiAllocated);
