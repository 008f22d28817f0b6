using System;
using PatientJourney.Crm.Domain.FollowUps;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class FollowUpOwnershipTests
{
    private static readonly Guid Coordinator = Guid.NewGuid();
    private static readonly Guid JourneyOwner = Guid.NewGuid();

    [Fact]
    public void A_staff_task_goes_to_the_coordinator_else_the_journey_owner()
    {
        Assert.Equal(Coordinator, FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, Coordinator, JourneyOwner));
        Assert.Equal(JourneyOwner, FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, null, JourneyOwner));
        Assert.Null(FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, null, null));
    }

    [Fact]
    public void Messages_keep_the_default_owner()
    {
        Assert.Null(FollowUpOwnership.OwnerFor(FollowUpKind.AutomatedMessage, Coordinator, JourneyOwner));
    }
}
