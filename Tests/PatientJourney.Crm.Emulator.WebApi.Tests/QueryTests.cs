using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>Collection queries: $select, $filter, $orderby, $top, $count, paging, $expand, fetchXml and formatted values.</summary>
public sealed class QueryTests
{
    private static async Task<WebApiServer> WithStagesAsync()
    {
        var server = await WebApiServer.StartAsync();
        var pathway = await server.CreateAsync("pj_carepathways", """{"pj_name":"Diabetes care","pj_code":"DIA"}""");
        var stages = new (string Name, int Sequence, int? Hours, bool Terminal)[]
        {
            ("Referral", 10, 24, false), ("Assessment", 20, 48, false), ("Education", 30, null, false), ("Review", 40, 96, false), ("Discharged", 50, null, true),
        };
        foreach (var (name, sequence, hours, terminal) in stages)
        {
            var hoursJson = hours == null ? "" : $",\"pj_targetdurationhours\":{hours}";
            await server.CreateAsync("pj_pathwaystages", $$"""{"pj_name":"{{name}}","pj_sequence":{{sequence}},"pj_isterminal":{{(terminal ? "true" : "false")}}{{hoursJson}},"pj_pathwayid@odata.bind":"/pj_carepathways({{pathway}})"}""");
        }
        return server;
    }

    private static async Task<List<string>> NamesAsync(WebApiServer server, string query)
    {
        using var response = await server.GetAsync("pj_pathwaystages?$select=pj_name&" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("pj_name").GetString()!).ToList();
    }

    [Theory]
    [InlineData("$filter=pj_sequence eq 20", "Assessment")]
    [InlineData("$filter=pj_sequence ne 20&$orderby=pj_sequence", "Referral,Education,Review,Discharged")]
    [InlineData("$filter=pj_sequence gt 30&$orderby=pj_sequence", "Review,Discharged")]
    [InlineData("$filter=pj_sequence ge 30&$orderby=pj_sequence", "Education,Review,Discharged")]
    [InlineData("$filter=pj_sequence lt 20", "Referral")]
    [InlineData("$filter=pj_sequence le 20&$orderby=pj_sequence desc", "Assessment,Referral")]
    [InlineData("$filter=pj_sequence gt 10 and pj_sequence lt 40&$orderby=pj_name", "Assessment,Education")]
    [InlineData("$filter=pj_sequence eq 10 or pj_isterminal eq true&$orderby=pj_sequence", "Referral,Discharged")]
    [InlineData("$filter=not (pj_sequence le 30 or pj_isterminal eq true)", "Review")]
    [InlineData("$filter=contains(pj_name,'ucat')", "Education")]
    [InlineData("$filter=startswith(pj_name,'Re')&$orderby=pj_name", "Referral,Review")]
    [InlineData("$filter=endswith(pj_name,'ment')", "Assessment")]
    [InlineData("$filter=not contains(pj_name,'e')", "")]
    [InlineData("$filter=pj_targetdurationhours eq null&$orderby=pj_sequence", "Education,Discharged")]
    [InlineData("$filter=pj_targetdurationhours ne null and pj_targetdurationhours gt 30&$orderby=pj_sequence", "Assessment,Review")]
    [InlineData("$filter=pj_name eq 'Review'", "Review")]
    [InlineData("$orderby=pj_isterminal desc,pj_sequence asc&$top=3", "Discharged,Referral,Assessment")]
    public async Task Filter_orderby_and_top_select_the_rows_Dataverse_would(string query, string expected)
    {
        await using var server = await WithStagesAsync();

        var names = await NamesAsync(server, query);

        Assert.Equal(expected, string.Join(",", names));
    }

    [Fact]
    public async Task Filters_on_lookup_values_guids_and_dates()
    {
        await using var server = await WithStagesAsync();
        var pathway = server.Emulator.Rows("pj_carepathway").Single().Id;
        var created = server.Emulator.Clock.UtcNow;

        var byLookup = await NamesAsync(server, $"$filter=_pj_pathwayid_value eq {pathway}&$orderby=pj_sequence&$top=2");
        var byOtherLookup = await NamesAsync(server, $"$filter=_pj_pathwayid_value eq {Guid.NewGuid()}");
        var byDate = await NamesAsync(server, $"$filter=createdon le {created.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ} and createdon gt {created.AddDays(-1):yyyy-MM-dd}&$top=1&$orderby=pj_sequence");
        var byLaterDate = await NamesAsync(server, $"$filter=createdon gt {created.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");

        Assert.Equal(["Referral", "Assessment"], byLookup);
        Assert.Empty(byOtherLookup);
        Assert.Equal(["Referral"], byDate);
        Assert.Empty(byLaterDate);
    }

    [Fact]
    public async Task Select_returns_only_the_columns_asked_for_and_the_context_names_them()
    {
        await using var server = await WithStagesAsync();

        using var response = await server.GetAsync("pj_pathwaystages?$select=pj_name,_pj_pathwayid_value&$top=1");
        var body = await WebApiServer.JsonAsync(response);

        Assert.EndsWith("$metadata#pj_pathwaystages(pj_name,_pj_pathwayid_value)", body.GetProperty("@odata.context").GetString());
        var row = body.GetProperty("value").EnumerateArray().Single();
        Assert.Equal(["@odata.etag", "pj_pathwaystageid", "pj_name", "_pj_pathwayid_value"], row.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Count_gives_the_number_of_matching_rows()
    {
        await using var server = await WithStagesAsync();

        using var response = await server.GetAsync("pj_pathwaystages?$select=pj_name&$filter=pj_sequence gt 10&$count=true");
        var body = await WebApiServer.JsonAsync(response);

        Assert.Equal(4, body.GetProperty("@odata.count").GetInt32());
        Assert.Equal(4, body.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task Maxpagesize_pages_the_results_and_nextLink_reaches_every_row_once()
    {
        await using var server = await WithStagesAsync();
        var names = new List<string>();
        var pages = 0;
        string? next = "pj_pathwaystages?$select=pj_name&$orderby=pj_sequence";

        while (next != null)
        {
            using var response = await server.GetAsync(next, ("Prefer", "odata.maxpagesize=2"));
            Assert.Contains("odata.maxpagesize=2", response.Headers.GetValues("Preference-Applied").Single());
            var body = await WebApiServer.JsonAsync(response);
            names.AddRange(body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("pj_name").GetString()!));
            next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["Referral", "Assessment", "Education", "Review", "Discharged"], names);
    }

    [Fact]
    public async Task Expand_of_a_lookup_returns_the_referenced_row_with_its_selected_columns()
    {
        await using var server = await WithStagesAsync();

        using var response = await server.GetAsync("pj_pathwaystages?$select=pj_name&$expand=pj_pathwayid($select=pj_name,pj_code)&$top=1&$orderby=pj_sequence");
        var body = await WebApiServer.JsonAsync(response);

        var pathway = body.GetProperty("value")[0].GetProperty("pj_pathwayid");
        Assert.Equal("Diabetes care", pathway.GetProperty("pj_name").GetString());
        Assert.Equal("DIA", pathway.GetProperty("pj_code").GetString());
        Assert.False(pathway.TryGetProperty("pj_description", out _));
    }

    [Fact]
    public async Task FetchXml_in_the_query_string_runs_on_its_entity_set()
    {
        await using var server = await WithStagesAsync();
        var fetch = """<fetch top="2"><entity name="pj_pathwaystage"><attribute name="pj_name" /><order attribute="pj_sequence" descending="true" /><filter><condition attribute="pj_isterminal" operator="eq" value="0" /></filter></entity></fetch>""";

        using var response = await server.GetAsync("pj_pathwaystages?fetchXml=" + Uri.EscapeDataString(fetch));
        using var wrongSet = await server.GetAsync("contacts?fetchXml=" + Uri.EscapeDataString(fetch));

        var body = await WebApiServer.JsonAsync(response);
        Assert.Equal(["Review", "Education"], body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("pj_name").GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, wrongSet.StatusCode);
    }

    [Fact]
    public async Task Formatted_values_and_lookup_annotations_come_only_when_asked_for()
    {
        await using var server = await WebApiServer.StartAsync();
        var care = await PathwaySetup.CreateAsync(server);
        var patient = await server.CreatePatientAsync();
        var journey = await server.CreateAsync("pj_journeys", care.JourneyJson(patient));
        var path = $"pj_journeys({journey})?$select=pj_status,_pj_currentstageid_value,statecode,createdon";

        using var plain = await server.GetAsync(path);
        using var formatted = await server.GetAsync(path, ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));
        using var all = await server.GetAsync(path, ("Prefer", "odata.include-annotations=\"*\""));

        var none = await WebApiServer.JsonAsync(plain);
        Assert.DoesNotContain(none.EnumerateObject(), p => p.Name.Contains('@', StringComparison.Ordinal) && p.Name != "@odata.context" && p.Name != "@odata.etag");
        var labels = await WebApiServer.JsonAsync(formatted);
        Assert.Equal("Active", labels.GetProperty("pj_status@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.Equal("Active", labels.GetProperty("statecode@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.Equal("Referral", labels.GetProperty("_pj_currentstageid_value@OData.Community.Display.V1.FormattedValue").GetString());
        // Dates too, as the emulator formats them for the caller (UTC, English (United States)).
        var createdOn = labels.GetProperty("createdon").GetDateTimeOffset().UtcDateTime;
        Assert.Equal(createdOn.ToString("M/d/yyyy h:mm tt", System.Globalization.CultureInfo.InvariantCulture),
            labels.GetProperty("createdon@OData.Community.Display.V1.FormattedValue").GetString());
        Assert.False(labels.TryGetProperty("_pj_currentstageid_value@Microsoft.Dynamics.CRM.lookuplogicalname", out _));
        var everything = await WebApiServer.JsonAsync(all);
        Assert.Equal("pj_pathwaystage", everything.GetProperty("_pj_currentstageid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
        Assert.Equal("pj_currentstageid", everything.GetProperty("_pj_currentstageid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").GetString());
        Assert.Contains("odata.include-annotations", all.Headers.GetValues("Preference-Applied").Single());
    }
}
