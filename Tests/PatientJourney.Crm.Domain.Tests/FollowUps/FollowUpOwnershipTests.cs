using System;
using PatientJourney.Crm.Domain.FollowUps;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class FollowUpOwnershipTests
{
    private static readonly TaskOwner Coordinator = new(Guid.NewGuid(), isTeam: false);
    private static readonly TaskOwner JourneyOwner = new(Guid.NewGuid(), isTeam: false);
    private static readonly Guid CareTeam = Guid.NewGuid();

    [Fact]
    public void A_staff_task_goes_to_the_coordinator_else_the_journey_owner_else_the_default_team()
    {
        Assert.Same(Coordinator, FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, Coordinator, JourneyOwner, CareTeam));
        Assert.Same(JourneyOwner, FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, null, JourneyOwner, CareTeam));
        var team = FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, null, null, CareTeam)!;
        Assert.True(team.IsTeam);
        Assert.Equal(CareTeam, team.Id);
        Assert.Null(FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, null, null, null));
    }

    [Fact]
    public void A_disabled_user_is_skipped()
    {
        var disabledCoordinator = new TaskOwner(Guid.NewGuid(), isTeam: false, usable: false);
        var disabledOwner = new TaskOwner(Guid.NewGuid(), isTeam: false, usable: false);
        Assert.Same(JourneyOwner, FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, disabledCoordinator, JourneyOwner, CareTeam));
        Assert.Equal(CareTeam, FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, disabledCoordinator, disabledOwner, CareTeam)!.Id);
        Assert.Null(FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, disabledCoordinator, disabledOwner, null));
    }

    [Fact]
    public void Messages_keep_the_default_owner()
    {
        Assert.Null(FollowUpOwnership.OwnerFor(FollowUpKind.AutomatedMessage, Coordinator, JourneyOwner, CareTeam));
    }
}
