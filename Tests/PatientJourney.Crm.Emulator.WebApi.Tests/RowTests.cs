using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>Create, retrieve (by id and by alternate key), update, upsert and delete over HTTP, with the shipped plug-ins firing.</summary>
public sealed class RowTests
{
    [Fact]
    public async Task Post_creates_the_row_and_answers_204_with_its_url_in_OData_EntityId()
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.PostAsync("contacts", """{"firstname":"Zebulon","lastname":"Quartermaine","pj_mrn":"MRN-1","pj_consentsms":true}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var id = WebApiServer.IdOf(response);
        Assert.Equal($"{server.Host.ServiceRoot}contacts({id})", response.Headers.GetValues("OData-EntityId").Single());
        var row = Assert.Single(server.Emulator.Rows("contact"), r => r.Id == id);
        Assert.Equal("MRN-1", row["pj_mrn"]);
        Assert.True((bool)row["pj_consentsms"]);
    }

    [Fact]
    public async Task Post_with_return_representation_answers_201_with_the_row()
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.PostAsync("contacts?$select=lastname,pj_mrn", """{"lastname":"Quartermaine","pj_mrn":"MRN-2"}""", ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await WebApiServer.JsonAsync(response);
        Assert.Equal(WebApiServer.IdOf(response), body.GetProperty("contactid").GetGuid());
        Assert.Equal("MRN-2", body.GetProperty("pj_mrn").GetString());
        Assert.StartsWith("W/\"", body.GetProperty("@odata.etag").GetString());
        Assert.Contains("$metadata#contacts/$entity", body.GetProperty("@odata.context").GetString());
        Assert.False(body.TryGetProperty("firstname", out _));
    }

    [Fact]
    public async Task Get_by_id_and_by_alternate_key_return_the_same_row_with_nulls_for_empty_selected_columns()
    {
        await using var server = await WebApiServer.StartAsync();
        var id = await server.CreatePatientAsync("MRN-3");

        using var byId = await server.GetAsync($"contacts({id})?$select=pj_mrn,telephone1");
        using var byKey = await server.GetAsync("contacts(pj_mrn='MRN-3')?$select=pj_mrn,telephone1");

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        var first = await WebApiServer.JsonAsync(byId);
        var second = await WebApiServer.JsonAsync(byKey);
        Assert.Equal(id, first.GetProperty("contactid").GetGuid());
        Assert.Equal(id, second.GetProperty("contactid").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("telephone1").ValueKind);
    }

    [Fact]
    public async Task Get_by_a_key_that_matches_nothing_is_404_and_by_columns_that_are_no_key_is_400()
    {
        await using var server = await WebApiServer.StartAsync();

        using var missingId = await server.GetAsync($"contacts({Guid.NewGuid()})");
        using var missingKey = await server.GetAsync("contacts(pj_mrn='NOPE')");
        using var notAKey = await server.GetAsync("contacts(lastname='Quartermaine')");

        Assert.Equal(HttpStatusCode.NotFound, missingId.StatusCode);
        Assert.Equal("0x80040217", (await WebApiServer.JsonAsync(missingId)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missingKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAKey.StatusCode);
    }

    [Fact]
    public async Task Patch_updates_and_with_return_representation_answers_200_with_the_new_version()
    {
        await using var server = await WebApiServer.StartAsync();
        var id = await server.CreatePatientAsync("MRN-4");

        using var response = await server.PatchAsync($"contacts({id})?$select=telephone1", """{"telephone1":"555-0100"}""", ("Prefer", "return=representation"), ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await WebApiServer.JsonAsync(response);
        Assert.Equal("555-0100", body.GetProperty("telephone1").GetString());
        Assert.Equal("W/\"2\"", body.GetProperty("@odata.etag").GetString());
    }

    [Fact]
    public async Task Patch_without_conditions_upserts_by_id_and_by_alternate_key()
    {
        await using var server = await WebApiServer.StartAsync();
        var id = Guid.NewGuid();

        using var created = await server.PatchAsync($"contacts({id})", """{"lastname":"Quartermaine"}""");
        using var byKey = await server.PatchAsync("contacts(pj_mrn='MRN-5')", """{"lastname":"Quartermaine"}""");
        using var again = await server.PatchAsync("contacts(pj_mrn='MRN-5')", """{"telephone1":"555-0101"}""");

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Contains(server.Emulator.Rows("contact"), r => r.Id == id);
        var keyed = Assert.Single(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("pj_mrn") == "MRN-5");
        Assert.Equal("555-0101", keyed["telephone1"]);
        Assert.Equal(WebApiServer.IdOf(byKey), WebApiServer.IdOf(again));
    }

    [Fact]
    public async Task If_Match_star_updates_only_so_a_missing_row_is_404_and_nothing_is_created()
    {
        await using var server = await WebApiServer.StartAsync();
        var before = server.Emulator.Rows("contact").Count;

        using var byId = await server.PatchAsync($"contacts({Guid.NewGuid()})", """{"lastname":"Quartermaine"}""", ("If-Match", "*"));
        using var byKey = await server.PatchAsync("contacts(pj_mrn='MRN-6')", """{"lastname":"Quartermaine"}""", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byKey.StatusCode);
        Assert.Equal(before, server.Emulator.Rows("contact").Count);
    }

    [Fact]
    public async Task If_None_Match_star_creates_only_so_an_existing_row_is_412_and_left_unchanged()
    {
        await using var server = await WebApiServer.StartAsync();
        var id = await server.CreatePatientAsync("MRN-7");

        using var byId = await server.PatchAsync($"contacts({id})", """{"telephone1":"555-0102"}""", ("If-None-Match", "*"));
        using var byKey = await server.PatchAsync("contacts(pj_mrn='MRN-7')", """{"telephone1":"555-0102"}""", ("If-None-Match", "*"));
        using var fresh = await server.PatchAsync("contacts(pj_mrn='MRN-8')", """{"lastname":"Quartermaine"}""", ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, byId.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, byKey.StatusCode);
        Assert.Equal("0x80040237", (await WebApiServer.JsonAsync(byKey)).GetProperty("error").GetProperty("code").GetString());
        Assert.False(server.Emulator.Rows("contact").Single(r => r.Id == id).Contains("telephone1"));
        Assert.Equal(HttpStatusCode.NoContent, fresh.StatusCode);
        Assert.Contains(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("pj_mrn") == "MRN-8");
    }

    [Fact]
    public async Task If_Match_with_a_stale_etag_is_412()
    {
        await using var server = await WebApiServer.StartAsync();
        var id = await server.CreatePatientAsync();
        using (await server.PatchAsync($"contacts({id})", """{"telephone1":"555-0103"}"""))
        {
        }

        using var stale = await server.PatchAsync($"contacts({id})", """{"telephone1":"555-0104"}""", ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("555-0103", server.Emulator.Rows("contact").Single(r => r.Id == id)["telephone1"]);
    }

    [Fact]
    public async Task Delete_removes_the_row()
    {
        await using var server = await WebApiServer.StartAsync();
        var id = await server.CreatePatientAsync();

        using var deleted = await server.SendAsync(System.Net.Http.HttpMethod.Delete, $"contacts({id})");
        using var again = await server.SendAsync(System.Net.Http.HttpMethod.Delete, $"contacts({id})");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain(server.Emulator.Rows("contact"), r => r.Id == id);
    }

    [Fact]
    public async Task Lookups_are_set_with_odata_bind_and_returned_as_value_properties_while_the_journey_plugin_places_the_journey()
    {
        await using var server = await WebApiServer.StartAsync();
        var care = await PathwaySetup.CreateAsync(server);
        var patient = await server.CreatePatientAsync();

        using var response = await server.PostAsync("pj_journeys?$select=_pj_patientid_value,_pj_currentstageid_value,pj_stageenteredon", care.JourneyJson(patient), ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await WebApiServer.JsonAsync(response);
        Assert.Equal(patient, body.GetProperty("_pj_patientid_value").GetGuid());
        Assert.Equal(care.FirstStageId, body.GetProperty("_pj_currentstageid_value").GetGuid());
        Assert.Equal(server.Emulator.Clock.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("pj_stageenteredon").GetString());
        Assert.Single(server.Emulator.Rows("pj_journeystagehistory"));
        Assert.Contains(server.Emulator.FiredSteps, s => s.PluginType.EndsWith(".JourneyStart", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Emulator.TraceLines, line => line.Contains(WebApiServer.PatientLastName, StringComparison.Ordinal));
    }
}
