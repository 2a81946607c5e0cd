using System.Text;
using Platform.Emulators.Salesforce.Soql;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>A Bulk API 2.0 job: an ingest job's data and results, or a query job's snapshot of rows.</summary>
internal sealed class BulkJob
{
    public required string Id { get; init; }

    public required bool IsQuery { get; init; }

    public required string Operation { get; init; }

    public required string ObjectName { get; init; }

    public string? ExternalIdFieldName { get; init; }

    public required string CreatedById { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    public required decimal ApiVersion { get; init; }

    public string LineEnding { get; init; } = "LF";

    public string? Query { get; init; }

    public string State { get; set; } = "Open";

    public DateTimeOffset SystemModstamp { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>The uploaded CSV of an ingest job (one upload per job, as Bulk 2.0 allows).</summary>
    public string? Data { get; set; }

    public int Processed { get; set; }

    public int Failed { get; set; }

    public StringBuilder SuccessfulResults { get; } = new();

    public StringBuilder FailedResults { get; } = new();

    public StringBuilder UnprocessedRecords { get; } = new();

    /// <summary>A query job's rows, fixed when the job was created.</summary>
    public QueryResult? Result { get; set; }

    public string NewLine => LineEnding == "CRLF" ? "\r\n" : "\n";
}
