using System;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Staff tasks go to whoever should work them, skipping disabled users and falling back to the configured care team,
/// whichever business unit that person is in: they are written as SYSTEM with that owner, while the messages the same
/// act raises are written as the caller. A north-clinic care coordinator discharges; a north-clinic referral
/// coordinator works referrals and runs the SLA flow; colleagues of the south region coordinate or own some journeys.
/// Messages keep quiet hours, and the referrer's update (not the patient's) goes out at once.
/// </summary>
public class TaskOwnershipScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Guid careCoordinator;
    private readonly Guid referralCoordinator;
    private readonly Guid patient;
    private readonly Pathway hip;

    public TaskOwnershipScenarios()
    {
        hip = env.CreateHipPathway();
        org = new Organisation(env);
        careCoordinator = org.StaffMember("Care coordinator", org.NorthClinic);
        referralCoordinator = org.StaffMember("Referral coordinator", org.NorthClinic);
        env.ActAs(careCoordinator);
        patient = env.CreatePatient();
    }

    private Guid Team(string name) => env.System.Create(new Entity("team")
    {
        ["name"] = name, ["businessunitid"] = new EntityReference("businessunit", env.Emulator.RootBusinessUnitId),
    });

    /// <summary>A north-clinic care coordinator the journey is assigned to before they leave (the administrator disables them).</summary>
    private Guid Leaver(string name) => org.StaffMember("Care coordinator", org.NorthClinic, name);

    private void Disable(Guid user) => env.System.Update(new Entity("systemuser", user) { ["isdisabled"] = true });

    private void Assign(Guid journey, Guid owner) =>
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.OwnerId] = new EntityReference("systemuser", owner) });

    private void SetCareCoordinator(Guid journey, Guid coordinator) =>
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.CareCoordinatorId] = new EntityReference("systemuser", coordinator) });

    private Entity DischargeCheckIn(Guid journey)
    {
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        Assert.Empty(env.Emulator.FailedAsyncJobs);
        return Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn);
    }

    private static Guid Owner(Entity row) => row.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id;

    private static Guid CreatedBy(Entity row) => row.GetAttributeValue<EntityReference>("createdby").Id;

    private static void Denied(Action request) =>
        Assert.Equal(ErrorCodes.PrivilegeDenied, Assert.Throws<DataverseFaultException>(request).ErrorCode);

    [Fact]
    public void A_disabled_coordinator_is_skipped_for_the_journeys_owner()
    {
        var owner = org.StaffMember("Care coordinator", org.NorthClinic, "Olive");
        var carl = Leaver("Carl");
        var journey = env.StartJourney(patient, hip, "Surgery");
        SetCareCoordinator(journey, carl);
        Assign(journey, owner);
        Disable(carl);

        Assert.Equal(owner, Owner(DischargeCheckIn(journey)));
    }

    [Fact]
    public void With_nobody_usable_on_the_journey_the_task_goes_to_the_default_care_team_named_in_the_setting()
    {
        var team = Team("Orthopaedic care team");
        env.SetEnvironmentVariable(EnvironmentVariables.DefaultCareTeam, "Orthopaedic care team");
        var olga = Leaver("Olga");
        var journey = env.StartJourney(patient, hip, "Surgery");
        Assign(journey, olga);
        Disable(olga);

        var task = DischargeCheckIn(journey);

        var owner = task.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId);
        Assert.Equal("team", owner.LogicalName);
        Assert.Equal(team, owner.Id);
        Assert.Equal(env.Emulator.SystemUserId, CreatedBy(task));   // the team is in the root unit: the caller's roles could not write it there
    }

    [Fact]
    public void Without_the_setting_such_a_task_goes_to_whoever_raised_it()
    {
        var olga = Leaver("Olga");
        var journey = env.StartJourney(patient, hip, "Surgery");
        Assign(journey, olga);
        Disable(olga);

        var task = DischargeCheckIn(journey);

        Assert.Equal(careCoordinator, Owner(task));
        Assert.NotNull(env.Service.Retrieve(FollowUpTable.LogicalName, task.Id, new ColumnSet(FollowUpTable.Status)));
    }

    [Fact]
    public void A_discharge_task_for_a_care_coordinator_in_another_unit_is_written_as_system_for_them()
    {
        var sam = org.StaffMember("Care coordinator", org.South, "Sam");
        var journey = env.StartJourney(patient, hip, "Surgery");
        SetCareCoordinator(journey, sam);

        var task = DischargeCheckIn(journey);

        Assert.Equal(sam, Owner(task));
        Assert.Equal(env.Emulator.SystemUserId, CreatedBy(task));
        var survey = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.ExperienceSurvey);
        Assert.Equal(careCoordinator, Owner(survey));
        Assert.Equal(careCoordinator, CreatedBy(survey));
        // Sam works it; the north clinic's coordinator, whose roles reach their own unit only, cannot even see it.
        Assert.NotNull(env.Emulator.CreateOrganizationService(sam).Retrieve(FollowUpTable.LogicalName, task.Id, new ColumnSet(FollowUpTable.Status)));
        Denied(() => env.Service.Retrieve(FollowUpTable.LogicalName, task.Id, new ColumnSet(FollowUpTable.Status)));
    }

    [Fact]
    public void A_task_the_caller_cannot_see_is_neither_raised_twice_nor_left_open_by_a_readmission()
    {
        env.AddTransition(hip, "Surgery", "Recovery");
        env.AddTransition(hip, "Recovery", "Surgery");
        var sam = org.StaffMember("Care coordinator", org.South, "Sam");
        var journey = env.StartJourney(patient, hip, "Surgery");
        SetCareCoordinator(journey, sam);
        var task = DischargeCheckIn(journey);

        env.Service.Execute(new OrganizationRequest(CustomApis.ScheduleFollowUps.MessageName)
        {
            [CustomApis.ScheduleFollowUps.InJourney] = new EntityReference(JourneyTable.LogicalName, journey),
            [CustomApis.ScheduleFollowUps.InTrigger] = new OptionSetValue(Choices.FollowUpTrigger.Discharge),
        });
        Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn);

        env.MoveJourney(journey, hip, "Surgery");   // readmitted: the first discharge's call is not due any more

        Assert.Equal(FollowUpTable.StatusOptions.Cancelled, env.Retrieve(FollowUpTable.LogicalName, task.Id).Status());
    }

    [Fact]
    public void A_journey_owned_in_another_unit_and_shared_for_its_discharge_gives_the_task_to_its_owner()
    {
        var sam = org.StaffMember("Care coordinator", org.South, "Sam");
        env.ActAs(sam);
        var southPatient = env.CreatePatient();
        var journey = env.StartJourney(southPatient, hip, "Surgery");
        const AccessRights work = AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.AppendAccess | AccessRights.AppendToAccess;
        foreach (var record in new[] { new EntityReference(ContactTable.LogicalName, southPatient), new EntityReference(JourneyTable.LogicalName, journey) })
        {
            env.Service.Execute(new GrantAccessRequest
            {
                Target = record, PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", careCoordinator), AccessMask = work },
            });
        }
        env.ActAs(careCoordinator);

        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        Assert.Empty(env.Emulator.FailedAsyncJobs);
        var task = Assert.Single(env.FollowUps(southPatient), f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn);
        Assert.Equal(sam, Owner(task));
        Assert.Equal(env.Emulator.SystemUserId, CreatedBy(task));
        Assert.Equal(careCoordinator, CreatedBy(Assert.Single(env.FollowUps(southPatient), f => f.Type() == Choices.FollowUpType.ExperienceSurvey)));
    }

    [Fact]
    public void An_sla_escalation_for_a_journey_coordinated_in_another_unit_goes_to_that_coordinator()
    {
        var sam = org.StaffMember("Care coordinator", org.South, "Sam");
        var journey = env.StartJourney(patient, hip, "Referral");
        SetCareCoordinator(journey, sam);
        env.ActAs(referralCoordinator);
        env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Re-referral", [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journey),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.STAT), [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted),
        });
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));

        var run = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));

        Assert.Equal(1, run.Results[CustomApis.EvaluateReferralSlas.OutBreachedCount]);
        var escalation = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.ReferralEscalation);
        Assert.Equal(sam, Owner(escalation));
        Assert.Equal(env.Emulator.SystemUserId, CreatedBy(escalation));
    }

    [Fact]
    public void A_default_care_team_that_does_not_exist_is_refused_naming_the_setting()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.DefaultCareTeam, "Nobody's team");
        env.ActAs(referralCoordinator);

        var fault = Assert.ThrowsAny<Exception>(() => env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Referral", [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted),
        }));

        Assert.Contains(EnvironmentVariables.DefaultCareTeam, fault.Message);
        Assert.Equal(0, env.Count(ReferralTable.LogicalName));   // nothing half-written
    }

    [Fact]
    public void The_patients_referral_update_keeps_quiet_hours_and_the_referrers_goes_out_at_once()
    {
        env.SetConsent(patient, sms: true);
        env.ActAs(referralCoordinator);
        env.Emulator.Clock.Set(new DateTime(2026, 11, 26, 22, 30, 0, DateTimeKind.Utc));   // inside the default 21:00-08:00

        env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Referral", [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine), [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted),
        });

        var updates = env.FollowUps(patient);
        Assert.Equal(new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc), Assert.Single(updates, f => f.Type() == Choices.FollowUpType.ReferralStatusToPatient).Due());
        Assert.Equal(env.Now, Assert.Single(updates, f => f.Type() == Choices.FollowUpType.ReferralStatusToReferrer).Due());
    }
}
