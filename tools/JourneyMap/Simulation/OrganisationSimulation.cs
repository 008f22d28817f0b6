extern alias plugins;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.JourneyMap.Input;
using PatientJourney.Crm.Packer;

namespace PatientJourney.Crm.JourneyMap.Simulation;

/// <summary>A managed solution zip and where it came from (a file, or packed in-process from a repository).</summary>
public sealed record ShippedZip(byte[] Bytes, string Origin);

/// <summary>What a simulation run did.</summary>
public sealed record SimulationResult(int Patients, int Journeys, int StageVisits, double Seconds, JourneyEventLog Log);

/// <summary>
/// A synthetic organisation driven through the shipped solution on the emulator: the managed zip imported (its tables,
/// steps, custom APIs and environment variables), the shipped plug-ins firing. Referrals are submitted and accepted or rejected;
/// accepted patients start a journey on one of three pathways and move stage to stage (with rework and drop-outs) as
/// the plug-ins record each visit; appointments are kept or missed by the no-show model; discharged patients are
/// readmitted (moved back to the during-care stage within 30 days) more often when high-risk; surveys and touchpoints on every channel. All events run in time order on
/// the emulator's clock; every random choice comes from one seeded generator, so a seed gives the same export.
/// </summary>
public sealed class OrganisationSimulation
{
    public static readonly DateTime Start = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private static readonly (string Name, (string Stage, int TargetHours, int Phase)[] Stages)[] Pathways =
    {
        ("Hip replacement", new[] { ("Referral", 14 * 24, PathwayStageTable.PhaseOptions.PreCare), ("Assessment", 7 * 24, PathwayStageTable.PhaseOptions.Scheduling),
            ("Surgery", 48, PathwayStageTable.PhaseOptions.DuringCare), ("Recovery", 30 * 24, PathwayStageTable.PhaseOptions.PostCare), ("Discharged", 0, PathwayStageTable.PhaseOptions.PostCare) }),
        ("Diabetes care", new[] { ("Referral", 10 * 24, PathwayStageTable.PhaseOptions.PreCare), ("Education", 14 * 24, PathwayStageTable.PhaseOptions.Scheduling),
            ("Treatment", 21 * 24, PathwayStageTable.PhaseOptions.DuringCare), ("Review", 30 * 24, PathwayStageTable.PhaseOptions.PostCare), ("Self-management", 0, PathwayStageTable.PhaseOptions.Ongoing) }),
        ("Cardiac rehabilitation", new[] { ("Referral", 7 * 24, PathwayStageTable.PhaseOptions.PreCare), ("Assessment", 5 * 24, PathwayStageTable.PhaseOptions.Scheduling),
            ("Exercise programme", 42 * 24, PathwayStageTable.PhaseOptions.DuringCare), ("Follow-up", 30 * 24, PathwayStageTable.PhaseOptions.PostCare), ("Completed", 0, PathwayStageTable.PhaseOptions.PostCare) }),
    };

    private static readonly string[] Sources = { "North Street GP", "Riverside Practice", "City Hospital ED", "Hillview Clinic", "Self-referral" };

    private readonly SimulationParameters rates;
    private readonly Random random;
    // Reminder delivery draws from its own stream: how many reminders the plug-ins plan depends on earlier no-shows,
    // and must not shift the draws of everything else between a run with reminders and one without.
    private readonly Random delivery;
    private readonly bool reminders;
    private readonly DataverseEmulator emulator;
    private readonly IOrganizationService service;
    private readonly PriorityQueue<Action, (DateTime At, long Order)> events = new();
    private readonly List<(Guid Id, Guid[] Stages)> pathways = new();
    private long order;
    private int nextId;

    /// <param name="solution">The managed zip, read with the shipped plug-in types (<see cref="Read"/>).</param>
    public OrganisationSimulation(SolutionPackage solution, SimulationParameters rates, int seed, bool reminders)
        : this(DataverseEmulator.ImportSolution(solution), rates, seed, reminders)
    {
    }

    /// <param name="emulator">An organisation with the managed zip already imported (e.g. the one a Web API host serves).</param>
    public OrganisationSimulation(DataverseEmulator emulator, SimulationParameters rates, int seed, bool reminders)
    {
        this.rates = rates;
        this.reminders = reminders;
        random = new Random(seed);
        delivery = new Random(seed + 1);
        this.emulator = emulator;
        emulator.Clock.Set(Start);
        var system = emulator.CreateOrganizationService(emulator.SystemUserId);
        foreach (var (name, stages) in Pathways) pathways.Add(CreatePathway(system, name, stages));
        service = emulator.CreateOrganizationService();
    }

    /// <summary>Reads a solution zip with the plug-in types of the shipped assembly (its net10 build, loaded by this tool).</summary>
    public static SolutionPackage Read(byte[] zip) =>
        SolutionPackage.Read(zip, typeof(plugins::PatientJourney.Crm.Plugins.Infrastructure.PluginBase).Assembly);

    /// <summary>
    /// The managed zip simulate imports: the file <paramref name="zipPath"/> names, or else the one the packer writes, packed
    /// in memory from the repository the tool runs in (Solution/ and the net462 assemblies of the tool's own build configuration).
    /// </summary>
    public static ShippedZip LoadZip(string? zipPath)
    {
        if (zipPath != null)
        {
            if (!zipPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || !File.Exists(zipPath))
            {
                throw new ArgumentException($"--solution takes the managed solution zip the build writes (out/*_managed.zip); {zipPath} is not a zip file.");
            }
            return new ShippedZip(File.ReadAllBytes(zipPath), Path.GetFullPath(zipPath));
        }
        var root = FindRepositoryRoot();
        var configuration = typeof(OrganisationSimulation).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        try
        {
            return new ShippedZip(ShippedPackage.Managed(root, configuration), $"the managed zip packed in-process from {root} ({configuration} build)");
        }
        catch (ShippedPackageException e)
        {
            throw new ArgumentException(e.Message + Environment.NewLine + "Build the solution, or give --solution out/*_managed.zip.", e);
        }
    }

    /// <summary>The folder of PatientJourney.Crm.sln, found above the working directory or the tool.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatientJourney.Crm.sln"))) return dir.FullName;
            }
        }
        throw new ArgumentException("The repository (PatientJourney.Crm.sln) was not found: run journey-map simulate inside it, or give --solution out/*_managed.zip.");
    }

    public SimulationResult Run(int patients, int months, Action<int>? onPatient = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var end = Start.AddMonths(months);
        var span = (end - Start).TotalMinutes;
        for (var p = 0; p < patients; p++)
        {
            var patient = p;
            Schedule(Start.AddMinutes(random.NextDouble() * span * 0.8), () => { Refer(); onPatient?.Invoke(patient + 1); });
        }
        while (events.TryDequeue(out var action, out var when))
        {
            if (when.At > end) break;
            if (when.At > emulator.Clock.UtcNow) emulator.Clock.Advance(when.At - emulator.Clock.UtcNow);
            action();
        }
        var log = new DataverseReader(service).Read();
        return new SimulationResult(patients, log.Journeys.Count, log.StageVisits.Count, watch.Elapsed.TotalSeconds, log);
    }

    private void Schedule(DateTime at, Action action) => events.Enqueue(action, (at, order++));

    private DateTime Now => emulator.Clock.UtcNow;

    private Guid NewId() => new Guid(random.Next(), (short)(++nextId >> 16), (short)nextId, 0x80, 0, 0, 0, 0, 0, 0, 0);

    private bool Chance(double p) => random.NextDouble() < p;

    private Entity Row(string table) => new(table, NewId());

    private (Guid, Guid[]) CreatePathway(IOrganizationService system, string name, (string Stage, int TargetHours, int Phase)[] stages)
    {
        var pathway = Row(CarePathwayTable.LogicalName);
        pathway[CarePathwayTable.Name] = name;
        var id = system.Create(pathway);
        var ids = stages.Select((s, i) =>
        {
            var stage = Row(PathwayStageTable.LogicalName);
            stage[PathwayStageTable.Name] = s.Stage;
            stage[PathwayStageTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, id);
            stage[PathwayStageTable.Sequence] = (i + 1) * 10;
            stage[PathwayStageTable.Phase] = new OptionSetValue(s.Phase);
            stage[PathwayStageTable.IsTerminal] = i == stages.Length - 1;
            if (s.TargetHours > 0) stage[PathwayStageTable.TargetDurationHours] = s.TargetHours;
            return system.Create(stage);
        }).ToArray();
        // Forward one stage, and back one stage (rework).
        for (var i = 0; i + 1 < ids.Length; i++)
        {
            foreach (var (from, to) in new[] { (ids[i], ids[i + 1]), (ids[i + 1], ids[i]) })
            {
                if (to == ids[0] && from == ids[ids.Length - 1]) continue;
                var transition = Row(PathwayTransitionTable.LogicalName);
                transition[PathwayTransitionTable.Name] = "move";
                transition[PathwayTransitionTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, id);
                transition[PathwayTransitionTable.FromStageId] = new EntityReference(PathwayStageTable.LogicalName, from);
                transition[PathwayTransitionTable.ToStageId] = new EntityReference(PathwayStageTable.LogicalName, to);
                system.Create(transition);
            }
        }
        return (id, ids);
    }

    // ---- the patient's way through the organisation ---------------------------------------------------------------

    private void Refer()
    {
        var patient = Row(ContactTable.LogicalName);
        patient[ContactTable.FirstName] = "Simulated";
        patient[ContactTable.LastName] = "Patient " + nextId;
        patient[ContactTable.ConsentSms] = Chance(0.8);
        patient[ContactTable.ConsentEmail] = Chance(0.6);
        var patientId = service.Create(patient);
        var pathway = pathways[random.Next(pathways.Count)];
        var referral = Row(ReferralTable.LogicalName);
        referral[ReferralTable.Name] = "Referral";
        referral[ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId);
        referral[ReferralTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, pathway.Id);
        referral[ReferralTable.Priority] = new OptionSetValue(Chance(rates.ReferralUrgentShare.Value) ? ReferralTable.PriorityOptions.Urgent : ReferralTable.PriorityOptions.Routine);
        referral[ReferralTable.ReferringOrganization] = Sources[random.Next(Sources.Length)];
        referral[ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted);
        var referralId = service.Create(referral);
        var accepted = Chance(rates.ReferralAcceptance.Value);
        Schedule(Now.AddHours(Exponential(rates.ReferralFirstResponseHoursMean.Value)), () =>
        {
            service.Update(new Entity(ReferralTable.LogicalName, referralId)
            {
                [ReferralTable.Status] = new OptionSetValue(accepted ? ReferralTable.StatusOptions.Accepted : ReferralTable.StatusOptions.Rejected),
                [ReferralTable.RejectionReason] = accepted ? null : "Not meeting criteria",
            });
            // Accepting a referral with a mapped pathway starts the journey (the referral plug-in); follow it.
            if (!accepted) return;
            var journeyId = service.Retrieve(ReferralTable.LogicalName, referralId, new ColumnSet(ReferralTable.JourneyId)).GetAttributeValue<EntityReference>(ReferralTable.JourneyId).Id;
            StayInStage(patientId, journeyId, pathway, 0, highRisk: Chance(rates.HighRiskShare.Value));
        });
    }

    /// <param name="readmitted">Entered a post-care stage at discharge and will be readmitted: back to during care within 30 days.</param>
    private void StayInStage(Guid patientId, Guid journeyId, (Guid Id, Guid[] Stages) pathway, int index, bool highRisk, bool readmitted = false)
    {
        var spec = Pathways[pathways.IndexOf(pathway)].Stages[index];
        if (index == pathway.Stages.Length - 1) return;
        var target = spec.TargetHours > 0 ? spec.TargetHours : 72;
        var hours = readmitted ? 24 * (3 + 25 * random.NextDouble())
            : target * (Chance(rates.StageOverrun.Value) ? 1.1 + random.NextDouble() : 0.3 + 0.6 * random.NextDouble());
        Touchpoints(patientId, journeyId, pathway.Stages[index], hours);
        if (spec.Phase is PathwayStageTable.PhaseOptions.Scheduling or PathwayStageTable.PhaseOptions.PostCare) Appointment(patientId, journeyId, Now.AddHours(hours * 0.5));
        Schedule(Now.AddHours(hours), () =>
        {
            if (!readmitted && Chance(rates.JourneyDropOut.Value))
            {
                service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.Status] = new OptionSetValue(JourneyTable.StatusOptions.Dropped) });
                return;
            }
            var next = readmitted || (index > 0 && Chance(rates.Rework.Value)) ? index - 1 : index + 1;
            service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.CurrentStageId] = new EntityReference(PathwayStageTable.LogicalName, pathway.Stages[next]) });
            var phase = Pathways[pathways.IndexOf(pathway)].Stages[next].Phase;
            var discharged = phase == PathwayStageTable.PhaseOptions.PostCare && spec.Phase == PathwayStageTable.PhaseOptions.DuringCare;
            if (discharged) Survey(patientId, journeyId, Now.AddDays(7));
            StayInStage(patientId, journeyId, pathway, next, highRisk,
                readmitted: discharged && Chance(highRisk ? rates.ReadmissionHighRisk.Value : rates.ReadmissionLowRisk.Value));
        });
    }

    private void Appointment(Guid patientId, Guid journeyId, DateTime start)
    {
        var appointment = Row(AppointmentTable.LogicalName);
        appointment[AppointmentTable.Subject] = "Appointment";
        appointment[AppointmentTable.ScheduledStart] = start;
        appointment[AppointmentTable.ScheduledEnd] = start.AddMinutes(30);
        appointment[AppointmentTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId);
        appointment[AppointmentTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId);
        appointment[AppointmentTable.Attendance] = new OptionSetValue(AppointmentTable.AttendanceOptions.Scheduled);
        var id = service.Create(appointment);
        var outcome = Chance(rates.Cancellation.Value) ? AppointmentTable.AttendanceOptions.CancelledByPatient
            : Chance(rates.NoShowProbability(reminders)) ? AppointmentTable.AttendanceOptions.NoShow : AppointmentTable.AttendanceOptions.Fulfilled;
        Schedule(start.AddHours(1), () =>
        {
            SettleReminders(id);
            service.Update(new Entity(AppointmentTable.LogicalName, id) { [AppointmentTable.Attendance] = new OptionSetValue(outcome) });
        });
    }

    /// <summary>
    /// The reminders the plug-ins planned for an appointment: the organisation's flows deliver them (or fail to); in
    /// the counterfactual without reminders none is sent, so they are cancelled. Suppressed ones stay suppressed.
    /// </summary>
    private void SettleReminders(Guid appointmentId)
    {
        var query = new QueryExpression(FollowUpTable.LogicalName) { ColumnSet = new ColumnSet(FollowUpTable.Status, FollowUpTable.DueOn) };
        query.Criteria.AddCondition(FollowUpTable.AppointmentId, ConditionOperator.Equal, appointmentId);
        query.Criteria.AddCondition(FollowUpTable.Status, ConditionOperator.In, FollowUpTable.StatusOptions.Pending, FollowUpTable.StatusOptions.Due);
        query.AddOrder(FollowUpTable.DueOn, OrderType.Ascending);
        foreach (var followUp in service.RetrieveMultiple(query).Entities)
        {
            var delivered = delivery.NextDouble() < rates.ReminderDelivery.Value;
            var status = !reminders ? FollowUpTable.StatusOptions.Cancelled : delivered ? FollowUpTable.StatusOptions.Completed : FollowUpTable.StatusOptions.Failed;
            var update = new Entity(FollowUpTable.LogicalName, followUp.Id) { [FollowUpTable.Status] = new OptionSetValue(status) };
            if (status == FollowUpTable.StatusOptions.Completed) update[FollowUpTable.CompletedOn] = followUp.GetAttributeValue<DateTime>(FollowUpTable.DueOn);
            service.Update(update);
        }
    }

    private void Survey(Guid patientId, Guid journeyId, DateTime at)
    {
        if (!Chance(rates.SurveyResponse.Value)) return;
        var roll = random.NextDouble();
        var score = roll < rates.PromoterShare.Value ? 9 + random.Next(2) : roll < rates.PromoterShare.Value + rates.DetractorShare.Value ? random.Next(7) : 7 + random.Next(2);
        Schedule(at, () =>
        {
            var survey = Row(SurveyResponseTable.LogicalName);
            survey[SurveyResponseTable.Name] = "Survey";
            survey[SurveyResponseTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId);
            survey[SurveyResponseTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId);
            survey[SurveyResponseTable.SurveyType] = new OptionSetValue(SurveyResponseTable.SurveyTypeOptions.NetPromoterScore);
            survey[SurveyResponseTable.Score] = score;
            survey[SurveyResponseTable.RespondedOn] = Now;
            service.Create(survey);
        });
    }

    private void Touchpoints(Guid patientId, Guid journeyId, Guid stageId, double stageHours)
    {
        var count = (int)Math.Floor(rates.TouchpointsPerStage.Value + random.NextDouble());
        for (var i = 0; i < count; i++)
        {
            var pain = Chance(rates.PainPointShare.Value);
            var channel = 827410000 + random.Next(7);
            var direction = 827410000 + random.Next(3);
            var sentiment = pain ? (Chance(0.7) ? 827410002 : 827410001) : 827410000 + random.Next(2);
            var category = 827410000 + random.Next(6);
            Schedule(Now.AddHours(stageHours * random.NextDouble()), () =>
            {
                var touchpoint = Row(TouchpointTable.LogicalName);
                touchpoint[TouchpointTable.Name] = "Touchpoint";
                touchpoint[TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId);
                touchpoint[TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId);
                touchpoint[TouchpointTable.StageId] = new EntityReference(PathwayStageTable.LogicalName, stageId);
                touchpoint[TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Message);
                touchpoint[TouchpointTable.Channel] = new OptionSetValue(channel);
                touchpoint[TouchpointTable.Direction] = new OptionSetValue(direction);
                touchpoint[TouchpointTable.OccurredOn] = Now;
                touchpoint[TouchpointTable.Sentiment] = new OptionSetValue(sentiment);
                touchpoint[TouchpointTable.IsPainPoint] = pain;
                if (pain) touchpoint[TouchpointTable.PainPointCategory] = new OptionSetValue(category);
                service.Create(touchpoint);
            });
        }
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());
}
