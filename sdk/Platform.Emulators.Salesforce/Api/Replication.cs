using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>getUpdated (last 30 days) and getDeleted (delete log), with seconds truncated as Salesforce does.</summary>
internal static class Replication
{
    private const int IdLimit = 600_000;

    public static ApiResponse Updated(EmulatedOrg org, ApiRequest request, ObjectDefinition type)
    {
        var (start, end) = Window(org, request, type, maxAge: TimeSpan.FromDays(30));
        lock (org.Store.Sync)
        {
            var ids = org.Store.Rows(type)
                .Where(r => !r.IsDeleted && r["SystemModstamp"] is DateTimeOffset stamp && stamp >= start && stamp < end)
                .Select(r => r.Id)
                .ToList();
            if (ids.Count > IdLimit)
            {
                return ApiResponse.Error(400, new SalesforceError("EXCEEDED_ID_LIMIT", $"too many ids: {ids.Count} (limit {IdLimit})"));
            }

            return ApiResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("ids");
                foreach (var id in ids)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
                w.WriteString("latestDateCovered", SfFormats.DateTime(end));
                w.WriteEndObject();
            });
        }
    }

    public static ApiResponse Deleted(EmulatedOrg org, ApiRequest request, ObjectDefinition type)
    {
        var (start, end) = Window(org, request, type, maxAge: TimeSpan.FromDays(30));
        lock (org.Store.Sync)
        {
            var deleted = org.Store.DeleteLog(type).Where(d => d.DeletedDate >= start && d.DeletedDate < end).ToList();
            var earliest = Minute(org.Store.DeleteLogStart(type));
            return ApiResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("deletedRecords");
                foreach (var entry in deleted)
                {
                    w.WriteStartObject();
                    w.WriteString("id", entry.Id);
                    w.WriteString("deletedDate", SfFormats.DateTime(entry.DeletedDate));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("earliestDateAvailable", SfFormats.DateTime(earliest));
                w.WriteString("latestDateCovered", SfFormats.DateTime(end));
                w.WriteEndObject();
            });
        }
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Window(EmulatedOrg org, ApiRequest request, ObjectDefinition type, TimeSpan maxAge)
    {
        if (!type.Replicateable)
        {
            throw new SalesforceException(400, new SalesforceError("INVALID_TYPE", $"The object {type.Name} is not replicateable"));
        }

        if (request.Param("start") is not { } startText || request.Param("end") is not { } endText)
        {
            throw new SalesforceException(400, new SalesforceError("MISSING_ARGUMENT", "start and end are required"));
        }

        if (!SfFormats.TryParseDateTime(startText, out var start) || !SfFormats.TryParseDateTime(endText, out var end))
        {
            throw new SalesforceException(400, new SalesforceError("INVALID_REPLICATION_DATE", $"start and end must be ISO 8601 date-times (got {startText}, {endText})"));
        }

        var now = org.Clock.UtcNow;
        start = Minute(start);
        end = Minute(end < now ? end : now);
        if (start < now - maxAge)
        {
            throw new SalesforceException(400, new SalesforceError("INVALID_REPLICATION_DATE", $"startDate can not be earlier than {maxAge.Days} days ago"));
        }

        if (end <= start)
        {
            throw new SalesforceException(400, new SalesforceError("INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate by more than one minute"));
        }

        return (start, end);
    }

    private static DateTimeOffset Minute(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
