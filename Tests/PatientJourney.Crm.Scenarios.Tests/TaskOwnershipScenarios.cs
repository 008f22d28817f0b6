using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Staff tasks skip disabled users and fall back to the configured care team; messages keep quiet hours, and the
/// referrer's update (not the patient's) goes out at once.
/// </summary>
public class TaskOwnershipScenarios : ScenarioTest
{
    private readonly Guid patient;
    private readonly Pathway hip;

    public TaskOwnershipScenarios()
    {
        patient = env.CreatePatient();
        hip = env.CreateHipPathway();
    }

    private Guid Team(string name) => env.System.Create(new Entity("team")
    {
        ["name"] = name, ["businessunitid"] = new EntityReference("businessunit", env.Emulator.RootBusinessUnitId),
    });

    private Guid DisabledUser(string name)
    {
        var user = env.Emulator.CreateUser(name, "Left");
        env.System.Update(new Entity("systemuser", user) { ["isdisabled"] = true });
        return user;
    }

    private Entity DischargeCheckIn(Guid journey)
    {
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        return Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn);
    }

    [Fact]
    public void A_disabled_coordinator_is_skipped_for_the_journeys_owner()
    {
        var owner = env.Emulator.CreateUser("Olive", "Owner");
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.System.Update(new Entity(JourneyTable.LogicalName, journey)
        {
            [JourneyTable.OwnerId] = new EntityReference("systemuser", owner), [JourneyTable.CareCoordinatorId] = new EntityReference("systemuser", DisabledUser("Carl")),
        });

        Assert.Equal(owner, DischargeCheckIn(journey).GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
    }

    [Fact]
    public void With_nobody_usable_on_the_journey_the_task_goes_to_the_default_care_team_named_in_the_setting()
    {
        var team = Team("Orthopaedic care team");
        env.SetEnvironmentVariable(EnvironmentVariables.DefaultCareTeam, "Orthopaedic care team");
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.System.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.OwnerId] = new EntityReference("systemuser", DisabledUser("Olga")) });

        var owner = DischargeCheckIn(journey).GetAttributeValue<EntityReference>(FollowUpTable.OwnerId);

        Assert.Equal("team", owner.LogicalName);
        Assert.Equal(team, owner.Id);
    }

    [Fact]
    public void Without_the_setting_such_a_task_keeps_the_default_owner()
    {
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.System.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.OwnerId] = new EntityReference("systemuser", DisabledUser("Olga")) });

        Assert.Equal("systemuser", DischargeCheckIn(journey).GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).LogicalName);
    }

    [Fact]
    public void A_default_care_team_that_does_not_exist_is_refused_naming_the_setting()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.DefaultCareTeam, "Nobody's team");

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
