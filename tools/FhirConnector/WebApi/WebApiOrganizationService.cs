using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

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
/// Reads are <c>GET</c> with <c>$filter</c> (equality conditions), <c>$orderby</c> and <c>$top</c>, following nextLink. A 429 (service
/// protection limits) is retried after its Retry-After. Synchronous, as IOrganizationService is.
/// </summary>
public sealed partial class WebApiOrganizationService : IOrganizationService
{
    private const int MaxRetries = 8;
    private readonly HttpClient http;
    private readonly Uri api;
    private readonly Func<CancellationToken, Task<string>> token;
    private readonly ConcurrentDictionary<string, (string EntitySet, string PrimaryId)> tables = new(StringComparer.Ordinal);

    /// <param name="environment">The environment URL (https://org.crm.dynamics.com) or its Web API root (…/api/data/v9.2/).</param>
    public WebApiOrganizationService(HttpClient http, Uri environment, Func<CancellationToken, Task<string>> token)
    {
        this.http = http;
        var root = environment.AbsoluteUri.TrimEnd('/');
        api = new Uri(root.EndsWith("/api/data/v9.2", StringComparison.OrdinalIgnoreCase) ? root + "/" : root + "/api/data/v9.2/");
        this.token = token;
    }

    /// <summary>Requests waited out on 429, for the report.</summary>
    public int Throttled { get; private set; }

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
        string? next = set + (options.Count > 0 ? "?" + string.Join("&", options) : "");
        while (next != null)
        {
            using var page = Send(HttpMethod.Get, next, null);
            result.Entities.AddRange(page!.RootElement.GetProperty("value").EnumerateArray().Select(r => WebApiRows.Read(r, expression.EntityName, primaryId, Columns(expression.ColumnSet))));
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
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
                .Append(i + 1).Append("\r\n\r\n").Append(method.Method).Append(' ').Append(api).Append(path).Append(" HTTP/1.1\r\n");
            foreach (var (name, value) in headers) content.Append(name).Append(": ").Append(value).Append("\r\n");
            content.Append("Content-Type: application/json\r\n\r\n").Append(body).Append("\r\n");
        }
        content.Append("--").Append(changeSet).Append("--\r\n--").Append(batch).Append("--\r\n");

        var answer = SendRaw(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "$batch")) { Content = new StringContent(content.ToString(), Encoding.UTF8) };
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
            return message;
        });
        var text = answer.Body;
        var failure = FailedPart().Match(text);
        if (failure.Success)
        {
            var fault = FaultOf(text[failure.Index..]);
            var index = int.TryParse(failure.Groups["id"].Value, out var id) ? id - 1 : 0;
            throw new WebApiFaultException(new ExecuteTransactionFault { ErrorCode = fault.ErrorCode, Message = fault.Message, FaultedRequestIndex = index }, int.Parse(failure.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return new ExecuteTransactionResponse();
    }

    // ---- HTTP ----

    private (string EntitySet, string PrimaryId) Table(string logicalName) => tables.GetOrAdd(logicalName, name =>
    {
        using var definition = Send(HttpMethod.Get, $"EntityDefinitions(LogicalName='{name}')?$select=EntitySetName,PrimaryIdAttribute", null);
        return (definition!.RootElement.GetProperty("EntitySetName").GetString()!, definition.RootElement.GetProperty("PrimaryIdAttribute").GetString()!);
    });

    private JsonDocument? Send(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers) => Send(method, path, body, headers, out _);

    private JsonDocument? Send(HttpMethod method, string path, string? body, (string Name, string Value)[] headers, out string? location)
    {
        var answer = SendRaw(() =>
        {
            var message = new HttpRequestMessage(method, new Uri(api, path));
            if (body != null) message.Content = new StringContent(body, Encoding.UTF8, "application/json");
            message.Headers.TryAddWithoutValidation("Prefer", "odata.include-annotations=\"*\"");
            foreach (var (name, value) in headers) message.Headers.TryAddWithoutValidation(name, value);
            return message;
        });
        location = answer.Location;
        if (answer.Status >= 400)
        {
            var fault = FaultOf(answer.Body);
            throw new WebApiFaultException(fault, answer.Status);
        }
        return answer.Body.Length == 0 ? null : JsonDocument.Parse(answer.Body);
    }

    /// <summary>Sends with the bearer token; a 429 waits out its Retry-After (or a growing pause) and tries again.</summary>
    private (int Status, string Body, string? Location) SendRaw(Func<HttpRequestMessage> build)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = build();
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token(CancellationToken.None).GetAwaiter().GetResult());
            message.Headers.Add("OData-Version", "4.0");
            message.Headers.Add("OData-MaxVersion", "4.0");
            message.Headers.Accept.ParseAdd("application/json");
            using var response = http.Send(message);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRetries)
            {
                Throttled++;
                Thread.Sleep(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Pow(2, attempt)));
                continue;
            }
            using var reader = new StreamReader(response.Content.ReadAsStream());
            var location = response.Headers.TryGetValues("OData-EntityId", out var ids) ? ids.First() : null;
            return ((int)response.StatusCode, reader.ReadToEnd(), location);
        }
    }

    /// <summary>The Web API's error body (<c>{"error":{"code":"0x…","message":…}}</c>) as the SDK's fault.</summary>
    private static OrganizationServiceFault FaultOf(string text)
    {
        var json = ErrorJson().Match(text);
        try
        {
            using var document = JsonDocument.Parse(json.Success ? json.Value : text);
            var error = document.RootElement.GetProperty("error");
            var code = error.TryGetProperty("code", out var c) && c.GetString() is { } hex && hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? unchecked((int)Convert.ToUInt32(hex[2..], 16)) : 0;
            return new OrganizationServiceFault { ErrorCode = code, Message = error.GetProperty("message").GetString() ?? "The Web API refused the request." };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new OrganizationServiceFault { Message = "The Web API refused the request without an error body." };
        }
    }

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

    [GeneratedRegex(@"\{""error"".*\}", RegexOptions.Singleline)]
    private static partial Regex ErrorJson();
}
