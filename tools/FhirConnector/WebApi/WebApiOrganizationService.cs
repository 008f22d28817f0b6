using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.DataverseWebApi;

namespace PatientJourney.Crm.FhirConnector.WebApi;

/// <summary>Dataverse refused a Web API request; <see cref="Fault"/> carries its error code and message, as the SDK's fault does.</summary>
public sealed class WebApiFaultException(OrganizationServiceFault fault, int status) : Exception(fault.Message)
{
    public OrganizationServiceFault Fault { get; } = fault;

    public int Status { get; } = status;
}

/// <summary>
/// The connector's Web API writer (and reader): the write operations the mapping plans, as SDK requests, executed
/// through the Dataverse Web API (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/overview):
/// <list type="bullet">
/// <item>a new row: <c>POST entityset</c> with the row id the importer chose, so later entries of a bundle can bind to it;</item>
/// <item>an upsert by alternate key: <c>PATCH entityset(key1='v',key2='w')</c>
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api#upsert-a-table-row);</item>
/// <item>an update by id: <c>PATCH entityset(id)</c> with <c>If-Match: *</c> (never creates);</item>
/// <item>a custom API (a stage move): <c>POST pj_AdvanceJourney</c> with its parameters;</item>
/// <item>ExecuteTransaction: one <c>$batch</c> change set, all or nothing
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api).</item>
/// </list>
/// Reads are <c>GET</c> with <c>$filter</c> (equality conditions), <c>$orderby</c> and <c>$top</c>, paged. The HTTP side (sign-in,
/// service-protection retries, paging, error bodies) is the tools' shared <see cref="DataverseWebApiClient"/>; a refusal
/// with Dataverse's error body becomes <see cref="WebApiFaultException"/>, as the SDK's fault. Synchronous, as
/// IOrganizationService is: each call waits for the shared client's answer.
/// </summary>
public sealed partial class WebApiOrganizationService(DataverseWebApiClient client) : IOrganizationService
{
    private static readonly (string, string)[] Annotated = [("Prefer", "odata.include-annotations=\"*\"")];

    public Guid Create(Entity entity) => ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    /// <summary>
    /// Reads send no <c>$select</c>: the Web API names a lookup <c>_x_value</c>, which the connector cannot tell from a
    /// column without the table's attribute metadata; the columns asked for are kept from the row.
    /// </summary>
    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
    {
        var (set, primaryId) = Table(entityName);
        using var document = Send(HttpMethod.Get, $"{set}({id})", null);
        return WebApiRows.Read(document!.RootElement, entityName, primaryId, Columns(columnSet));
    }

    public EntityCollection RetrieveMultiple(QueryBase query)
    {
        if (query is not QueryExpression expression || expression.LinkEntities.Count > 0)
            throw new NotSupportedException("The connector's Web API reader runs QueryExpressions without linked tables.");
        var (set, primaryId) = Table(expression.EntityName);
        var options = new List<string>();
        var filter = Filter(expression.Criteria);
        if (filter.Length > 0) options.Add("$filter=" + filter);
        if (expression.Orders.Count > 0) options.Add("$orderby=" + string.Join(",", expression.Orders.Select(o => o.AttributeName + (o.OrderType == OrderType.Descending ? " desc" : ""))));
        if (expression.TopCount is { } top) options.Add("$top=" + top);
        var result = new EntityCollection { EntityName = expression.EntityName };
        var pages = client.PagesAsync(set + (options.Count > 0 ? "?" + string.Join("&", options) : ""), headers: Annotated).GetAsyncEnumerator();
        try
        {
            while (Wait(pages.MoveNextAsync().AsTask()))
                result.Entities.AddRange(pages.Current.RootElement.GetProperty("value").EnumerateArray().Select(r => WebApiRows.Read(r, expression.EntityName, primaryId, Columns(expression.ColumnSet))));
        }
        finally
        {
            Wait(pages.DisposeAsync().AsTask());
        }
        return result;
    }

    public OrganizationResponse Execute(OrganizationRequest request)
    {
        if (request is ExecuteTransactionRequest transaction) return ExecuteChangeSet(transaction.Requests);
        var (method, path, body, headers) = Translate(request);
        using var document = Send(method, path, body, headers, out var location);
        return Response(request, location);
    }

    public void Delete(string entityName, Guid id) => throw new NotSupportedException("The FHIR connector never deletes rows.");

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        throw new NotSupportedException("The FHIR connector sets lookups; it does not associate rows.");

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        throw new NotSupportedException("The FHIR connector sets lookups; it does not disassociate rows.");

    // ---- requests ----

    private (HttpMethod Method, string Path, string? Body, (string, string)[] Headers) Translate(OrganizationRequest request)
    {
        switch (request)
        {
            case CreateRequest create:
            {
                var (set, primaryId) = Table(create.Target.LogicalName);
                return (HttpMethod.Post, set, Body(create.Target, primaryId, []), []);
            }
            case UpsertRequest upsert when upsert.Target.KeyAttributes.Count > 0:
            {
                var (set, _) = Table(upsert.Target.LogicalName);
                var key = string.Join(",", upsert.Target.KeyAttributes.Select(k => $"{k.Key}={WebApiRows.Literal(k.Value)}"));
                return (HttpMethod.Patch, $"{set}({key})", Body(upsert.Target, null, upsert.Target.KeyAttributes.Keys.ToHashSet()), []);
            }
            case UpdateRequest update:
            {
                var (set, _) = Table(update.Target.LogicalName);
                return (HttpMethod.Patch, $"{set}({update.Target.Id})", Body(update.Target, null, []), [("If-Match", "*")]);
            }
            case { RequestName: var name } when name.StartsWith("pj_", StringComparison.Ordinal):
                return (HttpMethod.Post, name, ApiBody(request), []);
            default:
                throw new NotSupportedException($"The connector's Web API writer does not send {request.RequestName}.");
        }
    }

    private string Body(Entity row, string? primaryId, IReadOnlyCollection<string> skip) =>
        Json(w => WebApiRows.Write(w, row, logical => Table(logical).EntitySet, primaryId, skip));

    /// <summary>A custom API's parameters: entity references as <c>{"@odata.type":…, "primaryid":…}</c>, other values as they are.</summary>
    private string ApiBody(OrganizationRequest request) => Json(w =>
    {
        w.WriteStartObject();
        foreach (var (name, value) in request.Parameters)
        {
            w.WritePropertyName(name);
            if (value is EntityReference reference)
            {
                w.WriteStartObject();
                w.WriteString("@odata.type", "Microsoft.Dynamics.CRM." + reference.LogicalName);
                w.WriteString(Table(reference.LogicalName).PrimaryId, reference.Id);
                w.WriteEndObject();
            }
            else WebApiRows.WriteValue(w, value);
        }
        w.WriteEndObject();
    });

    private static OrganizationResponse Response(OrganizationRequest request, string? location)
    {
        if (request is not CreateRequest create) return new OrganizationResponse { ResponseName = request.RequestName };
        var response = new CreateResponse();
        response.Results["id"] = create.Target.Id != Guid.Empty ? create.Target.Id : IdOf(location);
        return response;
    }

    private static Guid IdOf(string? location) =>
        location != null && RowId().Match(location) is { Success: true } match ? Guid.Parse(match.Groups[1].Value) : Guid.Empty;

    // ---- $batch ----

    /// <summary>
    /// The requests as one change set. Dataverse answers a failed change set with the failing request's error alone
    /// (its Content-ID says which), and writes nothing.
    /// </summary>
    private OrganizationResponse ExecuteChangeSet(OrganizationRequestCollection requests)
    {
        var batch = "batch_" + Guid.NewGuid();
        var changeSet = "changeset_" + Guid.NewGuid();
        var content = new StringBuilder();
        content.Append("--").Append(batch).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeSet).Append("\r\n\r\n");
        for (var i = 0; i < requests.Count; i++)
        {
            var (method, path, body, headers) = Translate(requests[i]);
            content.Append("--").Append(changeSet).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ")
                .Append(i + 1).Append("\r\n\r\n").Append(method.Method).Append(' ').Append(client.Api).Append(path).Append(" HTTP/1.1\r\n");
            foreach (var (name, value) in headers) content.Append(name).Append(": ").Append(value).Append("\r\n");
            content.Append("Content-Type: application/json\r\n\r\n").Append(body).Append("\r\n");
        }
        content.Append("--").Append(changeSet).Append("--\r\n--").Append(batch).Append("--\r\n");

        var multipart = new StringContent(content.ToString(), Encoding.UTF8);
        multipart.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
        var text = Faulting(() => client.SendAsync(HttpMethod.Post, "$batch", multipart)).Body;
        var failure = FailedPart().Match(text);
        if (failure.Success)
        {
            var fault = FaultOf(DataverseError.Parse(text[failure.Index..]));
            var index = int.TryParse(failure.Groups["id"].Value, out var id) ? id - 1 : 0;
            throw new WebApiFaultException(new ExecuteTransactionFault { ErrorCode = fault.ErrorCode, Message = fault.Message, FaultedRequestIndex = index }, int.Parse(failure.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return new ExecuteTransactionResponse();
    }

    // ---- HTTP ----

    private (string EntitySet, string PrimaryId) Table(string logicalName)
    {
        var table = Faulting(() => client.TableAsync(logicalName));
        return (table.EntitySetName, table.PrimaryIdAttribute);
    }

    private JsonDocument? Send(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers) => Send(method, path, body, headers, out _);

    private JsonDocument? Send(HttpMethod method, string path, string? body, (string Name, string Value)[] headers, out string? location)
    {
        var all = Annotated.Concat(headers).ToArray();
        var answer = Faulting(() => body == null ? client.SendAsync(method, path, null, all) : client.SendJsonAsync(method, path, body, all));
        location = answer.EntityId;
        return answer.Json();
    }

    /// <summary>
    /// Waits for the shared client; a refusal carrying Dataverse's error body is the SDK's fault, so the importer
    /// reports it on the entry. Throttling past the retries and refusals without a body stop the run as they are.
    /// </summary>
    private static T Faulting<T>(Func<Task<T>> call)
    {
        try
        {
            return Wait(call());
        }
        catch (DataverseWebApiException refused) when (refused.Error != null && refused.Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            throw new WebApiFaultException(FaultOf(refused.Error), (int)refused.Status);
        }
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static OrganizationServiceFault FaultOf(DataverseError? error) => error == null
        ? new OrganizationServiceFault { Message = "The Web API refused the request without an error body." }
        : new OrganizationServiceFault { ErrorCode = error.ErrorCode, Message = error.Message };

    private static string Filter(FilterExpression filter)
    {
        var parts = filter.Conditions.Select(Condition).Concat(filter.Filters.Select(Filter).Where(f => f.Length > 0).Select(f => $"({f})")).ToList();
        return string.Join(filter.FilterOperator == LogicalOperator.Or ? " or " : " and ", parts);
    }

    private static string Condition(ConditionExpression condition)
    {
        var value = condition.Values.FirstOrDefault();
        // A Guid compared is a lookup's value, named _x_value in the Web API.
        var name = value is Guid or EntityReference ? $"_{condition.AttributeName}_value" : condition.AttributeName;
        return condition.Operator switch
        {
            ConditionOperator.Equal => $"{name} eq {WebApiRows.Literal(value!)}",
            ConditionOperator.NotEqual => $"{name} ne {WebApiRows.Literal(value!)}",
            ConditionOperator.Null => $"{condition.AttributeName} eq null",
            _ => throw new NotSupportedException($"The connector's Web API reader does not translate the {condition.Operator} condition."),
        };
    }

    private static HashSet<string>? Columns(ColumnSet columns) => columns.AllColumns ? null : columns.Columns.ToHashSet(StringComparer.Ordinal);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [GeneratedRegex(@"\(([0-9a-fA-F-]{36})\)\s*$")]
    private static partial Regex RowId();

    [GeneratedRegex(@"(?:Content-ID: (?<id>\d+)\r\n)?\r\nHTTP/1\.1 (?<status>[45]\d\d)")]
    private static partial Regex FailedPart();
}
