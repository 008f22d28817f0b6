using System.Net;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>EntityDefinitions(LogicalName='…'): what a client reads to find a table's entity set.</summary>
public sealed class MetadataTests
{
    [Fact]
    public async Task A_table_definition_is_read_by_its_logical_name_and_an_unknown_table_or_property_is_refused()
    {
        await using var server = await WebApiServer.StartAsync();

        using var journey = await server.GetAsync("EntityDefinitions(LogicalName='pj_journey')?$select=EntitySetName");
        using var missing = await server.GetAsync("EntityDefinitions(LogicalName='pj_nosuchtable')?$select=EntitySetName");
        using var badProperty = await server.GetAsync("EntityDefinitions(LogicalName='pj_journey')?$select=DisplayCollectionName");

        Assert.Equal(HttpStatusCode.OK, journey.StatusCode);
        var body = await WebApiServer.JsonAsync(journey);
        Assert.Equal("pj_journeys", body.GetProperty("EntitySetName").GetString());
        Assert.False(body.TryGetProperty("LogicalName", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badProperty.StatusCode);
    }
}
