using PatientJourney.Crm.Domain.FollowUps;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class FollowUpRuleCheckTests
{
    [Fact]
    public void The_built_in_rules_pass_the_check()
    {
        Assert.All(DefaultFollowUpRules.All, r => Assert.Null(FollowUpRuleCheck.ProblemWith(r.Trigger, r.Type, r.Kind, (int)r.Offset.TotalMinutes)));
    }

    [Theory]
    [InlineData(null, FollowUpType.Message, FollowUpKind.AutomatedMessage, 0, "trigger")]
    [InlineData(FollowUpTrigger.Periodic, null, FollowUpKind.AutomatedMessage, 0, "type")]
    [InlineData(FollowUpTrigger.Periodic, FollowUpType.Message, null, 0, "kind")]
    [InlineData(FollowUpTrigger.SurveyDetractor, FollowUpType.ServiceRecovery, FollowUpKind.StaffTask, -1, "zero or more")]
    [InlineData(FollowUpTrigger.ReferralBreached, FollowUpType.ServiceRecovery, FollowUpKind.StaffTask, 0, "SurveyDetractor")]
    [InlineData(FollowUpTrigger.Periodic, FollowUpType.Task, FollowUpKind.AutomatedMessage, 0, "staff task")]
    [InlineData(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, -FollowUpRuleCheck.MaximumOffsetMinutes - 1, "ten years")]
    public void Each_problem_says_what_to_fix(FollowUpTrigger? trigger, FollowUpType? type, FollowUpKind? kind, int offset, string fix)
    {
        Assert.Contains(fix, FollowUpRuleCheck.ProblemWith(trigger, type, kind, offset));
        Assert.Throws<BusinessRuleViolation>(() => FollowUpRuleCheck.Ensure(trigger, type, kind, offset));
    }
}
