using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// The staff workflows run as the people who do them: a user of the north clinic holding Basic User plus one shipped
/// role (and the clinical notes profile where the solution grants it), in an organisation of several units.
/// </summary>
public class SecurityScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly DateTime nextWeek = ScenarioEnvironment.Start.AddDays(7).AddHours(1);

    public SecurityScenarios()
    {
        org = new Organisation(env);
    }

    private static DataverseFaultException Denied(Action request)
    {
        var fault = Assert.Throws<DataverseFaultException>(request);
        Assert.Equal(ErrorCodes.PrivilegeDenied, fault.ErrorCode);
        return fault;
    }

    private Guid Staff(string role) => org.StaffMember(role, org.NorthClinic);

    [Fact]
    public void Front_desk_registers_a_patient_books_moves_confirms_cancels_and_records_attendance()
    {
        env.ActAs(Staff("Front desk"));
        var patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, preferred: Choices.Channel.SMS);
        var first = env.BookAppointment(patient, nextWeek);
        env.Reschedule(first, nextWeek.AddDays(1));
        env.SetAttendance(first, AppointmentTable.AttendanceOptions.Confirmed);
        env.SetAttendance(first, AppointmentTable.AttendanceOptions.Arrived);
        env.SetAttendance(first, AppointmentTable.AttendanceOptions.Fulfilled);
        var second = env.BookAppointment(patient, nextWeek.AddDays(14));
        env.SetAttendance(second, AppointmentTable.AttendanceOptions.CancelledByPatient);

        Assert.Equal(2, env.Count(AppointmentTable.LogicalName));
        Assert.NotEmpty(env.FollowUps(patient));
    }

    [Fact]
    public void Front_desk_records_a_no_show_and_its_risk_assessment_is_the_care_coordinators_which_front_desk_cannot_read()
    {
        var pathway = env.CreateHipPathway();
        var coordinator = Staff("Care coordinator");
        var frontDesk = Staff("Front desk");
        env.ActAs(frontDesk);
        var patient = env.CreatePatient();
        env.ActAs(coordinator);
        var journey = env.StartJourney(patient, pathway);
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.CareCoordinatorId] = new EntityReference("systemuser", coordinator) });
        env.ActAs(frontDesk);
        var appointment = env.BookAppointment(patient, nextWeek, journey);

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.NoShow);

        var risk = Assert.Single(env.Emulator.Rows(RiskAssessmentTable.LogicalName));
        Assert.Equal(coordinator, risk.GetAttributeValue<EntityReference>(RiskAssessmentTable.OwnerId).Id);
        Assert.Equal(env.Emulator.SystemUserId, risk.GetAttributeValue<EntityReference>("createdby").Id);
        Denied(() => env.Service.Retrieve(RiskAssessmentTable.LogicalName, risk.Id, new ColumnSet(RiskAssessmentTable.Inputs)));
        env.ActAs(coordinator);
        Assert.NotNull(env.Service.Retrieve(RiskAssessmentTable.LogicalName, risk.Id, new ColumnSet(RiskAssessmentTable.Score)));
    }

    [Fact]
    public void Referral_coordinator_creates_submits_accepts_and_rejects_referrals()
    {
        env.ActAs(Staff("Referral coordinator"));
        var patient = env.CreatePatient();
        Guid Referral() => env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Orthopaedic referral",
            [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine),
            [ReferralTable.Reason] = CareData.ClinicalMarker,
        });
        void Move(Guid id, int status, string? rejection = null)
        {
            var update = new Entity(ReferralTable.LogicalName, id) { [ReferralTable.Status] = new OptionSetValue(status) };
            if (rejection != null) update[ReferralTable.RejectionReason] = rejection;
            env.Service.Update(update);
        }
        var accepted = Referral();
        Move(accepted, ReferralTable.StatusOptions.Submitted);
        Move(accepted, ReferralTable.StatusOptions.Accepted);
        var rejected = Referral();
        Move(rejected, ReferralTable.StatusOptions.Submitted);
        Move(rejected, ReferralTable.StatusOptions.Rejected, "Not eligible");

        var read = env.Service.Retrieve(ReferralTable.LogicalName, rejected, new ColumnSet(ReferralTable.Reason, ReferralTable.Status));
        Assert.Equal(CareData.ClinicalMarker, read.GetAttributeValue<string>(ReferralTable.Reason));
        Assert.Equal(ReferralTable.StatusOptions.Rejected, read.GetAttributeValue<OptionSetValue>(ReferralTable.Status).Value);
    }

    [Fact]
    public void Referral_coordinator_accepts_a_referral_for_a_pathway_and_its_journey_starts_in_the_first_stage()
    {
        var pathway = env.CreateHipPathway();
        env.ActAs(Staff("Referral coordinator"));
        var patient = env.CreatePatient();
        var referral = env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Orthopaedic referral",
            [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine),
            [ReferralTable.PathwayId] = pathway.Reference,
            [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted),
        });

        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Accepted) });

        var journey = env.Service.Retrieve(ReferralTable.LogicalName, referral, new ColumnSet(ReferralTable.JourneyId)).GetAttributeValue<EntityReference>(ReferralTable.JourneyId);
        Assert.NotNull(journey);
        Assert.Single(env.StageVisits(journey.Id));
    }

    [Fact]
    public void Care_coordinator_starts_and_advances_a_journey_and_records_a_touchpoint()
    {
        var pathway = env.CreateHipPathway();
        env.AddTransition(pathway, "Referral", "Assessment");
        env.ActAs(Staff("Care coordinator"));
        var patient = env.CreatePatient();
        var journey = env.StartJourney(patient, pathway, "Referral");
        env.MoveJourney(journey, pathway, "Assessment", reason: "Triaged");
        env.Service.Create(new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Phone call",
            [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journey),
            [TouchpointTable.Notes] = CareData.ClinicalMarker,
        });

        Assert.Equal(2, env.StageVisits(journey).Count);
        Assert.Contains(env.Touchpoints(patient), t => t.GetAttributeValue<string>(TouchpointTable.Notes) == CareData.ClinicalMarker);
    }

    [Fact]
    public void Analyst_reads_journeys_across_units_but_no_clinical_free_text()
    {
        var pathway = env.CreateHipPathway();
        env.ActAs(Staff("Care coordinator"));
        var patient = env.CreatePatient();
        var journey = env.StartJourney(patient, pathway, "Referral");
        env.Service.Create(new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Phone call",
            [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [TouchpointTable.Notes] = CareData.ClinicalMarker,
        });

        env.ActAs(org.StaffMember("Analyst", org.South));
        Assert.Equal(journey, Assert.Single(env.Service.RetrieveMultiple(new QueryExpression(JourneyTable.LogicalName) { ColumnSet = new ColumnSet(JourneyTable.Name) }).Entities).Id);
        var touchpoint = Assert.Single(env.Service.RetrieveMultiple(new QueryExpression(TouchpointTable.LogicalName) { ColumnSet = new ColumnSet(true) }).Entities);
        Assert.False(touchpoint.Contains(TouchpointTable.Notes));
        Denied(() => env.Service.Retrieve(ContactTable.LogicalName, patient, new ColumnSet(ContactTable.LastName)));
    }

    [Fact]
    public void Administrator_configures_pathways_stages_transitions_and_follow_up_rules()
    {
        var admin = Staff("Patient Journey administrator");
        var service = env.Emulator.CreateOrganizationService(admin);
        var pathway = service.Create(new Entity(CarePathwayTable.LogicalName) { [CarePathwayTable.Name] = "Diabetes care" });
        Guid Stage(string name, int sequence) => service.Create(new Entity(PathwayStageTable.LogicalName)
        {
            [PathwayStageTable.Name] = name, [PathwayStageTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, pathway),
            [PathwayStageTable.Sequence] = sequence, [PathwayStageTable.Phase] = new OptionSetValue(PathwayStageTable.PhaseOptions.DuringCare),
        });
        var from = Stage("Review", 10);
        var to = Stage("Education", 20);
        service.Create(new Entity(PathwayTransitionTable.LogicalName)
        {
            [PathwayTransitionTable.Name] = "Review to Education", [PathwayTransitionTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, pathway),
            [PathwayTransitionTable.FromStageId] = new EntityReference(PathwayStageTable.LogicalName, from), [PathwayTransitionTable.ToStageId] = new EntityReference(PathwayStageTable.LogicalName, to),
        });
        service.Delete(PathwayStageTable.LogicalName, Stage("Spare", 30));

        Assert.Equal(2, env.Count(PathwayStageTable.LogicalName));
        Assert.Single(env.Emulator.Rows(PathwayTransitionTable.LogicalName));
    }
}
