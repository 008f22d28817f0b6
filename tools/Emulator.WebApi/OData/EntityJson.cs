using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>Which instance annotations the caller asked for with <c>Prefer: odata.include-annotations</c>.</summary>
public sealed record Annotations(bool FormattedValues, bool LookupDetails)
{
    public static readonly Annotations None = new(false, false);

    /// <summary>
    /// From the Prefer header: "*", "OData.Community.Display.V1.FormattedValue", "Microsoft.Dynamics.CRM.*" or a
    /// list of them (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#prefer-headers).
    /// </summary>
    public static Annotations FromPrefer(string? include)
    {
        if (string.IsNullOrEmpty(include)) return None;
        var names = include.Trim('"').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool Has(params string[] any) => names.Any(n => any.Contains(n, StringComparer.Ordinal));
        return new Annotations(
            Has("*", "OData.Community.Display.V1.*", "OData.Community.Display.V1.FormattedValue"),
            Has("*", "Microsoft.Dynamics.CRM.*", "Microsoft.Dynamics.CRM.lookuplogicalname", "Microsoft.Dynamics.CRM.associatednavigationproperty"));
    }

    public string PreferenceApplied() => (FormattedValues, LookupDetails) switch
    {
        (true, true) => "odata.include-annotations=\"*\"",
        (true, false) => "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"",
        (false, true) => "odata.include-annotations=\"Microsoft.Dynamics.CRM.*\"",
        _ => "",
    };
}

/// <summary>A single-valued navigation property to expand, with the columns to show of the row it reaches.</summary>
public sealed record Expansion(NavigationProperty Property, IReadOnlyList<ColumnDefinition>? Select);

/// <summary>Rows between JSON and <see cref="Entity"/> (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api).</summary>
public sealed class EntityJson
{
    private readonly ServiceModel model;

    public EntityJson(ServiceModel model) => this.model = model;

    /// <summary>
    /// The body of a create or update as a row of <paramref name="table"/>: columns by logical name, lookups by
    /// <c>navigation@odata.bind</c>. Anything that does not fit the entity type is refused before anything is written.
    /// </summary>
    public Entity Read(TableMetadata table, byte[] body, Func<string, EntityReference> resolveBind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw WebApiError.BadPayload(table.EntitySetName, "Invalid JSON. The request body is not a well-formed JSON object.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw WebApiError.BadPayload(table.EntitySetName, $"A node of type '{document.RootElement.ValueKind}' was read from the JSON reader when trying to read the start of an entry. A 'StartObject' node was expected.");
            }
            var entity = new Entity(table.LogicalName);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                var at = name.IndexOf('@', StringComparison.Ordinal);
                if (at == 0) continue; // @odata.type, @odata.context and other instance annotations
                if (at > 0)
                {
                    if (name[(at + 1)..] != "odata.bind") continue;
                    Bind(table, entity, name[..at], property.Value, resolveBind);
                    continue;
                }
                var column = table.Column(name);
                if (column == null || ServiceModel.IsLookup(column))
                {
                    var detail = model.Navigation(table, name) != null
                        ? $"The navigation property '{name}' is given a value; a lookup is set with '{name}@odata.bind' (deep insert is not modelled by the emulator)."
                        : $"The property '{name}' does not exist on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'. Make sure to only use property names that are defined by the type or mark the type as open type.";
                    throw WebApiError.BadPayload(table.EntitySetName, detail);
                }
                if (!EdmValues.TryFromJson(column, property.Value, out var value))
                {
                    throw WebApiError.BadPayload(table.EntitySetName, $"Cannot convert the value of property '{name}' to the expected type '{EdmValues.EdmType(column.Type)}'.");
                }
                if (column.Type == ColumnType.PrimaryKey)
                {
                    if (value is Guid id) entity.Id = id;
                    continue;
                }
                entity[column.LogicalName] = value;
            }
            return entity;
        }
    }

    private void Bind(TableMetadata table, Entity entity, string navigation, JsonElement value, Func<string, EntityReference> resolveBind)
    {
        var property = model.Navigation(table, navigation) ?? throw WebApiError.BadPayload(table.EntitySetName,
            $"An undeclared property '{navigation}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
        if (value.ValueKind == JsonValueKind.Null)
        {
            entity[property.Column.LogicalName] = null;
            return;
        }
        if (!EdmValues.TryText(value, out var url)) throw WebApiError.BadPayload(table.EntitySetName, $"The value of '{navigation}@odata.bind' must be the URL of a row, such as '/contacts(00000000-0000-0000-0000-000000000000)'.");
        var reference = resolveBind(url);
        var allowed = property.Column.Type == ColumnType.Owner ? property.Column.Targets : [property.Target];
        if (!allowed.Contains(reference.LogicalName))
        {
            throw WebApiError.BadPayload(table.EntitySetName, $"The navigation property '{navigation}' refers to '{property.Target}' rows; the URL given names a '{reference.LogicalName}' row.");
        }
        entity[property.Column.LogicalName] = reference;
    }

    /// <summary>
    /// Writes a row as the Web API returns it: <c>@odata.etag</c>, the selected columns (null where empty), lookups as
    /// <c>_x_value</c>, the annotations asked for, and expanded single-valued navigation properties.
    /// </summary>
    public void Write(Utf8JsonWriter writer, TableMetadata table, Entity row, IReadOnlyList<ColumnDefinition> columns, Annotations annotations,
        IReadOnlyList<(Expansion Expansion, Entity? Row)> expanded, string? context = null)
    {
        writer.WriteStartObject();
        if (context != null) writer.WriteString("@odata.context", context);
        if (row.Attributes.TryGetValue("versionnumber", out var version) && version != null) writer.WriteString("@odata.etag", $"W/\"{version}\"");
        writer.WritePropertyName(table.PrimaryIdColumn);
        writer.WriteStringValue(row.Id);
        foreach (var column in columns.Where(c => c.Type != ColumnType.PrimaryKey))
        {
            row.Attributes.TryGetValue(column.LogicalName, out var value);
            var name = ServiceModel.PropertyName(column);
            // The emulator fills FormattedValues on the rows it returns, as Dataverse does; the Web API shows them as annotations.
            if (annotations.FormattedValues && value != null && row.FormattedValues.TryGetValue(column.LogicalName, out var formatted))
            {
                writer.WriteString(name + "@OData.Community.Display.V1.FormattedValue", formatted);
            }
            if (annotations.LookupDetails && value is EntityReference lookup)
            {
                if (model.NavigationFor(table, column.LogicalName, lookup.LogicalName) is { } navigation)
                {
                    writer.WriteString(name + "@Microsoft.Dynamics.CRM.associatednavigationproperty", navigation.Name);
                }
                writer.WriteString(name + "@Microsoft.Dynamics.CRM.lookuplogicalname", lookup.LogicalName);
            }
            writer.WritePropertyName(name);
            EdmValues.Write(writer, value);
        }
        foreach (var (expansion, related) in expanded)
        {
            writer.WritePropertyName(expansion.Property.Name);
            if (related == null)
            {
                writer.WriteNullValue();
                continue;
            }
            var target = model.Table(related.LogicalName);
            Write(writer, target, related, expansion.Select ?? target.Columns.ToList(), annotations, []);
        }
        writer.WriteEndObject();
    }
}
