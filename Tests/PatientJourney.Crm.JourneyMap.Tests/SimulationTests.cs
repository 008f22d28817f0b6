using System;
using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.JourneyMap.Engine;
using PatientJourney.Crm.JourneyMap.Input;
using PatientJourney.Crm.JourneyMap.Simulation;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>journey-map simulate on the emulator with the shipped managed zip imported: deterministic for a seed, the reminder counterfactual, and the sandbox cross-check.</summary>
public sealed class SimulationTests
{
    private static readonly Lazy<SimulationResult> WithReminders = new(() => Simulate(reminders: true));

    private static SimulationResult Simulate(bool reminders, int patients = 40) =>
        new OrganisationSimulation(Exports.ShippedSolution, SimulationParameters.Load(SimulationParameters.DefaultFile), seed: 5, reminders).Run(patients, months: 4);

    [Fact]
    public void The_plug_ins_record_the_journeys_and_the_same_seed_gives_the_same_export()
    {
        var first = WithReminders.Value;
        Assert.True(first.StageVisits > first.Journeys, "the plug-ins recorded no stage moves");
        Assert.NotEmpty(first.Log.FollowUps);
        var again = Simulate(reminders: true);
        Assert.Equal(Metrics(first.Log), Metrics(again.Log));
    }

    /// <summary>The same seed draws the same chances; without reminders a draw between the two no-show rates becomes a no-show.</summary>
    [Fact]
    public void Without_reminders_more_appointments_are_missed()
    {
        var on = Exports.Report(Exports.Csv(Simulate(reminders: true, patients: 150).Log, "sim-on")).Metrics.Kpis.NoShowRate;
        var off = Exports.Report(Exports.Csv(Simulate(reminders: false, patients: 150).Log, "sim-off")).Metrics.Kpis.NoShowRate;
        Assert.Equal(on.Denominator, off.Denominator);
        Assert.True(off.Numerator > on.Numerator, $"no-shows with reminders {on.Numerator}, without {off.Numerator}");
    }

    [Fact]
    public void On_sandbox_data_the_engine_equals_the_domain_calculator()
    {
        var log = WithReminders.Value.Log;
        var engine = Exports.Report(Exports.Csv(log, "sim-cross"), new ReportOptions { AsOf = OrganisationSimulation.Start.AddMonths(4) });
        var domain = JourneyMetricsCalculator.Compute(log, new MetricsFilter(), OrganisationSimulation.Start.AddMonths(4),
            BusinessCalendarSettings.Parse(BusinessCalendarSettings.DefaultHours, null, TimeZoneInfo.Utc));
        Assert.True(engine.Metrics.Kpis.Nps.Responses > 0 && engine.Metrics.Kpis.ReferralConversion.Submitted > 0);
        Assert.Equal(JourneyMetricsJson.Write(domain), engine.MetricsJson);
    }

    private static string Metrics(JourneyEventLog log) => Exports.Report(Exports.Csv(log, "sim")).MetricsJson;
}
