using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>A single-valued navigation property: the lookup column it sets and the table it points to.</summary>
public sealed record NavigationProperty(string Name, ColumnDefinition Column, string Target);

/// <summary>
/// The Web API's view of the emulator's metadata: entity sets by EntitySetName, lookup properties (<c>_x_value</c>)
/// and single-valued navigation properties. A lookup with one target is navigated by its logical name (as the packer
/// writes ReferencingEntityNavigationPropertyName); a polymorphic one (customer, regarding) by column_target, as
/// Dataverse names them (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-navigation-properties).
/// </summary>
public sealed class ServiceModel
{
    private readonly Dictionary<string, TableMetadata> bySet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, NavigationProperty>> navigation = new(StringComparer.Ordinal);

    public ServiceModel(MetadataRegistry metadata)
    {
        foreach (var table in metadata.Tables)
        {
            bySet[table.EntitySetName] = table;
            var properties = new Dictionary<string, NavigationProperty>(StringComparer.Ordinal);
            foreach (var column in table.Columns.Where(IsLookup))
            {
                foreach (var target in column.Targets)
                {
                    var name = column.Targets.Count == 1 || column.Type == ColumnType.Owner ? column.LogicalName : column.LogicalName + "_" + target;
                    properties.TryAdd(name, new NavigationProperty(name, column, target));
                }
            }
            navigation[table.LogicalName] = properties;
        }
        Metadata = metadata;
    }

    public MetadataRegistry Metadata { get; }

    public static bool IsLookup(ColumnDefinition column) => column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;

    public TableMetadata EntitySet(string name) => bySet.TryGetValue(name, out var table) ? table : throw WebApiError.ResourceNotFound(name);

    public TableMetadata Table(string logicalName) => Metadata.Find(logicalName) ?? throw WebApiError.ResourceNotFound(logicalName);

    public NavigationProperty? Navigation(TableMetadata table, string name) => navigation[table.LogicalName].GetValueOrDefault(name);

    /// <summary>The navigation property that reaches <paramref name="target"/> through <paramref name="column"/>.</summary>
    public NavigationProperty? NavigationFor(TableMetadata table, string column, string target) =>
        navigation[table.LogicalName].Values.FirstOrDefault(n => n.Column.LogicalName == column && (n.Target == target || n.Column.Type == ColumnType.Owner));

    /// <summary>
    /// The column a property names in $select, $filter and $orderby: a column's logical name, or <c>_x_value</c> for
    /// lookup x (the only way a lookup's value is named in the Web API).
    /// </summary>
    public ColumnDefinition Property(TableMetadata table, string property)
    {
        if (property.StartsWith('_') && property.EndsWith("_value", StringComparison.Ordinal))
        {
            var lookup = table.Column(property[1..^6]);
            if (lookup != null && IsLookup(lookup)) return lookup;
        }
        else if (table.Column(property) is { } column && !IsLookup(column))
        {
            return column;
        }
        throw WebApiError.NoProperty(property, table.LogicalName);
    }

    /// <summary>The property name a column has in JSON.</summary>
    public static string PropertyName(ColumnDefinition column) => IsLookup(column) ? "_" + column.LogicalName + "_value" : column.LogicalName;
}
