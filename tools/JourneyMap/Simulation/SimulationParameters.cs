using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PatientJourney.Crm.JourneyMap.Simulation;

/// <summary>A rate of the simulation with where it comes from (a published source, or "assumption").</summary>
public sealed class Rate
{
    public double Value { get; set; }
    public string Source { get; set; } = "";
}

/// <summary>The simulation's rates, read from simulation.yaml; every one must name its source.</summary>
public sealed class SimulationParameters
{
    public Rate NoShowBase { get; set; } = new();
    public Rate ReminderAttendanceOddsRatio { get; set; } = new();
    public Rate Cancellation { get; set; } = new();
    public Rate ReminderDelivery { get; set; } = new();
    public Rate ReferralAcceptance { get; set; } = new();
    public Rate ReferralUrgentShare { get; set; } = new();
    public Rate ReferralFirstResponseHoursMean { get; set; } = new();
    public Rate JourneyDropOut { get; set; } = new();
    public Rate Rework { get; set; } = new();
    public Rate StageOverrun { get; set; } = new();
    public Rate ReadmissionHighRisk { get; set; } = new();
    public Rate ReadmissionLowRisk { get; set; } = new();
    public Rate HighRiskShare { get; set; } = new();
    public Rate SurveyResponse { get; set; } = new();
    public Rate PromoterShare { get; set; } = new();
    public Rate DetractorShare { get; set; } = new();
    public Rate TouchpointsPerStage { get; set; } = new();
    public Rate PainPointShare { get; set; } = new();

    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "simulation.yaml");

    public static SimulationParameters Load(string path)
    {
        var parameters = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<SimulationParameters>(File.ReadAllText(path)) ?? throw new ArgumentException($"{path}: the parameter file is empty.");
        foreach (var (name, rate) in parameters.All())
        {
            if (string.IsNullOrWhiteSpace(rate.Source)) throw new ArgumentException($"{path}: the rate {name} has no source; name its source or write \"assumption\".");
        }
        return parameters;
    }

    /// <summary>The no-show probability: the base rate, or with reminders the base rate's attendance odds times the reminder odds ratio.</summary>
    public double NoShowProbability(bool reminders)
    {
        if (!reminders) return NoShowBase.Value;
        var attendanceOdds = (1 - NoShowBase.Value) / NoShowBase.Value * ReminderAttendanceOddsRatio.Value;
        return 1 / (1 + attendanceOdds);
    }

    private IEnumerable<(string, Rate)> All()
    {
        foreach (var property in typeof(SimulationParameters).GetProperties())
        {
            if (property.GetValue(this) is Rate rate) yield return (property.Name, rate);
        }
    }
}
