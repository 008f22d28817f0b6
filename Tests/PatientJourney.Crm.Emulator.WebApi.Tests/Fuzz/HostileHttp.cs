using System;
using System.Linq;
using System.Text;
using CsCheck;

namespace PatientJourney.Crm.Emulator.WebApi.Tests.Fuzz;

/// <summary>One HTTP request as the fuzz runs send it: method, path with query, content type, body and extra headers.</summary>
public sealed record HttpCase(string Method, string Path, string? ContentType, byte[]? Body, (string Name, string Value)[] Headers)
{
    public override string ToString() =>
        $"{Method} {Path[..Math.Min(Path.Length, 400)]} [{ContentType ?? "no content type"}] body[{Body?.Length ?? 0}] {(Body is { Length: < 400 } b ? Encoding.UTF8.GetString(b) : "")} " +
        string.Join(" ", Headers.Select(h => $"{h.Name}: {h.Value[..Math.Min(h.Value.Length, 80)]}"));
}

/// <summary>
/// Generators of malformed Web API requests: unknown entity sets and keys, broken OData query options, bodies that are
/// not JSON or do not fit the table, binds to nowhere, wrong content types, bad If-Match, and broken $batch bodies.
/// </summary>
public sealed class HostileHttp(string[] entitySets, string[] columns, Guid[] existingIds)
{
    /// <summary>Stands for patient data: sent in values only.</summary>
    public const string Marker = "Zebulon Quartermaine";

    private static readonly string Huge = "\"" + Marker + new string('x', 3_000_000) + "\"";

    private Gen<string> EntitySet => Gen.Frequency(
        (8, Gen.OneOf(entitySets)),
        (1, Gen.OneOf("patients", "Contacts", "", "contact", "contacts()", "$metadata", "%zz", "contacts/$count", "contacts/$ref", "EntityDefinitions",
            "pj_AdvanceJourney", "WhoAmI", "WhoAmI()", "pj_GetPatientTimeline(Patient=@p)", "pj_GetJourneyMetrics()", "contacts/Microsoft.Dynamics.CRM.pj_AdvanceJourney",
            "..%2f..%2fetc", "contacts;x=1", new string('c', 1000))));

    private Gen<string> Key => Gen.Frequency(
        (3, Gen.OneOf(existingIds).Select(id => $"({id})")),
        (2, Gen.Guid.Select(id => $"({id})")),
        (1, Gen.OneOf("", "()", "(abc)", "(00000000-0000-0000-0000-000000000000)", "(pj_mrn='x')", "(lastname='x')", "(pj_mrn=)", "('x')", "(1)", "(",
            "(9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", "(pj_fhirsourcesystem='a',pj_fhirid='b')", "(pj_fhirid='" + Marker + "')", "(@p)", "(null)", "(-1)")));

    private Gen<string> Suffix => Gen.Frequency(
        (6, Gen.Const("")),
        (1, Gen.OneOf(columns).Select(c => "/" + c)),
        (1, Gen.OneOf("/$value", "/$ref", "/lastname/$value", "/pj_patientid/$ref", "/unknown", "//", "/Microsoft.Dynamics.CRM.pj_AdvanceJourney", "/$count")));

    private static readonly string[] FilterPieces =
    [
        "eq", "ne", "gt", "lt", "and", "or", "not", "(", ")", "'", "''", "null", "true", "1", "-1", "9999999999999999999", "1.5e400", "'" + Marker + "'",
        "contains(", "startswith(", "endswith(", "Microsoft.Dynamics.CRM.On(PropertyName=", "Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=[",
        "]", ",", "any(", "all(", "o:o/", "2026-13-45", "2026-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000001", "$it", "@p", "/", " ", "%20", "%",
        "Microsoft.Dynamics.CRM.LastXDays(PropertyName='birthdate',PropertyValue=999999999)",
    ];

    private Gen<string> Filter => Gen.Frequency(
        (3, Gen.Select(Gen.OneOf(columns), Gen.OneOf("eq", "ne", "gt", "le"), Gen.OneOf("'" + Marker + "'", "1", "null", "true", "2026-01-01", "00000000-0000-0000-0000-000000000001", "'a''b'", "1.5"),
            (c, op, v) => $"{c} {op} {v}")),
        (3, Gen.OneOf([.. FilterPieces, .. columns]).Array[1, 12].Select(p => string.Join(" ", p))),
        (1, Gen.Int[1, 400].Select(n => string.Concat(Enumerable.Repeat("(", n)) + "lastname eq 'a'" + string.Concat(Enumerable.Repeat(")", n)))),
        (1, Gen.Int[1, 150].Select(n => string.Join(" or ", Enumerable.Range(0, n).Select(i => $"lastname eq '{i}'")))));

    private Gen<string> QueryOption => Gen.Frequency(
        (3, Filter.Select(f => "$filter=" + Uri.EscapeDataString(f))),
        (2, Gen.OneOf([.. columns, "", ",", "*", "Name", "pj_nothing", "lastname,lastname", "_parentcustomerid_value", "contactid/lastname"]).Array[1, 4]
            .Select(c => "$select=" + string.Join(",", c))),
        (1, Gen.OneOf("$expand=pj_patientid", "$expand=unknown", "$expand=pj_patientid($select=nothing)", "$expand=pj_patientid($expand=pj_patientid($expand=x))", "$expand=", "$expand=(", "$expand=contact_pj_journey_patientid($filter=)")),
        (1, Gen.OneOf("$top=-1", "$top=abc", "$top=0", "$top=99999999999", "$top=", "$top=5000", "$skip=1", "$skip=abc")),
        (1, Gen.OneOf([.. columns.Select(c => "$orderby=" + c + " sideways"), "$orderby=", "$orderby=nothing desc", "$orderby=lastname,", "$orderby=lastname asc desc"])),
        (1, Gen.OneOf("$count=maybe", "$count=true", "$apply=groupby((lastname))", "$apply=aggregate(", "$search=x", "$format=xml", "$foo=1", "$filter=a&$filter=b", "=&&=",
            "fetchXml=%3Cfetch", "fetchXml=" + Uri.EscapeDataString("<fetch><entity name='contact'><attribute name='nothing'/></entity></fetch>"),
            "fetchXml=" + Uri.EscapeDataString("<!DOCTYPE f [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><fetch><entity name='contact'><attribute name='&b;'/></entity></fetch>"),
            "savedQuery=abc", "userQuery=00000000-0000-0000-0000-000000000001", "@p=" + Uri.EscapeDataString("{'@odata.id':'contacts(" + Guid.Empty + ")'}"))));

    /// <summary>
    /// A path with query options, within the 8 KB request line of the host's HTTP server (Kestrel's default): a longer
    /// URL is refused by the server itself (414, before the service answers, so without Dataverse's error JSON).
    /// </summary>
    private Gen<string> Path => Gen.Select(EntitySet, Key, Suffix, QueryOption.Array[0, 3], (set, key, suffix, options) =>
    {
        var path = set + key + suffix;
        var withOptions = path + (options.Length > 0 ? "?" + string.Join("&", options) : "");
        return withOptions.Length <= 7000 ? withOptions : path;
    });

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        "null", "true", "1", "-1", "2147483648", "1e400", "-0", "1.5", "\"\"", "\"" + Marker + "\"", "\"2026-13-45\"", "\"0001-01-01T00:00:00Z\"",
        "\"9999-12-31T23:59:59Z\"", "[]", "{}", "[1,2]", "{\"a\":1}", "\"00000000-0000-0000-0000-000000000000\"", "\"" + Marker + new string('x', 5000) + "\"", "NaN", "\"\\ud800\"");

    private Gen<string> JsonObject => Gen.Select(Gen.Frequency((6, Gen.OneOf(columns)), (1, Gen.OneOf("pj_nothing", "", "@odata.type", "lastname@odata.bind", "_pj_patientid_value", "pj_patientid@odata.bind", "pj_pathwayid@odata.bind"))), JsonValue)
        .Array[0, 6].SelectMany(pairs => Gen.OneOf(entitySets).Select(set =>
        {
            var members = pairs.Select(p => p.Item1.EndsWith("@odata.bind", StringComparison.Ordinal)
                ? $"\"{p.Item1}\":\"/{set}({Guid.NewGuid()})\""
                : $"\"{p.Item1}\":{p.Item2}");
            return "{" + string.Join(",", members) + "}";
        }));

    private Gen<byte[]?> Body => Gen.Frequency(
        (1, Gen.Const((byte[]?)null)),
        (6, JsonObject.Select(j => (byte[]?)Encoding.UTF8.GetBytes(j))),
        (2, Gen.Select(JsonObject, Gen.Double.Unit, (j, cut) => (byte[]?)Encoding.UTF8.GetBytes(j[..(int)(j.Length * cut)]))),
        (1, Gen.OneOf("", "null", "[]", "[\"" + Marker + "\"]", "{", "}", "{\"lastname\":", "{'lastname':'a'}", "{\"lastname\":\"a\",\"lastname\":\"b\"}", "\u00ff\u00fe",
            new string('[', 20000) + new string(']', 20000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5001),
            "{\"lastname\":" + Huge + "}").Select(s => (byte[]?)Encoding.UTF8.GetBytes(s))),
        (1, Gen.Byte.Array[1, 200].Select(b => (byte[]?)b)));

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (6, Gen.Const((string?)"application/json")),
        (1, Gen.OneOf<string?>(null, "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=nonsense", "multipart/mixed",
            "multipart/mixed; boundary=", "%%%", "application/x-www-form-urlencoded", "application/json; odata.metadata=full")));

    private static readonly Gen<(string, string)[]> Headers = Gen.OneOf(
        ("If-Match", "garbage"), ("If-Match", "*"), ("If-Match", "W/\"123\""), ("If-Match", "\"\""), ("If-None-Match", "null"), ("If-None-Match", "*"),
        ("Prefer", "return=representation"), ("Prefer", "odata.maxpagesize=-1"), ("Prefer", "odata.maxpagesize=abc"), ("Prefer", "odata.include-annotations=\"*\""), ("Prefer", ",,,"),
        ("MSCRM.SuppressDuplicateDetection", "maybe"), ("CallerObjectId", "not-a-guid"), ("CallerObjectId", Guid.NewGuid().ToString()), ("MSCRMCallerID", Guid.NewGuid().ToString()),
        ("MSCRM.BypassCustomPluginExecution", "true"), ("Accept", "application/xml"), ("OData-MaxVersion", "2.0"), ("Consistency", "Strong")).Array[0, 3];

    private static readonly Gen<string> Method = Gen.Frequency(
        (4, Gen.Const("GET")), (3, Gen.Const("POST")), (3, Gen.Const("PATCH")), (1, Gen.Const("DELETE")), (1, Gen.OneOf("PUT", "OPTIONS", "MERGE", "FOO", "HEAD")));

    public Gen<HttpCase> Request => Gen.Select(Method, Path, ContentType, Body, Headers,
        (method, path, contentType, body, headers) => new HttpCase(method, path, body == null ? null : contentType, method is "GET" or "DELETE" or "HEAD" && body != null && body.Length > 64 ? null : body, headers));

    // ---- $batch ----

    private Gen<string> BatchPart => Gen.Select(Method, Path, JsonObject, Gen.Int[0, 6], Gen.Int[-1, 9],
        (method, path, json, shape, contentId) => shape switch
        {
            0 => $"Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n{method} {path} HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{json}\r\n",
            1 => $"Content-Type: application/http\r\nContent-ID: {contentId}\r\n\r\n{method} /api/data/v9.2/{path} HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{json}\r\n",
            2 => $"\r\n{method} {path} HTTP/1.1\r\n\r\n",
            3 => $"Content-Type: application/http\r\n\r\n{method} ${contentId} HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{json}\r\n",
            4 => $"Content-Type: application/http\r\n\r\n{method}\r\n\r\n",
            5 => $"Content-Type: application/http\r\n\r\n{method} {path} HTTP/9.9\r\nContent-Type: text/plain\r\n\r\n{json}",
            _ => "Content-Type: application/http\r\n\r\nGET http://elsewhere.example/api/data/v9.2/contacts HTTP/1.1\r\n\r\n",
        });

    private Gen<string> ChangeSet(int depth) => Gen.Select(BatchPart.Array[0, 4], depth > 0 ? ChangeSet(depth - 1).Array[0, 1] : Gen.Const(Array.Empty<string>()), Gen.Bool,
        (parts, nested, closed) => "Content-Type: multipart/mixed; boundary=changeset_x\r\n\r\n" +
            string.Concat(parts.Concat(nested).Select(p => $"--changeset_x\r\n{p}")) + (closed ? "--changeset_x--\r\n" : ""));

    /// <summary>A $batch: parts and change sets (nested ones too), then broken in one of several ways, or not at all.</summary>
    public Gen<HttpCase> Batch => Gen.Select(Gen.Frequency((3, BatchPart), (1, ChangeSet(2))).Array[0, 5], Gen.Int[0, 6], Gen.Double.Unit, Headers,
        (parts, breakage, cut, headers) =>
        {
            var body = string.Concat(parts.Select(p => $"--batch_fz\r\n{p}")) + "--batch_fz--\r\n";
            var contentType = "multipart/mixed; boundary=batch_fz";
            switch (breakage)
            {
                case 1: body = body[..(int)(body.Length * cut)]; break;
                case 2: contentType = "multipart/mixed; boundary=other"; break;
                case 3: contentType = "multipart/mixed"; break;
                case 4: contentType = "application/json"; break;
                case 5: body = body.Replace("\r\n", "\n", StringComparison.Ordinal); break;
                case 6: body = "--batch_fz\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\n" + body; break;
            }
            return new HttpCase("POST", "$batch", contentType, Encoding.UTF8.GetBytes(body), headers);
        });
}
