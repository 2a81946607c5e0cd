namespace Platform.Emulators.ClientSuccess;

/// <summary>What every stored record has: its id, its last change, and whether it is a tombstone.</summary>
public interface IStoredRecord
{
    string Uuid { get; }

    DateTimeOffset CreatedAt { get; set; }

    DateTimeOffset LastModified { get; set; }

    bool Deleted { get; set; }
}

/// <summary>A ClientSuccess client, as the Open API v2 shows it.</summary>
public sealed class ClientRecord : IStoredRecord
{
    public required string Uuid { get; init; }

    public string Name { get; set; } = "";

    /// <summary>Active, Inactive, Trial or Terminated.</summary>
    public string Status { get; set; } = "Active";

    public bool Active { get; set; } = true;

    public string? Website { get; set; }

    public string? StartDate { get; set; }

    public string? TerminationDate { get; set; }

    /// <summary>The Salesforce Account Id (at most 18 characters): the integration's pairing key.</summary>
    public string? CrmCustomerId { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>The ClientSuccess employee who is the client's assigned CSM.</summary>
    public long? AssignedCsmId { get; set; }

    /// <summary>The assigned sales rep's full name (at most 45 characters).</summary>
    public string? AssignedSalesRep { get; set; }

    /// <summary>ClientSuccess's health score, 0–100; computed by ClientSuccess, read-only in the API.</summary>
    public int? SuccessScore { get; set; }

    public string? Note { get; set; }

    /// <summary>The Salesforce Account module: optional Account fields the integration syncs, by Salesforce API name.</summary>
    public Dictionary<string, string?> Salesforce { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public bool Deleted { get; set; }

    internal ClientRecord Clone()
    {
        var copy = (ClientRecord)MemberwiseClone();
        copy.Salesforce = new(Salesforce, StringComparer.OrdinalIgnoreCase);
        return copy;
    }
}

/// <summary>A contact of a ClientSuccess client.</summary>
public sealed class ContactRecord : IStoredRecord
{
    public required string Uuid { get; init; }

    public required string ClientUuid { get; set; }

    public string? FirstName { get; set; }

    public string LastName { get; set; } = "";

    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Mobile { get; set; }

    public string? Description { get; set; }

    /// <summary>The Salesforce Contact Id, when the contact came from or went to Salesforce.</summary>
    public string? CrmContactId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public bool Deleted { get; set; }

    internal ContactRecord Clone() => (ContactRecord)MemberwiseClone();
}

/// <summary>A member of the ClientSuccess team.</summary>
/// <param name="Id">ClientSuccess's system id.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">E-mail address.</param>
public sealed record Employee(long Id, string FirstName, string LastName, string Email)
{
    public string FullName => $"{FirstName} {LastName}";
}
