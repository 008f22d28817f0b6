using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>
/// An EHR's day arriving as bundles: patients registered, a referral ordered, appointments booked (one missed), an
/// admission and a discharge, a readmission within 30 days, a survey. The journey, follow-ups and counters come out as
/// the staff-entry scenarios (FollowUpScenarios, AppointmentScenarios) assert for the same events.
/// </summary>
public class EhrDayTests : ScenarioTest
{
    private readonly Pathway hip;

    public EhrDayTests()
    {
        hip = env.CreateHipPathway();
        env.AddTransition(hip, "Referral", "Assessment");
        env.AddTransition(hip, "Assessment", "Surgery");
        env.AddTransition(hip, "Surgery", "Recovery");
        env.AddTransition(hip, "Recovery", "Surgery");
    }

    private Hl7.Fhir.Model.Bundle Import(string bundle)
    {
        var response = new BundleImporter(env.Service, Settings).Import(bundle);
        Assert.True(response.Entry.All(e => e.Response!.Outcome == null), Issues(response));
        return response;
    }

    [Fact]
    public void Admission_discharge_and_readmission_from_encounters_drive_the_journey_as_staff_moves_do()
    {
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
        Assert.Equal(StaffDischargeNow(postDischarge), env.OpenFollowUps(patient).Where(f => postDischarge.Contains(f.Type())).Select(f => f.Due()));

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
        Assert.Equal(StaffDischargeNow(postDischarge), open.Select(f => f.Due()));
        var cancelled = env.FollowUps(patient).Where(f => f.Status() == FollowUpTable.StatusOptions.Cancelled && postDischarge.Contains(f.Type())).ToList();
        Assert.Equal(3, cancelled.Count);
        Assert.All(cancelled, f => Assert.Contains("readmitted", f.GetAttributeValue<string>(FollowUpTable.CancellationReason), StringComparison.Ordinal));
        Assert.Equal(new[] { "Referral", "Assessment", "Surgery", "Recovery", "Surgery", "Recovery" },
            env.StageVisits(journey).Select(v => hip.Stages.Single(s => s.Value == v.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id).Key));
        Assert.Empty(env.Emulator.FailedAsyncJobs);
    }

    /// <summary>
    /// The oracle: the due times of the post-discharge follow-ups when staff discharge another patient on the same
    /// pathway at this moment (the business calendar applies to both alike).
    /// </summary>
    private DateTime[] StaffDischargeNow(int[] types)
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

    [Fact]
    public void An_older_encounter_version_does_not_move_the_journey_back()
    {
        var patient = env.CreatePatient("MRN-1");
        Import(Bundle("batch", Patient("p1", "MRN-1")));
        var journey = env.StartJourney(patient, hip, "Surgery");
        Import(Bundle("batch", Encounter("e1", "Patient/p1", "finished", env.Now.AddDays(-2), env.Now, env.Now)));

        var writes = env.Emulator.RowsWritten.Count;
        var response = new BundleImporter(env.Service, Settings).Import(Bundle("batch", Encounter("e1", "Patient/p1", "in-progress", env.Now.AddDays(-2), lastUpdated: env.Now.AddDays(-2))));

        Assert.Equal(new[] { "200 OK" }, Statuses(response));
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
        Assert.Equal(hip.Stages["Recovery"], env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
    }

    [Fact]
    public void An_NPS_questionnaire_response_becomes_a_survey_response_with_its_category()
    {
        var patient = env.CreatePatient("MRN-1");
        Import(Bundle("batch", Patient("p1", "MRN-1"), NpsResponse("q1", "Patient/p1", 9, env.Now)));
        env.Emulator.RunPendingAsyncJobs();

        var survey = Assert.Single(env.Emulator.Rows(SurveyResponseTable.LogicalName));
        Assert.Equal(patient, survey.GetAttributeValue<EntityReference>(SurveyResponseTable.PatientId).Id);
        Assert.Equal(9, survey.GetAttributeValue<int>(SurveyResponseTable.Score));
        Assert.Equal(SurveyResponseTable.CategoryOptions.Promoter, survey.GetAttributeValue<OptionSetValue>(SurveyResponseTable.Category).Value);
        Assert.Equal("q1", survey.GetAttributeValue<string>(SurveyResponseTable.FhirId));
    }

    [Fact]
    public void An_encounter_for_a_patient_without_a_journey_is_refused_with_what_to_do()
    {
        Import(Bundle("batch", Patient("p1", "MRN-1")));

        var response = new BundleImporter(env.Service, Settings).Import(Bundle("batch", Encounter("e1", "Patient/p1", "in-progress", env.Now)));

        Assert.Equal(new[] { "422 Unprocessable Entity" }, Statuses(response));
        Assert.Contains("no active journey", Issues(response), StringComparison.Ordinal);
        Assert.Contains("Encounter.subject", Issues(response), StringComparison.Ordinal);
    }
}
