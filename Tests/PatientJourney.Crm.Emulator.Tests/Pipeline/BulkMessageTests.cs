using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

/// <summary>The merged Create/CreateMultiple and Update/UpdateMultiple pipeline Dataverse documents.</summary>
public sealed class BulkMessageTests
{
    private static EntityCollection Touchpoints(int count) =>
        new(Enumerable.Range(1, count).Select(i => new Entity("pj_touchpoint") { ["pj_name"] = "t" + i }).ToList()) { EntityName = "pj_touchpoint" };

    [Fact]
    public void CreateMultiple_fires_Create_steps_per_item_and_CreateMultiple_steps_once()
    {
        var emulator = NewEmulator(typeof(PerItemCreate), typeof(BulkCreate));
        var response = (CreateMultipleResponse)emulator.CreateOrganizationService().Execute(new CreateMultipleRequest { Targets = Touchpoints(3) });
        Assert.Equal(3, response.Ids.Length);
        Assert.Equal(3, emulator.TraceLines.Count(l => l == "single Create"));
        Assert.Single(emulator.TraceLines, "multiple CreateMultiple x3");
        Assert.All(emulator.Rows("pj_touchpoint"), r => Assert.Equal((5, 2), (r.GetAttributeValue<int>("pj_sentiment"), r.GetAttributeValue<OptionSetValue>("pj_channel").Value)));
    }

    [Fact]
    public void Create_fires_CreateMultiple_steps_with_a_one_item_Targets()
    {
        var emulator = NewEmulator(typeof(BulkCreate));
        emulator.CreateOrganizationService().Create(new Entity("pj_touchpoint") { ["pj_name"] = "one" });
        Assert.Single(emulator.TraceLines, "multiple CreateMultiple x1");
        Assert.Equal(2, emulator.Rows("pj_touchpoint").Single().GetAttributeValue<OptionSetValue>("pj_channel").Value);
    }

    [Fact]
    public void UpdateMultiple_steps_honour_filtering_attributes_and_get_image_arrays()
    {
        var emulator = NewEmulator(typeof(BulkUpdate));
        var service = emulator.CreateOrganizationService();
        var ids = ((CreateMultipleResponse)service.Execute(new CreateMultipleRequest { Targets = Touchpoints(2) })).Ids;
        service.Execute(new UpdateMultipleRequest { Targets = new EntityCollection(ids.Select(id => new Entity("pj_touchpoint", id) { ["pj_name"] = "renamed" }).ToList()) { EntityName = "pj_touchpoint" } });
        Assert.DoesNotContain(emulator.TraceLines, l => l.StartsWith("bulk update", System.StringComparison.Ordinal));
        service.Update(new Entity("pj_touchpoint", ids[0]) { ["pj_sentiment"] = 1 });
        Assert.Single(emulator.TraceLines, "bulk update x1, images 1");
        Assert.All(emulator.Rows("pj_touchpoint"), r => Assert.Equal("renamed", r["pj_name"]));
    }
}
