using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetJourneyMetrics;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>Custom API pj_GetJourneyMetrics through the emulator, with the registration that ships.</summary>
public class JourneyMetricsScenarios : ScenarioTest
{
    private readonly Pathway hip;
    private readonly Pathway diabetes;

    public JourneyMetricsScenarios()
    {
        hip = env.CreateHipPathway();
        foreach (var (from, to) in new[] { ("Referral", "Assessment"), ("Assessment", "Surgery"), ("Surgery", "Recovery"), ("Recovery", "Discharged"), ("Assessment", "Referral") })
            env.AddTransition(hip, from, to);
        diabetes = env.CreatePathway("Diabetes care", new StageSpec("Screening", 10, 30 * 24, Phase: PathwayStageTable.PhaseOptions.PreCare),
            new StageSpec("Education", 20, 60 * 24, Phase: PathwayStageTable.PhaseOptions.Ongoing));
    }

    private static OrganizationRequest Request(EntityReference? pathway = null, object? from = null, object? to = null, object? topVariants = null)
    {
        var request = new OrganizationRequest(Api.MessageName);
        if (pathway != null) request[Api.InPathway] = pathway;
        if (from != null) request[Api.InFrom] = from;
        if (to != null) request[Api.InTo] = to;
        if (topVariants != null) request[Api.InTopVariants] = topVariants;
        return request;
    }

    private string Metrics(OrganizationRequest request) => Assert.IsType<string>(env.Service.Execute(request).Results[Api.OutMetricsJson]);

    private void Days(double days) => env.Emulator.Clock.Advance(TimeSpan.FromDays(days));

    /// <summary>
    /// Four patients on two pathways through the shipped plug-ins: a hip journey to discharge and a readmission, a hip
    /// journey with rework that is dropped, a diabetes journey still open; referrals, appointments, surveys and pain points.
    /// </summary>
    private void DriveAnOrganisation()
    {
        var first = env.CreatePatient();
        var second = env.CreatePatient();
        var third = env.CreatePatient();

        var completed = env.StartJourney(first, hip);
        var reworked = env.StartJourney(second, hip);
        Days(3);
        env.MoveJourney(completed, hip, "Assessment");
        env.MoveJourney(reworked, hip, "Assessment");
        Days(2);
        env.MoveJourney(reworked, hip, "Referral", "Missing imaging");
        env.MoveJourney(completed, hip, "Surgery");
        var review = env.BookAppointment(first, env.Now.AddDays(20), completed);
        Days(2);
        env.MoveJourney(completed, hip, "Recovery");           // discharge: during care → post-care
        env.SetJourneyStatus(reworked, JourneyTable.StatusOptions.Dropped);
        env.Service.Create(new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Call about waiting",
            [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, second),
            [TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, reworked),
            [TouchpointTable.StageId] = hip.Stage("Referral"),
            [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Call),
            [TouchpointTable.Channel] = new OptionSetValue(Choices.Channel.Phone),
            [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Inbound),
            [TouchpointTable.OccurredOn] = env.Now,
            [TouchpointTable.Sentiment] = new OptionSetValue(TouchpointTable.SentimentOptions.Negative),
            [TouchpointTable.IsPainPoint] = true,
            [TouchpointTable.PainPointCategory] = new OptionSetValue(TouchpointTable.PainPointCategoryOptions.WaitingTime),
            [TouchpointTable.Notes] = CareData.ClinicalMarker,
        });
        env.RecordSurvey(second, 3, reworked, CareData.ClinicalMarker);
        Days(5);
        env.MoveJourney(completed, hip, "Discharged");
        env.RecordSurvey(first, 10, completed);
        var diabetesJourney = env.StartJourney(third, diabetes);
        Days(10);
        env.SetAttendance(review, AppointmentTable.AttendanceOptions.Fulfilled);
        var missed = env.BookAppointment(third, env.Now.AddDays(1), diabetesJourney);
        Days(2);
        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);
        var readmitted = env.StartJourney(first, hip, "Surgery");   // 19 days after the discharge
        env.RecordSurvey(third, 8, diabetesJourney);
        var referral = env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Diabetes referral",
            [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, third),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine),
            [ReferralTable.ReferringOrganization] = "North Clinic",
            [ReferralTable.Reason] = CareData.ClinicalMarker,
        });
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted) });
        Days(1);
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Accepted) });
        Days(40);
        env.MoveJourney(readmitted, hip, "Recovery");
        env.Emulator.ClearLog();
    }

    [Fact]
    public void The_API_returns_the_Domain_computation_on_the_same_rows()
    {
        DriveAnOrganisation();

        var json = Metrics(Request());

        Assert.Equal(Expected(new MetricsFilter()), json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(4, root.GetProperty("totals").GetProperty("journeys").GetInt32());
        Assert.Equal(3, root.GetProperty("totals").GetProperty("patients").GetInt32());
        var kpis = root.GetProperty("kpis");
        Assert.Equal(3, kpis.GetProperty("nps").GetProperty("responses").GetInt32());
        Assert.Equal("1", kpis.GetProperty("readmission30Day").GetProperty("numerator").GetRawText());
        Assert.Equal(1, kpis.GetProperty("noShowRate").GetProperty("numerator").GetInt32());
        var rework = root.GetProperty("stageMap").GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("isRework").GetBoolean());
        Assert.Equal(("Assessment", "Referral"), (rework.GetProperty("from").GetString(), rework.GetProperty("to").GetString()));
        Assert.DoesNotContain(CareData.ClinicalMarker, json, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The journey-map control's browser test draws this response (Solution/controls/browser-test/journey-metrics.json).
    /// The committed file must equal what the API returns now; PJ_UPDATE_FIXTURES=1 rewrites it.
    /// </summary>
    [Fact]
    public void The_hip_pathway_response_is_the_journey_map_browser_tests_fixture()
    {
        DriveAnOrganisation();

        var json = Metrics(Request(hip.Reference));

        var path = System.IO.Path.Combine(PatientJourney.Crm.Testing.RepoPaths.Root, "Solution", "controls", "browser-test", "journey-metrics.json");
        if (Environment.GetEnvironmentVariable("PJ_UPDATE_FIXTURES") == "1") System.IO.File.WriteAllText(path, json);
        // Record ids differ from run to run; the fixture matches when everything else does and ids correspond one to one.
        Assert.Equal(WithIdsInOrder(json), WithIdsInOrder(System.IO.File.ReadAllText(path)));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(5, document.RootElement.GetProperty("stageMap").GetProperty("nodes").GetArrayLength());
    }

    private static string WithIdsInOrder(string json)
    {
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        return System.Text.RegularExpressions.Regex.Replace(json, "[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}",
            m => "id" + (ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = ids.Count));
    }

    [Fact]
    public void A_pathway_and_period_filter_gives_the_Domain_computation_on_the_same_rows()
    {
        DriveAnOrganisation();
        var filter = new MetricsFilter { PathwayId = hip.Id, From = ScenarioEnvironment.Start, To = ScenarioEnvironment.Start.AddDays(20), TopVariants = 3 };

        var json = Metrics(Request(hip.Reference, filter.From, filter.To, filter.TopVariants));

        Assert.Equal(Expected(filter), json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetProperty("totals").GetProperty("journeys").GetInt32());   // the readmission journey starts on day 24
        Assert.Equal(hip.Id, document.RootElement.GetProperty("filter").GetProperty("pathwayId").GetGuid());
    }

    [Fact]
    public void A_period_alone_also_reads_the_during_care_visits_a_readmission_window_reaches()
    {
        DriveAnOrganisation();
        var filter = new MetricsFilter { From = ScenarioEnvironment.Start, To = ScenarioEnvironment.Start.AddDays(10) };

        var json = Metrics(Request(from: filter.From, to: filter.To));

        Assert.Equal(Expected(filter), json);
        using var document = JsonDocument.Parse(json);
        var readmission = document.RootElement.GetProperty("kpis").GetProperty("readmission30Day");
        // The discharge on day 7 is in the period; the readmission (Surgery on day 24) is past it, read by the second visit query.
        Assert.Equal((1, 1), (readmission.GetProperty("numerator").GetInt32(), readmission.GetProperty("denominator").GetInt32()));
        var execution = env.Emulator.LastRequest.PluginExecutions.Single(e => e.PluginType.EndsWith("GetJourneyMetrics", StringComparison.Ordinal));
        Assert.Equal(10, execution.ServiceCalls);   // settings, stages, journeys, 2 visit queries, 5 other tables: 1 page each
    }

    [Fact]
    public void It_reads_twenty_thousand_stage_visits_in_a_fixed_number_of_paged_queries()
    {
        // 1,000 journeys through the pipeline (each opens its first visit), then 19 more visits each, written directly
        // (no step is registered on stage history): 20,000 visits.
        var stages = hip.Stages.Values.ToArray();
        for (var i = 0; i < 1000; i++)
        {
            var journey = env.StartJourney(env.CreatePatient(), hip);
            for (var v = 1; v < 20; v++)
            {
                env.System.Create(new Entity(JourneyStageHistoryTable.LogicalName)
                {
                    [JourneyStageHistoryTable.Name] = "Visit",
                    [JourneyStageHistoryTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journey),
                    [JourneyStageHistoryTable.StageId] = new EntityReference(PathwayStageTable.LogicalName, stages[v % stages.Length]),
                    [JourneyStageHistoryTable.EnteredOn] = env.Now.AddHours(v),
                    [JourneyStageHistoryTable.ExitedOn] = env.Now.AddHours(v + 1),
                });
            }
        }
        Assert.Equal(20000, env.Count(JourneyStageHistoryTable.LogicalName));
        env.Emulator.ClearLog();

        var json = Metrics(Request());

        var execution = env.Emulator.LastRequest.PluginExecutions.Single(e => e.PluginType.EndsWith("GetJourneyMetrics", StringComparison.Ordinal));
        // Settings (1), stages (1), journeys (1), stage visits (4 pages of 5,000), referrals, appointments, follow-ups,
        // surveys, touchpoints (1 each).
        Assert.Equal(12, execution.ServiceCalls);
        Assert.Contains(execution.TraceLines, l => l.Contains("stage visits", StringComparison.Ordinal) && l.Contains("20000 stage visits", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(20000, document.RootElement.GetProperty("totals").GetProperty("stageVisits").GetInt32());
    }

    [Fact]
    public void Above_the_limit_it_refuses_and_points_to_the_offline_journey_map()
    {
        var stage = new EntityReference(PathwayStageTable.LogicalName, hip.Stages["Referral"]);
        var journey = new EntityReference(JourneyTable.LogicalName, env.StartJourney(env.CreatePatient(), hip));
        for (var v = 0; v < JourneyMetricsLimits.MaxStageVisitsPerCall; v++)
            env.System.Create(new Entity(JourneyStageHistoryTable.LogicalName)
            {
                [JourneyStageHistoryTable.JourneyId] = journey,
                [JourneyStageHistoryTable.StageId] = stage,
                [JourneyStageHistoryTable.EnteredOn] = env.Now.AddMinutes(v),
            });
        env.Emulator.ClearLog();

        var error = env.Refused(() => env.Service.Execute(Request()), "more than 50,000 stage visits");

        Assert.Contains("journey-map report", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Above_the_limit_of_rows_in_all_it_refuses_too()
    {
        var patient = new EntityReference(ContactTable.LogicalName, env.CreatePatient());
        for (var i = 0; i <= JourneyMetricsLimits.MaxRowsPerCall; i++)
            env.System.Create(new Entity(FollowUpTable.LogicalName)
            {
                [FollowUpTable.PatientId] = patient,
                [FollowUpTable.Kind] = new OptionSetValue(Choices.FollowUpKind.StaffTask),
                [FollowUpTable.Type] = new OptionSetValue(Choices.FollowUpType.RiskCall),
                [FollowUpTable.DueOn] = env.Now.AddMinutes(i),
            });
        env.Emulator.ClearLog();

        var error = env.Refused(() => env.Service.Execute(Request()), "more than 75,000 rows");

        Assert.Contains("journey-map report", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pathway")]
    [InlineData("period")]
    [InlineData("top")]
    [InlineData("missing")]
    public void Bad_input_is_refused_with_what_to_fix(string what)
    {
        var request = what switch
        {
            "pathway" => Request(new EntityReference(ContactTable.LogicalName, Guid.NewGuid())),
            "period" => Request(from: env.Now, to: env.Now.AddDays(-1)),
            "top" => Request(topVariants: 0),
            _ => Request(new EntityReference(CarePathwayTable.LogicalName, Guid.NewGuid())),
        };

        var expected = what switch
        {
            "pathway" => "must be a care pathway",
            "period" => "From must be earlier than its To",
            "top" => "Top variants must be between 1 and 100",
            _ => "does not exist or you do not have access to it",
        };
        env.Refused(() => env.Service.Execute(request), expected);
    }

    // ---- the oracle: the same rows, read straight from the store, through the Domain computation ------------------

    private const int FirstOption = 827410000;

    private static TEnum Choice<TEnum>(Entity row, string column, TEnum whenEmpty) where TEnum : struct, Enum =>
        row.GetAttributeValue<OptionSetValue>(column) is { } option ? (TEnum)(object)(option.Value - FirstOption) : whenEmpty;

    private static TEnum? OptionalChoice<TEnum>(Entity row, string column) where TEnum : struct, Enum =>
        row.GetAttributeValue<OptionSetValue>(column) is { } option ? (TEnum)(object)(option.Value - FirstOption) : null;

    private static Guid? Ref(Entity row, string column) => row.GetAttributeValue<EntityReference>(column)?.Id;

    private static DateTime? At(Entity row, string column) => row.Contains(column) ? DateTime.SpecifyKind(row.GetAttributeValue<DateTime>(column), DateTimeKind.Utc) : null;

    private string Expected(MetricsFilter filter)
    {
        var log = new JourneyEventLog();
        log.Stages.AddRange(env.Emulator.Rows(PathwayStageTable.LogicalName).Select(r => new StageRecord
        {
            Id = r.Id, PathwayId = Ref(r, PathwayStageTable.PathwayId)!.Value, Name = r.GetAttributeValue<string>(PathwayStageTable.Name),
            Sequence = r.GetAttributeValue<int>(PathwayStageTable.Sequence), Phase = OptionalChoice<StagePhase>(r, PathwayStageTable.Phase),
            TargetHours = r.Contains(PathwayStageTable.TargetDurationHours) ? r.GetAttributeValue<int>(PathwayStageTable.TargetDurationHours) : null,
        }));
        log.Journeys.AddRange(env.Emulator.Rows(JourneyTable.LogicalName).Select(r => new JourneyRecord
        {
            Id = r.Id, PatientId = Ref(r, JourneyTable.PatientId)!.Value, PathwayId = Ref(r, JourneyTable.PathwayId)!.Value,
            Status = Choice(r, JourneyTable.Status, JourneyStatus.Active), StartedOn = (At(r, JourneyTable.StartedOn) ?? At(r, JourneyTable.CreatedOn))!.Value,
            CompletedOn = At(r, JourneyTable.CompletedOn),
        }));
        log.StageVisits.AddRange(env.Emulator.Rows(JourneyStageHistoryTable.LogicalName).Select(r => new StageVisitRecord
        {
            Id = r.Id, JourneyId = Ref(r, JourneyStageHistoryTable.JourneyId)!.Value, StageId = Ref(r, JourneyStageHistoryTable.StageId)!.Value,
            EnteredOn = At(r, JourneyStageHistoryTable.EnteredOn)!.Value, ExitedOn = At(r, JourneyStageHistoryTable.ExitedOn),
            WasOverdue = r.GetAttributeValue<bool>(JourneyStageHistoryTable.WasOverdue),
        }));
        log.Referrals.AddRange(env.Emulator.Rows(ReferralTable.LogicalName).Select(r => new ReferralRecord
        {
            Id = r.Id, PathwayId = Ref(r, ReferralTable.PathwayId), JourneyId = Ref(r, ReferralTable.JourneyId),
            Status = Choice(r, ReferralTable.Status, ReferralStatus.Draft), SubmittedOn = At(r, ReferralTable.SubmittedOn),
            FirstResponseOn = At(r, ReferralTable.FirstResponseOn), SlaDueOn = At(r, ReferralTable.SlaDueOn),
            Source = r.GetAttributeValue<string>(ReferralTable.ReferringOrganization) ?? r.GetAttributeValue<string>(ReferralTable.ReferringProvider),
        }));
        log.Appointments.AddRange(env.Emulator.Rows(AppointmentTable.LogicalName).Where(r => r.Contains(AppointmentTable.ScheduledStart)).Select(r => new AppointmentRecord
        {
            Id = r.Id, PatientId = Ref(r, AppointmentTable.PatientId), JourneyId = Ref(r, AppointmentTable.JourneyId),
            ScheduledStart = At(r, AppointmentTable.ScheduledStart)!.Value, Attendance = OptionalChoice<AppointmentAttendance>(r, AppointmentTable.Attendance),
        }));
        log.FollowUps.AddRange(env.Emulator.Rows(FollowUpTable.LogicalName).Where(r => r.Contains(FollowUpTable.DueOn)).Select(r => new FollowUpRecord
        {
            Id = r.Id, JourneyId = Ref(r, FollowUpTable.JourneyId), DueOn = At(r, FollowUpTable.DueOn)!.Value,
            Status = Choice(r, FollowUpTable.Status, FollowUpStatus.Pending), Kind = OptionalChoice<FollowUpKind>(r, FollowUpTable.Kind),
        }));
        log.Surveys.AddRange(env.Emulator.Rows(SurveyResponseTable.LogicalName).Where(r => r.Contains(SurveyResponseTable.RespondedOn)).Select(r => new SurveyRecord
        {
            Id = r.Id, JourneyId = Ref(r, SurveyResponseTable.JourneyId), RespondedOn = At(r, SurveyResponseTable.RespondedOn)!.Value,
            Score = r.Contains(SurveyResponseTable.Score) ? r.GetAttributeValue<int>(SurveyResponseTable.Score) : null,
        }));
        log.Touchpoints.AddRange(env.Emulator.Rows(TouchpointTable.LogicalName).Where(r => r.Contains(TouchpointTable.OccurredOn)).Select(r => new TouchpointRecord
        {
            Id = r.Id, JourneyId = Ref(r, TouchpointTable.JourneyId), StageId = Ref(r, TouchpointTable.StageId), OccurredOn = At(r, TouchpointTable.OccurredOn)!.Value,
            Channel = OptionalChoice<TouchpointChannel>(r, TouchpointTable.Channel), Direction = OptionalChoice<TouchpointDirection>(r, TouchpointTable.Direction),
            Sentiment = OptionalChoice<Sentiment>(r, TouchpointTable.Sentiment), IsPainPoint = r.GetAttributeValue<bool>(TouchpointTable.IsPainPoint),
            PainPointCategory = OptionalChoice<PainPointCategory>(r, TouchpointTable.PainPointCategory),
        }));
        var calendar = BusinessCalendarSettings.Parse(BusinessCalendarSettings.DefaultHours, null, TimeZoneInfo.Utc);
        return JourneyMetricsJson.Write(JourneyMetricsCalculator.Compute(log, filter, env.Now, calendar));
    }
}
