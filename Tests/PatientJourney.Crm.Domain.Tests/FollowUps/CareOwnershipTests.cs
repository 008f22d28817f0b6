using System;
using PatientJourney.Crm.Domain.FollowUps;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class CareOwnershipTests
{
    private static readonly TaskOwner Coordinator = new(Guid.NewGuid(), isTeam: false);
    private static readonly TaskOwner JourneyOwner = new(Guid.NewGuid(), isTeam: false);
    private static readonly TaskOwner PatientOwner = new(Guid.NewGuid(), isTeam: false);
    private static readonly Guid CareTeam = Guid.NewGuid();

    private static TaskOwner Disabled() => new(Guid.NewGuid(), isTeam: false, usable: false);

    [Fact]
    public void The_first_candidate_in_rank_order_who_can_work_it_is_chosen()
    {
        Assert.Same(Coordinator, CareOwnership.FirstWhoCanWork(CareTeam, Coordinator, JourneyOwner, PatientOwner));
        Assert.Same(JourneyOwner, CareOwnership.FirstWhoCanWork(CareTeam, null, JourneyOwner, PatientOwner));
        Assert.Same(PatientOwner, CareOwnership.FirstWhoCanWork(CareTeam, Disabled(), Disabled(), PatientOwner));
    }

    [Fact]
    public void With_nobody_usable_the_default_care_team_else_nobody()
    {
        var team = CareOwnership.FirstWhoCanWork(CareTeam, Disabled(), null, Disabled())!;
        Assert.True(team.IsTeam);
        Assert.Equal(CareTeam, team.Id);
        Assert.Null(CareOwnership.FirstWhoCanWork(null, Disabled(), null, Disabled()));
        Assert.Null(CareOwnership.FirstWhoCanWork(null));
    }

    [Fact]
    public void A_team_candidate_is_kept_ahead_of_the_default_team()
    {
        var owningTeam = new TaskOwner(Guid.NewGuid(), isTeam: true);
        Assert.Same(owningTeam, CareOwnership.FirstWhoCanWork(CareTeam, Disabled(), owningTeam));
    }
}
