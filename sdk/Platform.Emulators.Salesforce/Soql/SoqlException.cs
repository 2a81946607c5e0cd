using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>A query Salesforce would refuse, with its error code and message (long form with position when known).</summary>
internal sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public SalesforceError ToError() => new(ErrorCode, Message);

    /// <summary>Salesforce's long message form: an excerpt of the query, a caret under the problem, and the row and column.</summary>
    public static SoqlException At(string errorCode, string query, int position, string reason)
    {
        if (position <= 0)
        {
            return new SoqlException(errorCode, reason);
        }

        var start = Math.Max(0, position - 35);
        if (start > 0)
        {
            var space = query.IndexOf(' ', start);
            start = space >= 0 && space < position ? space + 1 : start;
        }

        var end = Math.Min(query.Length, position + 25);
        var after = query.IndexOf(' ', end);
        end = after < 0 ? query.Length : after + 1;
        var excerpt = query[start..end];
        return new SoqlException(errorCode, $"\n{excerpt}\n{new string(' ', position - start)}^\nERROR at Row:1:Column:{position + 1}\n{reason}");
    }
}
