using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Emulators.ReferralRock;

/// <summary>
/// The emulated Referral Rock account: programs, members and referrals, with the API's rules (a referral belongs to the
/// member whose referral code it carries; statuses pending, qualified, approved, denied; e-mail format) and update
/// times for change polling. Removed referrals stay as tombstones so a poller sees the removal.
/// </summary>
public sealed class ReferralRockStore(TimeProvider time)
{
    /// <summary>The referral statuses Referral Rock knows.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["pending", "qualified", "approved", "denied"];

    /// <summary>Custom field properties a referral carries (each a name and a value).</summary>
    public static readonly IReadOnlyList<string> ReferralCustomFields = ["customText1", "customText2", "customText3", "customOption1", "customOption2"];

    private readonly Dictionary<string, ProgramRecord> _programs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MemberRecord> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReferralRecord> _referrals = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private long _lastTicks;

    /// <summary>Where the account's members share from and its admins work, e.g. <c>https://acme.referralrock.com</c>.</summary>
    public string PortalUrl { get; init; } = "https://emulator.referralrock.com";

    public ProgramRecord AddProgram(string name, string? title = null)
    {
        lock (_sync)
        {
            var program = new ProgramRecord(NewId(), name, title ?? name);
            _programs[program.Id] = program;
            return program;
        }
    }

    public IReadOnlyList<ProgramRecord> Programs()
    {
        lock (_sync)
        {
            return [.. _programs.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds a member from API-shaped JSON (<c>programId</c>, names, <c>email</c>, <c>phone</c>, <c>externalIdentifier</c>, custom fields).</summary>
    public (MemberRecord? Member, string? Error) CreateMember(JsonObject body)
    {
        lock (_sync)
        {
            var programId = Text(body["programId"]);
            if (programId is null || !_programs.ContainsKey(programId))
            {
                return (null, $"programId must name a program of this account (got '{programId}').");
            }

            var member = new MemberRecord { Id = NewId(), ProgramId = programId, ReferralCode = NewCode(), CreateDt = Now() };
            foreach (var (name, value) in body)
            {
                var text = Text(value);
                switch (name)
                {
                    case "programId":
                        break;
                    case "firstName":
                        member.FirstName = text;
                        break;
                    case "lastName":
                        member.LastName = text;
                        break;
                    case "email":
                        if (!IsEmail(text))
                        {
                            return (null, $"email is not a valid e-mail address (got '{text}').");
                        }

                        member.Email = text;
                        break;
                    case "phone":
                        member.Phone = text;
                        break;
                    case "externalIdentifier":
                        member.ExternalIdentifier = text;
                        break;
                    case "customText1Name": member.CustomText1Name = text; break;
                    case "customText1Value": member.CustomText1Value = text; break;
                    case "customText2Name": member.CustomText2Name = text; break;
                    case "customText2Value": member.CustomText2Value = text; break;
                    case "customOption1Name": member.CustomOption1Name = text; break;
                    case "customOption1Value": member.CustomOption1Value = text; break;
                    default:
                        return (null, $"unknown member property '{name}'.");
                }
            }

            if (string.IsNullOrWhiteSpace(member.Email))
            {
                return (null, "email is required.");
            }

            _members[member.Id] = member;
            return (member.Clone(), null);
        }
    }

    public MemberRecord? GetMember(string id)
    {
        lock (_sync)
        {
            return _members.TryGetValue(id, out var member) ? member.Clone() : null;
        }
    }

    /// <summary>Members, newest first, filtered by program, id, or a query matched against e-mail, referral code, external id and name.</summary>
    public (int Total, IReadOnlyList<MemberRecord> Page) Members(string? programId, string? memberId, string? query, int offset, int count)
    {
        lock (_sync)
        {
            var matching = _members.Values
                .Where(m => (programId is null || m.ProgramId == programId) && (memberId is null || m.Id == memberId) && (query is null || Matches(query, m.Email, m.ReferralCode, m.ExternalIdentifier, m.DisplayName)))
                .OrderByDescending(m => m.CreateDt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            return (matching.Count, [.. matching.Skip(offset).Take(count).Select(m => m.Clone())]);
        }
    }

    /// <summary>Adds a referral for the member whose <c>referralCode</c> the body carries.</summary>
    public (ReferralRecord? Referral, string? Error) CreateReferral(JsonObject body)
    {
        lock (_sync)
        {
            var code = Text(body["referralCode"]);
            var member = _members.Values.FirstOrDefault(m => string.Equals(m.ReferralCode, code, StringComparison.OrdinalIgnoreCase));
            if (member is null)
            {
                return (null, $"referralCode must be the referral code of a member (got '{code}').");
            }

            var now = Now();
            var referral = new ReferralRecord { Id = NewId(), ProgramId = member.ProgramId, ReferringMemberId = member.Id, CreateDate = now, UpdateDate = now };
            if (Apply(referral, body, now) is { } error)
            {
                return (null, error);
            }

            _referrals[referral.Id] = referral;
            return (referral.Clone(), null);
        }
    }

    /// <summary>
    /// Updates the referral a query finds (<c>primaryInfo.referralId</c>, or <c>secondaryInfo</c> with
    /// <c>externalIdentifier</c> or <c>email</c> and <c>programId</c>) with the properties <paramref name="changes"/> holds.
    /// A refused update leaves the referral as it was.
    /// </summary>
    public (ReferralRecord? Referral, string? Error) UpdateReferral(JsonObject query, JsonObject changes)
    {
        lock (_sync)
        {
            if (Find(query) is not { } existing)
            {
                return (null, "no referral matches the query.");
            }

            var draft = existing.Clone();
            var now = Now();
            if (Apply(draft, changes, now) is { } error)
            {
                return (null, error);
            }

            draft.UpdateDate = now;
            _referrals[draft.Id] = draft;
            return (draft.Clone(), null);
        }
    }

    public bool RemoveReferral(JsonObject query)
    {
        lock (_sync)
        {
            if (Find(query) is not { } referral)
            {
                return false;
            }

            referral.Deleted = true;
            referral.UpdateDate = Now();
            return true;
        }
    }

    /// <summary>One referral by id, e-mail or external identifier (the first given is used).</summary>
    public ReferralRecord? GetReferral(string? id, string? email = null, string? externalIdentifier = null)
    {
        lock (_sync)
        {
            var live = _referrals.Values.Where(r => !r.Deleted);
            var found = id is not null ? live.FirstOrDefault(r => r.Id == id)
                : email is not null ? live.OrderByDescending(r => r.CreateDate).FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase))
                : externalIdentifier is not null ? live.FirstOrDefault(r => r.ExternalIdentifier == externalIdentifier)
                : null;
            return found?.Clone();
        }
    }

    /// <summary>
    /// Referrals filtered by program, member and a query (e-mail, name, external id). Newest first, or, when
    /// <paramref name="updatedSince"/> is given, updated at or after it, oldest update first (ties by id), with removed
    /// referrals included so pollers see them.
    /// </summary>
    public (int Total, IReadOnlyList<ReferralRecord> Page) Referrals(string? programId, string? memberId, string? query, DateTimeOffset? updatedSince, int offset, int count)
    {
        lock (_sync)
        {
            var matching = _referrals.Values.Where(r =>
                (updatedSince is null ? !r.Deleted : r.UpdateDate >= updatedSince)
                && (programId is null || r.ProgramId == programId)
                && (memberId is null || r.ReferringMemberId == memberId)
                && (query is null || Matches(query, r.Email, r.ExternalIdentifier, $"{r.FirstName} {r.LastName}")));
            var ordered = updatedSince is null
                ? matching.OrderByDescending(r => r.CreateDate).ThenBy(r => r.Id, StringComparer.Ordinal)
                : matching.OrderBy(r => r.UpdateDate).ThenBy(r => r.Id, StringComparer.Ordinal);
            var list = ordered.ToList();
            return (list.Count, [.. list.Skip(offset).Take(count).Select(r => r.Clone())]);
        }
    }

    /// <summary>The referral as the API shows it: its own properties plus its program's and referring member's.</summary>
    public JsonObject ToJson(ReferralRecord referral)
    {
        lock (_sync)
        {
            var member = _members.GetValueOrDefault(referral.ReferringMemberId);
            var program = _programs.GetValueOrDefault(referral.ProgramId);
            var json = new JsonObject
            {
                ["id"] = referral.Id,
                ["displayName"] = $"{referral.FirstName} {referral.LastName}".Trim(),
                ["firstName"] = referral.FirstName,
                ["lastName"] = referral.LastName,
                ["fullName"] = $"{referral.FirstName} {referral.LastName}".Trim(),
                ["email"] = referral.Email,
                ["externalIdentifier"] = referral.ExternalIdentifier,
                ["phoneNumber"] = referral.PhoneNumber,
                ["amount"] = referral.Amount,
                ["amountFormatted"] = referral.Amount.ToString("C", CultureInfo.GetCultureInfo("en-US")),
                ["preferredContact"] = referral.PreferredContact,
                ["createDate"] = Format(referral.CreateDate),
                ["updateDate"] = Format(referral.UpdateDate),
                ["source"] = referral.Source,
                ["programId"] = referral.ProgramId,
                ["programName"] = program?.Name,
                ["programTitle"] = program?.Title,
                ["referringMemberId"] = referral.ReferringMemberId,
                ["referringMemberName"] = member?.DisplayName,
                ["memberEmail"] = member?.Email,
                ["memberReferralCode"] = member?.ReferralCode,
                ["memberExternalIdentifier"] = member?.ExternalIdentifier,
                ["approvedDate"] = referral.ApprovedDate is { } approved ? Format(approved) : null,
                ["qualifiedDate"] = referral.QualifiedDate is { } qualified ? Format(qualified) : null,
                ["status"] = referral.Status,
                ["companyName"] = referral.CompanyName,
                ["note"] = referral.Note,
                ["publicNote"] = referral.PublicNote,
            };
            foreach (var field in ReferralCustomFields)
            {
                json[field + "Name"] = referral.Custom.GetValueOrDefault(field + "Name");
                json[field + "Value"] = referral.Custom.GetValueOrDefault(field + "Value");
            }

            if (referral.Deleted)
            {
                json["deleted"] = true;
            }

            return json;
        }
    }

    /// <summary>The member as the API shows it, with the links members share and admins open.</summary>
    public JsonObject ToJson(MemberRecord member)
    {
        var json = JsonSerializer.SerializeToNode(member, JsonSerializerOptions.Web)!.AsObject();
        json["createDt"] = Format(member.CreateDt);
        json["memberUrl"] = $"{PortalUrl}/members/{member.Id}";
        json["referralUrl"] = $"{PortalUrl}/r/{member.ReferralCode}";
        lock (_sync)
        {
            var program = _programs.GetValueOrDefault(member.ProgramId);
            json["programName"] = program?.Name;
            json["programTitle"] = program?.Title;
        }

        return json;
    }

    private ReferralRecord? Find(JsonObject query)
    {
        var live = _referrals.Values.Where(r => !r.Deleted);
        if (query["primaryInfo"]?["referralId"] is { } id)
        {
            return live.FirstOrDefault(r => r.Id == Text(id));
        }

        if (query["secondaryInfo"] is JsonObject secondary && Text(secondary["programId"]) is { } programId)
        {
            var inProgram = live.Where(r => r.ProgramId == programId);
            return Text(secondary["externalIdentifier"]) is { } external ? inProgram.FirstOrDefault(r => r.ExternalIdentifier == external)
                : Text(secondary["email"]) is { } email ? inProgram.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase))
                : null;
        }

        return null;
    }

    private static string? Apply(ReferralRecord referral, JsonObject body, DateTimeOffset now)
    {
        foreach (var (name, value) in body)
        {
            var text = Text(value);
            switch (name)
            {
                case "referralCode" or "id" or "programId":
                    break;
                case "firstName": referral.FirstName = text; break;
                case "lastName": referral.LastName = text; break;
                case "phoneNumber": referral.PhoneNumber = text; break;
                case "externalIdentifier": referral.ExternalIdentifier = text; break;
                case "companyName": referral.CompanyName = text; break;
                case "source": referral.Source = text; break;
                case "note": referral.Note = text; break;
                case "publicNote": referral.PublicNote = text; break;
                case "preferredContact": referral.PreferredContact = text; break;
                case "email":
                    if (text is not null && !IsEmail(text))
                    {
                        return $"email is not a valid e-mail address (got '{text}').";
                    }

                    referral.Email = text;
                    break;
                case "amount":
                    if (value is not null && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                    {
                        return $"amount must be a number (got '{text}').";
                    }

                    referral.Amount = value is null ? 0 : decimal.Parse(text!, NumberStyles.Number, CultureInfo.InvariantCulture);
                    break;
                case "status":
                    var status = text?.ToLowerInvariant();
                    if (status is null || !Statuses.Contains(status))
                    {
                        return $"status must be one of {string.Join(", ", Statuses)} (got '{text}').";
                    }

                    if (status != referral.Status)
                    {
                        referral.QualifiedDate = status == "qualified" ? now : referral.QualifiedDate;
                        referral.ApprovedDate = status == "approved" ? now : referral.ApprovedDate;
                        referral.Status = status;
                    }

                    break;
                default:
                    if (ReferralCustomFields.Any(f => name == f + "Name" || name == f + "Value"))
                    {
                        referral.Custom[name] = text;
                        break;
                    }

                    return $"unknown referral property '{name}'.";
            }
        }

        return null;
    }

    /// <summary>Strictly increasing times, so every change moves a referral past the pollers' last position.</summary>
    private DateTimeOffset Now()
    {
        var ticks = Math.Max(time.GetUtcNow().UtcTicks, _lastTicks + TimeSpan.TicksPerMillisecond);
        ticks -= ticks % TimeSpan.TicksPerMillisecond;
        _lastTicks = ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static bool Matches(string query, params string?[] values) =>
        values.Any(v => v?.Contains(query, StringComparison.OrdinalIgnoreCase) == true);

    private static bool IsEmail(string? text) => text is { Length: > 2 } t && t.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < t.Length - 1;

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z";

    private static string? Text(JsonNode? value) => value is null ? null : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static string NewId() => Guid.NewGuid().ToString();

    private static string NewCode() => Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToUpperInvariant();
}
