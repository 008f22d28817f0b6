using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Metadata;

/// <summary>
/// Every table the emulator knows: the platform catalog with the solution's columns merged in, the solution's own
/// tables with the system columns Dataverse adds to each, and the relationships (with their intersect tables).
/// </summary>
public sealed class MetadataRegistry
{
    private readonly Dictionary<string, TableMetadata> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RelationshipDefinition> relationships = new(StringComparer.Ordinal);

    public MetadataRegistry(SolutionSchema? schema)
    {
        schema ??= new SolutionSchema { Tables = [] };
        var merged = PlatformCatalog.Tables.ToDictionary(t => t.LogicalName, StringComparer.Ordinal);
        foreach (var table in schema.Tables)
        {
            merged[table.LogicalName] = merged.TryGetValue(table.LogicalName, out var platform) ? Merge(platform, table) : Complete(table);
        }
        foreach (var relationship in PlatformCatalog.SecurityRelationships.Concat(schema.Relationships))
        {
            relationships[relationship.SchemaName] = relationship;
            if (relationship.Type == RelationshipType.ManyToMany) merged[IntersectName(relationship)] = Intersect(relationship);
        }
        foreach (var table in merged.Values) tables[table.LogicalName] = new TableMetadata(table, schema.GlobalChoices);
    }

    public IEnumerable<TableMetadata> Tables => tables.Values;

    public IEnumerable<RelationshipDefinition> Relationships => relationships.Values;

    public TableMetadata? Find(string? logicalName) => logicalName == null ? null : tables.GetValueOrDefault(logicalName);

    /// <summary>The table, or the fault Dataverse raises for an unknown table name.</summary>
    public TableMetadata Table(string? logicalName) =>
        logicalName != null && tables.TryGetValue(logicalName, out var table)
            ? table
            : throw DataverseFaultException.UnknownTable(logicalName);

    public RelationshipDefinition Relationship(string schemaName) =>
        relationships.TryGetValue(schemaName, out var relationship)
            ? relationship
            : throw DataverseFaultException.InvalidArgument($"The relationship '{schemaName}' was not found in the metadata.");

    internal static string IntersectName(RelationshipDefinition relationship) => relationship.IntersectTable ?? relationship.SchemaName.ToLowerInvariant();

    private static TableDefinition Intersect(RelationshipDefinition relationship)
    {
        var name = IntersectName(relationship);
        return new TableDefinition
        {
            LogicalName = name, PrimaryIdColumn = name + "id", Ownership = OwnershipType.Organization, IsCustom = true,
            Columns =
            [
                Columns.PrimaryKey(name + "id"),
                Columns.Of(relationship.ReferencedTable + "id", ColumnType.UniqueIdentifier),
                Columns.Of(relationship.ReferencingTable + "id", ColumnType.UniqueIdentifier),
            ],
        };
    }

    private static TableDefinition Merge(TableDefinition platform, TableDefinition solution)
    {
        var columns = platform.Columns.Where(c => solution.Column(c.LogicalName) == null).Concat(solution.Columns).ToList();
        // The solution's shell carries the table's audit setting (IsAuditEnabled), as an import sets it on the platform table.
        return Copy(platform, columns, platform.Keys.Concat(solution.Keys).ToList(), platform.IsAudited || solution.IsAudited);
    }

    /// <summary>A solution table with the id, audit, owner and state columns Dataverse gives every table.</summary>
    private static TableDefinition Complete(TableDefinition table)
    {
        var standard = new List<ColumnDefinition>();
        // A custom activity shares activitypointer's columns (subject, regarding, schedule), as every activity does.
        if (table.IsActivity) standard.AddRange(PlatformCatalog.ActivityColumns());
        else standard.Add(Columns.PrimaryKey(table.PrimaryIdColumn));
        standard.AddRange(PlatformCatalog.SystemColumns(table.Ownership == OwnershipType.User));
        standard.AddRange(PlatformCatalog.ActiveInactive());
        var columns = standard.Where(s => table.Column(s.LogicalName) == null).Concat(table.Columns).ToList();
        return Copy(table, columns, table.Keys, table.IsAudited);
    }

    private static TableDefinition Copy(TableDefinition table, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<AlternateKeyDefinition> keys, bool isAudited) => new()
    {
        LogicalName = table.LogicalName, SchemaName = table.SchemaName, DisplayName = table.DisplayName, PluralName = table.PluralName,
        Description = table.Description, Ownership = table.Ownership, IsCustom = table.IsCustom, IsActivity = table.IsActivity, IsAudited = isAudited,
        PrimaryIdColumn = table.PrimaryIdColumn, PrimaryNameColumn = table.PrimaryNameColumn, Columns = columns, Keys = keys,
    };
}
