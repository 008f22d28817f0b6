using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Emulator.WebApi.OData;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.Handlers;

/// <summary>
/// The solution's custom APIs as Web API operations: actions by POST with the parameters in a JSON body, functions by
/// GET with the parameters in the path (literals or <c>@alias</c> values from the query string), bound ones after their
/// row's URL with Target set to it (https://learn.microsoft.com/power-apps/developer/data-platform/custom-api#invoking-custom-apis,
/// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-functions).
/// </summary>
public sealed class CustomApiInvoker
{
    private readonly EmulatorEnvironment environment;

    public CustomApiInvoker(EmulatorEnvironment environment) => this.environment = environment;

    public CustomApiDefinition? Find(string name) => environment.CustomApis.FirstOrDefault(a => a.UniqueName == name);

    public WebApiResponse Invoke(WebApiRequest request, IOrganizationService service, CustomApiDefinition api, PathSegment segment, EntityReference? bound)
    {
        var expected = api.IsFunction ? "GET" : "POST";
        if (request.Method != expected) throw WebApiError.MethodNotAllowed(request.Method, api.UniqueName);
        if ((api.Binding == CustomApiBinding.Entity) != (bound != null))
        {
            throw WebApiError.ResourceNotFound(api.UniqueName);
        }
        var organizationRequest = new OrganizationRequest(api.UniqueName);
        if (bound != null) organizationRequest["Target"] = bound;
        var given = api.IsFunction ? FunctionParameters(request, api, segment) : ActionParameters(request, api);
        foreach (var (name, value) in given) organizationRequest[name] = value;
        var missing = api.RequestParameters.FirstOrDefault(p => !p.IsOptional && !organizationRequest.Parameters.ContainsKey(p.UniqueName));
        if (missing != null)
        {
            throw new WebApiError(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument, $"The required parameter '{missing.UniqueName}' of '{api.UniqueName}' is missing.");
        }
        var response = service.Execute(organizationRequest);
        var body = ODataHandler.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{request.ServiceRoot}$metadata#Microsoft.Dynamics.CRM.{api.UniqueName}Response");
            foreach (var property in api.ResponseProperties)
            {
                w.WritePropertyName(property.UniqueName);
                WriteOutput(w, response.Results.TryGetValue(property.UniqueName, out var value) ? value : null);
            }
            w.WriteEndObject();
        });
        return new WebApiResponse(200, body);
    }

    private IEnumerable<(string, object?)> ActionParameters(WebApiRequest request, CustomApiDefinition api)
    {
        if (request.Body.Length == 0) yield break;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException)
        {
            throw WebApiError.BadPayload(api.UniqueName, "Invalid JSON. The request body is not a well-formed JSON object.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw WebApiError.BadPayload(api.UniqueName, "The request body must be a JSON object of the action's parameters.");
            var values = new List<(string, object?)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('@')) continue;
                var parameter = Parameter(api, property.Name);
                values.Add((parameter.UniqueName, FromJson(api, parameter, property.Value)));
            }
            foreach (var value in values) yield return value;
        }
    }

    private IEnumerable<(string, object?)> FunctionParameters(WebApiRequest request, CustomApiDefinition api, PathSegment segment)
    {
        foreach (var (name, literal) in segment.NamedArguments())
        {
            var parameter = Parameter(api, name);
            if (literal.Kind == LiteralKind.Alias)
            {
                if (!request.Query.TryGetValue(literal.Text, out var text)) throw WebApiError.BadQuery($"The parameter alias '{literal.Text}' has no value in the query string.");
                yield return (parameter.UniqueName, FromAlias(api, parameter, text));
            }
            else
            {
                yield return (parameter.UniqueName, FromLiteral(api, parameter, literal));
            }
        }
    }

    private static CustomApiField Parameter(CustomApiDefinition api, string name) =>
        api.RequestParameters.FirstOrDefault(p => p.UniqueName == name)
        ?? throw WebApiError.BadQuery($"The parameter '{name}' in the request payload is not a valid parameter for the operation '{api.UniqueName}'.");

    /// <summary>
    /// An alias value: an entity reference as JSON (<c>{"@odata.id":"contacts(guid)"}</c>), anything else as a URL literal.
    /// </summary>
    private object? FromAlias(CustomApiDefinition api, CustomApiField parameter, string text)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return FromJson(api, parameter, document.RootElement);
            }
            catch (JsonException)
            {
                throw Invalid(api, parameter);
            }
        }
        var tokens = UriLexer.Tokenize(text);
        if (tokens.Count != 2 || tokens[0].Literal is not { } literal) throw Invalid(api, parameter);
        return FromLiteral(api, parameter, literal);
    }

    private static object? FromLiteral(CustomApiDefinition api, CustomApiField parameter, Literal literal)
    {
        if (literal.Kind == LiteralKind.Null) return null;
        var column = Column(parameter);
        if (column == null || !EdmValues.TryFromLiteral(column, literal, out var value)) throw Invalid(api, parameter);
        return Typed(parameter, value);
    }

    private object? FromJson(CustomApiDefinition api, CustomApiField parameter, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        switch (parameter.Type)
        {
            case CustomApiFieldType.EntityReference:
                return Reference(api, parameter, value);
            case CustomApiFieldType.StringArray:
                if (value.ValueKind != JsonValueKind.Array) throw Invalid(api, parameter);
                return value.EnumerateArray().Select(v => EdmValues.TryText(v, out var text) ? text : throw Invalid(api, parameter)).ToArray();
            case CustomApiFieldType.Entity or CustomApiFieldType.EntityCollection:
                throw new WebApiError(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument, $"The emulator's host does not take Entity or EntityCollection parameters ('{parameter.UniqueName}' of '{api.UniqueName}').");
        }
        var column = Column(parameter);
        if (column == null || !EdmValues.TryFromJson(column, value, out var result)) throw Invalid(api, parameter);
        return Typed(parameter, result);
    }

    /// <summary>An entity reference: <c>{"@odata.type":"Microsoft.Dynamics.CRM.contact","contactid":"…"}</c> or <c>{"@odata.id":"contacts(…)"}</c>.</summary>
    private EntityReference Reference(CustomApiDefinition api, CustomApiField parameter, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Invalid(api, parameter);
        if (value.TryGetProperty("@odata.id", out var id) && EdmValues.TryText(id, out var url) && ResourcePath.RowUrl(url) is { } row)
        {
            return Checked(api, parameter, new EntityReference(environment.Model.EntitySet(row.EntitySet).LogicalName, row.Id));
        }
        var typeName = value.TryGetProperty("@odata.type", out var type) && EdmValues.TryText(type, out var typeText) ? typeText.TrimStart('#') : null;
        var logicalName = typeName?.StartsWith("Microsoft.Dynamics.CRM.", StringComparison.Ordinal) == true ? typeName["Microsoft.Dynamics.CRM.".Length..] : parameter.EntityLogicalName;
        var table = environment.Emulator.Metadata.Find(logicalName ?? "") ?? throw Invalid(api, parameter);
        if (!value.TryGetProperty(table.PrimaryIdColumn, out var key) || !EdmValues.TryText(key, out var keyText) || !Guid.TryParse(keyText, out var guid)) throw Invalid(api, parameter);
        return Checked(api, parameter, new EntityReference(table.LogicalName, guid));
    }

    private static EntityReference Checked(CustomApiDefinition api, CustomApiField parameter, EntityReference reference) =>
        parameter.EntityLogicalName == null || parameter.EntityLogicalName == reference.LogicalName
            ? reference
            : throw new WebApiError(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument, $"The parameter '{parameter.UniqueName}' of '{api.UniqueName}' takes a '{parameter.EntityLogicalName}' row, not a '{reference.LogicalName}' row.");

    /// <summary>A stand-in column of the parameter's type, so parameters convert as columns do.</summary>
    private static ColumnDefinition? Column(CustomApiField parameter)
    {
        ColumnType? type = parameter.Type switch
        {
            CustomApiFieldType.Boolean => ColumnType.Boolean,
            CustomApiFieldType.DateTime => ColumnType.DateTime,
            CustomApiFieldType.Decimal => ColumnType.Decimal,
            CustomApiFieldType.Float => ColumnType.Double,
            CustomApiFieldType.Integer => ColumnType.Integer,
            CustomApiFieldType.Money => ColumnType.Money,
            CustomApiFieldType.Picklist => ColumnType.Choice,
            CustomApiFieldType.String => ColumnType.String,
            CustomApiFieldType.Guid => ColumnType.UniqueIdentifier,
            _ => null,
        };
        return type == null ? null : new ColumnDefinition { LogicalName = parameter.UniqueName, Type = type.Value };
    }

    private static object? Typed(CustomApiField parameter, object? value) => (parameter.Type, value) switch
    {
        (CustomApiFieldType.Picklist, int i) => new OptionSetValue(i),
        (CustomApiFieldType.Money, decimal d) => new Money(d),
        _ => value,
    };

    private static WebApiError Invalid(CustomApiDefinition api, CustomApiField parameter) =>
        new(HttpStatusCode.BadRequest, unchecked((int)0x80048d19), $"The value of the parameter '{parameter.UniqueName}' of '{api.UniqueName}' is not a valid {parameter.Type}.");

    /// <summary>Response properties: entity references and rows as objects with @odata.type, collections as arrays.</summary>
    private void WriteOutput(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case EntityReference reference:
                writer.WriteStartObject();
                writer.WriteString("@odata.type", "#Microsoft.Dynamics.CRM." + reference.LogicalName);
                writer.WriteString(environment.Emulator.Metadata.Table(reference.LogicalName).PrimaryIdColumn, reference.Id);
                writer.WriteEndObject();
                break;
            case Entity row:
                WriteRow(writer, row);
                break;
            case EntityCollection collection:
                writer.WriteStartArray();
                foreach (var item in collection.Entities) WriteRow(writer, item);
                writer.WriteEndArray();
                break;
            default:
                EdmValues.Write(writer, value);
                break;
        }
    }

    private void WriteRow(Utf8JsonWriter writer, Entity row)
    {
        var table = environment.Emulator.Metadata.Table(row.LogicalName);
        writer.WriteStartObject();
        writer.WriteString("@odata.type", "#Microsoft.Dynamics.CRM." + row.LogicalName);
        writer.WriteString(table.PrimaryIdColumn, row.Id);
        foreach (var attribute in row.Attributes.Where(a => a.Key != table.PrimaryIdColumn))
        {
            var column = table.Column(attribute.Key);
            writer.WritePropertyName(column == null ? attribute.Key : ServiceModel.PropertyName(column));
            EdmValues.Write(writer, attribute.Value);
        }
        writer.WriteEndObject();
    }
}
