namespace Platform.Emulators.Salesforce.Schema;

/// <summary>The standard objects every emulated org starts with, with their usual fields.</summary>
internal static class StandardObjects
{
    private static readonly string[] Industries =
    [
        "Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications", "Construction", "Consulting",
        "Education", "Electronics", "Energy", "Engineering", "Entertainment", "Environmental", "Finance", "Food & Beverage",
        "Government", "Healthcare", "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media", "Not For Profit",
        "Recreation", "Retail", "Shipping", "Technology", "Telecommunications", "Transportation", "Utilities", "Other",
    ];

    private static readonly string[] LeadSources = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];

    public static readonly string[] OpportunityStages =
    [
        "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis",
        "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
    ];

    public static IEnumerable<ObjectDefinition> Create()
    {
        yield return Organization();
        yield return User();
        yield return RecordType();
        yield return Account();
        yield return Contact();
        yield return Lead();
        yield return Opportunity();
        yield return OpportunityContactRole();
        yield return ContentDocument();
        yield return ContentVersion();
        yield return ContentDocumentLink();
        yield return FeedItem();
    }

    private static ObjectDefinition Organization() =>
        new ObjectBuilder(new("Organization", "00D", "Organization", "Organizations", custom: false) { Createable = false, Updateable = false, Deletable = false, Replicateable = false })
            .Audit()
            .Add(new() { Name = "Name", Type = SfType.String, Label = "Name", Length = 80, Createable = false, Updateable = false, NameField = true })
            .Bool("IsSandbox", "Is Sandbox", readOnly: true)
            .Add(new() { Name = "InstanceName", Type = SfType.String, Label = "Instance Name", Length = 5, Createable = false, Updateable = false })
            .Add(new() { Name = "OrganizationType", Type = SfType.String, Label = "Edition", Length = 40, Createable = false, Updateable = false })
            .Build();

    private static ObjectDefinition User() =>
        new ObjectBuilder(new("User", "005", "User", "Users", custom: false) { Deletable = false })
            .Audit()
            .Text("Username", "Username", 80, required: true, unique: true)
            .PersonName(salutation: false)
            .Email("Email", "Email", required: true)
            .Text("Alias", "Alias", 8)
            .Bool("IsActive", "Active", defaultValue: true)
            .Text("CompanyName", "Company Name", 80)
            .Text("Title", "Title", 80)
            .Text("Department", "Department", 80)
            .Phone("Phone", "Phone")
            .Text("FederationIdentifier", "SAML Federation ID", 512, externalId: false)
            .Build();

    private static ObjectDefinition RecordType() =>
        new ObjectBuilder(new("RecordType", "012", "Record Type", "Record Types", custom: false) { Createable = false, Updateable = false, Deletable = false })
            .Audit()
            .Add(new() { Name = "Name", Type = SfType.String, Label = "Record Type Name", Length = 80, Createable = false, Updateable = false, NameField = true })
            .Add(new() { Name = "DeveloperName", Type = SfType.String, Label = "Record Type Name", Length = 80, Createable = false, Updateable = false })
            .Add(new() { Name = "SobjectType", Type = SfType.Picklist, Label = "SObject Type Name", Length = 40, Createable = false, Updateable = false })
            .Bool("IsActive", "Active", defaultValue: true, readOnly: true)
            .Add(new() { Name = "Description", Type = SfType.String, Label = "Description", Length = 255, Createable = false, Updateable = false })
            .Build();

    private static ObjectDefinition Account() =>
        new ObjectBuilder(new("Account", "001", "Account", "Accounts", custom: false) { FeedEnabled = true, Mergeable = true })
            .MasterRecord()
            .NameField("Account Name")
            .Picklist("Type", "Account Type", ["Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other"])
            .RecordType()
            .Lookup("ParentId", "Parent Account ID", ["Account"], "Parent")
            .Address("Billing", "Billing")
            .Address("Shipping", "Shipping")
            .Phone("Phone", "Account Phone")
            .Phone("Fax", "Account Fax")
            .Text("AccountNumber", "Account Number", 40)
            .Url("Website", "Website")
            .Text("Sic", "SIC Code", 20)
            .Picklist("Industry", "Industry", Industries)
            .Number("AnnualRevenue", "Annual Revenue", SfType.Currency, 18, 0)
            .Number("NumberOfEmployees", "Employees", SfType.Int)
            .Picklist("Ownership", "Ownership", ["Public", "Private", "Subsidiary", "Other"])
            .Text("TickerSymbol", "Ticker Symbol", 20)
            .TextArea("Description", "Account Description")
            .Picklist("Rating", "Account Rating", ["Hot", "Warm", "Cold"])
            .Text("Site", "Account Site", 80)
            .Owner()
            .Audit()
            .Date("LastActivityDate", "Last Activity", readOnly: true)
            .Picklist("AccountSource", "Account Source", LeadSources)
            .Build();

    private static ObjectDefinition Contact() =>
        new ObjectBuilder(new("Contact", "003", "Contact", "Contacts", custom: false) { FeedEnabled = true, Mergeable = true })
            .MasterRecord()
            .Add(ObjectBuilder.Reference("AccountId", "Account ID", ["Account"], "Account") with { CascadeDelete = true })
            .PersonName()
            .RecordType()
            .Address("Mailing", "Mailing")
            .Phone("Phone", "Business Phone")
            .Phone("Fax", "Business Fax")
            .Phone("MobilePhone", "Mobile Phone")
            .Phone("HomePhone", "Home Phone")
            .Lookup("ReportsToId", "Reports To ID", ["Contact"], "ReportsTo")
            .Email("Email", "Email")
            .Text("Title", "Title", 128)
            .Text("Department", "Department", 80)
            .Text("AssistantName", "Assistant's Name", 40)
            .Picklist("LeadSource", "Lead Source", LeadSources)
            .Date("Birthdate", "Birthdate")
            .TextArea("Description", "Contact Description")
            .Owner()
            .Audit()
            .Date("LastActivityDate", "Last Activity", readOnly: true)
            .Build();

    private static ObjectDefinition Lead() =>
        new ObjectBuilder(new("Lead", "00Q", "Lead", "Leads", custom: false) { FeedEnabled = true, Mergeable = true })
            .MasterRecord()
            .PersonName()
            .RecordType()
            .Text("Title", "Title", 128)
            .Text("Company", "Company", 255, required: true)
            .Address(string.Empty, "")
            .Phone("Phone", "Phone")
            .Phone("MobilePhone", "Mobile Phone")
            .Email("Email", "Email")
            .Url("Website", "Website")
            .TextArea("Description", "Description")
            .Picklist("LeadSource", "Lead Source", LeadSources)
            .Picklist("Status", "Status", ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"], required: true, defaultValue: "Open - Not Contacted")
            .Picklist("Industry", "Industry", Industries)
            .Picklist("Rating", "Rating", ["Hot", "Warm", "Cold"])
            .Number("AnnualRevenue", "Annual Revenue", SfType.Currency, 18, 0)
            .Number("NumberOfEmployees", "Employees", SfType.Int)
            .Owner()
            .Bool("IsConverted", "Converted", readOnly: true)
            .Date("ConvertedDate", "Converted Date", readOnly: true)
            .Add(ObjectBuilder.Reference("ConvertedAccountId", "Converted Account ID", ["Account"], "ConvertedAccount") with { Createable = false, Updateable = false })
            .Add(ObjectBuilder.Reference("ConvertedContactId", "Converted Contact ID", ["Contact"], "ConvertedContact") with { Createable = false, Updateable = false })
            .Add(ObjectBuilder.Reference("ConvertedOpportunityId", "Converted Opportunity ID", ["Opportunity"], "ConvertedOpportunity") with { Createable = false, Updateable = false })
            .Audit()
            .Build();

    private static ObjectDefinition Opportunity() =>
        new ObjectBuilder(new("Opportunity", "006", "Opportunity", "Opportunities", custom: false) { FeedEnabled = true })
            .Add(ObjectBuilder.Reference("AccountId", "Account ID", ["Account"], "Account") with { CascadeDelete = true })
            .RecordType()
            .NameField("Name", 120)
            .TextArea("Description", "Description")
            .Picklist("StageName", "Stage", OpportunityStages, required: true)
            .Number("Amount", "Amount", SfType.Currency, 18, 2)
            .Number("Probability", "Probability (%)", SfType.Percent, 3, 0)
            .Date("CloseDate", "Close Date", required: true)
            .Picklist("Type", "Opportunity Type", ["Existing Customer - Upgrade", "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer"])
            .Text("NextStep", "Next Step", 255)
            .Picklist("LeadSource", "Lead Source", LeadSources)
            .Bool("IsClosed", "Closed", readOnly: true)
            .Bool("IsWon", "Won", readOnly: true)
            .Lookup("ContactId", "Contact ID", ["Contact"], "Contact")
            .Owner()
            .Audit()
            .Build();

    /// <summary>The junction between an opportunity and the contacts who play a part in it (one opportunity, many contacts).</summary>
    private static ObjectDefinition OpportunityContactRole() =>
        new ObjectBuilder(new("OpportunityContactRole", "00K", "Opportunity Contact Role", "Opportunity Contact Role", custom: false))
            .Add(ObjectBuilder.Reference("OpportunityId", "Opportunity ID", ["Opportunity"], "Opportunity") with { Nillable = false, Updateable = false, CascadeDelete = true })
            .Add(ObjectBuilder.Reference("ContactId", "Contact ID", ["Contact"], "Contact") with { Nillable = false, CascadeDelete = true })
            .Picklist("Role", "Role", ["Business User", "Decision Maker", "Economic Buyer", "Economic Decision Maker", "Evaluator", "Executive Sponsor", "Influencer", "Technical Buyer", "Other"])
            .Bool("IsPrimary", "Primary")
            .Audit()
            .Build();

    private static ObjectDefinition ContentDocument() =>
        new ObjectBuilder(new("ContentDocument", "069", "Content Document", "Content Documents", custom: false) { Createable = false })
            .Owner()
            .Audit()
            .Add(new() { Name = "Title", Type = SfType.String, Label = "Title", Length = 255, Nillable = false, Createable = false, NameField = true })
            .Add(new() { Name = "FileType", Type = SfType.String, Label = "File Type", Length = 20, Createable = false, Updateable = false })
            .Add(new() { Name = "FileExtension", Type = SfType.String, Label = "File Extension", Length = 40, Createable = false, Updateable = false })
            .Number("ContentSize", "Size", SfType.Int, readOnly: true)
            .Add(ObjectBuilder.Reference("LatestPublishedVersionId", "Latest Published Version ID", ["ContentVersion"], "LatestPublishedVersion") with { Createable = false, Updateable = false })
            .Build();

    private static ObjectDefinition ContentVersion() =>
        new ObjectBuilder(new("ContentVersion", "068", "Content Version", "Content Versions", custom: false) { Deletable = false })
            .Add(ObjectBuilder.Reference("ContentDocumentId", "Content Document ID", ["ContentDocument"], "ContentDocument") with { Updateable = false, DefaultedOnCreate = true })
            .Bool("IsLatest", "Is Latest", readOnly: true)
            .Add(new() { Name = "Title", Type = SfType.String, Label = "Title", Length = 255, Nillable = false, NameField = true })
            .TextArea("Description", "Description", 1000)
            .Text("ReasonForChange", "Reason For Change", 1000)
            .Add(new() { Name = "PathOnClient", Type = SfType.String, Label = "Path On Client", Length = 500, Nillable = false, Updateable = false })
            .Add(new() { Name = "VersionData", Type = SfType.Base64, Label = "Version Data", Nillable = false, Updateable = false })
            .Number("ContentSize", "Size", SfType.Int, readOnly: true)
            .Add(new() { Name = "FileType", Type = SfType.String, Label = "File Type", Length = 20, Createable = false, Updateable = false })
            .Add(new() { Name = "FileExtension", Type = SfType.String, Label = "File Extension", Length = 40, Createable = false, Updateable = false })
            .Add(new() { Name = "VersionNumber", Type = SfType.String, Label = "Version Number", Length = 20, Createable = false, Updateable = false })
            .Add(ObjectBuilder.PicklistField("ContentLocation", "Content Location", ["S", "E", "L"], "S") with { DefaultedOnCreate = true, DefaultValue = "S", Updateable = false })
            .Add(ObjectBuilder.Reference("FirstPublishLocationId", "First Publish Location ID", ["Account", "Contact", "Lead", "Opportunity", "User"], "FirstPublishLocation") with { Updateable = false })
            .Owner()
            .Audit()
            .Build();

    private static ObjectDefinition ContentDocumentLink() =>
        new ObjectBuilder(new("ContentDocumentLink", "06A", "Content Document Link", "Content Document Links", custom: false) { Replicateable = false })
            .Add(ObjectBuilder.Reference("LinkedEntityId", "Linked Entity ID", ["Account", "Contact", "Lead", "Opportunity", "User"], "LinkedEntity") with { Nillable = false, Updateable = false })
            .Add(ObjectBuilder.Reference("ContentDocumentId", "Content Document ID", ["ContentDocument"], "ContentDocument") with { Nillable = false, Updateable = false })
            .Picklist("ShareType", "Share Type", ["V", "C", "I"], required: true, defaultValue: "V", restricted: true)
            .Picklist("Visibility", "Visibility", ["AllUsers", "InternalUsers", "SharedUsers"], defaultValue: "AllUsers", restricted: true)
            .Add(new() { Name = "SystemModstamp", Type = SfType.DateTime, Label = "System Modstamp", Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true })
            .Build();

    private static ObjectDefinition FeedItem() =>
        new ObjectBuilder(new("FeedItem", "0D5", "Feed Item", "Feed Items", custom: false) { Replicateable = false })
            .Add(ObjectBuilder.Reference("ParentId", "Parent ID", ["Account", "Contact", "Lead", "Opportunity", "User"], "Parent") with { Nillable = false, Updateable = false })
            .Picklist("Type", "Feed Item Type", ["TextPost", "ContentPost", "LinkPost"], defaultValue: "TextPost", restricted: true)
            .Add(new() { Name = "Body", Type = SfType.TextArea, Label = "Body", Length = 10000, ExtraTypeInfo = "richtextarea" })
            .Text("Title", "Title", 255)
            .Url("LinkUrl", "Link URL")
            .Bool("IsRichText", "Is Rich Text")
            .Add(ObjectBuilder.Reference("RelatedRecordId", "Related Record ID", ["ContentVersion"], "RelatedRecord") with { Updateable = false })
            .Audit()
            .Build();
}
