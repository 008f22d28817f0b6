using PatientJourney.Crm.Domain.Risk;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Risk;

public class NoShowRiskTests
{
    [Fact]
    public void A_new_patient_gets_the_base_rate()
    {
        var risk = NoShowRisk.Estimate(0, 0);

        Assert.Equal(NoShowRisk.DefaultBaseRate, risk.Value);
        Assert.Equal(RiskBand.Moderate, risk.Band);
    }

    [Fact]
    public void One_miss_out_of_one_is_smoothed_not_certain()
    {
        // (1 + 0.15 × 4) / (1 + 4) = 0.32
        var risk = NoShowRisk.Estimate(1, 1);

        Assert.Equal(0.32m, risk.Value);
        Assert.Equal(RiskBand.High, risk.Band);
    }

    [Fact]
    public void A_long_record_of_attendance_is_low_risk()
    {
        // (0 + 0.6) / (12 + 4) = 0.0375
        var risk = NoShowRisk.Estimate(12, 0);

        Assert.Equal(0.0375m, risk.Value);
        Assert.Equal(RiskBand.Low, risk.Band);
    }

    [Fact]
    public void History_outweighs_the_base_rate_as_it_grows()
    {
        Assert.True(NoShowRisk.Estimate(40, 20).Value > NoShowRisk.Estimate(4, 2).Value);
        Assert.Equal(RiskBand.High, NoShowRisk.Estimate(40, 20).Band);
    }

    [Fact]
    public void More_no_shows_than_appointments_is_refused()
    {
        Assert.Throws<BusinessRuleViolation>(() => NoShowRisk.Estimate(2, 3));
    }

    [Fact]
    public void The_rate_excludes_appointments_cancelled_in_time()
    {
        Assert.Equal(0.25m, NoShowRisk.Rate(scheduled: 10, cancelledInTime: 2, noShows: 2));
        Assert.Null(NoShowRisk.Rate(scheduled: 3, cancelledInTime: 3, noShows: 0));
    }
}
