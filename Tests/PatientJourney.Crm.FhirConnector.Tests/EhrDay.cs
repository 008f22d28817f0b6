using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>What an EHR day produced, without row ids: compared between the IOrganizationService and the Web API writers.</summary>
public sealed record EhrDayOutcome(string StageVisits, string FollowUps, int NoShows, DateTime DischargedOn, int Rows);

/// <summary>
/// An EHR's day arriving as bundles: patients registered, a referral ordered, appointments booked (one missed), an
/// admission and a discharge, a readmission within 30 days. The journey, follow-ups and counters come out as the
/// staff-entry scenarios (FollowUpScenarios, AppointmentScenarios) assert for the same events.
/// </summary>
public static class EhrDay
{
    /// <summary>The hip pathway with the moves staff make and a readmission's return to surgery.</summary>
    public static Pathway HipPathway(ScenarioEnvironment env)
    {
        var hip = env.CreateHipPathway();
        env.AddTransition(hip, "Referral", "Assessment");
        env.AddTransition(hip, "Assessment", "Surgery");
        env.AddTransition(hip, "Surgery", "Recovery");
        env.AddTransition(hip, "Recovery", "Surgery");
        return hip;
    }

    /// <summary>Runs the day with its assertions, importing through <paramref name="writer"/>; returns what it produced, for comparison.</summary>
    public static EhrDayOutcome Run(ScenarioEnvironment env, Pathway hip, IOrganizationService writer)
    {
        var importer = new BundleImporter(writer, Settings);
        void Import(string bundle)
        {
            var response = importer.Import(bundle);
            Assert.True(response.Entry.All(e => e.Response!.Outcome == null), Issues(response));
        }

        var day = env.Now;
        var registration = Bundle("transaction",
            Patient("p1", "MRN-1", day), Patient("p2", "MRN-2", day),
            Referral("r1", "Patient/p1", lastUpdated: day),
            Appointment("a1", "Patient/p1", day.AddDays(3), lastUpdated: day),
            Appointment("a2", "Patient/p2", day.AddHours(2), lastUpdated: day));
        Import(registration);
        var patient = env.Emulator.Rows(ContactTable.LogicalName).Single(c => c.GetAttributeValue<string>(ContactTable.FhirId) == "p1").Id;
        var other = env.Emulator.Rows(ContactTable.LogicalName).Single(c => c.GetAttributeValue<string>(ContactTable.FhirId) == "p2").Id;
        env.SetConsent(patient, sms: true, phone: true, preferred: Choices.Channel.SMS);
        Assert.Equal(2, env.FollowUps(patient).Count(f => f.Type() == Choices.FollowUpType.AppointmentReminder));

        // Staff accept the referral onto the hip pathway in the CRM; the journey starts on its first stage.
        var referral = env.Emulator.Rows(ReferralTable.LogicalName).Single();
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.PathwayId] = hip.Reference });
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Accepted) });
        var journey = env.Emulator.Rows(JourneyTable.LogicalName).Single().Id;
        env.MoveJourney(journey, hip, "Assessment");

        // The second patient misses their appointment.
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));
        Import(Bundle("batch", Appointment("a2", "Patient/p2", day.AddHours(2), "noshow", day.AddHours(3))));
        env.Emulator.RunPendingAsyncJobs();
        Assert.Equal(1, env.Retrieve(ContactTable.LogicalName, other).GetAttributeValue<int>(ContactTable.NoShowCount));

        // Admission, then discharge two days later.
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        Import(Bundle("batch", Encounter("e1", "Patient/p1", "in-progress", env.Now, lastUpdated: env.Now)));
        Assert.Equal(hip.Stages["Surgery"], env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        var discharge = Bundle("batch", Encounter("e1", "Patient/p1", "finished", env.Now.AddDays(-2), env.Now, env.Now));
        Import(discharge);
        env.Emulator.RunPendingAsyncJobs();

        var dischargedAt = env.Now;
        Assert.Equal(hip.Stages["Recovery"], env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Equal(dischargedAt, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<DateTime>(JourneyTable.DischargedOn));
        var postDischarge = new[] { Choices.FollowUpType.PostDischargeCheckIn, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpType.FollowUpAppointmentCheck };
        Assert.Equal(StaffDischargeNow(env, hip, postDischarge), env.OpenFollowUps(patient).Where(f => postDischarge.Contains(f.Type())).Select(f => f.Due()));

        // Re-sending the discharge (and the morning's registrations) changes nothing.
        var writes = env.Emulator.RowsWritten.Count;
        Import(discharge);
        Import(registration);
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);

        // Readmitted within 30 days: a new inpatient encounter, then its discharge.
        env.Emulator.Clock.Advance(TimeSpan.FromDays(3));
        Import(Bundle("batch", Encounter("e2", "Patient/p1", "in-progress", env.Now, lastUpdated: env.Now)));
        Assert.Equal(hip.Stages["Surgery"], env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        Import(Bundle("batch", Encounter("e2", "Patient/p1", "finished", env.Now.AddDays(-2), env.Now, env.Now)));
        env.Emulator.RunPendingAsyncJobs();

        var open = env.OpenFollowUps(patient).Where(f => postDischarge.Contains(f.Type())).ToList();
        Assert.Single(open, f => f.Type() == Choices.FollowUpType.ExperienceSurvey);
        Assert.Equal(StaffDischargeNow(env, hip, postDischarge), open.Select(f => f.Due()));
        var cancelled = env.FollowUps(patient).Where(f => f.Status() == FollowUpTable.StatusOptions.Cancelled && postDischarge.Contains(f.Type())).ToList();
        Assert.Equal(3, cancelled.Count);
        Assert.All(cancelled, f => Assert.Contains("readmitted", f.GetAttributeValue<string>(FollowUpTable.CancellationReason), StringComparison.Ordinal));
        Assert.Equal(new[] { "Referral", "Assessment", "Surgery", "Recovery", "Surgery", "Recovery" },
            env.StageVisits(journey).Select(v => hip.Stages.Single(s => s.Value == v.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id).Key));
        Assert.Empty(env.Emulator.FailedAsyncJobs);
        return new EhrDayOutcome(
            string.Join(",", env.StageVisits(journey).Select(v => hip.Stages.Single(s => s.Value == v.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id).Key)),
            string.Join(";", env.FollowUps(patient).Select(f => $"{f.Type()} {f.Status()} {f.Due():O}").Order(StringComparer.Ordinal)),
            env.Retrieve(ContactTable.LogicalName, other).GetAttributeValue<int>(ContactTable.NoShowCount),
            dischargedAt,
            env.Emulator.Rows(AppointmentTable.LogicalName).Count + env.Emulator.Rows(ReferralTable.LogicalName).Count + env.Emulator.Rows(ContactTable.LogicalName).Count);
    }

    /// <summary>
    /// One stay's discharge and the next stay's admission arriving in one bundle of <paramref name="type"/> (an EHR
    /// catching up after an outage): a patient in surgery is discharged (Recovery) and readmitted (back to Surgery).
    /// Returns the entries' statuses and the journey's stage visits by name, in order.
    /// </summary>
    public static (string[] Statuses, string Visits) DischargeAndReadmissionInOneBundle(ScenarioEnvironment env, Pathway hip, IOrganizationService writer, string type)
    {
        var importer = new BundleImporter(writer, Settings);
        Assert.Equal(new[] { "201 Created" }, Statuses(importer.Import(Bundle("batch", Patient("p1", "MRN-1", env.Now)))));
        var patient = env.Emulator.Rows(ContactTable.LogicalName).Single().Id;
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));

        var response = importer.Import(Bundle(type,
            Encounter("e1", "Patient/p1", "finished", env.Now.AddDays(-2), env.Now.AddHours(-6), env.Now.AddHours(-6)),
            Encounter("e2", "Patient/p1", "in-progress", env.Now, lastUpdated: env.Now)));

        var visits = env.StageVisits(journey).Select(v => hip.Stages.Single(s => s.Value == v.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id).Key);
        return (Statuses(response), string.Join(",", visits));
    }

    /// <summary>
    /// The oracle: the due times of the post-discharge follow-ups when staff discharge another patient on the same
    /// pathway at this moment (the business calendar applies to both alike).
    /// </summary>
    private static DateTime[] StaffDischargeNow(ScenarioEnvironment env, Pathway hip, int[] types)
    {
        var twin = env.CreatePatient();
        env.SetConsent(twin, sms: true, phone: true, preferred: Choices.Channel.SMS);
        var journey = env.StartJourney(twin, hip, "Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        var dues = env.OpenFollowUps(twin).Where(f => types.Contains(f.Type())).Select(f => f.Due()).ToArray();
        Assert.Equal(types.Length, dues.Length);
        return dues;
    }

}
