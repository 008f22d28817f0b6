using System;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Follow-up rules are checked when saved (by the Patient Journey administrator); a rule saved before the check that
/// fails it is skipped, never blocking the front desk's bookings.
/// </summary>
public class FollowUpRuleScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly IOrganizationService administrator;

    public FollowUpRuleScenarios()
    {
        org = new Organisation(env);
        administrator = env.Emulator.CreateOrganizationService(org.StaffMember("Patient Journey administrator", org.NorthClinic));
    }

    private Entity Rule(int? trigger, int? type, int? kind, int offsetMinutes)
    {
        var rule = new Entity(FollowUpRuleTable.LogicalName) { [FollowUpRuleTable.Name] = "Rule", [FollowUpRuleTable.OffsetMinutes] = offsetMinutes };
        if (trigger.HasValue) rule[FollowUpRuleTable.Trigger] = new OptionSetValue(trigger.Value);
        if (type.HasValue) rule[FollowUpRuleTable.Type] = new OptionSetValue(type.Value);
        if (kind.HasValue) rule[FollowUpRuleTable.Kind] = new OptionSetValue(kind.Value);
        return rule;
    }

    [Theory]
    [InlineData(null, Choices.FollowUpType.AppointmentReminder, Choices.FollowUpKind.AutomatedMessage, -60, "needs its trigger")]
    [InlineData(Choices.FollowUpTrigger.AppointmentScheduled, null, Choices.FollowUpKind.AutomatedMessage, -60, "needs its follow-up type")]
    [InlineData(Choices.FollowUpTrigger.AppointmentScheduled, Choices.FollowUpType.AppointmentReminder, null, -60, "needs its kind")]
    [InlineData(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpKind.AutomatedMessage, -60, "Only appointment rules can fall before")]
    [InlineData(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.NoShowRecovery, Choices.FollowUpKind.StaffTask, 60, "belongs to the NoShow trigger")]
    [InlineData(Choices.FollowUpTrigger.NoShow, Choices.FollowUpType.NoShowRecovery, Choices.FollowUpKind.AutomatedMessage, 60, "is a staff task")]
    [InlineData(Choices.FollowUpTrigger.Periodic, Choices.FollowUpType.ScreeningReminder, Choices.FollowUpKind.AutomatedMessage, 11 * 365 * 24 * 60, "within")]
    public void A_half_configured_rule_is_refused_with_what_to_fix(int? trigger, int? type, int? kind, int offset, string message)
    {
        env.Refused(() => administrator.Create(Rule(trigger, type, kind, offset)), message);
    }

    [Fact]
    public void Clearing_the_kind_of_a_saved_rule_is_refused()
    {
        var rule = administrator.Create(Rule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpKind.AutomatedMessage, 60));

        env.Refused(() => administrator.Update(new Entity(FollowUpRuleTable.LogicalName, rule) { [FollowUpRuleTable.Kind] = null }), "needs its kind");
    }

    [Fact]
    public void A_legacy_rule_without_its_kind_is_skipped_with_a_trace_and_bookings_go_on()
    {
        var legacy = SaveWithoutChecks(Rule(Choices.FollowUpTrigger.AppointmentScheduled, Choices.FollowUpType.AppointmentReminder, null, -2 * 60));
        env.ActAs(org.StaffMember("Front desk", org.NorthClinic));
        var patient = env.CreatePatient();
        var start = env.Now.AddDays(7);

        env.BookAppointment(patient, start);

        Assert.True(env.Emulator.LastRequest.Succeeded);
        Assert.Equal(new[] { start.AddHours(-72), start.AddHours(-24) }, env.Reminders(patient).Select(f => f.Due()));
        Assert.Contains(env.Emulator.LastRequest.TraceLines, l => l.Contains($"Follow-up rule {legacy} skipped", StringComparison.Ordinal) && l.Contains("needs its kind", StringComparison.Ordinal));
    }

    // A rule saved before rules were checked: written in an environment without the solution's steps, then carried over with the data.
    private Guid SaveWithoutChecks(Entity rule)
    {
        var bare = new DataverseEmulator(SolutionSource.Load(Path.Combine(RepoPaths.Root, "Solution")).Schema);
        bare.Restore(env.Emulator.Snapshot());
        var id = bare.CreateOrganizationService(bare.SystemUserId).Create(rule);
        env.Emulator.Restore(bare.Snapshot());
        env.Emulator.ClearLog();
        return id;
    }
}
