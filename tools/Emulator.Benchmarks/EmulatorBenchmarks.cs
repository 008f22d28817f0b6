using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Benchmarks;

[PluginStep("Create", "pj_touchpoint", PipelineStage.PreOperation, ExecutionMode.Synchronous)]
public sealed class DefaultSentiment : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Target["pj_sentiment"] = 3;
}

[PluginStep("Create", "pj_touchpoint", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TraceCreated : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("created {0}", context.ExecutionContext.PrimaryEntityId);
}

/// <summary>The four figures issue 3 asks for (and issue 10's RetrieveMultiple by a lookup value): a Create through two synchronous steps, Retrieve by id,
/// RetrieveMultiple with a filter and a link over 100,000 rows, and a FetchXML aggregate over 100,000 rows.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class EmulatorBenchmarks
{
    private const int Rows = 100_000;

    private static readonly SolutionSchema Schema = new SchemaBuilder()
        .Table("pj_journey", t => t.PrimaryName("pj_name").Choice("pj_status", [1, 2, 3]))
        .Table("pj_touchpoint", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey").Choice("pj_channel", [1, 2, 3, 4]).Integer("pj_sentiment"))
        .OneToMany("pj_journey_touchpoint", "pj_journey", "pj_touchpoint", "pj_journeyid")
        .Build();

    private DataverseEmulator pipelineEmulator = null!;
    private IOrganizationService pipelineService = null!;
    private EmulatorSnapshot emptySnapshot = null!;
    private int created;
    private DataverseEmulator dataEmulator = null!;
    private IOrganizationService dataService = null!;
    private Guid someTouchpoint;
    private int retrieved;
    private QueryExpression filteredWithLink = null!;
    private QueryExpression byLookup = null!;
    private FetchExpression aggregate = null!;

    [GlobalSetup]
    public void Setup()
    {
        pipelineEmulator = new DataverseEmulator(Schema);
        pipelineEmulator.RegisterPlugin(typeof(DefaultSentiment));
        pipelineEmulator.RegisterPlugin(typeof(TraceCreated));
        pipelineService = pipelineEmulator.CreateOrganizationService();
        emptySnapshot = pipelineEmulator.Snapshot();

        dataEmulator = new DataverseEmulator(Schema);
        dataService = dataEmulator.CreateOrganizationService();
        var journeys = Enumerable.Range(0, 1000)
            .Select(i => dataService.Create(new Entity("pj_journey") { ["pj_name"] = "j" + i, ["pj_status"] = new OptionSetValue(i % 3 + 1) }))
            .ToArray();
        for (var batch = 0; batch < Rows / 1000; batch++)
        {
            var targets = new EntityCollection(Enumerable.Range(batch * 1000, 1000).Select(i => new Entity("pj_touchpoint")
            {
                ["pj_name"] = "t" + i, ["pj_journeyid"] = new EntityReference("pj_journey", journeys[i % journeys.Length]),
                ["pj_channel"] = new OptionSetValue(i % 4 + 1), ["pj_sentiment"] = i % 5,
            }).ToList()) { EntityName = "pj_touchpoint" };
            var ids = ((CreateMultipleResponse)dataService.Execute(new CreateMultipleRequest { Targets = targets })).Ids;
            someTouchpoint = ids[0];
        }
        dataEmulator.ClearLog();

        // 100 of the 100,000 touchpoints belong to one journey.
        byLookup = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        byLookup.Criteria.AddCondition("pj_journeyid", ConditionOperator.Equal, journeys[0]);

        filteredWithLink = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name", "pj_sentiment") };
        filteredWithLink.Criteria.AddCondition("pj_sentiment", ConditionOperator.Equal, 3);
        filteredWithLink.Criteria.AddCondition("pj_channel", ConditionOperator.Equal, 1);
        var link = filteredWithLink.AddLink("pj_journey", "pj_journeyid", "pj_journeyid");
        link.EntityAlias = "j";
        link.Columns = new ColumnSet("pj_name");
        link.LinkCriteria.AddCondition("pj_status", ConditionOperator.Equal, 2);

        aggregate = new FetchExpression("""
            <fetch aggregate="true">
              <entity name="pj_touchpoint">
                <attribute name="pj_channel" alias="channel" groupby="true" />
                <attribute name="pj_touchpointid" alias="n" aggregate="count" />
                <attribute name="pj_sentiment" alias="mean" aggregate="avg" />
              </entity>
            </fetch>
            """);
    }

    [Benchmark]
    public Guid CreateThroughTwoSyncSteps()
    {
        // Keep the store and the request log small so the figure is a steady-state one.
        if (++created % 10_000 == 0)
        {
            pipelineEmulator.Restore(emptySnapshot);
            pipelineEmulator.ClearLog();
        }
        return pipelineService.Create(new Entity("pj_touchpoint") { ["pj_name"] = "bench" });
    }

    [Benchmark]
    public Entity RetrieveById()
    {
        if (++retrieved % 10_000 == 0) dataEmulator.ClearLog();
        return dataService.Retrieve("pj_touchpoint", someTouchpoint, new ColumnSet("pj_name", "pj_sentiment"));
    }

    [Benchmark]
    public int RetrieveMultipleByLookupOver100k() => dataService.RetrieveMultiple(byLookup).Entities.Count;

    [Benchmark]
    public int RetrieveMultipleFilterAndLinkOver100k() => dataService.RetrieveMultiple(filteredWithLink).Entities.Count;

    [Benchmark]
    public int FetchAggregateOver100k() => dataService.RetrieveMultiple(aggregate).Entities.Count;
}
