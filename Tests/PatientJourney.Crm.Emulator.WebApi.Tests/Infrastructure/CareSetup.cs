using System;
using System.Threading.Tasks;

namespace PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;

/// <summary>A pathway with two stages, set up over HTTP as an administrator's deploy script would.</summary>
public sealed record PathwaySetup(Guid PathwayId, Guid FirstStageId, Guid SecondStageId)
{
    public static async Task<PathwaySetup> CreateAsync(WebApiServer server)
    {
        var pathway = await server.CreateAsync("pj_carepathways", """{"pj_name":"Hip replacement"}""");
        var first = await server.CreateAsync("pj_pathwaystages", $$"""{"pj_name":"Referral","pj_sequence":10,"pj_targetdurationhours":336,"pj_pathwayid@odata.bind":"/pj_carepathways({{pathway}})"}""");
        var second = await server.CreateAsync("pj_pathwaystages", $$"""{"pj_name":"Assessment","pj_sequence":20,"pj_pathwayid@odata.bind":"/pj_carepathways({{pathway}})"}""");
        return new PathwaySetup(pathway, first, second);
    }

    public string JourneyJson(Guid patientId) =>
        $$"""{"pj_name":"Journey","pj_patientid@odata.bind":"/contacts({{patientId}})","pj_pathwayid@odata.bind":"/pj_carepathways({{PathwayId}})"}""";
}
