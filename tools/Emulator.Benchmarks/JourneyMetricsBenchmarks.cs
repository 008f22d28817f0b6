using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Emulator.Benchmarks;

/// <summary>
/// pj_GetJourneyMetrics over 20,000 stage visits (1,000 journeys of 20 visits on the shipped schema): the whole call on
/// the emulator (12 paged queries, read, compute, write JSON) and the Domain computation alone, for the README's
/// statement of how many stage visits one call handles.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class JourneyMetricsBenchmarks
{
    private const int Journeys = 1000;
    private const int VisitsPerJourney = 20;

    private DataverseEmulator emulator = null!;
    private IOrganizationService service = null!;
    private JourneyEventLog log = null!;
    private int calls;

    [GlobalSetup]
    public void Setup()
    {
        emulator = ShippedOrganisation.Create();
        var system = emulator.CreateOrganizationService(emulator.SystemUserId);

        var pathway = system.Create(new Entity(CarePathwayTable.LogicalName) { [CarePathwayTable.Name] = "Hip replacement" });
        var phases = new[] { PathwayStageTable.PhaseOptions.PreCare, PathwayStageTable.PhaseOptions.Scheduling, PathwayStageTable.PhaseOptions.DuringCare, PathwayStageTable.PhaseOptions.PostCare };
        var stages = phases.Select((phase, i) => system.Create(new Entity(PathwayStageTable.LogicalName)
        {
            [PathwayStageTable.Name] = "Stage " + i, [PathwayStageTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, pathway),
            [PathwayStageTable.Sequence] = (i + 1) * 10, [PathwayStageTable.Phase] = new OptionSetValue(phase), [PathwayStageTable.TargetDurationHours] = 48,
        })).ToArray();
        var start = emulator.Clock.UtcNow;
        for (var j = 0; j < Journeys; j++)
        {
            var patient = system.Create(new Entity(ContactTable.LogicalName) { [ContactTable.LastName] = "Patient " + j });
            var journey = system.Create(new Entity(JourneyTable.LogicalName)
            {
                [JourneyTable.Name] = "Journey", [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
                [JourneyTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, pathway),
            });
            for (var v = 1; v < VisitsPerJourney; v++)
                system.Create(new Entity(JourneyStageHistoryTable.LogicalName)
                {
                    [JourneyStageHistoryTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journey),
                    [JourneyStageHistoryTable.StageId] = new EntityReference(PathwayStageTable.LogicalName, stages[(v + j) % stages.Length]),
                    [JourneyStageHistoryTable.EnteredOn] = start.AddHours(v * 7 + j % 5),
                    [JourneyStageHistoryTable.ExitedOn] = start.AddHours(v * 7 + j % 5 + 6),
                    [JourneyStageHistoryTable.WasOverdue] = v % 4 == 0,
                });
        }
        emulator.ClearLog();
        service = emulator.CreateOrganizationService();

        var response = GetJourneyMetrics();
        var execution = emulator.LastRequest.PluginExecutions.Single();
        Console.WriteLine($"// pj_GetJourneyMetrics: {execution.ServiceCalls} service calls; {string.Join(" ", execution.TraceLines)}; {response.Length:N0} characters of JSON");

        log = new JourneyEventLog();
        var stageIds = stages.Select((id, i) => new StageRecord { Id = id, PathwayId = pathway, Name = "Stage " + i, Sequence = (i + 1) * 10, Phase = (StagePhase)i, TargetHours = 48 }).ToList();
        log.Stages.AddRange(stageIds);
        for (var j = 0; j < Journeys; j++)
        {
            var journey = new JourneyRecord { Id = Guid.NewGuid(), PatientId = Guid.NewGuid(), PathwayId = pathway, StartedOn = start };
            log.Journeys.Add(journey);
            for (var v = 0; v < VisitsPerJourney; v++)
                log.StageVisits.Add(new StageVisitRecord { Id = Guid.NewGuid(), JourneyId = journey.Id, StageId = stageIds[(v + j) % stageIds.Count].Id, EnteredOn = start.AddHours(v * 7), ExitedOn = start.AddHours(v * 7 + 6), WasOverdue = v % 4 == 0 });
        }
    }

    [Benchmark]
    public string GetJourneyMetrics()
    {
        if (++calls % 50 == 0) emulator.ClearLog();
        return (string)service.Execute(new OrganizationRequest(CustomApis.GetJourneyMetrics.MessageName)).Results[CustomApis.GetJourneyMetrics.OutMetricsJson];
    }

    [Benchmark]
    public JourneyMetrics ComputeOver20kVisits() =>
        JourneyMetricsCalculator.Compute(log, new MetricsFilter(), DateTime.UtcNow, BusinessCalendarSettings.Parse(null, null, TimeZoneInfo.Utc));
}
