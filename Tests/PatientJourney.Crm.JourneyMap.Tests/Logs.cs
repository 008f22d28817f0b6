using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.Referrals;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>Event logs for the tests: a small one worked by hand (answers in HandWorkedTests), and a seeded random one.</summary>
public static class Logs
{
    public static readonly DateTime Start = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc); // a Monday
    public static readonly DateTime AsOf = Start.AddDays(60);

    public static readonly Guid Pathway = Id(1, 1);
    public static readonly Guid StageA = Id(2, 1), StageB = Id(2, 2), StageC = Id(2, 3);
    public static readonly Guid J1 = Id(3, 1), J2 = Id(3, 2), J3 = Id(3, 3);
    public static readonly Guid P1 = Id(4, 1), P2 = Id(4, 2);

    public static Guid Id(int table, int n) => Guid.Parse($"{table:x8}-0000-4000-8000-{n:x12}");

    private static DateTime H(double hours) => Start.AddHours(hours);

    /// <summary>
    /// Stages A (pre-care), B (during care, target 10 h), C (post-care, target 5 h).
    /// J1 (P1, completed): A 0–2 h, B 2–12 h overdue, C 12–20 h. J2 (P2, dropped): A 0–4 h, B 4–8 h, A from 8 h, open.
    /// J3 (P1, active): B from day 20, open — P1's readmission after J1's discharge at 12 h.
    /// </summary>
    public static JourneyEventLog HandWorked()
    {
        var log = new JourneyEventLog();
        log.Stages.Add(new StageRecord { Id = StageA, PathwayId = Pathway, Name = "Referral triage", Sequence = 1, Phase = StagePhase.PreCare });
        log.Stages.Add(new StageRecord { Id = StageB, PathwayId = Pathway, Name = "Surgery", Sequence = 2, Phase = StagePhase.DuringCare, TargetHours = 10 });
        log.Stages.Add(new StageRecord { Id = StageC, PathwayId = Pathway, Name = "Rehabilitation, home", Sequence = 3, Phase = StagePhase.PostCare, TargetHours = 5 });
        log.Journeys.Add(new JourneyRecord { Id = J1, PatientId = P1, PathwayId = Pathway, Status = JourneyStatus.Completed, StartedOn = H(0), CompletedOn = H(20) });
        log.Journeys.Add(new JourneyRecord { Id = J2, PatientId = P2, PathwayId = Pathway, Status = JourneyStatus.Dropped, StartedOn = H(0) });
        log.Journeys.Add(new JourneyRecord { Id = J3, PatientId = P1, PathwayId = Pathway, Status = JourneyStatus.Active, StartedOn = H(480) });
        var n = 0;
        void Visit(Guid journey, Guid stage, double entered, double? exited, bool overdue = false) =>
            log.StageVisits.Add(new StageVisitRecord { Id = Id(5, ++n), JourneyId = journey, StageId = stage, EnteredOn = H(entered), ExitedOn = exited is { } x ? H(x) : null, WasOverdue = overdue });
        Visit(J1, StageA, 0, 2);
        Visit(J1, StageB, 2, 12, overdue: true);
        Visit(J1, StageC, 12, 20);
        Visit(J2, StageA, 0, 4);
        Visit(J2, StageB, 4, 8);
        Visit(J2, StageA, 8, null);
        Visit(J3, StageB, 480, null);

        // Referrals: R1 Monday 09:00 → 15:00 (6 h, 6 business h), SLA missed; R2 Friday 17:00 → Monday 09:00 (64 h,
        // 2 business h: Fri 17–18, Mon 08–09), SLA met; R3 never answered.
        log.Referrals.Add(new ReferralRecord { Id = Id(6, 1), Status = ReferralStatus.Accepted, SubmittedOn = H(9), FirstResponseOn = H(15), SlaDueOn = H(12), Source = "North GP", PathwayId = Pathway });
        log.Referrals.Add(new ReferralRecord { Id = Id(6, 2), Status = ReferralStatus.Rejected, SubmittedOn = H(4 * 24 + 17), FirstResponseOn = H(7 * 24 + 9), SlaDueOn = H(8 * 24 + 12), Source = "North GP", PathwayId = Pathway });
        log.Referrals.Add(new ReferralRecord { Id = Id(6, 3), Status = ReferralStatus.Expired, SubmittedOn = H(30), Source = "City Clinic, \"East\"", PathwayId = Pathway });
        log.Referrals.Add(new ReferralRecord { Id = Id(6, 4), Status = ReferralStatus.Draft, Source = "North GP", PathwayId = Pathway });

        log.Appointments.Add(new AppointmentRecord { Id = Id(7, 1), PatientId = P1, JourneyId = J1, ScheduledStart = H(240), Attendance = AppointmentAttendance.Fulfilled });
        log.Appointments.Add(new AppointmentRecord { Id = Id(7, 2), PatientId = P2, JourneyId = J2, ScheduledStart = H(6), Attendance = AppointmentAttendance.NoShow });
        log.Appointments.Add(new AppointmentRecord { Id = Id(7, 3), PatientId = P2, JourneyId = J2, ScheduledStart = H(7), Attendance = AppointmentAttendance.CancelledByPatient });
        log.Appointments.Add(new AppointmentRecord { Id = Id(7, 4), PatientId = P1, JourneyId = J1, ScheduledStart = H(3), Attendance = AppointmentAttendance.Arrived });

        log.Surveys.Add(new SurveyRecord { Id = Id(8, 1), JourneyId = J1, RespondedOn = H(30), Score = 10 });
        log.Surveys.Add(new SurveyRecord { Id = Id(8, 2), JourneyId = J1, RespondedOn = H(40), Score = 9 });
        log.Surveys.Add(new SurveyRecord { Id = Id(8, 3), JourneyId = J3, RespondedOn = Start.AddDays(32), Score = 7 });
        log.Surveys.Add(new SurveyRecord { Id = Id(8, 4), JourneyId = J2, RespondedOn = H(9), Score = 3 });

        log.FollowUps.Add(new FollowUpRecord { Id = Id(9, 1), JourneyId = J1, DueOn = H(50), Status = FollowUpStatus.Completed, Kind = FollowUpKind.AutomatedMessage });
        log.FollowUps.Add(new FollowUpRecord { Id = Id(9, 2), JourneyId = J1, DueOn = H(60), Status = FollowUpStatus.Failed, Kind = FollowUpKind.AutomatedMessage });
        log.FollowUps.Add(new FollowUpRecord { Id = Id(9, 3), JourneyId = J2, DueOn = H(70), Status = FollowUpStatus.Pending, Kind = FollowUpKind.StaffTask });
        log.FollowUps.Add(new FollowUpRecord { Id = Id(9, 4), JourneyId = J3, DueOn = Start.AddDays(90), Status = FollowUpStatus.Pending, Kind = FollowUpKind.StaffTask });
        log.FollowUps.Add(new FollowUpRecord { Id = Id(9, 5), JourneyId = J2, DueOn = H(80), Status = FollowUpStatus.Suppressed, Kind = FollowUpKind.AutomatedMessage });

        log.Touchpoints.Add(new TouchpointRecord { Id = Id(10, 1), JourneyId = J2, StageId = StageA, OccurredOn = H(1), Channel = TouchpointChannel.Sms, Direction = TouchpointDirection.Inbound, Sentiment = Sentiment.Negative, IsPainPoint = true, PainPointCategory = PainPointCategory.WaitingTime });
        log.Touchpoints.Add(new TouchpointRecord { Id = Id(10, 2), JourneyId = J2, StageId = StageA, OccurredOn = H(2), Channel = TouchpointChannel.Phone, Direction = TouchpointDirection.Outbound, Sentiment = Sentiment.Neutral, IsPainPoint = true, PainPointCategory = PainPointCategory.WaitingTime });
        log.Touchpoints.Add(new TouchpointRecord { Id = Id(10, 3), JourneyId = J1, StageId = StageB, OccurredOn = H(5), Channel = TouchpointChannel.Email, Direction = TouchpointDirection.Outbound, Sentiment = Sentiment.Positive });
        log.Touchpoints.Add(new TouchpointRecord { Id = Id(10, 4), OccurredOn = H(6), Channel = TouchpointChannel.Web, Direction = TouchpointDirection.Inbound });
        return log;
    }

    /// <summary>A seeded random organisation: two pathways, rework, drop-outs, open visits, every event kind.</summary>
    public static JourneyEventLog Random(int journeys, int seed)
    {
        var random = new Random(seed);
        var log = new JourneyEventLog();
        var n = 0;
        Guid Next(int table) => Id(table, ++n);
        var pathways = new[] { Next(1), Next(1) };
        var stagesByPathway = pathways.ToDictionary(p => p, p => Enumerable.Range(1, 5).Select(s => new StageRecord
        {
            Id = Next(2), PathwayId = p, Name = $"Stage {s}" + (p == pathways[1] ? "b" : string.Empty), Sequence = s * 10,
            Phase = (StagePhase)(s - 1), TargetHours = s == 1 ? null : 24 * s,
        }).ToList());
        log.Stages.AddRange(stagesByPathway.Values.SelectMany(s => s));
        var patients = Enumerable.Range(0, journeys / 2 + 1).Select(_ => Next(4)).ToList();
        for (var j = 0; j < journeys; j++)
        {
            var pathway = pathways[random.Next(2)];
            var stages = stagesByPathway[pathway];
            var started = Start.AddMinutes(random.Next(0, 120 * 24 * 60));
            var status = (JourneyStatus)random.Next(5);
            var journey = new JourneyRecord { Id = Next(3), PatientId = patients[random.Next(patients.Count)], PathwayId = pathway, Status = status, StartedOn = started };
            var at = started;
            var index = 0;
            var visits = random.Next(0, 8);
            for (var v = 0; v < visits; v++)
            {
                var stay = TimeSpan.FromMinutes(random.Next(30, 14 * 24 * 60));
                var open = v == visits - 1 && status != JourneyStatus.Completed;
                log.StageVisits.Add(new StageVisitRecord { Id = Next(5), JourneyId = journey.Id, StageId = stages[index].Id, EnteredOn = at, ExitedOn = open ? null : at + stay, WasOverdue = random.Next(4) == 0 });
                at += stay;
                index = random.Next(5) == 0 ? Math.Max(0, index - 1) : Math.Min(stages.Count - 1, index + 1);
            }
            if (status == JourneyStatus.Completed) journey.CompletedOn = at;
            log.Journeys.Add(journey);
            for (var t = random.Next(4); t > 0; t--)
            {
                log.Touchpoints.Add(new TouchpointRecord
                {
                    Id = Next(10), JourneyId = random.Next(6) == 0 ? null : journey.Id, StageId = random.Next(3) == 0 ? null : stages[random.Next(5)].Id,
                    OccurredOn = started.AddHours(random.Next(500)), Channel = random.Next(8) == 0 ? null : (TouchpointChannel)random.Next(7),
                    Direction = (TouchpointDirection)random.Next(3), Sentiment = (Sentiment)random.Next(3), IsPainPoint = random.Next(3) == 0,
                    PainPointCategory = random.Next(5) == 0 ? null : (PainPointCategory)random.Next(6),
                });
            }
            if (random.Next(2) == 0)
            {
                var submitted = started.AddMinutes(-random.Next(60, 20000));
                log.Referrals.Add(new ReferralRecord
                {
                    Id = Next(6), JourneyId = journey.Id, PathwayId = random.Next(3) == 0 ? null : pathway, Status = (ReferralStatus)random.Next(1, 8),
                    SubmittedOn = submitted, FirstResponseOn = random.Next(4) == 0 ? null : submitted.AddMinutes(random.Next(10, 9000)),
                    SlaDueOn = submitted.AddHours(random.Next(2, 100)), Source = random.Next(5) == 0 ? null : "Practice " + random.Next(4),
                });
            }
            for (var a = random.Next(3); a > 0; a--)
            {
                log.Appointments.Add(new AppointmentRecord
                {
                    Id = Next(7), PatientId = random.Next(4) == 0 ? null : journey.PatientId, JourneyId = journey.Id,
                    ScheduledStart = started.AddHours(random.Next(2000)), Attendance = (AppointmentAttendance)random.Next(8),
                });
            }
            if (random.Next(2) == 0) log.Surveys.Add(new SurveyRecord { Id = Next(8), JourneyId = journey.Id, RespondedOn = started.AddHours(random.Next(1000)), Score = random.Next(10) == 0 ? null : random.Next(11) });
            for (var f = random.Next(3); f > 0; f--)
            {
                log.FollowUps.Add(new FollowUpRecord { Id = Next(9), JourneyId = journey.Id, DueOn = started.AddHours(random.Next(3000)), Status = (FollowUpStatus)random.Next(6), Kind = (FollowUpKind)random.Next(2) });
            }
        }
        return log;
    }
}
