using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Metadata;

/// <summary>
/// Fluent construction of a <see cref="SolutionSchema"/> for tests, until (and besides) the schema loaded from Solution/.
/// A table declared with <c>isCustom: false</c> extends the platform table of that name.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<TableDefinition> tables = [];
    private readonly List<RelationshipDefinition> relationships = [];
    private readonly List<ChoiceDefinition> globalChoices = [];

    public SchemaBuilder Table(string logicalName, Action<TableBuilder> build, OwnershipType ownership = OwnershipType.User, bool isCustom = true)
    {
        var table = new TableBuilder(logicalName);
        build(table);
        tables.Add(table.Build(ownership, isCustom));
        return this;
    }

    public SchemaBuilder OneToMany(string schemaName, string referencedTable, string referencingTable, string referencingColumn, DeleteBehavior onDelete = DeleteBehavior.RemoveLink,
        CascadeType onAssign = CascadeType.NoCascade)
    {
        relationships.Add(new RelationshipDefinition
        {
            SchemaName = schemaName, ReferencedTable = referencedTable, ReferencingTable = referencingTable,
            ReferencingColumn = referencingColumn, OnDelete = onDelete, OnAssign = onAssign,
        });
        return this;
    }

    public SchemaBuilder ManyToMany(string schemaName, string table1, string table2, string? intersectTable = null)
    {
        relationships.Add(new RelationshipDefinition
        {
            SchemaName = schemaName, Type = RelationshipType.ManyToMany, ReferencedTable = table1, ReferencingTable = table2,
            IntersectTable = intersectTable ?? schemaName.ToLowerInvariant(),
        });
        return this;
    }

    public SchemaBuilder GlobalChoice(string name, params int[] values)
    {
        globalChoices.Add(new ChoiceDefinition { Name = name, IsGlobal = true, Options = Options(values) });
        return this;
    }

    /// <summary>A global choice with labels.</summary>
    public SchemaBuilder GlobalChoice(string name, params (int Value, string Label)[] options)
    {
        globalChoices.Add(new ChoiceDefinition { Name = name, IsGlobal = true, Options = Options(options) });
        return this;
    }

    public SolutionSchema Build() => new() { Tables = tables.ToList(), Relationships = relationships.ToList(), GlobalChoices = globalChoices.ToList() };

    internal static IReadOnlyList<ChoiceOption> Options(IEnumerable<int> values) =>
        Options(values.Select(v => (v, v.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    internal static IReadOnlyList<ChoiceOption> Options(IEnumerable<(int Value, string Label)> options) =>
        options.Select(o => new ChoiceOption { Value = o.Value, Label = o.Label }).ToList();
}

/// <summary>The columns and keys of one table in a <see cref="SchemaBuilder"/>.</summary>
public sealed class TableBuilder
{
    private readonly string logicalName;
    private readonly List<ColumnDefinition> columns = [];
    private readonly List<AlternateKeyDefinition> keys = [];
    private string? primaryName;
    private bool isActivity;
    private bool isAudited;
    private bool tableAudited;

    internal TableBuilder(string logicalName) => this.logicalName = logicalName;

    public TableBuilder PrimaryName(string name, int maxLength = 100, RequiredLevel required = RequiredLevel.ApplicationRequired)
    {
        primaryName = name;
        return Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.String, MaxLength = maxLength, RequiredLevel = required, IsPrimaryName = true });
    }

    public TableBuilder String(string name, int maxLength = 100, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.String, MaxLength = maxLength, RequiredLevel = required });

    public TableBuilder Memo(string name, int maxLength = 2000, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Memo, MaxLength = maxLength, RequiredLevel = required });

    public TableBuilder Integer(string name, int? min = null, int? max = null, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Integer, MinValue = min, MaxValue = max, RequiredLevel = required });

    public TableBuilder Decimal(string name, int precision = 2, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Decimal, Precision = precision, RequiredLevel = required });

    /// <summary>A column of any type without further constraints (bigint, float, money, bit, datetime, uniqueidentifier).</summary>
    public TableBuilder Column(string name, ColumnType type, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = type, RequiredLevel = required });

    /// <summary>A date column with its behavior; <paramref name="dateOnly"/> formats it as a date (Format "date").</summary>
    public TableBuilder Date(string name, DateTimeBehavior behavior, bool dateOnly = false) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.DateTime, DateTimeBehavior = behavior, Format = dateOnly || behavior == DateTimeBehavior.DateOnly ? "date" : "datetime" });

    public TableBuilder Choice(string name, int[] values, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Choice, RequiredLevel = required, Choice = new ChoiceDefinition { Name = name, Options = SchemaBuilder.Options(values) } });

    /// <summary>A local choice with labels.</summary>
    public TableBuilder Choice(string name, params (int Value, string Label)[] options) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Choice, Choice = new ChoiceDefinition { Name = name, Options = SchemaBuilder.Options(options) } });

    /// <summary>A choice column using a global choice declared with <see cref="SchemaBuilder.GlobalChoice"/>.</summary>
    public TableBuilder GlobalChoice(string name, string choiceName, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Choice, RequiredLevel = required, Choice = new ChoiceDefinition { Name = choiceName, IsGlobal = true, Options = [] } });

    public TableBuilder MultiChoice(string name, params int[] values) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.MultiChoice, Choice = new ChoiceDefinition { Name = name, Options = SchemaBuilder.Options(values) } });

    public TableBuilder Lookup(string name, string target, RequiredLevel required = RequiredLevel.None) =>
        Add(new ColumnDefinition { IsAudited = isAudited, LogicalName = name, Type = ColumnType.Lookup, Targets = [target], RequiredLevel = required });

    /// <summary>Replaces the default Active/Inactive status reasons: (status, state it belongs to).</summary>
    public TableBuilder StatusReasons(params (int Status, int State)[] statuses) =>
        Add(Columns.Status(statuses.Select(s => (s.Status, s.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), s.State)).ToArray()));

    public TableBuilder Key(string name, params string[] keyColumns)
    {
        keys.Add(new AlternateKeyDefinition { LogicalName = name, Columns = keyColumns });
        return this;
    }

    /// <summary>Audits the table (IsAuditEnabled) and the columns declared after this call, as a zip's IsAuditEnabled flags do.</summary>
    public TableBuilder Audited()
    {
        isAudited = tableAudited = true;
        return this;
    }

    /// <summary>A column declared with <paramref name="declare"/> that is not audited although the table is (an operational column).</summary>
    public TableBuilder NotAudited(Func<TableBuilder, TableBuilder> declare)
    {
        var audited = isAudited;
        isAudited = false;
        declare(this);
        isAudited = audited;
        return this;
    }

    public TableBuilder Activity()
    {
        isActivity = true;
        return this;
    }

    private TableBuilder Add(ColumnDefinition column)
    {
        columns.Add(column);
        return this;
    }

    internal TableDefinition Build(OwnershipType ownership, bool isCustom) => new()
    {
        LogicalName = logicalName, PrimaryIdColumn = isActivity ? "activityid" : logicalName + "id", PrimaryNameColumn = primaryName,
        Ownership = ownership, IsCustom = isCustom, IsActivity = isActivity, IsAudited = tableAudited, Columns = columns.ToList(), Keys = keys.ToList(),
    };
}
