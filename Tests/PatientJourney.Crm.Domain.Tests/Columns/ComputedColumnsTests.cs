using System.Linq;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Columns;

public class ComputedColumnsTests
{
    private static readonly string[] AllContactCounters =
    {
        ContactTable.AppointmentCount, ContactTable.NoShowCount, ContactTable.NoShowRate, ContactTable.NoShowRiskEstimate, ContactTable.NoShowRiskBand,
        ContactTable.LatestReadmissionRiskScore, ContactTable.LatestReadmissionRiskBand,
    };

    [Fact]
    public void A_write_made_outside_the_solution_may_set_none_of_the_counters_or_latest_risk()
    {
        var ignored = ComputedColumns.CallerValuesToIgnore(ContactTable.LogicalName, AllContactCounters.Append(ContactTable.MobilePhone), new string[0]);
        Assert.Equal(AllContactCounters.OrderBy(c => c), ignored.OrderBy(c => c));
    }

    [Fact]
    public void A_write_inside_an_appointment_operation_keeps_the_attendance_counters_but_not_the_readmission_risk()
    {
        var ignored = ComputedColumns.CallerValuesToIgnore(ContactTable.LogicalName, AllContactCounters, new[] { AppointmentTable.LogicalName, "Update" });
        Assert.Equal(new[] { ContactTable.LatestReadmissionRiskBand, ContactTable.LatestReadmissionRiskScore }, ignored.OrderBy(c => c));
    }

    [Fact]
    public void The_sla_flag_is_kept_only_from_the_scheduled_sla_action()
    {
        var written = new[] { ReferralTable.SlaBreached, ReferralTable.BreachReason, ReferralTable.Name };
        Assert.Equal(2, ComputedColumns.CallerValuesToIgnore(ReferralTable.LogicalName, written, new[] { ReferralTable.LogicalName }).Length);
        Assert.Empty(ComputedColumns.CallerValuesToIgnore(ReferralTable.LogicalName, written, new[] { CustomApis.EvaluateReferralSlas.MessageName }));
    }

    [Fact]
    public void A_follow_ups_occurrence_is_kept_from_any_step_of_the_solution_but_never_from_a_top_level_request()
    {
        var written = new[] { FollowUpTable.Occurrence, FollowUpTable.Name };
        Assert.Equal(new[] { FollowUpTable.Occurrence }, ComputedColumns.CallerValuesToIgnore(FollowUpTable.LogicalName, written, new string[0]));
        Assert.Empty(ComputedColumns.CallerValuesToIgnore(FollowUpTable.LogicalName, written, new[] { AppointmentTable.LogicalName, "Create" }));
    }

    [Fact]
    public void Columns_set_on_the_rows_own_write_are_listed_per_table_and_each_column_once()
    {
        Assert.Equal(new[] { JourneyTable.StageEnteredOn, JourneyTable.StageDueOn, JourneyTable.CompletedOn }, ComputedColumns.SetOnOwnWrite(JourneyTable.LogicalName));
        Assert.Contains(JourneyTable.DischargedOn, ComputedColumns.WrittenLater(JourneyTable.LogicalName));
        Assert.Equal(ComputedColumns.All.Count, ComputedColumns.All.Select(c => c.Table + "." + c.Column).Distinct().Count());
    }
}
