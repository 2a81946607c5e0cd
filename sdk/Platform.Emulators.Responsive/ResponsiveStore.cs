using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Emulators.Responsive;

/// <summary>
/// The emulated Responsive organisation's projects, intakes and exported response packages, with the API's rules:
/// required fields and formats (due dates as <c>yyyy-MM-dd HH:mm:ss XXX</c>, e-mail contacts), read-only stage and
/// activity, and update times for change polling. Tests and demos act as Responsive users through the methods that
/// open, export and move projects.
/// </summary>
public sealed class ResponsiveStore(TimeProvider time)
{
    /// <summary>The API's due-date format, e.g. <c>2026-12-01 17:00:00 +00:00</c>.</summary>
    public const string DueDateFormat = "yyyy-MM-dd HH:mm:ss zzz";

    private readonly Dictionary<long, WorkRecord> _work = [];
    private long _nextId = 1000;
    private long _nextExportId = 1;
    private long _lastTicks;

    private Lock Sync { get; } = new();

    /// <summary>Creates a project or an intake from the API's request body; returns the error Responsive would give instead.</summary>
    public (WorkRecord? Record, string? Error) Create(WorkKind kind, JsonObject body)
    {
        lock (Sync)
        {
            var record = new WorkRecord { Id = ++_nextId, Kind = kind, Stage = kind == WorkKind.Project ? "Not Started" : "Submitted" };
            if (Apply(record, body) is { } error)
            {
                return (null, error);
            }

            if (string.IsNullOrWhiteSpace(record.Name))
            {
                return (null, "name is required.");
            }

            if (kind == WorkKind.Project && (record.DueDate is null || record.PrimaryContact is null))
            {
                return (null, record.DueDate is null ? "dueDate is required." : "primaryContact is required.");
            }

            record.CreatedAt = record.UpdatedAt = Now();
            _work[record.Id] = record;
            return (record.Clone(), null);
        }
    }

    /// <summary>Changes the properties the body holds; a null record and error when there is no such work.</summary>
    public (WorkRecord? Record, string? Error) Update(WorkKind kind, long id, JsonObject body)
    {
        lock (Sync)
        {
            if (!_work.TryGetValue(id, out var stored) || stored.Kind != kind)
            {
                return (null, null);
            }

            var draft = stored.Clone();
            if (Apply(draft, body) is { } error)
            {
                return (null, error);
            }

            if (string.IsNullOrWhiteSpace(draft.Name))
            {
                return (null, "name must not be empty.");
            }

            draft.UpdatedAt = Now();
            _work[id] = draft;
            return (draft.Clone(), null);
        }
    }

    public WorkRecord? Get(WorkKind kind, long id)
    {
        lock (Sync)
        {
            return _work.TryGetValue(id, out var record) && record.Kind == kind ? record.Clone() : null;
        }
    }

    /// <summary>Work of one kind updated at or after <paramref name="updatedSince"/>, oldest update first (ties by id), a page at a time.</summary>
    public (IReadOnlyList<WorkRecord> Page, int Total) Search(WorkKind kind, DateTimeOffset? updatedSince, string? crmRecordId, string? externalId, int page, int size)
    {
        lock (Sync)
        {
            var matches = _work.Values
                .Where(w => w.Kind == kind && (updatedSince is null || w.UpdatedAt >= updatedSince)
                    && (crmRecordId is null || w.CrmRecordId == crmRecordId) && (externalId is null || w.ExternalId == externalId))
                .OrderBy(w => w.UpdatedAt).ThenBy(w => w.Id)
                .ToList();
            return ([.. matches.Skip(page * size).Take(size).Select(w => w.Clone())], matches.Count);
        }
    }

    /// <summary>The response packages exported from a project, oldest first; null when there is no such project.</summary>
    public IReadOnlyList<ExportPackage>? Exports(long projectId)
    {
        lock (Sync)
        {
            return _work.TryGetValue(projectId, out var project) && project.Kind == WorkKind.Project ? [.. project.Exports] : null;
        }
    }

    public ExportPackage? Export(long projectId, long exportId)
    {
        lock (Sync)
        {
            return _work.TryGetValue(projectId, out var project) ? project.Exports.Find(e => e.Id == exportId) : null;
        }
    }

    /// <summary>A user creates a project in Responsive, optionally associated with a Salesforce record.</summary>
    public WorkRecord CreateProject(string name, DateTimeOffset dueDate, string primaryContact, string? crmRecordId = null, string crmObjectType = "Opportunity")
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["dueDate"] = dueDate.ToString(DueDateFormat, CultureInfo.InvariantCulture),
            ["primaryContact"] = primaryContact,
        };
        if (crmRecordId is not null)
        {
            body["crmRecordId"] = crmRecordId;
            body["crmObjectType"] = crmObjectType;
        }

        var (record, error) = Create(WorkKind.Project, body);
        return record ?? throw new ArgumentException(error);
    }

    /// <summary>A user submits an intake in Responsive, optionally associated with a Salesforce record.</summary>
    public WorkRecord CreateIntake(string name, string requester, string? crmRecordId = null, string crmObjectType = "Opportunity")
    {
        var body = new JsonObject { ["name"] = name, ["primaryContact"] = requester };
        if (crmRecordId is not null)
        {
            body["crmRecordId"] = crmRecordId;
            body["crmObjectType"] = crmObjectType;
        }

        var (record, error) = Create(WorkKind.Intake, body);
        return record ?? throw new ArgumentException(error);
    }

    /// <summary>A user opens (or works in) a project: its last activity becomes now.</summary>
    public void Open(long projectId) => Change(projectId, w => w.LastActivityAt = Now());

    /// <summary>Responsive's workflow moves a project to another stage (e.g. In Progress, Submitted, Won).</summary>
    public void SetStage(long projectId, string stage) => Change(projectId, w => w.Stage = stage);

    /// <summary>A user exports a response package from a project.</summary>
    public ExportPackage ExportPackage(long projectId, string fileName, byte[] content, string exportedBy, string contentType = "application/zip")
    {
        lock (Sync)
        {
            var project = _work[projectId];
            var package = new ExportPackage(_nextExportId++, projectId, fileName, contentType, content.LongLength, Now(), exportedBy) { Content = content };
            project.Exports.Add(package);
            project.LastActivityAt = package.ExportedAt;
            project.UpdatedAt = package.ExportedAt;
            return package;
        }
    }

    private void Change(long id, Action<WorkRecord> change)
    {
        lock (Sync)
        {
            var record = _work[id];
            change(record);
            record.UpdatedAt = Now();
        }
    }

    /// <summary>Update times strictly increase, so a poller resuming from one never misses a change made in the same tick.</summary>
    private DateTimeOffset Now()
    {
        var ticks = Math.Max(time.GetUtcNow().UtcTicks, _lastTicks + TimeSpan.TicksPerMillisecond);
        ticks -= ticks % TimeSpan.TicksPerMillisecond;
        _lastTicks = ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static string? Apply(WorkRecord record, JsonObject body)
    {
        foreach (var (name, value) in body)
        {
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString();
            text = string.IsNullOrEmpty(text) ? null : text;
            switch (name)
            {
                case "name":
                    if (text is { Length: > 255 })
                    {
                        return "name must be at most 255 characters.";
                    }

                    record.Name = text ?? "";
                    break;
                case "dueDate":
                    if (text is null)
                    {
                        record.DueDate = null;
                    }
                    else if (DateTimeOffset.TryParseExact(text, DueDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
                    {
                        record.DueDate = due;
                    }
                    else
                    {
                        return $"dueDate must be formatted as yyyy-MM-dd HH:mm:ss XXX (got '{text}').";
                    }

                    break;
                case "primaryContact" or "clientEmail":
                    if (text is not null && !MailAddress.TryCreate(text, out _))
                    {
                        return $"{name} must be an e-mail address (got '{text}').";
                    }

                    if (name == "primaryContact")
                    {
                        record.PrimaryContact = text;
                    }
                    else
                    {
                        record.ClientEmail = text;
                    }

                    break;
                case "additionalContacts" or "category":
                    if (value is not (JsonArray or null))
                    {
                        return $"{name} must be an array of strings.";
                    }

                    var items = value?.AsArray().Select(i => i?.GetValue<string>() ?? "").Where(i => i.Length > 0).ToList() ?? [];
                    if (name == "category")
                    {
                        record.Category = items;
                    }
                    else
                    {
                        record.AdditionalContacts = items;
                    }

                    break;
                case "customFields":
                    if (value is not (JsonObject or null))
                    {
                        return "customFields must be an object of merge tag to value.";
                    }

                    foreach (var (tag, field) in value?.AsObject() ?? [])
                    {
                        record.CustomFields[tag] = field?.ToString();
                    }

                    break;
                case "dealSize":
                    if (text is null)
                    {
                        record.DealSize = null;
                    }
                    else if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var size) && size >= 0)
                    {
                        record.DealSize = size;
                    }
                    else
                    {
                        return $"dealSize must be a non-negative number (got '{text}').";
                    }

                    break;
                case "crmRecordId":
                    if (text is not null && text.Length is not (15 or 18))
                    {
                        return $"crmRecordId must be a Salesforce id of 15 or 18 characters (got '{text}').";
                    }

                    record.CrmRecordId = text;
                    break;
                case "clientName": record.ClientName = text; break;
                case "clientPhone": record.ClientPhone = text; break;
                case "description": record.Description = text; break;
                case "externalId": record.ExternalId = text; break;
                case "primaryBU": record.PrimaryBU = text; break;
                case "projectType": record.ProjectType = text; break;
                case "crmObjectType": record.CrmObjectType = text; break;
                case "id" or "stage" or "status" or "lastActivityAt" or "createdAt" or "updatedAt":
                    return $"{name} is read-only.";
                default:
                    return $"Unrecognized field '{name}'.";
            }
        }

        return null;
    }
}
