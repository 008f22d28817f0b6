using System;
using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.Referrals;
using Xunit;
using static PatientJourney.Crm.Domain.Tests.Analytics.EventLogBuilder;

namespace PatientJourney.Crm.Domain.Tests.Analytics;

public class KpiTests
{
    private const double Day = 24;
    private readonly EventLogBuilder log = new();

    [Fact]
    public void Nps_and_top_box_follow_the_published_oracle()
    {
        // Scores 0..10, one each: promoters 9, 10; passives 7, 8; detractors 0–6 → 100 × (2 − 7) / 11 = −45.45…
        foreach (var score in Enumerable.Range(0, 11)) log.Log.Surveys.Add(new SurveyRecord { Id = Guid.NewGuid(), RespondedOn = At(1), Score = score });
        log.Log.Surveys.Add(new SurveyRecord { Id = Guid.NewGuid(), RespondedOn = At(1) });   // no score: not a response

        var kpis = log.Compute().Kpis;

        Assert.Equal((11, 2, 2, 7), (kpis.Nps.Responses, kpis.Nps.Promoters, kpis.Nps.Passives, kpis.Nps.Detractors));
        Assert.Equal(-45.5m, JourneyMetricsJson.Round(kpis.Nps.Score!.Value, 1));
        Assert.Equal((2, 11), (kpis.TopBox.Numerator, kpis.TopBox.Denominator));
    }

    [Fact]
    public void No_show_rate_excludes_cancellations_and_open_appointments()
    {
        foreach (var attendance in new[] { AppointmentAttendance.Fulfilled, AppointmentAttendance.Fulfilled, AppointmentAttendance.Arrived, AppointmentAttendance.NoShow,
                     AppointmentAttendance.CancelledByPatient, AppointmentAttendance.CancelledByProvider, AppointmentAttendance.Scheduled })
            log.Log.Appointments.Add(new AppointmentRecord { Id = Guid.NewGuid(), ScheduledStart = At(1), Attendance = attendance });

        var rate = log.Compute().Kpis.NoShowRate;

        Assert.Equal((1, 4), (rate.Numerator, rate.Denominator));   // 1 no-show ÷ (3 attended + 1 no-show)
        Assert.Equal(0.25m, rate.Value);
    }

    private void Referral(ReferralStatus status, double? submitted, double? responded = null, double? slaDue = null, string? source = null) =>
        log.Log.Referrals.Add(new ReferralRecord
        {
            Id = Guid.NewGuid(), Status = status, Source = source,
            SubmittedOn = submitted.HasValue ? At(submitted.Value) : null,
            FirstResponseOn = responded.HasValue ? At(responded.Value) : null,
            SlaDueOn = slaDue.HasValue ? At(slaDue.Value) : null,
        });

    [Fact]
    public void Referral_conversion_sla_first_response_and_sources()
    {
        // Monday (hour 0 = midnight), business hours Mon–Fri 08:00–18:00 UTC.
        Referral(ReferralStatus.Accepted, 9, responded: 11, slaDue: 12, source: "North Clinic");        // 2 h, 2 business h, in time
        Referral(ReferralStatus.Scheduled, 10, responded: 14, slaDue: 18, source: "North Clinic");      // 4 h, 4 business h, in time
        Referral(ReferralStatus.Completed, 16, responded: 46, slaDue: 40, source: "South GP");          // Tue 22:00: 30 h; 2 + 10 business h; late
        Referral(ReferralStatus.Rejected, 20);
        Referral(ReferralStatus.Expired, 21, source: " North Clinic ");
        Referral(ReferralStatus.Draft, null, source: "Never sent");                                    // not submitted: in no metric

        var metrics = log.Compute();
        var conversion = metrics.Kpis.ReferralConversion;

        Assert.Equal(5, conversion.Submitted);
        Assert.Equal(3, conversion.Accepted.Numerator);     // accepted, scheduled, completed
        Assert.Equal(2, conversion.Scheduled.Numerator);    // scheduled, completed
        Assert.Equal(1, conversion.Completed.Numerator);
        Assert.Equal(1, conversion.Rejected.Numerator);
        Assert.Equal(0, conversion.Cancelled.Numerator);
        Assert.Equal(1, conversion.Expired.Numerator);
        Assert.All(new[] { conversion.Accepted, conversion.Expired }, r => Assert.Equal(5, r.Denominator));
        Assert.Equal((2, 3), (metrics.Kpis.ReferralSlaAttainment.Numerator, metrics.Kpis.ReferralSlaAttainment.Denominator));
        var firstResponse = metrics.Durations.ReferralFirstResponse;
        Assert.Equal(3, firstResponse.Count);
        Assert.Equal(4m, firstResponse.MedianCalendarHours);   // 2, 4, 30
        Assert.Equal(4m, firstResponse.MedianBusinessHours);   // 2, 4, 12
        Assert.Equal(new[] { ("North Clinic", 3), ("South GP", 1), ("unspecified", 1) }, metrics.Kpis.ReferralsBySource.Select(s => (s.Source, s.Referrals)));
    }

    [Fact]
    public void Readmission_counts_only_discharges_whose_30_day_window_has_closed()
    {
        // B is during care, C post-care. As of day 60:
        //   patient 1: discharged day 5, enters B again on another journey on day 20 → readmitted
        //   patient 2: discharged day 10, nothing follows → window closed on day 40, not readmitted
        //   patient 3: discharged day 50 → window open until day 80: not yet counted
        var p1 = Guid.NewGuid();
        log.Journey(p1, JourneyStatus.Completed, (log.B, 0), (log.C, 5 * Day));
        log.Journey(p1, JourneyStatus.Active, (log.B, 20 * Day));
        log.Journey(Guid.NewGuid(), JourneyStatus.Completed, (log.B, 0), (log.C, 10 * Day));
        log.Journey(Guid.NewGuid(), JourneyStatus.Active, (log.B, 40 * Day), (log.C, 50 * Day));

        var readmission = log.Compute(asOfHours: 60 * Day).Kpis.Readmission30Day;

        Assert.Equal((1, 2), (readmission.Numerator, readmission.Denominator));
        Assert.Equal(0.5m, readmission.Value);
        // By day 80 the third window has closed too: 1 of 3.
        Assert.Equal(3, log.Compute(asOfHours: 80 * Day).Kpis.Readmission30Day.Denominator);
    }

    [Fact]
    public void A_post_care_stage_entered_from_another_post_care_or_as_the_first_stage_is_no_discharge()
    {
        var post2 = log.Stage("C2", 35, StagePhase.PostCare, null);
        log.Journey(JourneyStatus.Completed, (log.C, 0), (post2, 10));

        Assert.Equal(0, log.Compute().Kpis.Readmission30Day.Denominator);
    }

    [Fact]
    public void Follow_up_retention_looks_for_an_attended_appointment_within_90_days_of_discharge()
    {
        Guid Discharged(double day)
        {
            var patient = Guid.NewGuid();
            log.Journey(patient, JourneyStatus.Completed, (log.B, 0), (log.C, day * Day));
            return patient;
        }
        void Appointment(Guid patient, double day, AppointmentAttendance attendance) =>
            log.Log.Appointments.Add(new AppointmentRecord { Id = Guid.NewGuid(), PatientId = patient, ScheduledStart = At(day * Day), Attendance = attendance });

        Appointment(Discharged(5), 30, AppointmentAttendance.Fulfilled);    // 25 days after: retained
        Appointment(Discharged(10), 20, AppointmentAttendance.NoShow);      // not attended
        Appointment(Discharged(50), 200, AppointmentAttendance.Fulfilled);  // 150 days after: too late

        var retention = log.Compute().Kpis.FollowUpRetention;

        Assert.Equal((1, 3), (retention.Numerator, retention.Denominator));
    }

    [Fact]
    public void Follow_up_completion_counts_pending_past_due_and_suppression_is_of_messages()
    {
        void FollowUp(FollowUpStatus status, double dueHours, FollowUpKind kind = FollowUpKind.AutomatedMessage) =>
            log.Log.FollowUps.Add(new FollowUpRecord { Id = Guid.NewGuid(), Status = status, DueOn = At(dueHours), Kind = kind });

        FollowUp(FollowUpStatus.Completed, 1);
        FollowUp(FollowUpStatus.Completed, 2, FollowUpKind.StaffTask);
        FollowUp(FollowUpStatus.Failed, 3);
        FollowUp(FollowUpStatus.Pending, 4, FollowUpKind.StaffTask);   // past due (as of hour 100)
        FollowUp(FollowUpStatus.Pending, 200);                          // not yet due
        FollowUp(FollowUpStatus.Suppressed, 5);
        FollowUp(FollowUpStatus.Cancelled, 6, FollowUpKind.StaffTask);

        var kpis = log.Compute(asOfHours: 100).Kpis;

        Assert.Equal((2, 4), (kpis.FollowUpCompletion.Numerator, kpis.FollowUpCompletion.Denominator));   // 2 ÷ (2 + 1 failed + 1 past due)
        Assert.Equal((1, 4), (kpis.FollowUpSuppressed.Numerator, kpis.FollowUpSuppressed.Denominator));   // 1 suppressed of 4 messages
    }

    [Fact]
    public void Engagement_pain_points_and_new_patients()
    {
        var patient = Guid.NewGuid();
        var earlier = log.BareJourney(JourneyStatus.Completed, -100 * Day, patient: patient);   // before the period: not a new patient
        var later = log.Journey(patient, JourneyStatus.Active, (log.A, 0), (log.B, 10));
        var fresh = log.Journey(JourneyStatus.Active, (log.A, 1));
        void Touchpoint(JourneyRecord? journey, TouchpointChannel channel, TouchpointDirection direction, bool pain = false, Sentiment? sentiment = null, PainPointCategory? category = null, StageRecord? stage = null) =>
            log.Log.Touchpoints.Add(new TouchpointRecord
            {
                Id = Guid.NewGuid(), JourneyId = journey?.Id, OccurredOn = At(2), Channel = channel, Direction = direction,
                IsPainPoint = pain, Sentiment = sentiment, PainPointCategory = category, StageId = stage?.Id,
            });
        Touchpoint(later, TouchpointChannel.Phone, TouchpointDirection.Inbound, pain: true, Sentiment.Negative, PainPointCategory.WaitingTime, log.A);
        Touchpoint(fresh, TouchpointChannel.Phone, TouchpointDirection.Inbound, pain: true, Sentiment.Neutral, PainPointCategory.WaitingTime, log.A);
        Touchpoint(fresh, TouchpointChannel.Phone, TouchpointDirection.Inbound);
        Touchpoint(later, TouchpointChannel.Sms, TouchpointDirection.Outbound, pain: true);
        Touchpoint(earlier, TouchpointChannel.Email, TouchpointDirection.Outbound);
        log.Log.Surveys.Add(new SurveyRecord { Id = Guid.NewGuid(), JourneyId = later.Id, RespondedOn = At(3), Score = 3 });
        log.Log.Surveys.Add(new SurveyRecord { Id = Guid.NewGuid(), JourneyId = fresh.Id, RespondedOn = At(3), Score = 10 });

        var kpis = log.Compute(new MetricsFilter { From = At(-1), To = At(100) }).Kpis;

        // 4 of the 5 touchpoints are on the period's 2 journeys (the email is on the earlier journey): 4 ÷ 2.
        Assert.Equal((4, 2), (kpis.Engagement.TouchpointsPerJourney.Numerator, kpis.Engagement.TouchpointsPerJourney.Denominator));
        Assert.Equal(new[] { ("phone", "inbound", 3), ("email", "outbound", 1), ("sms", "outbound", 1) },
            kpis.Engagement.ByChannel.Select(c => (JourneyMetricsJson.ChoiceName(c.Channel), JourneyMetricsJson.ChoiceName(c.Direction), c.Touchpoints)));
        // Pain points: A/waitingTime twice (one negative; "later" has a detractor response), then no stage/other once.
        Assert.Equal(2, kpis.PainPoints.Count);
        var waiting = kpis.PainPoints[0];
        Assert.Equal((log.A.Id, "A", PainPointCategory.WaitingTime, 2, 1, 2, 1),
            (waiting.StageId!.Value, waiting.Stage, waiting.Category, waiting.Touchpoints, waiting.NegativeSentiment.Numerator, waiting.NegativeSentiment.Denominator, waiting.DetractorResponses));
        var other = kpis.PainPoints[1];
        Assert.Equal((null, PainPointCategory.Other, 1, 1), (other.StageId, other.Category, other.Touchpoints, other.DetractorResponses));
        Assert.Equal(1, kpis.NewPatients);   // the patient of "fresh"; the other's first journey is older
    }
}
