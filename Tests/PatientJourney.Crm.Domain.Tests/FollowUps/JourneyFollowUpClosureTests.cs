using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class JourneyFollowUpClosureTests
{
    private const string Survey = "Discharge:ExperienceSurvey:10080:0f8fad5bd9cb469fa16570867728950e";
    private const string Reminder = "AppointmentScheduled:AppointmentReminder:-1440:7c9e6679742540de944be07fc1f90ae7";

    [Theory]
    [InlineData(JourneyStatus.Dropped, true, true)]
    [InlineData(JourneyStatus.Cancelled, true, true)]
    [InlineData(JourneyStatus.Completed, false, true)]
    public void An_ended_journey_cancels_what_it_no_longer_needs(JourneyStatus after, bool survey, bool reminder)
    {
        var closure = JourneyFollowUpClosure.For(JourneyStatus.Active, after, wasPostCare: true, isPostCare: true);

        Assert.Equal(survey, closure.Closes(Survey));
        Assert.Equal(reminder, closure.Closes(Reminder));
        Assert.Contains(after.ToString().ToLowerInvariant(), closure.Reason);
    }

    [Fact]
    public void Leaving_post_care_for_an_earlier_phase_cancels_only_the_post_discharge_follow_ups()
    {
        var closure = JourneyFollowUpClosure.For(JourneyStatus.Active, JourneyStatus.Active, wasPostCare: true, isPostCare: false);

        Assert.True(closure.Closes(Survey));
        Assert.False(closure.Closes(Reminder));
        Assert.Contains("readmitted", closure.Reason);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Other_moves_cancel_nothing(bool wasPostCare, bool isPostCare)
    {
        var closure = JourneyFollowUpClosure.For(JourneyStatus.Active, JourneyStatus.Active, wasPostCare, isPostCare);

        Assert.Equal(ClosedFollowUps.None, closure.Scope);
        Assert.False(closure.Closes(Survey));
        Assert.Null(closure.Reason);
    }
}
