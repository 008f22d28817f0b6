using PatientJourney.Crm.Domain.Referrals;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Referrals;

public class ReferralLifecycleTests
{
    [Theory]
    [InlineData(ReferralStatus.Draft, ReferralStatus.Submitted)]
    [InlineData(ReferralStatus.Submitted, ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.Accepted, ReferralStatus.Scheduled)]
    [InlineData(ReferralStatus.Scheduled, ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Submitted, ReferralStatus.Expired)]
    [InlineData(ReferralStatus.Draft, ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.Scheduled, ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.Accepted, ReferralStatus.Rejected)]
    public void Allows_the_moves_of_the_lifecycle(ReferralStatus from, ReferralStatus to)
    {
        Assert.True(ReferralLifecycle.CanMove(from, to));
        ReferralLifecycle.EnsureMove(from, to, "capacity");
    }

    [Theory]
    [InlineData(ReferralStatus.Draft, ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.Submitted, ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Accepted, ReferralStatus.Expired)]
    [InlineData(ReferralStatus.Draft, ReferralStatus.Rejected)]
    [InlineData(ReferralStatus.Completed, ReferralStatus.Submitted)]
    [InlineData(ReferralStatus.Rejected, ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.Expired, ReferralStatus.Accepted)]
    public void Rejects_other_moves_naming_both_states(ReferralStatus from, ReferralStatus to)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => ReferralLifecycle.EnsureMove(from, to, "reason"));

        Assert.Contains($"from {from} to {to}", error.Message);
    }

    [Fact]
    public void Closed_states_are_final()
    {
        foreach (var closed in new[] { ReferralStatus.Completed, ReferralStatus.Rejected, ReferralStatus.Cancelled, ReferralStatus.Expired })
        {
            Assert.False(ReferralLifecycle.IsOpen(closed));
            Assert.Contains("closed state", Assert.Throws<BusinessRuleViolation>(() => ReferralLifecycle.EnsureMove(closed, ReferralStatus.Draft, null)).Message);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Rejection_needs_a_reason(string? reason)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => ReferralLifecycle.EnsureMove(ReferralStatus.Submitted, ReferralStatus.Rejected, reason));

        Assert.Contains("rejection reason", error.Message);
    }

    [Fact]
    public void Staying_in_the_same_state_is_not_a_move()
    {
        ReferralLifecycle.EnsureMove(ReferralStatus.Completed, ReferralStatus.Completed, null);
    }
}
