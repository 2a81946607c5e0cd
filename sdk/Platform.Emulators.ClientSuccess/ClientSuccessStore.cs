using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Emulators.ClientSuccess;

/// <summary>
/// The emulated account's data and its rules: validation as the Open API v2 documents it (required fields, lengths,
/// status values, read-only fields), modification times for change polling, and soft-deleted records kept as
/// tombstones so a poller can see deletes.
/// </summary>
public sealed class ClientSuccessStore(TimeProvider time)
{
    /// <summary>Client statuses ClientSuccess accepts.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["Active", "Inactive", "Trial", "Terminated"];

    private readonly Table<ClientRecord> _clients = new(c => c.Clone());
    private readonly Table<ContactRecord> _contacts = new(c => c.Clone());
    private readonly List<Employee> _employees =
    [
        new(1001, "Casey", "Morgan", "casey.morgan@example.com"),
        new(1002, "Riley", "Chen", "riley.chen@example.com"),
    ];

    private long _lastTicks;

    internal Lock Sync { get; } = new();

    public IReadOnlyList<Employee> Employees
    {
        get
        {
            lock (Sync)
            {
                return [.. _employees];
            }
        }
    }

    /// <summary>Creates a client from API-shaped JSON; returns the error message when ClientSuccess would refuse it.</summary>
    public (ClientRecord? Client, string? Error) CreateClient(JsonObject body) =>
        Create(_clients, new ClientRecord { Uuid = NewUuid() }, body, ApplyClient);

    /// <summary>Changes the properties <paramref name="body"/> holds (PATCH semantics); null client and error when there is none.</summary>
    public (ClientRecord? Client, string? Error) UpdateClient(string uuid, JsonObject body) => Update(_clients, uuid, body, ApplyClient);

    public ClientRecord? GetClient(string uuid) => Get(_clients, uuid);

    /// <summary>Deletes a client and its contacts (they stay as tombstones for pollers).</summary>
    public bool DeleteClient(string uuid)
    {
        lock (Sync)
        {
            if (!Delete(_clients, uuid, out var at))
            {
                return false;
            }

            foreach (var contact in _contacts.Rows.Values.Where(c => c.ClientUuid == uuid && !c.Deleted))
            {
                contact.Deleted = true;
                contact.LastModified = at;
            }

            return true;
        }
    }

    /// <summary>Clients modified at or after <paramref name="since"/>, oldest first (ties by uuid), a page at a time.</summary>
    public IReadOnlyList<ClientRecord> Clients(DateTimeOffset? since, bool includeDeleted, string? crmCustomerId, int page, int pageSize) =>
        List(_clients, since, includeDeleted, c => crmCustomerId is null || c.CrmCustomerId == crmCustomerId, page, pageSize);

    public (ContactRecord? Contact, string? Error) CreateContact(JsonObject body) =>
        Create(_contacts, new ContactRecord { Uuid = NewUuid(), ClientUuid = "" }, body, ApplyContact);

    public (ContactRecord? Contact, string? Error) UpdateContact(string uuid, JsonObject body) => Update(_contacts, uuid, body, ApplyContact);

    public ContactRecord? GetContact(string uuid) => Get(_contacts, uuid);

    public bool DeleteContact(string uuid)
    {
        lock (Sync)
        {
            return Delete(_contacts, uuid, out _);
        }
    }

    /// <summary>Contacts modified at or after <paramref name="since"/>, oldest first (ties by uuid), a page at a time.</summary>
    public IReadOnlyList<ContactRecord> Contacts(DateTimeOffset? since, bool includeDeleted, string? clientUuid, int page, int pageSize) =>
        List(_contacts, since, includeDeleted, c => clientUuid is null || c.ClientUuid == clientUuid, page, pageSize);

    /// <summary>ClientSuccess recomputes a client's SuccessScore (as its health scoring does); tests call it as time passing would.</summary>
    public void SetSuccessScore(string uuid, int score)
    {
        lock (Sync)
        {
            var client = _clients.Rows[uuid];
            client.SuccessScore = Math.Clamp(score, 0, 100);
            client.LastModified = Now();
        }
    }

    private (T?, string?) Create<T>(Table<T> table, T record, JsonObject body, Func<T, JsonObject, bool, string?> apply)
        where T : class, IStoredRecord
    {
        lock (Sync)
        {
            if (apply(record, body, true) is { } error)
            {
                return (null, error);
            }

            record.CreatedAt = record.LastModified = Now();
            table.Rows[record.Uuid] = record;
            return (table.Copy(record), null);
        }
    }

    /// <summary>Applies the change to a copy, so a refused PATCH leaves the record as it was.</summary>
    private (T?, string?) Update<T>(Table<T> table, string uuid, JsonObject body, Func<T, JsonObject, bool, string?> apply)
        where T : class, IStoredRecord
    {
        lock (Sync)
        {
            if (!table.Rows.TryGetValue(uuid, out var existing) || existing.Deleted)
            {
                return (null, null);
            }

            var draft = table.Copy(existing);
            if (apply(draft, body, false) is { } error)
            {
                return (null, error);
            }

            draft.LastModified = Now();
            table.Rows[uuid] = draft;
            return (table.Copy(draft), null);
        }
    }

    private T? Get<T>(Table<T> table, string uuid)
        where T : class, IStoredRecord
    {
        lock (Sync)
        {
            return table.Rows.TryGetValue(uuid, out var record) && !record.Deleted ? table.Copy(record) : null;
        }
    }

    private bool Delete<T>(Table<T> table, string uuid, out DateTimeOffset at)
        where T : class, IStoredRecord
    {
        at = default;
        if (!table.Rows.TryGetValue(uuid, out var record) || record.Deleted)
        {
            return false;
        }

        record.Deleted = true;
        record.LastModified = at = Now();
        return true;
    }

    private IReadOnlyList<T> List<T>(Table<T> table, DateTimeOffset? since, bool includeDeleted, Func<T, bool> filter, int page, int pageSize)
        where T : class, IStoredRecord
    {
        lock (Sync)
        {
            return [.. table.Rows.Values
                .Where(r => (includeDeleted || !r.Deleted) && (since is null || r.LastModified >= since) && filter(r))
                .OrderBy(r => r.LastModified).ThenBy(r => r.Uuid, StringComparer.Ordinal)
                .Skip((page - 1) * pageSize).Take(pageSize).Select(table.Copy)];
        }
    }

    private string? ApplyClient(ClientRecord client, JsonObject body, bool creating)
    {
        foreach (var (name, value) in body)
        {
            var text = Text(value);
            switch (name)
            {
                case "name":
                    if (string.IsNullOrWhiteSpace(text) || text.Length > 255)
                    {
                        return "name is required and must be at most 255 characters.";
                    }

                    client.Name = text;
                    break;
                case "status":
                    if (text is null || !Statuses.Contains(text))
                    {
                        return $"status must be one of {string.Join(", ", Statuses)} (got '{text}').";
                    }

                    client.Status = text;
                    break;
                case "active":
                    if (value?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                    {
                        return "active must be true or false.";
                    }

                    client.Active = value.GetValue<bool>();
                    break;
                case "website":
                    client.Website = Limit(text, 1024);
                    break;
                case "startDate" or "terminationDate":
                    if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        return $"{name} must be a date as YYYY-MM-DD (got '{text}').";
                    }

                    if (name == "startDate")
                    {
                        client.StartDate = text;
                    }
                    else
                    {
                        client.TerminationDate = text;
                    }

                    break;
                case "crmCustomerId":
                    if (text is { Length: > 18 })
                    {
                        return $"crmCustomerId (Salesforce Account Id) must be at most 18 characters (got {text.Length}).";
                    }

                    client.CrmCustomerId = text;
                    break;
                case "externalId":
                    client.ExternalId = Limit(text, 100);
                    break;
                case "assignedCsmId":
                    if (value is null)
                    {
                        client.AssignedCsmId = null;
                    }
                    else if (value.GetValueKind() != System.Text.Json.JsonValueKind.Number || !_employees.Exists(e => e.Id == value.GetValue<long>()))
                    {
                        return $"assignedCsmId must be the id of a ClientSuccess employee (got {value.ToJsonString()}).";
                    }
                    else
                    {
                        client.AssignedCsmId = value.GetValue<long>();
                    }

                    break;
                case "assignedSalesRep":
                    if (text is { Length: > 45 })
                    {
                        return "assignedSalesRep must be at most 45 characters.";
                    }

                    client.AssignedSalesRep = text;
                    break;
                case "note":
                    client.Note = text;
                    break;
                case "salesforce":
                    if (value is not JsonObject fields)
                    {
                        return "salesforce must be an object of Salesforce field values.";
                    }

                    foreach (var (field, fieldValue) in fields)
                    {
                        client.Salesforce[field] = Text(fieldValue);
                    }

                    break;
                case "uuid" or "successScore" or "createdAt" or "lastModified":
                    break;
                default:
                    return $"unknown property '{name}'.";
            }
        }

        return creating && string.IsNullOrWhiteSpace(client.Name) ? "name is required and must be at most 255 characters." : null;
    }

    private string? ApplyContact(ContactRecord contact, JsonObject body, bool creating)
    {
        foreach (var (name, value) in body)
        {
            var text = Text(value);
            switch (name)
            {
                case "clientUuid":
                    if (text is null || !_clients.Rows.TryGetValue(text, out var client) || client.Deleted)
                    {
                        return $"clientUuid must name an existing client (got '{text}').";
                    }

                    contact.ClientUuid = text;
                    break;
                case "firstName":
                    contact.FirstName = Limit(text, 100);
                    break;
                case "lastName":
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return "lastName is required.";
                    }

                    contact.LastName = Limit(text, 100)!;
                    break;
                case "title":
                    contact.Title = Limit(text, 255);
                    break;
                case "email":
                    if (text is not null && !text.Contains('@', StringComparison.Ordinal))
                    {
                        return $"email is not an e-mail address (got '{text}').";
                    }

                    contact.Email = text;
                    break;
                case "phone":
                    contact.Phone = Limit(text, 40);
                    break;
                case "mobile":
                    contact.Mobile = Limit(text, 40);
                    break;
                case "description":
                    contact.Description = text;
                    break;
                case "crmContactId":
                    contact.CrmContactId = Limit(text, 18);
                    break;
                case "uuid" or "createdAt" or "lastModified":
                    break;
                default:
                    return $"unknown property '{name}'.";
            }
        }

        if (creating && contact.ClientUuid.Length == 0)
        {
            return "clientUuid is required.";
        }

        return creating && string.IsNullOrWhiteSpace(contact.LastName) ? "lastName is required." : null;
    }

    /// <summary>Strictly increasing times, so every change moves a record past the pollers' last position.</summary>
    private DateTimeOffset Now()
    {
        var ticks = Math.Max(time.GetUtcNow().UtcTicks, _lastTicks + TimeSpan.TicksPerMillisecond);
        ticks -= ticks % TimeSpan.TicksPerMillisecond;
        _lastTicks = ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static string? Text(JsonNode? value) => value is null ? null : value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static string? Limit(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;

    private static string NewUuid() => Guid.NewGuid().ToString();

    /// <summary>Records of one kind by uuid; callers get copies, so nothing outside the lock sees a record change.</summary>
    private sealed class Table<T>(Func<T, T> copy)
        where T : class, IStoredRecord
    {
        public Dictionary<string, T> Rows { get; } = new(StringComparer.Ordinal);

        public T Copy(T record) => copy(record);
    }
}
