using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Benchmarks;

/// <summary>
/// Issue 10's flat-cost figure: CreateMultiple of 1,000 rows with an alternate key into an empty table and into a
/// table of 50,000 rows. The goal is the second within twice the first (each key check is an index probe, not a scan).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1)]
public class KeyedInsertBenchmarks
{
    private const int Batch = 1000;

    private static readonly SolutionSchema Schema = new SchemaBuilder()
        .Table("pj_journey", t => t.PrimaryName("pj_name"))
        .Table("pj_touchpoint", t => t.PrimaryName("pj_name").String("pj_externalkey", 100).Lookup("pj_journeyid", "pj_journey").Key("pj_externalkey_key", "pj_externalkey"))
        .OneToMany("pj_journey_touchpoint", "pj_journey", "pj_touchpoint", "pj_journeyid")
        .Build();

    private DataverseEmulator emulator = null!;
    private IOrganizationService service = null!;
    private EmulatorSnapshot filled = null!;
    private Guid journey;
    private int next;

    [Params(0, 50_000)]
    public int RowsAlready { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        emulator = new DataverseEmulator(Schema);
        service = emulator.CreateOrganizationService();
        journey = service.Create(new Entity("pj_journey") { ["pj_name"] = "j" });
        while (next < RowsAlready) Insert();
        emulator.ClearLog();
        filled = emulator.Snapshot();
    }

    [IterationSetup]
    public void Refill()
    {
        emulator.Restore(filled);
        emulator.ClearLog();
    }

    [Benchmark]
    public int CreateMultiple1000Keyed() => Insert();

    private int Insert()
    {
        var targets = new EntityCollection(Enumerable.Range(next, Batch).Select(i => new Entity("pj_touchpoint")
        {
            ["pj_name"] = "t" + i, ["pj_externalkey"] = "ext-" + i, ["pj_journeyid"] = new EntityReference("pj_journey", journey),
        }).ToList()) { EntityName = "pj_touchpoint" };
        next += Batch;
        return ((CreateMultipleResponse)service.Execute(new CreateMultipleRequest { Targets = targets })).Ids.Length;
    }
}
