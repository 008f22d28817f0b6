using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Emulator.WebApi.OData;

namespace PatientJourney.Crm.Emulator.WebApi.Handlers;

/// <summary>
/// <c>POST $batch</c> (multipart/mixed): requests run in order; a change set runs all-or-nothing (on a failure the
/// environment goes back to where it was before the change set and only the failing request's error is returned); the
/// batch stops at the first failure unless the caller prefers <c>odata.continue-on-error</c>. Inside a change set,
/// <c>$n</c> names the row created by the request with Content-ID n
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api).
/// </summary>
public sealed partial class BatchHandler
{
    private readonly EmulatorEnvironment environment;
    private readonly ODataHandler handler;

    public BatchHandler(EmulatorEnvironment environment, ODataHandler handler)
    {
        this.environment = environment;
        this.handler = handler;
    }

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    private sealed record Part(Dictionary<string, string> Headers, string Content);

    public (string ContentType, byte[] Body) Handle(string? contentType, byte[] body, string origin, IReadOnlyDictionary<string, string> batchHeaders, Guid userId)
    {
        var serviceRoot = origin + WebApiHost.ServicePath;
        var boundary = contentType != null && contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) ? Boundary().Match(contentType) : Match.Empty;
        var responseBoundary = "batchresponse_" + Guid.NewGuid();
        var output = new StringBuilder();
        if (!boundary.Success)
        {
            Append(output, responseBoundary, ODataHandler.Error(new WebApiError(HttpStatusCode.BadRequest, unchecked((int)0x80060888), "A $batch request must be multipart/mixed with a boundary.")), null);
            return Finish(output, responseBoundary);
        }
        var continueOnError = batchHeaders.TryGetValue("Prefer", out var prefer) && prefer.Contains("odata.continue-on-error", StringComparison.Ordinal);
        foreach (var part in Parts(Encoding.UTF8.GetString(body), boundary.Groups[1].Value))
        {
            var inner = part.Headers.GetValueOrDefault("Content-Type", "");
            var ok = inner.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) && Boundary().Match(inner) is { Success: true } changeset
                ? ChangeSet(output, responseBoundary, Parts(part.Content, changeset.Groups[1].Value), serviceRoot, batchHeaders, userId)
                : Single(output, responseBoundary, part, serviceRoot, batchHeaders, userId, contentIds: null, inChangeSet: false).Status < 400;
            if (!ok && !continueOnError) break;
        }
        return Finish(output, responseBoundary);
    }

    private bool ChangeSet(StringBuilder output, string boundary, List<Part> parts, string serviceRoot, IReadOnlyDictionary<string, string> batchHeaders, Guid userId)
    {
        lock (environment.Gate)
        {
            var before = environment.Emulator.Snapshot();
            var contentIds = new Dictionary<string, string>(StringComparer.Ordinal);
            var responses = new StringBuilder();
            var changesetBoundary = "changesetresponse_" + Guid.NewGuid();
            foreach (var part in parts)
            {
                var failed = new StringBuilder();
                var response = Single(failed, boundary, part, serviceRoot, batchHeaders, userId, contentIds, inChangeSet: true);
                if (response.Status >= 400)
                {
                    environment.Emulator.Restore(before);
                    output.Append(failed);
                    return false;
                }
                Append(responses, changesetBoundary, response, part.Headers.GetValueOrDefault("Content-ID"));
            }
            output.Append("--").Append(boundary).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
            output.Append(responses).Append("--").Append(changesetBoundary).Append("--\r\n");
            return true;
        }
    }

    private WebApiResponse Single(StringBuilder output, string boundary, Part part, string serviceRoot, IReadOnlyDictionary<string, string> batchHeaders, Guid userId,
        Dictionary<string, string>? contentIds, bool inChangeSet)
    {
        var contentId = part.Headers.GetValueOrDefault("Content-ID");
        WebApiResponse response;
        try
        {
            var request = Request(part, serviceRoot, batchHeaders, contentIds);
            response = inChangeSet && request.Method == "GET"
                ? ODataHandler.Error(new WebApiError(HttpStatusCode.BadRequest, unchecked((int)0x80060888), "GET requests are not allowed inside a change set; send them outside it."))
                : handler.Handle(request, userId);
        }
        catch (WebApiError error)
        {
            response = ODataHandler.Error(error);
        }
        if (contentIds != null && contentId != null && response.Headers.TryGetValue("OData-EntityId", out var location)) contentIds["$" + contentId] = location;
        Append(output, boundary, response, contentId);
        return response;
    }

    /// <summary>An application/http part as a request; the batch's Prefer applies where the part has none.</summary>
    private static WebApiRequest Request(Part part, string serviceRoot, IReadOnlyDictionary<string, string> batchHeaders, Dictionary<string, string>? contentIds)
    {
        var lines = part.Content.Split('\n');
        var requestLine = lines[0].Trim().Split(' ');
        if (requestLine.Length < 2) throw WebApiError.BadQuery("A $batch part does not start with an HTTP request line (METHOD URL HTTP/1.1).");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 1;
        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }
        if (!headers.ContainsKey("Prefer") && batchHeaders.TryGetValue("Prefer", out var prefer)) headers["Prefer"] = prefer;
        var body = string.Join("\n", lines.Skip(i + 1)).Trim();
        var url = requestLine[1];
        if (contentIds != null)
        {
            foreach (var (id, location) in contentIds)
            {
                if (url == id || url.StartsWith(id + "/", StringComparison.Ordinal)) url = location + url[id.Length..];
                body = body.Replace($"\"{id}\"", $"\"{location}\"", StringComparison.Ordinal);
            }
        }
        var marker = url.IndexOf(WebApiHost.ServicePath, StringComparison.OrdinalIgnoreCase);
        var relative = marker >= 0 ? url[(marker + WebApiHost.ServicePath.Length)..] : url.TrimStart('/');
        var question = relative.IndexOf('?', StringComparison.Ordinal);
        var query = question < 0 ? [] : QueryHelpers.ParseQuery(relative[question..]).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        return new WebApiRequest
        {
            Method = requestLine[0].ToUpperInvariant(), Path = question < 0 ? relative : relative[..question], Query = query, Headers = headers,
            Body = Encoding.UTF8.GetBytes(body), ServiceRoot = serviceRoot,
        };
    }

    private static List<Part> Parts(string content, string boundary)
    {
        var parts = new List<Part>();
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        var delimiter = "--" + boundary;
        foreach (var chunk in text.Split(delimiter).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
            var body = chunk.TrimStart('\n');
            var end = body.IndexOf("\n\n", StringComparison.Ordinal);
            var headerText = end < 0 ? body : body[..end];
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in headerText.Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            parts.Add(new Part(headers, end < 0 ? "" : body[(end + 2)..].TrimEnd('\n')));
        }
        return parts;
    }

    private static void Append(StringBuilder output, string boundary, WebApiResponse response, string? contentId)
    {
        output.Append("--").Append(boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId != null) output.Append("Content-ID: ").Append(contentId).Append("\r\n");
        output.Append("\r\nHTTP/1.1 ").Append(response.Status).Append(' ').Append(ReasonPhrase(response.Status)).Append("\r\n");
        output.Append("OData-Version: 4.0\r\n");
        if (response.Body != null) output.Append("Content-Type: application/json; odata.metadata=minimal\r\n");
        foreach (var (name, value) in response.Headers) output.Append(name).Append(": ").Append(value).Append("\r\n");
        output.Append("\r\n");
        if (response.Body != null) output.Append(response.Body);
        output.Append("\r\n");
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static (string, byte[]) Finish(StringBuilder output, string boundary)
    {
        output.Append("--").Append(boundary).Append("--\r\n");
        return ("multipart/mixed; boundary=" + boundary, Encoding.UTF8.GetBytes(output.ToString()));
    }
}
