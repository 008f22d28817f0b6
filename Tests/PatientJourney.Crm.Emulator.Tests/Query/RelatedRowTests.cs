using System;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;
using PatientJourney.Crm.Schema;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests.Query;

[PluginStep("Create", "pj_touchpoint", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TraceTouchpointCreated : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("touchpoint created");
}

[PluginStep("Assign", "pj_touchpoint", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TraceTouchpointAssigned : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("touchpoint assigned");
}

/// <summary>Deep insert, RelatedEntitiesQuery on Retrieve, and Assign cascading through relationships.</summary>
public sealed class RelatedRowTests
{
    private static readonly SolutionSchema Schema = new SchemaBuilder()
        .Table("pj_journey", t => t.PrimaryName("pj_name").Lookup("pj_patientid", "contact"))
        .Table("pj_touchpoint", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey"))
        .Table("pj_followup", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey"))
        .Table("pj_stagevisit", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey"))
        .Table("pj_riskassessment", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey"))
        .Table("pj_tag", t => t.PrimaryName("pj_name"))
        .OneToMany("pj_contact_journey", "contact", "pj_journey", "pj_patientid")
        .OneToMany("pj_journey_touchpoint", "pj_journey", "pj_touchpoint", "pj_journeyid", onAssign: CascadeType.Cascade)
        .OneToMany("pj_journey_followup", "pj_journey", "pj_followup", "pj_journeyid", onAssign: CascadeType.Active)
        .OneToMany("pj_journey_stagevisit", "pj_journey", "pj_stagevisit", "pj_journeyid", onAssign: CascadeType.UserOwned)
        .OneToMany("pj_journey_riskassessment", "pj_journey", "pj_riskassessment", "pj_journeyid")
        .ManyToMany("pj_journey_tag", "pj_journey", "pj_tag")
        .Build();

    private readonly DataverseEmulator emulator = new(Schema);
    private readonly IOrganizationService service;

    public RelatedRowTests()
    {
        emulator.RegisterPlugin(typeof(TraceTouchpointCreated));
        emulator.RegisterPlugin(typeof(TraceTouchpointAssigned));
        service = emulator.CreateOrganizationService();
    }

    private static Entity Named(string table, string name) => new(table) { ["pj_name"] = name };

    private static void Relate(Entity row, string relationship, params Entity[] related) =>
        row.RelatedEntities[new Relationship(relationship)] = new EntityCollection(related.ToList()) { EntityName = related[0].LogicalName };

    private string[] Names(string table) => emulator.Rows(table).Select(r => r.GetAttributeValue<string>("pj_name")).Order().ToArray();

    [Fact]
    public void Create_with_related_rows_inserts_them_all_in_one_request_and_their_plugins_run()
    {
        var journey = Named("pj_journey", "hip");
        Relate(journey, "pj_contact_journey", new Entity("contact") { ["lastname"] = "Lovelace" });
        Relate(journey, "pj_journey_touchpoint", Named("pj_touchpoint", "call"), Named("pj_touchpoint", "visit"));
        Relate(journey, "pj_journey_tag", Named("pj_tag", "priority"));
        var id = service.Create(journey);

        var stored = emulator.Rows("pj_journey").Single(r => r.Id == id);
        var patient = emulator.Rows("contact").Single(c => c.GetAttributeValue<string>("lastname") == "Lovelace");
        Assert.Equal(patient.Id, stored.GetAttributeValue<EntityReference>("pj_patientid").Id);
        Assert.All(emulator.Rows("pj_touchpoint"), t => Assert.Equal(id, t.GetAttributeValue<EntityReference>("pj_journeyid").Id));
        Assert.Equal(["call", "visit"], Names("pj_touchpoint"));
        Assert.Single(emulator.Rows("pj_journey_tag"));
        Assert.Equal(2, emulator.LastRequest.PluginExecutions.Count(p => p.PluginType == typeof(TraceTouchpointCreated).FullName));
    }

    [Fact]
    public void A_related_row_that_fails_rolls_back_the_whole_create()
    {
        var journey = Named("pj_journey", "hip");
        Relate(journey, "pj_journey_touchpoint", Named("pj_touchpoint", "call"), new Entity("pj_touchpoint") { ["pj_nosuchcolumn"] = 1 });
        Assert.Throws<DataverseFaultException>(() => service.Create(journey));
        Assert.Empty(emulator.Rows("pj_journey"));
        Assert.Empty(emulator.Rows("pj_touchpoint"));
        var wrongTable = Named("pj_journey", "knee");
        Relate(wrongTable, "pj_journey_touchpoint", Named("pj_tag", "not a touchpoint"));
        Assert.Contains("relates pj_touchpoint rows", Assert.Throws<DataverseFaultException>(() => service.Create(wrongTable)).Message);
    }

    [Fact]
    public void Retrieve_with_related_entities_query_returns_the_related_rows_only()
    {
        var patient = service.Create(new Entity("contact") { ["lastname"] = "Lovelace" });
        var journey = Named("pj_journey", "hip");
        journey["pj_patientid"] = new EntityReference("contact", patient);
        Relate(journey, "pj_journey_touchpoint", Named("pj_touchpoint", "call"), Named("pj_touchpoint", "visit"));
        Relate(journey, "pj_journey_tag", Named("pj_tag", "priority"));
        var id = service.Create(journey);
        service.Create(Named("pj_touchpoint", "someone else's"));
        service.Create(Named("pj_tag", "unused"));

        var touchpoints = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        touchpoints.Criteria.AddCondition("pj_name", ConditionOperator.NotEqual, "visit");
        var request = new RetrieveRequest
        {
            Target = new EntityReference("pj_journey", id), ColumnSet = new ColumnSet("pj_name"),
            RelatedEntitiesQuery = new RelationshipQueryCollection
            {
                { new Relationship("pj_journey_touchpoint"), touchpoints },
                { new Relationship("pj_contact_journey"), new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") } },
                { new Relationship("pj_journey_tag"), new QueryExpression("pj_tag") { ColumnSet = new ColumnSet("pj_name") } },
            },
        };
        var row = ((RetrieveResponse)service.Execute(request)).Entity;
        Assert.Equal(["call"], row.RelatedEntities[new Relationship("pj_journey_touchpoint")].Entities.Select(e => e.GetAttributeValue<string>("pj_name")));
        Assert.Equal(patient, row.RelatedEntities[new Relationship("pj_contact_journey")].Entities.Single().Id);
        Assert.Equal("priority", row.RelatedEntities[new Relationship("pj_journey_tag")].Entities.Single().GetAttributeValue<string>("pj_name"));
        Assert.Single(touchpoints.Criteria.Conditions);
    }

    [Fact]
    public void Assign_cascades_by_each_relationships_cascade_assign()
    {
        var other = emulator.CreateUser("Grace", "Hopper");
        var journey = service.Create(Named("pj_journey", "hip"));
        Entity Child(string table, string name) => new(table) { ["pj_name"] = name, ["pj_journeyid"] = new EntityReference("pj_journey", journey) };
        service.Create(Child("pj_touchpoint", "call"));
        var open = service.Create(Child("pj_followup", "open"));
        var closed = service.Create(Child("pj_followup", "closed"));
        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("pj_followup", closed), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
        var mine = service.Create(Child("pj_stagevisit", "mine"));
        var theirs = Child("pj_stagevisit", "theirs");
        theirs["ownerid"] = new EntityReference("systemuser", emulator.CreateUser("Alan", "Turing"));
        var theirsId = service.Create(theirs);
        var risk = service.Create(Child("pj_riskassessment", "lace"));

        service.Execute(new AssignRequest { Target = new EntityReference("pj_journey", journey), Assignee = new EntityReference("systemuser", other) });

        Guid Owner(string table, Guid id) => emulator.Rows(table).Single(r => r.Id == id).GetAttributeValue<EntityReference>("ownerid").Id;
        Assert.Equal(other, Owner("pj_journey", journey));
        Assert.Equal(other, emulator.Rows("pj_touchpoint").Single().GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Equal(other, Owner("pj_followup", open));
        Assert.Equal(emulator.CallerId, Owner("pj_followup", closed));
        Assert.Equal(other, Owner("pj_stagevisit", mine));
        Assert.NotEqual(other, Owner("pj_stagevisit", theirsId));
        Assert.Equal(emulator.CallerId, Owner("pj_riskassessment", risk));
        Assert.Contains(emulator.LastRequest.PluginExecutions, p => p.PluginType == typeof(TraceTouchpointAssigned).FullName);
    }
}
