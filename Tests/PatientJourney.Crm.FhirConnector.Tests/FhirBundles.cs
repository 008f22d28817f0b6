using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>
/// Synthetic EHR resources in the shapes of the FHIR R4 specification's examples (Patient/example, Appointment/example,
/// ServiceRequest, Encounter, QuestionnaireResponse), built as JSON so each test states the elements it is about.
/// </summary>
public static class FhirBundles
{
    public const string Source = "https://ehr.example.org/fhir";
    public const string MrnSystem = "urn:oid:1.2.36.146.595.217.0.1";

    public static ConnectorSettings Settings => new() { SourceSystem = Source, MrnSystem = MrnSystem };

    public static string Bundle(string type, params JsonObject[] resources) => new JsonObject
    {
        ["resourceType"] = "Bundle",
        ["type"] = type,
        ["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject
        {
            ["fullUrl"] = r["fullUrl"]?.GetValue<string>() ?? $"{Source}/{r["resourceType"]}/{r["id"]}",
            ["resource"] = Without(r, "fullUrl"),
            ["request"] = new JsonObject { ["method"] = "PUT", ["url"] = $"{r["resourceType"]}/{r["id"]}" },
        }).ToArray()),
    }.ToJsonString();

    public static JsonObject Patient(string id, string mrn, DateTime? lastUpdated = null, string family = "Quartermaine", string? fullUrl = null) => With(new JsonObject
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = MrnSystem, ["value"] = mrn }),
        ["active"] = true,
        ["name"] = new JsonArray(new JsonObject { ["use"] = "official", ["family"] = family, ["given"] = new JsonArray("Zebulon") }),
        ["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "+44 7700 900123", ["use"] = "mobile" },
            new JsonObject { ["system"] = "email", ["value"] = "z.q@example.org" }),
        ["birthDate"] = "1951-03-14",
        ["communication"] = new JsonArray(new JsonObject { ["language"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "urn:ietf:bcp:47", ["code"] = "en-GB" }) }, ["preferred"] = true }),
    }, lastUpdated, fullUrl);

    public static JsonObject Appointment(string id, string patient, DateTime start, string status = "booked", DateTime? lastUpdated = null) => With(new JsonObject
    {
        ["resourceType"] = "Appointment",
        ["id"] = id,
        ["status"] = status,
        ["description"] = "Orthopaedic review",
        ["start"] = Instant(start),
        ["end"] = Instant(start.AddMinutes(30)),
        ["participant"] = new JsonArray(new JsonObject { ["actor"] = new JsonObject { ["reference"] = patient }, ["status"] = "accepted" }),
    }, lastUpdated);

    /// <summary>When the synthetic referrals were written: the afternoon before the scenarios' day.</summary>
    public static readonly DateTime AuthoredOn = new(2026, 11, 25, 16, 30, 0, DateTimeKind.Utc);

    public static JsonObject Referral(string id, string patient, string status = "active", DateTime? lastUpdated = null, string? authoredOn = null) => With(new JsonObject
    {
        ["resourceType"] = "ServiceRequest",
        ["id"] = id,
        ["status"] = status,
        ["intent"] = "order",
        ["priority"] = "urgent",
        ["code"] = new JsonObject { ["text"] = "Orthopaedic referral" },
        ["subject"] = new JsonObject { ["reference"] = patient },
        ["requester"] = new JsonObject { ["display"] = "Dr Adam Careful" },
        ["performer"] = new JsonArray(new JsonObject { ["display"] = "Orthopaedics" }),
        ["authoredOn"] = authoredOn ?? Instant(AuthoredOn),
    }, lastUpdated);

    public static JsonObject Encounter(string id, string patient, string status, DateTime start, DateTime? end = null, DateTime? lastUpdated = null)
    {
        var period = new JsonObject { ["start"] = Instant(start) };
        if (end.HasValue) period["end"] = Instant(end.Value);
        var encounter = new JsonObject
        {
            ["resourceType"] = "Encounter",
            ["id"] = id,
            ["status"] = status,
            ["class"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ActCode", ["code"] = "IMP", ["display"] = "inpatient encounter" },
            ["subject"] = new JsonObject { ["reference"] = patient },
            ["period"] = period,
        };
        if (end.HasValue) encounter["hospitalization"] = new JsonObject { ["dischargeDisposition"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/discharge-disposition", ["code"] = "home" }) } };
        return With(encounter, lastUpdated);
    }

    public static JsonObject EpisodeOfCare(string id, string patient, string status = "active", string? referral = null, DateTime? lastUpdated = null)
    {
        var episode = new JsonObject
        {
            ["resourceType"] = "EpisodeOfCare",
            ["id"] = id,
            ["status"] = status,
            ["patient"] = new JsonObject { ["reference"] = patient },
        };
        if (referral != null) episode["referralRequest"] = new JsonArray(new JsonObject { ["reference"] = referral });
        return With(episode, lastUpdated);
    }

    /// <summary>An inpatient encounter of an episode of care (Encounter.episodeOfCare).</summary>
    public static JsonObject Encounter(string id, string patient, string status, DateTime start, string episode, DateTime? lastUpdated = null)
    {
        var encounter = Encounter(id, patient, status, start, (DateTime?)null, lastUpdated);
        encounter["episodeOfCare"] = new JsonArray(new JsonObject { ["reference"] = episode });
        return encounter;
    }

    public static JsonObject NpsResponse(string id, string patient, int score, DateTime authored) => new()
    {
        ["resourceType"] = "QuestionnaireResponse",
        ["id"] = id,
        ["status"] = "completed",
        ["subject"] = new JsonObject { ["reference"] = patient },
        ["authored"] = Instant(authored),
        ["item"] = new JsonArray(new JsonObject { ["linkId"] = "nps", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = score }) }),
    };

    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonObject With(JsonObject resource, DateTime? lastUpdated, string? fullUrl = null)
    {
        if (lastUpdated.HasValue) resource["meta"] = new JsonObject { ["lastUpdated"] = Instant(lastUpdated.Value) };
        if (fullUrl != null) resource["fullUrl"] = fullUrl;
        return resource;
    }

    private static JsonObject Without(JsonObject resource, string property)
    {
        var copy = (JsonObject)resource.DeepClone();
        copy.Remove(property);
        return copy;
    }

    public static string[] Statuses(Hl7.Fhir.Model.Bundle response) => response.Entry.Select(e => e.Response!.Status!).ToArray();

    /// <summary>Every issue of the response's outcomes, for failure messages.</summary>
    public static string Issues(Hl7.Fhir.Model.Bundle response) => string.Join("\n", response.Entry.SelectMany((e, i) =>
        (e.Response?.Outcome as Hl7.Fhir.Model.OperationOutcome)?.Issue.Select(x => $"entry {i}: {string.Join(",", x.Expression)}: {x.Diagnostics}") ?? []));
}
