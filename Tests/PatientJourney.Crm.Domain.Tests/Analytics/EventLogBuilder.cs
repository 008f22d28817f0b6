using System;
using System.Collections.Generic;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.Journeys;

namespace PatientJourney.Crm.Domain.Tests.Analytics;

/// <summary>Small event logs for the metric tests: one pathway of four stages, times in hours from a Monday.</summary>
internal sealed class EventLogBuilder
{
    /// <summary>Monday 30 November 2026, midnight UTC.</summary>
    public static readonly DateTime T0 = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    public static readonly BusinessCalendar Calendar = BusinessCalendarSettings.Parse("Mon-Fri 08:00-18:00", null, TimeZoneInfo.Utc);

    public readonly Guid Pathway = Guid.NewGuid();
    public readonly StageRecord A, B, C, D;
    public readonly JourneyEventLog Log = new();

    public EventLogBuilder()
    {
        A = Stage("A", 10, StagePhase.PreCare, 24);
        B = Stage("B", 20, StagePhase.DuringCare, 48);
        C = Stage("C", 30, StagePhase.PostCare, null);
        D = Stage("D", 40, StagePhase.Ongoing, 100);
    }

    public static DateTime At(double hours) => T0.AddHours(hours);

    public StageRecord Stage(string name, int sequence, StagePhase phase, decimal? targetHours, Guid? pathway = null)
    {
        var stage = new StageRecord { Id = Guid.NewGuid(), PathwayId = pathway ?? Pathway, Name = name, Sequence = sequence, Phase = phase, TargetHours = targetHours };
        Log.Stages.Add(stage);
        return stage;
    }

    /// <summary>A journey whose visits enter the given stages at the given hours; each visit exits when the next enters.</summary>
    public JourneyRecord Journey(JourneyStatus status, params (StageRecord Stage, double Hours)[] visits) =>
        Journey(Guid.NewGuid(), status, visits);

    public JourneyRecord Journey(Guid patient, JourneyStatus status, params (StageRecord Stage, double Hours)[] visits)
    {
        var journey = new JourneyRecord
        {
            Id = Guid.NewGuid(),
            PatientId = patient,
            PathwayId = visits.Length > 0 ? visits[0].Stage.PathwayId : Pathway,
            Status = status,
            StartedOn = visits.Length > 0 ? At(visits[0].Hours) : T0,
        };
        Log.Journeys.Add(journey);
        for (var i = 0; i < visits.Length; i++)
        {
            var last = i == visits.Length - 1;
            var closed = !last || status != JourneyStatus.Active;
            Log.StageVisits.Add(new StageVisitRecord
            {
                Id = Guid.NewGuid(),
                JourneyId = journey.Id,
                StageId = visits[i].Stage.Id,
                EnteredOn = At(visits[i].Hours),
                ExitedOn = last ? (closed ? At(visits[i].Hours) : null) : At(visits[i + 1].Hours),
            });
        }
        if (status == JourneyStatus.Completed) journey.CompletedOn = At(visits[visits.Length - 1].Hours);
        return journey;
    }

    public StageVisitRecord Visit(JourneyRecord journey, StageRecord stage, double enteredHours, double? exitedHours, bool overdue = false)
    {
        var visit = new StageVisitRecord { Id = Guid.NewGuid(), JourneyId = journey.Id, StageId = stage.Id, EnteredOn = At(enteredHours), ExitedOn = exitedHours.HasValue ? At(exitedHours.Value) : null, WasOverdue = overdue };
        Log.StageVisits.Add(visit);
        return visit;
    }

    public JourneyRecord BareJourney(JourneyStatus status, double startedHours, double? completedHours = null, Guid? patient = null, Guid? pathway = null)
    {
        var journey = new JourneyRecord
        {
            Id = Guid.NewGuid(),
            PatientId = patient ?? Guid.NewGuid(),
            PathwayId = pathway ?? Pathway,
            Status = status,
            StartedOn = At(startedHours),
            CompletedOn = completedHours.HasValue ? At(completedHours.Value) : null,
        };
        Log.Journeys.Add(journey);
        return journey;
    }

    public JourneyMetrics Compute(MetricsFilter? filter = null, double asOfHours = 24 * 365) =>
        JourneyMetricsCalculator.Compute(Log, filter ?? new MetricsFilter(), At(asOfHours), Calendar);
}
