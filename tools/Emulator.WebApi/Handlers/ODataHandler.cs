using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Emulator.WebApi.OData;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.Handlers;

/// <summary>
/// Serves one Web API request against the emulator as the given caller: rows of entity sets (GET, POST, PATCH,
/// DELETE), collection queries, FetchXML, custom APIs and WhoAmI. Errors come back as the Web API's error JSON;
/// a request that fails writes nothing (the emulator rolls its request back).
/// </summary>
public sealed class ODataHandler
{
    /// <summary>Dataverse's page size when the caller asks for none (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results).</summary>
    public const int DefaultPageSize = 5000;

    private readonly EmulatorEnvironment environment;
    private readonly CustomApiInvoker customApis;

    public ODataHandler(EmulatorEnvironment environment)
    {
        this.environment = environment;
        customApis = new CustomApiInvoker(environment);
    }

    private ServiceModel Model => environment.Model;

    public WebApiResponse Handle(WebApiRequest request, Guid userId)
    {
        try
        {
            lock (environment.Gate)
            {
                return Dispatch(request, environment.Emulator.CreateOrganizationService(userId), userId);
            }
        }
        catch (WebApiError error)
        {
            return Error(error);
        }
        catch (DataverseFaultException fault)
        {
            return Error(WebApiError.FromFault(fault));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of the host or the emulator: 500 with Dataverse's generic message (the detail could hold request data).
            return Error(new WebApiError(HttpStatusCode.InternalServerError, ErrorCodes.UnExpected, "An unexpected error occurred."));
        }
    }

    public static WebApiResponse Error(WebApiError error)
    {
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", error.HexCode);
            w.WriteString("message", error.Message);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return new WebApiResponse((int)error.Status, body);
    }

    private WebApiResponse Dispatch(WebApiRequest request, IOrganizationService service, Guid userId)
    {
        var segments = ResourcePath.Parse(request.Path);
        if (segments.Count == 0) throw WebApiError.ResourceNotFound("");
        var first = segments[0];
        if (first.Name == "WhoAmI" && segments.Count == 1) return WhoAmI(request, service);
        if (first.Name == "EntityDefinitions" && segments.Count == 1 && request.Method == "GET") return EntityDefinition(request, first);
        if (customApis.Find(first.Name) is { } api && segments.Count == 1) return customApis.Invoke(request, service, api, first, bound: null);
        var table = Model.EntitySet(first.Name);
        if (segments.Count == 2)
        {
            var operation = segments[1].Name;
            var apiName = operation.StartsWith("Microsoft.Dynamics.CRM.", StringComparison.Ordinal) ? operation["Microsoft.Dynamics.CRM.".Length..] : operation;
            if (ResourcePath.IsEmpty(first.Arguments) || customApis.Find(apiName) is not { } boundApi) throw WebApiError.ResourceNotFound(operation);
            return customApis.Invoke(request, service, boundApi, segments[1], Key(table, first));
        }
        if (segments.Count > 2) throw WebApiError.ResourceNotFound(segments[2].Name);
        if (ResourcePath.IsEmpty(first.Arguments))
        {
            return request.Method switch
            {
                "GET" => request.Query.ContainsKey("fetchXml") ? FetchXml(request, service, table) : Query(request, service, table),
                "POST" => Create(request, service, table),
                _ => throw WebApiError.MethodNotAllowed(request.Method, first.Name),
            };
        }
        var key = Key(table, first);
        return request.Method switch
        {
            "GET" => Retrieve(request, service, table, key),
            "PATCH" => Patch(request, service, table, key),
            "DELETE" => Delete(service, table, key),
            _ => throw WebApiError.MethodNotAllowed(request.Method, first.Name),
        };
    }

    // ---- metadata ----

    /// <summary>
    /// One table's definition by its alternate key, <c>EntityDefinitions(LogicalName='name')</c>, with the properties a
    /// client reads to address its rows; the emulator serves no other metadata query
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api).
    /// </summary>
    private WebApiResponse EntityDefinition(WebApiRequest request, PathSegment segment)
    {
        if (segment.NamedArguments() is not [("LogicalName", { Kind: LiteralKind.String } name)])
        {
            throw WebApiError.BadQuery("This emulator reads one table definition at a time: EntityDefinitions(LogicalName='name').");
        }
        var table = Model.Table(name.Text);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LogicalName"] = table.LogicalName, ["EntitySetName"] = table.EntitySetName,
            ["PrimaryIdAttribute"] = table.PrimaryIdColumn, ["PrimaryNameAttribute"] = table.Definition.PrimaryNameColumn,
        };
        var selected = request.Query.TryGetValue("$select", out var select) ? select.Split(',', StringSplitOptions.TrimEntries) : properties.Keys.ToArray();
        foreach (var unknown in selected.Where(p => !properties.ContainsKey(p)))
        {
            throw WebApiError.BadQuery($"Could not find a property named '{unknown}' on type 'Microsoft.Dynamics.CRM.EntityMetadata' (the emulator serves {string.Join(", ", properties.Keys)}).");
        }
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{request.ServiceRoot}$metadata#EntityDefinitions({string.Join(",", selected)})/$entity");
            foreach (var property in selected) w.WriteString(property, properties[property]);
            w.WriteEndObject();
        });
        return new WebApiResponse(200, body);
    }

    // ---- keys ----

    /// <summary>
    /// The row a key predicate names: <c>(guid)</c>, or an alternate key <c>(col='x',col2=1)</c> whose columns are exactly
    /// those of a key the table declares (https://learn.microsoft.com/power-apps/developer/data-platform/use-alternate-key-reference-record).
    /// </summary>
    public EntityReference Key(TableMetadata table, PathSegment segment)
    {
        if (segment.SingleLiteral is { } literal)
        {
            if (literal.Kind != LiteralKind.Guid) throw WebApiError.BadQuery($"Bad Request - Error in query syntax: the key of '{segment.Name}' must be a row id (a GUID) or name=value pairs of an alternate key.");
            return new EntityReference(table.LogicalName, Guid.Parse(literal.Text));
        }
        var pairs = segment.NamedArguments();
        var names = pairs.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (!table.Definition.Keys.Any(k => k.Columns.OrderBy(c => c, StringComparer.Ordinal).SequenceEqual(names)))
        {
            throw new WebApiError(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument,
                $"The key attributes ({string.Join(", ", names)}) do not make up an alternate key of the '{table.LogicalName}' table.");
        }
        var keys = new KeyAttributeCollection();
        foreach (var (name, value) in pairs)
        {
            var column = table.Column(name)!;
            if (!EdmValues.TryFromLiteral(column, value, out var typed) || typed == null)
            {
                throw WebApiError.BadQuery($"The key value of '{name}' is not a valid {EdmValues.EdmType(column.Type)} literal.");
            }
            keys[name] = typed;
        }
        return new EntityReference(table.LogicalName, keys);
    }

    private EntityReference ResolveBind(string url)
    {
        var row = ResourcePath.RowUrl(url) ?? throw WebApiError.BadQuery("An @odata.bind value must be the URL of a row, such as '/contacts(00000000-0000-0000-0000-000000000000)'.");
        return new EntityReference(Model.EntitySet(row.EntitySet).LogicalName, row.Id);
    }

    // ---- rows ----

    private WebApiResponse Retrieve(WebApiRequest request, IOrganizationService service, TableMetadata table, EntityReference key)
    {
        var options = QueryOptions.Parse(Model, table, request.Query, collection: false);
        var row = (Entity)service.Execute(new RetrieveRequest { Target = key, ColumnSet = options.ColumnSet }).Results["Entity"];
        var annotations = Annotations.FromPrefer(Prefer(request, "odata.include-annotations"));
        var body = Json(w => WriteRow(w, service, table, row, options, annotations, $"{request.ServiceRoot}$metadata#{table.EntitySetName}/$entity"));
        return Annotated(new WebApiResponse(200, body), annotations);
    }

    private WebApiResponse Create(WebApiRequest request, IOrganizationService service, TableMetadata table)
    {
        var entity = environment.Json.Read(table, request.Body, ResolveBind);
        var options = QueryOptions.Parse(Model, table, request.Query, collection: false);
        var id = (Guid)service.Execute(new CreateRequest { Target = entity }).Results["id"];
        return Written(request, service, table, id, options, representationStatus: 201);
    }

    /// <summary>
    /// PATCH is an upsert; <c>If-Match: *</c> makes it update only (404 when missing), <c>If-None-Match: *</c> create
    /// only (412 when the row exists), and <c>If-Match: W/"n"</c> an update only while the row is at version n
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api).
    /// </summary>
    private WebApiResponse Patch(WebApiRequest request, IOrganizationService service, TableMetadata table, EntityReference key)
    {
        var entity = environment.Json.Read(table, request.Body, ResolveBind);
        var options = QueryOptions.Parse(Model, table, request.Query, collection: false);
        entity.Id = key.Id;
        foreach (var pair in key.KeyAttributes) entity.KeyAttributes[pair.Key] = pair.Value;
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");
        Guid id;
        if (ifNoneMatch == "*")
        {
            foreach (var pair in key.KeyAttributes) entity[pair.Key] = pair.Value;
            entity.KeyAttributes.Clear();
            if (key.Id != Guid.Empty && Exists(service, key)) throw DuplicateRecord();
            try
            {
                id = (Guid)service.Execute(new CreateRequest { Target = entity }).Results["id"];
            }
            catch (DataverseFaultException fault) when (fault.ErrorCode is ErrorCodes.DuplicateRecord or ErrorCodes.DuplicateRecordEntityKey)
            {
                throw DuplicateRecord();
            }
        }
        else if (ifMatch != null)
        {
            var current = (Entity)service.Execute(new RetrieveRequest { Target = key, ColumnSet = new ColumnSet("versionnumber") }).Results["Entity"];
            if (ifMatch != "*" && ifMatch != $"W/\"{current.GetAttributeValue<long>("versionnumber")}\"")
            {
                throw new WebApiError(HttpStatusCode.PreconditionFailed, unchecked((int)0x80060882), "The version of the existing record doesn't match the RowVersion property provided.");
            }
            entity.Id = current.Id;
            entity.KeyAttributes.Clear();
            service.Execute(new UpdateRequest { Target = entity });
            id = current.Id;
        }
        else
        {
            var reference = (EntityReference)service.Execute(new UpsertRequest { Target = entity }).Results["Target"];
            id = reference.Id;
        }
        return Written(request, service, table, id, options, representationStatus: 200);
    }

    private static WebApiError DuplicateRecord() =>
        new(HttpStatusCode.PreconditionFailed, ErrorCodes.DuplicateRecord, "A record with matching key values already exists.");

    private static bool Exists(IOrganizationService service, EntityReference key)
    {
        try
        {
            service.Execute(new RetrieveRequest { Target = key, ColumnSet = new ColumnSet(false) });
            return true;
        }
        catch (DataverseFaultException fault) when (fault.ErrorCode == ErrorCodes.ObjectDoesNotExist)
        {
            return false;
        }
    }

    /// <summary>204 with OData-EntityId, or the row itself when the caller prefers return=representation.</summary>
    private WebApiResponse Written(WebApiRequest request, IOrganizationService service, TableMetadata table, Guid id, QueryOptions options, int representationStatus)
    {
        var location = $"{request.ServiceRoot}{table.EntitySetName}({id})";
        if (Prefer(request, "return") != "representation") return new WebApiResponse(204).With("OData-EntityId", location);
        var row = service.Retrieve(table.LogicalName, id, options.ColumnSet);
        var annotations = Annotations.FromPrefer(Prefer(request, "odata.include-annotations"));
        var body = Json(w => WriteRow(w, service, table, row, options, annotations, $"{request.ServiceRoot}$metadata#{table.EntitySetName}/$entity"));
        var response = new WebApiResponse(representationStatus, body).With("OData-EntityId", location).With("Location", location);
        return Annotated(response, annotations).With("Preference-Applied", "return=representation");
    }

    private static WebApiResponse Delete(IOrganizationService service, TableMetadata table, EntityReference key)
    {
        service.Execute(new DeleteRequest { Target = key });
        return new WebApiResponse(204);
    }

    // ---- queries ----

    private WebApiResponse Query(WebApiRequest request, IOrganizationService service, TableMetadata table)
    {
        var options = QueryOptions.Parse(Model, table, request.Query, collection: true);
        var pageSize = MaxPageSize(request);
        var query = new QueryExpression(table.LogicalName) { ColumnSet = options.ColumnSet, Criteria = options.Filter ?? new FilterExpression() };
        foreach (var order in options.Orders) query.Orders.Add(order);
        if (options.Top is { } top) query.TopCount = top;
        else query.PageInfo = new PagingInfo { Count = pageSize, PageNumber = options.Page };
        if (options.Count) query.PageInfo = new PagingInfo { Count = query.TopCount == null ? pageSize : 0, PageNumber = options.Page, ReturnTotalRecordCount = true };
        var result = service.RetrieveMultiple(query);
        var annotations = Annotations.FromPrefer(Prefer(request, "odata.include-annotations"));
        var context = $"{request.ServiceRoot}$metadata#{table.EntitySetName}" + (options.Select == null ? "" : $"({string.Join(",", options.Select.Select(ServiceModel.PropertyName))})");
        var next = result.MoreRecords ? NextLink(request, options.Page + 1) : null;
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", context);
            if (options.Count) w.WriteNumber("@odata.count", result.TotalRecordCount);
            w.WriteStartArray("value");
            foreach (var row in result.Entities) WriteRow(w, service, table, row, options, annotations, null);
            w.WriteEndArray();
            if (next != null) w.WriteString("@odata.nextLink", next);
            w.WriteEndObject();
        });
        var response = Annotated(new WebApiResponse(200, body), annotations);
        if (request.Header("Prefer")?.Contains("odata.maxpagesize", StringComparison.Ordinal) == true) response.Headers["Preference-Applied"] = AppendPreference(response, $"odata.maxpagesize={pageSize}");
        return response;
    }

    /// <summary>
    /// <c>?fetchXml=</c> on the entity set the FetchXML's entity belongs to
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/retrieve-data#use-fetchxml-with-the-web-api).
    /// Linked and aggregate columns come back under their alias.
    /// </summary>
    private WebApiResponse FetchXml(WebApiRequest request, IOrganizationService service, TableMetadata table)
    {
        var fetch = request.Query["fetchXml"];
        string entityName;
        try
        {
            entityName = System.Xml.Linq.XDocument.Parse(fetch).Root?.Element("entity")?.Attribute("name")?.Value ?? "";
        }
        catch (System.Xml.XmlException)
        {
            throw WebApiError.BadQuery("The fetchXml parameter is not well-formed XML.");
        }
        if (entityName != table.LogicalName)
        {
            throw WebApiError.BadQuery($"The FetchXML names the entity '{entityName}' but is sent to the '{table.EntitySetName}' entity set.");
        }
        var result = service.RetrieveMultiple(new FetchExpression(fetch));
        var annotations = Annotations.FromPrefer(Prefer(request, "odata.include-annotations"));
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{request.ServiceRoot}$metadata#{table.EntitySetName}");
            w.WriteStartArray("value");
            foreach (var row in result.Entities)
            {
                var columns = row.Attributes.Keys.Select(k => table.Column(k)).Where(c => c != null).Select(c => c!).ToList();
                w.WriteStartObject();
                if (row.Id != Guid.Empty) w.WriteString(table.PrimaryIdColumn, row.Id);
                foreach (var column in columns.Where(c => c.Type != ColumnType.PrimaryKey))
                {
                    w.WritePropertyName(ServiceModel.PropertyName(column));
                    EdmValues.Write(w, row[column.LogicalName]);
                }
                foreach (var aliased in row.Attributes.Where(a => a.Value is AliasedValue))
                {
                    w.WritePropertyName(aliased.Key);
                    EdmValues.Write(w, aliased.Value);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (result.MoreRecords && result.PagingCookie != null)
            {
                w.WriteString("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie", result.PagingCookie);
                w.WriteBoolean("@Microsoft.Dynamics.CRM.morerecords", true);
            }
            w.WriteEndObject();
        });
        return Annotated(new WebApiResponse(200, body), annotations);
    }

    private static int MaxPageSize(WebApiRequest request)
    {
        var text = Prefer(request, "odata.maxpagesize");
        if (text == null) return DefaultPageSize;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is > 0 and <= DefaultPageSize
            ? size
            : throw WebApiError.BadQuery($"The odata.maxpagesize preference must be a whole number from 1 to {DefaultPageSize}.");
    }

    /// <summary>The URL of the next page: the same query with a <c>$skiptoken</c> holding the page number, as Dataverse's paging cookie does.</summary>
    private static string NextLink(WebApiRequest request, int page)
    {
        var parts = request.Query.Where(q => q.Key != "$skiptoken").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}").ToList();
        parts.Add("$skiptoken=" + Uri.EscapeDataString($"<cookie pagenumber=\"{page}\" istracking=\"False\" />"));
        return $"{request.ServiceRoot}{request.Path}?{string.Join("&", parts)}";
    }

    private void WriteRow(Utf8JsonWriter writer, IOrganizationService service, TableMetadata table, Entity row, QueryOptions options, Annotations annotations, string? context)
    {
        var expanded = options.Expand.Select(e => (e, Related(service, row, e))).ToList();
        environment.Json.Write(writer, table, row, options.Columns(table), annotations, expanded, context);
    }

    private static Entity? Related(IOrganizationService service, Entity row, Expansion expansion)
    {
        if (row.GetAttributeValue<EntityReference>(expansion.Property.Column.LogicalName) is not { } reference) return null;
        if (expansion.Property.Column.Type != ColumnType.Owner && reference.LogicalName != expansion.Property.Target) return null;
        var columns = expansion.Select == null ? new ColumnSet(true) : new ColumnSet(expansion.Select.Select(c => c.LogicalName).ToArray());
        return service.Retrieve(reference.LogicalName, reference.Id, columns);
    }

    private WebApiResponse WhoAmI(WebApiRequest request, IOrganizationService service)
    {
        if (request.Method != "GET") throw WebApiError.MethodNotAllowed(request.Method, "WhoAmI");
        var response = service.Execute(new OrganizationRequest("WhoAmI"));
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{request.ServiceRoot}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            w.WriteString("BusinessUnitId", (Guid)response.Results["BusinessUnitId"]);
            w.WriteString("UserId", (Guid)response.Results["UserId"]);
            w.WriteString("OrganizationId", (Guid)response.Results["OrganizationId"]);
            w.WriteEndObject();
        });
        return new WebApiResponse(200, body);
    }

    // ---- helpers ----

    /// <summary>One preference of the Prefer header (values may be quoted), or null.</summary>
    public static string? Prefer(WebApiRequest request, string name)
    {
        var header = request.Header("Prefer");
        if (header == null) return null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq].Trim();
            if (key == name) return eq < 0 ? "" : part[(eq + 1)..].Trim().Trim('"');
        }
        return null;
    }

    private static WebApiResponse Annotated(WebApiResponse response, Annotations annotations)
    {
        var applied = annotations.PreferenceApplied();
        if (applied.Length > 0) response.Headers["Preference-Applied"] = AppendPreference(response, applied);
        return response;
    }

    private static string AppendPreference(WebApiResponse response, string preference) =>
        response.Headers.TryGetValue("Preference-Applied", out var existing) ? existing + "," + preference : preference;

    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        // Quotes and markup characters are written as themselves (W/"1", <cookie …>), as Dataverse writes them.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
