using System;
using PatientJourney.Crm.Domain.Appointments;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Appointments;

public class AppointmentChangeTests
{
    private static readonly Guid Patient = Guid.NewGuid();
    private static readonly DateTime Start = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

    private static AppointmentState State(AttendanceState attendance, DateTime? start = null, Guid? patient = null) =>
        new(patient ?? Patient, null, start ?? Start, attendance);

    [Fact]
    public void Confirming_a_booked_appointment_at_the_same_time_changes_nothing()
    {
        var change = AppointmentChange.Between(State(AttendanceState.Booked), State(AttendanceState.Booked));

        Assert.False(change.ReplansFollowUps);
        Assert.False(change.RecountsAttendance);
    }

    [Fact]
    public void A_new_booking_a_moved_start_and_another_patient_replan_the_follow_ups()
    {
        Assert.True(AppointmentChange.Between(null, State(AttendanceState.Booked)).ReplansFollowUps);
        Assert.True(AppointmentChange.Between(State(AttendanceState.Booked), State(AttendanceState.Booked, Start.AddDays(1))).ReplansFollowUps);
        Assert.True(AppointmentChange.Between(State(AttendanceState.Booked), State(AttendanceState.Booked, patient: Guid.NewGuid())).ReplansFollowUps);
    }

    [Theory]
    [InlineData(AttendanceState.Booked, AttendanceState.Missed, true)]
    [InlineData(AttendanceState.Missed, AttendanceState.Booked, true)]
    [InlineData(AttendanceState.Arrived, AttendanceState.Fulfilled, true)]
    [InlineData(AttendanceState.Booked, AttendanceState.Cancelled, false)]
    [InlineData(AttendanceState.Missed, AttendanceState.Missed, false)]
    public void Counters_are_recounted_only_when_a_counted_attendance_comes_or_goes(AttendanceState before, AttendanceState after, bool recounts)
    {
        Assert.Equal(recounts, AppointmentChange.Between(State(before), State(after)).RecountsAttendance);
    }

    [Fact]
    public void Saving_a_no_show_again_is_not_a_new_no_show()
    {
        Assert.True(AppointmentChange.Between(State(AttendanceState.Booked), State(AttendanceState.Missed)).BecameMissed);
        Assert.True(AppointmentChange.Between(null, State(AttendanceState.Missed)).BecameMissed);
        Assert.False(AppointmentChange.Between(State(AttendanceState.Missed), State(AttendanceState.Missed)).BecameMissed);
        Assert.True(AppointmentChange.Between(State(AttendanceState.Arrived), State(AttendanceState.Fulfilled)).BecameFulfilled);
    }
}
