using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Metadata;

/// <summary>Short factories for the platform's column definitions (IsCustom = false), used by the platform catalog.</summary>
public static class Columns
{
    public static ColumnDefinition PrimaryKey(string name) => new() { LogicalName = name, Type = ColumnType.PrimaryKey, IsCustom = false, IsReadOnly = true };

    public static ColumnDefinition Text(string name, int maxLength, RequiredLevel required = RequiredLevel.None, bool primaryName = false) =>
        new() { LogicalName = name, Type = ColumnType.String, MaxLength = maxLength, RequiredLevel = required, IsPrimaryName = primaryName, IsCustom = false };

    public static ColumnDefinition Memo(string name, int maxLength) =>
        new() { LogicalName = name, Type = ColumnType.Memo, MaxLength = maxLength, IsCustom = false };

    public static ColumnDefinition Of(string name, ColumnType type, RequiredLevel required = RequiredLevel.None) =>
        new() { LogicalName = name, Type = type, IsCustom = false, RequiredLevel = required };

    public static ColumnDefinition LookupOf(string name, ColumnType type, string[] targets, RequiredLevel required = RequiredLevel.None, bool readOnly = false) =>
        new() { LogicalName = name, Type = type, Targets = targets, IsCustom = false, RequiredLevel = required, IsReadOnly = readOnly };

    public static ColumnDefinition Choice(string name, IEnumerable<int> values, RequiredLevel required = RequiredLevel.None) =>
        new()
        {
            LogicalName = name, Type = ColumnType.Choice, IsCustom = false, RequiredLevel = required,
            Choice = new ChoiceDefinition { Name = name, Options = SchemaBuilder.Options(values) },
        };

    /// <summary>statecode with (state, default status) pairs.</summary>
    public static ColumnDefinition State(params (int State, string Label, int DefaultStatus)[] states) =>
        new()
        {
            LogicalName = "statecode", Type = ColumnType.State, IsCustom = false, RequiredLevel = RequiredLevel.SystemRequired,
            Choice = new ChoiceDefinition { Name = "statecode", Options = states.Select(s => new ChoiceOption { Value = s.State, Label = s.Label, DefaultStatus = s.DefaultStatus }).ToList() },
        };

    /// <summary>statuscode with (status, state it belongs to) pairs.</summary>
    public static ColumnDefinition Status(params (int Status, string Label, int State)[] statuses) =>
        new()
        {
            LogicalName = "statuscode", Type = ColumnType.Status, IsCustom = false,
            Choice = new ChoiceDefinition { Name = "statuscode", Options = statuses.Select(s => new ChoiceOption { Value = s.Status, Label = s.Label, State = s.State }).ToList() },
        };

    /// <summary>A copy of <paramref name="column"/> that callers cannot write (the platform sets it).</summary>
    public static ColumnDefinition ReadOnly(ColumnDefinition column) => new()
    {
        LogicalName = column.LogicalName, SchemaName = column.SchemaName, Type = column.Type, DisplayName = column.DisplayName,
        Description = column.Description, RequiredLevel = column.RequiredLevel, Classification = column.Classification,
        MaxLength = column.MaxLength, Precision = column.Precision, MinValue = column.MinValue, MaxValue = column.MaxValue,
        Format = column.Format, Targets = column.Targets, Choice = column.Choice, IsCustom = column.IsCustom,
        IsPrimaryName = column.IsPrimaryName, IsReadOnly = true,
    };
}
