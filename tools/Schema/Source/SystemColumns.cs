using System.Collections.Generic;

namespace PatientJourney.Crm.Schema.Source;

/// <summary>The columns Dataverse creates on every user-owned custom table (as a real export lists them).</summary>
public static class SystemColumns
{
    public static IReadOnlyList<ColumnDefinition> For(string tableSchemaName, string tableDisplayName)
    {
        var table = tableSchemaName.ToLowerInvariant();
        return
        [
            Lookup("CreatedBy", "Created By", "Unique identifier of the user who created the record.", "systemuser"),
            Stamp("CreatedOn", "Created On", "Date and time when the record was created."),
            Lookup("CreatedOnBehalfBy", "Created By (Delegate)", "Unique identifier of the delegate user who created the record.", "systemuser"),
            Number("ImportSequenceNumber", "Import Sequence Number", "Sequence number of the import that created this record."),
            Lookup("ModifiedBy", "Modified By", "Unique identifier of the user who modified the record.", "systemuser"),
            Stamp("ModifiedOn", "Modified On", "Date and time when the record was modified."),
            Lookup("ModifiedOnBehalfBy", "Modified By (Delegate)", "Unique identifier of the delegate user who modified the record.", "systemuser"),
            new() { LogicalName = "overriddencreatedon", SchemaName = "OverriddenCreatedOn", Type = ColumnType.DateTime, Format = "date", DisplayName = "Record Created On", Description = "Date and time that the record was migrated.", IsCustom = false },
            new() { LogicalName = "ownerid", SchemaName = "OwnerId", Type = ColumnType.Owner, DisplayName = "Owner", Description = "Owner Id", RequiredLevel = RequiredLevel.SystemRequired, Targets = ["systemuser", "team"], IsCustom = false, IsAudited = true },
            Lookup("OwningBusinessUnit", "Owning Business Unit", "Unique identifier for the business unit that owns the record", "businessunit"),
            Lookup("OwningTeam", "Owning Team", "Unique identifier for the team that owns the record.", "team"),
            Lookup("OwningUser", "Owning User", "Unique identifier for the user that owns the record.", "systemuser"),
            new() { LogicalName = table + "id", SchemaName = tableSchemaName + "Id", Type = ColumnType.PrimaryKey, DisplayName = tableDisplayName, Description = "Unique identifier for entity instances", RequiredLevel = RequiredLevel.SystemRequired, IsCustom = false },
            new()
            {
                LogicalName = "statecode", SchemaName = "statecode", Type = ColumnType.State, DisplayName = "Status", Description = $"Status of the {tableDisplayName}",
                RequiredLevel = RequiredLevel.SystemRequired, IsCustom = false, IsAudited = true,
                Choice = new ChoiceDefinition { Name = table + "_statecode", DisplayName = "Status", Options = [new() { Value = 0, Label = "Active", DefaultStatus = 1 }, new() { Value = 1, Label = "Inactive", DefaultStatus = 2 }] },
            },
            new()
            {
                LogicalName = "statuscode", SchemaName = "statuscode", Type = ColumnType.Status, DisplayName = "Status Reason", Description = $"Reason for the status of the {tableDisplayName}",
                IsCustom = false, IsAudited = true,
                Choice = new ChoiceDefinition { Name = table + "_statuscode", DisplayName = "Status Reason", Options = [new() { Value = 1, Label = "Active", State = 0 }, new() { Value = 2, Label = "Inactive", State = 1 }] },
            },
            Number("TimeZoneRuleVersionNumber", "Time Zone Rule Version Number", "For internal use only."),
            Number("UTCConversionTimeZoneCode", "UTC Conversion Time Zone Code", "Time zone code that was in use when the record was created."),
        ];
    }

    private static ColumnDefinition Lookup(string schemaName, string display, string description, string target) => new()
    {
        LogicalName = schemaName.ToLowerInvariant(), SchemaName = schemaName, Type = ColumnType.Lookup, DisplayName = display, Description = description,
        Targets = [target], IsCustom = false, IsReadOnly = true,
    };

    private static ColumnDefinition Stamp(string schemaName, string display, string description) => new()
    {
        LogicalName = schemaName.ToLowerInvariant(), SchemaName = schemaName, Type = ColumnType.DateTime, Format = "datetime", DisplayName = display, Description = description,
        IsCustom = false, IsReadOnly = true,
    };

    private static ColumnDefinition Number(string schemaName, string display, string description) => new()
    {
        LogicalName = schemaName.ToLowerInvariant(), SchemaName = schemaName, Type = ColumnType.Integer, DisplayName = display, Description = description,
        MinValue = -1, MaxValue = 2147483647, IsCustom = false,
    };
}
