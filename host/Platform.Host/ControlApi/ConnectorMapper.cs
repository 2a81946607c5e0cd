using Platform.Host.Plugins;
using V1 = Platform.Control.V1;

namespace Platform.Host.ControlApi;

/// <summary>Converts the catalog's SDK types into control API messages.</summary>
internal static class ConnectorMapper
{
    public static V1.Connector ToMessage(ConnectorEntry entry)
    {
        var message = new V1.Connector
        {
            Id = entry.Id,
            DisplayName = entry.Manifest?.DisplayName ?? entry.Id,
            Version = entry.Manifest?.Version ?? "",
            SdkVersion = entry.Manifest?.SdkVersion ?? "",
            Description = entry.Manifest?.Description ?? "",
            Status = entry.Status == ConnectorLoadStatus.Loaded ? V1.ConnectorStatus.Loaded : V1.ConnectorStatus.Failed,
            FailureReason = entry.FailureReason ?? "",
            Location = entry.Location,
        };
        if (entry.Definition is { } definition)
        {
            message.Entities.AddRange(definition.Entities.Select(ToMessage));
            message.DefaultMappings.AddRange(definition.DefaultMappings.Select(ToMessage));
            message.Settings.AddRange(definition.Settings.Select(ToMessage));
            if (definition.Receiver is { } receiver)
            {
                message.Receiver = new V1.ReceiverDefinition { Entity = receiver.Entity };
                message.Receiver.Actions.AddRange(receiver.Actions);
                message.Receiver.Fields.AddRange(receiver.Fields.Select(ToMessage));
            }
        }

        return message;
    }

    public static V1.SyncDirection ToMessage(Sdk.SyncDirection direction) => direction switch
    {
        Sdk.SyncDirection.None => V1.SyncDirection.None,
        Sdk.SyncDirection.ToSalesforce => V1.SyncDirection.ToSalesforce,
        Sdk.SyncDirection.ToApp => V1.SyncDirection.ToApp,
        Sdk.SyncDirection.Both => V1.SyncDirection.Both,
        _ => V1.SyncDirection.Unspecified,
    };

    private static V1.EntitySchema ToMessage(Sdk.EntitySchema entity)
    {
        var message = new V1.EntitySchema { Name = entity.Name, DisplayName = entity.DisplayName ?? entity.Name, KeyField = entity.KeyField };
        message.Fields.AddRange(entity.Fields.Select(ToMessage));
        return message;
    }

    private static V1.FieldSchema ToMessage(Sdk.FieldSchema f)
    {
        var field = new V1.FieldSchema
        {
            Name = f.Name,
            DisplayName = f.DisplayName ?? f.Name,
            Type = ToMessage(f.Type),
            Required = f.Required,
            ReadOnly = f.ReadOnly,
            MaxLength = f.MaxLength ?? 0,
        };
        field.AllowedValues.AddRange(f.AllowedValues);
        return field;
    }

    private static V1.FieldType ToMessage(Sdk.FieldType type) => type switch
    {
        Sdk.FieldType.String => V1.FieldType.String,
        Sdk.FieldType.Text => V1.FieldType.Text,
        Sdk.FieldType.Integer => V1.FieldType.Integer,
        Sdk.FieldType.Decimal => V1.FieldType.Decimal,
        Sdk.FieldType.Currency => V1.FieldType.Currency,
        Sdk.FieldType.Percent => V1.FieldType.Percent,
        Sdk.FieldType.Boolean => V1.FieldType.Boolean,
        Sdk.FieldType.Date => V1.FieldType.Date,
        Sdk.FieldType.DateTime => V1.FieldType.DateTime,
        Sdk.FieldType.Email => V1.FieldType.Email,
        Sdk.FieldType.Phone => V1.FieldType.Phone,
        Sdk.FieldType.Url => V1.FieldType.Url,
        Sdk.FieldType.Picklist => V1.FieldType.Picklist,
        Sdk.FieldType.MultiPicklist => V1.FieldType.MultiPicklist,
        Sdk.FieldType.Reference => V1.FieldType.Reference,
        _ => V1.FieldType.Unspecified,
    };

    private static V1.ObjectMapping ToMessage(Sdk.ObjectMapping mapping)
    {
        var message = new V1.ObjectMapping
        {
            Entity = mapping.Entity,
            SalesforceObject = mapping.SalesforceObject,
            Direction = ToMessage(mapping.Direction),
            DirectionLocked = mapping.DirectionLocked,
            SalesforceIdEntityField = mapping.SalesforceIdEntityField ?? "",
            SalesforceExternalIdField = mapping.SalesforceExternalIdField ?? "",
        };
        message.MatchEntityFields.AddRange(mapping.MatchEntityFields);
        message.Fields.AddRange(mapping.Fields.Select(f =>
        {
            var field = new V1.FieldMapping
            {
                EntityField = f.EntityField,
                SalesforceField = f.SalesforceField,
                Direction = ToMessage(f.Direction),
                DirectionLocked = f.DirectionLocked,
                FirstSyncOnly = f.FirstSyncOnly,
            };
            foreach (var (appValue, salesforceValue) in f.ValueMap)
            {
                field.ValueMap[appValue] = salesforceValue;
            }

            return field;
        }));
        return message;
    }

    private static V1.SettingDefinition ToMessage(Sdk.SettingDefinition setting)
    {
        var message = new V1.SettingDefinition
        {
            Key = setting.Key,
            DisplayName = setting.DisplayName ?? setting.Key,
            Description = setting.Description,
            Type = setting.Type switch
            {
                Sdk.SettingType.String => V1.SettingType.String,
                Sdk.SettingType.Integer => V1.SettingType.Integer,
                Sdk.SettingType.Boolean => V1.SettingType.Boolean,
                Sdk.SettingType.Url => V1.SettingType.Url,
                Sdk.SettingType.Choice => V1.SettingType.Choice,
                _ => V1.SettingType.Unspecified,
            },
            Required = setting.Required,
            Secret = setting.Secret,
        };
        if (setting.DefaultValue is { } value)
        {
            message.DefaultValue = value;
        }

        message.Choices.AddRange(setting.Choices);
        return message;
    }
}
