using System;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetPatientTimeline;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Custom API pj_GetPatientTimeline through the emulator, with the registration that ships, read by the care
/// coordinator of the north clinic who runs the patient's journeys and records their touchpoints. The rows come from
/// the people who make them: the front desk registers the patient and books appointments, the referral coordinator
/// creates referrals; the pathway is the administrator's.
/// </summary>
public class TimelineScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Guid coordinator;
    private readonly Guid referralCoordinator;
    private readonly Guid frontDesk;
    private readonly Pathway hip;
    private readonly Guid patient;

    public TimelineScenarios()
    {
        hip = env.CreateHipPathway();
        org = new Organisation(env);
        coordinator = org.StaffMember("Care coordinator", org.NorthClinic, "Carla");
        referralCoordinator = org.StaffMember("Referral coordinator", org.NorthClinic, "Rhys");
        frontDesk = org.StaffMember("Front desk", org.NorthClinic, "Desmond");
        env.ActAs(frontDesk);
        patient = env.CreatePatient();
        env.ActAs(coordinator);
    }

    /// <summary>One act by another member of staff (who makes such rows in reality); then the coordinator carries on.</summary>
    private T As<T>(Guid user, Func<T> act)
    {
        env.ActAs(user);
        try { return act(); }
        finally { env.ActAs(coordinator); }
    }

    private Guid NewPatient() => As(frontDesk, () => env.CreatePatient());

    private static OrganizationRequest Request(EntityReference? patient, object? from = null, object? to = null)
    {
        var request = new OrganizationRequest(Api.MessageName);
        if (patient != null) request[Api.InPatient] = patient;
        if (from != null) request[Api.InFrom] = from;
        if (to != null) request[Api.InTo] = to;
        return request;
    }

    private JsonElement[] Timeline(Guid patientId, DateTime? from = null, DateTime? to = null)
    {
        var response = env.Service.Execute(Request(new EntityReference(ContactTable.LogicalName, patientId), from, to));
        var json = Assert.IsType<string>(response.Results[Api.OutTimelineJson]);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private Guid Touchpoint(Guid patientId, DateTime occurredOn, string summary = "Phone call")
    {
        return env.Service.Create(new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Call",
            [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
            [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Call),
            [TouchpointTable.Channel] = new OptionSetValue(Choices.Channel.Phone),
            [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Inbound),
            [TouchpointTable.OccurredOn] = occurredOn,
            [TouchpointTable.Summary] = summary,
            [TouchpointTable.Notes] = CareData.ClinicalMarker,
        });
    }

    private Guid Referral(Guid patientId) => As(referralCoordinator, () => env.Service.Create(new Entity(ReferralTable.LogicalName)
    {
        [ReferralTable.Name] = "Orthopaedic referral",
        [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
        [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine),
        [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted),
        [ReferralTable.Reason] = CareData.ClinicalMarker,
    }));

    private Guid Appointment(Guid patientId, DateTime start, Guid? journeyId = null)
    {
        var appointment = new Entity(AppointmentTable.LogicalName)
        {
            [AppointmentTable.Subject] = "Pre-op assessment",
            [AppointmentTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
            [AppointmentTable.ScheduledStart] = start,
            [AppointmentTable.ScheduledEnd] = start.AddMinutes(30),
        };
        if (journeyId.HasValue) appointment[AppointmentTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId.Value);
        return As(frontDesk, () => env.Service.Create(appointment));
    }

    private static DateTime Start(JsonElement entry) => DateTime.Parse(entry.GetProperty("start").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void The_timeline_shows_every_kind_of_record_in_time_order()
    {
        var referralId = Referral(patient);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        var appointmentId = Appointment(patient, env.Now.AddDays(3), journeyId);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        env.MoveJourney(journeyId, hip, "Assessment", CareData.ClinicalMarker);

        var all = Timeline(patient);

        Assert.True(all.Zip(all.Skip(1)).All(pair => Start(pair.First) <= Start(pair.Second)), "entries out of time order");
        // The referral's two status updates, the appointment's two reminders (SurveyTimelineScenarios looks at them) and,
        // as it is the journey's first appointment, its welcome and directions.
        Assert.Equal(6, all.Count(e => e.GetProperty("kind").GetString() == "followUp"));
        var entries = all.Where(e => e.GetProperty("kind").GetString() != "followUp").ToArray();
        var kinds = entries.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(new[] { "referral", "touchpoint", "journey", "stageVisit", "stageVisit", "touchpoint", "appointment" }, kinds);

        var referral = entries[0];
        Assert.Equal(referralId, referral.GetProperty("id").GetGuid());
        Assert.Equal(ReferralTable.LogicalName, referral.GetProperty("table").GetString());
        Assert.Equal(ScenarioEnvironment.Start, Start(referral));
        Assert.True(referral.GetProperty("open").GetBoolean());
        Assert.Equal(ReferralTable.StatusOptions.Submitted, referral.GetProperty("status").GetInt32());

        var journey = entries[2];
        Assert.Equal(journeyId, journey.GetProperty("id").GetGuid());
        Assert.Equal("Hip journey", journey.GetProperty("title").GetString());
        Assert.Equal(hip.Stages["Assessment"], journey.GetProperty("currentStageId").GetGuid());
        Assert.Equal("Assessment", journey.GetProperty("currentStage").GetString());
        Assert.Equal(JourneyTable.StatusOptions.Active, journey.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, journey.GetProperty("end").ValueKind);

        var firstVisit = entries[3];
        Assert.Equal("Referral", firstVisit.GetProperty("title").GetString());
        Assert.Equal(journeyId, firstVisit.GetProperty("journeyId").GetGuid());
        Assert.False(firstVisit.GetProperty("open").GetBoolean());
        Assert.Equal(72m, firstVisit.GetProperty("durationHours").GetDecimal());
        Assert.Equal(PathwayStageTable.PhaseOptions.PreCare, firstVisit.GetProperty("phase").GetInt32());
        Assert.Equal("Assessment", entries[4].GetProperty("title").GetString());
        Assert.True(entries[4].GetProperty("open").GetBoolean());

        var stageChange = entries[5];
        Assert.Equal(TouchpointTable.TypeOptions.StageChange, stageChange.GetProperty("type").GetInt32());
        Assert.Equal(journeyId, stageChange.GetProperty("journeyId").GetGuid());

        var appointment = entries[6];
        Assert.Equal(appointmentId, appointment.GetProperty("id").GetGuid());
        Assert.Equal("Pre-op assessment", appointment.GetProperty("title").GetString());
        Assert.Equal(Start(appointment).AddMinutes(30), DateTime.Parse(appointment.GetProperty("end").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        env.NoPatientDataLeaked();
    }

    /// <summary>
    /// The timeline control's browser test draws this response (Solution/controls/browser-test/patient-timeline.json): a
    /// referral, a journey overdue in its second stage, stage visits, touchpoints, an appointment, a survey response
    /// and follow-ups (the referral's status updates, the appointment's reminders). The committed file
    /// must equal what the API returns now, record ids aside; PJ_UPDATE_FIXTURES=1 rewrites it.
    /// </summary>
    [Fact]
    public void The_timeline_response_is_the_timeline_browser_tests_fixture()
    {
        Referral(patient);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        Appointment(patient, env.Now.AddDays(3), journeyId);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        env.MoveJourney(journeyId, hip, "Assessment");
        Touchpoint(patient, env.Now.AddHours(2));
        env.RecordSurvey(patient, 9, journeyId);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(30));

        var json = (string)env.Service.Execute(Request(new EntityReference(ContactTable.LogicalName, patient))).Results[Api.OutTimelineJson];

        var path = System.IO.Path.Combine(PatientJourney.Crm.Testing.RepoPaths.Root, "Solution", "controls", "browser-test", "patient-timeline.json");
        if (Environment.GetEnvironmentVariable("PJ_UPDATE_FIXTURES") == "1") System.IO.File.WriteAllText(path, json);
        Assert.Equal(WithIdsInOrder(json), WithIdsInOrder(System.IO.File.ReadAllText(path)));
        using var document = JsonDocument.Parse(json);
        Assert.Contains(document.RootElement.EnumerateArray(), e => e.GetProperty("overdue").GetBoolean());
    }

    private static string WithIdsInOrder(string json)
    {
        var ids = new System.Collections.Generic.Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        return System.Text.RegularExpressions.Regex.Replace(json, "[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}",
            m => "id" + (ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = ids.Count));
    }

    [Fact]
    public void Clinical_free_text_stays_out_of_the_timeline_though_the_coordinator_may_read_it()
    {
        Referral(patient);
        var journeyId = env.StartJourney(patient, hip);
        env.MoveJourney(journeyId, hip, "Assessment", CareData.ClinicalMarker);
        var touchpoint = Touchpoint(patient, env.Now);

        var json = (string)env.Service.Execute(Request(new EntityReference(ContactTable.LogicalName, patient))).Results[Api.OutTimelineJson];

        Assert.DoesNotContain(CareData.ClinicalMarker, json, StringComparison.OrdinalIgnoreCase);
        // The coordinator holds the clinical notes profile: the notes are there to read on the record, not in the timeline.
        Assert.Equal(CareData.ClinicalMarker, env.Service.Retrieve(TouchpointTable.LogicalName, touchpoint, new ColumnSet(TouchpointTable.Notes)).GetAttributeValue<string>(TouchpointTable.Notes));
    }

    private void SomeHistory()
    {
        Referral(patient);
        var journeyId = env.StartJourney(patient, hip, "Referral");
        Appointment(patient, env.Now.AddDays(3), journeyId);
        Touchpoint(patient, env.Now);
    }

    /// <summary>
    /// The timeline runs as the caller and reads every kind of record, so the front desk, whose role reads no stage
    /// visits, gets the platform's refusal naming that table and no part of the timeline (the control shows its error).
    /// </summary>
    [Fact]
    public void The_front_desk_is_refused_the_timeline_naming_the_stage_visits_it_may_not_read()
    {
        SomeHistory();
        env.ActAs(org.StaffMember("Front desk", org.NorthClinic));

        var fault = Assert.Throws<DataverseFaultException>(() => env.Service.Execute(Request(new EntityReference(ContactTable.LogicalName, patient))));

        Assert.Equal(ErrorCodes.PrivilegeDenied, fault.ErrorCode);
        Assert.Contains($"'{JourneyStageHistoryTable.LogicalName}'", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CareData.ClinicalMarker, fault.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The analyst reads journeys across the organisation but no patients, so a patient's timeline is not theirs to see.</summary>
    [Fact]
    public void The_analyst_cannot_see_the_patient_so_gets_no_timeline()
    {
        SomeHistory();
        env.ActAs(org.StaffMember("Analyst", org.South));

        env.Refused(() => env.Service.Execute(Request(new EntityReference(ContactTable.LogicalName, patient))), "The patient does not exist or you do not have access to it");
    }

    [Fact]
    public void An_active_journey_past_its_stage_due_time_is_flagged_overdue_with_its_open_visit()
    {
        var late = env.StartJourney(patient, hip);
        var onTime = env.StartJourney(patient, env.CreatePathway("Diabetes", new StageSpec("Screening", 10, 30 * 24)));
        env.Emulator.Clock.Advance(TimeSpan.FromDays(15));

        var entries = Timeline(patient);

        JsonElement Entry(string kind, Guid journeyId) => entries.Single(e => e.GetProperty("kind").GetString() == kind && e.GetProperty("journeyId").GetGuid() == journeyId);
        Assert.True(Entry("journey", late).GetProperty("overdue").GetBoolean());
        Assert.True(Entry("stageVisit", late).GetProperty("overdue").GetBoolean());
        Assert.False(Entry("journey", onTime).GetProperty("overdue").GetBoolean());
        Assert.False(Entry("stageVisit", onTime).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public void A_journey_on_hold_or_closed_is_not_overdue_and_a_late_visit_stays_flagged()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(15));
        env.MoveJourney(journeyId, hip, "Assessment");
        env.SetJourneyStatus(journeyId, JourneyTable.StatusOptions.OnHold);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(30));

        var entries = Timeline(patient);

        Assert.False(entries.Single(e => e.GetProperty("kind").GetString() == "journey").GetProperty("overdue").GetBoolean());
        var visits = entries.Where(e => e.GetProperty("kind").GetString() == "stageVisit").ToList();
        Assert.True(visits[0].GetProperty("overdue").GetBoolean());    // Referral left after 15 of 14 days
        Assert.False(visits[1].GetProperty("overdue").GetBoolean());   // on hold: the clock does not run
    }

    [Fact]
    public void From_and_To_keep_what_touches_the_window()
    {
        var journeyId = env.StartJourney(patient, hip);
        var early = Touchpoint(patient, env.Now.AddDays(1));
        var inside = Touchpoint(patient, env.Now.AddDays(10));
        var late = Touchpoint(patient, env.Now.AddDays(20));

        var entries = Timeline(patient, env.Now.AddDays(5), env.Now.AddDays(15));

        var ids = entries.Select(e => e.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(inside, ids);
        Assert.Contains(journeyId, ids);        // open journey started before the window runs through it
        Assert.DoesNotContain(early, ids);
        Assert.DoesNotContain(late, ids);
        Assert.Equal(3, entries.Length);         // the journey, its open visit, the touchpoint inside
        Assert.Empty(Timeline(patient, to: env.Now.AddHours(-1)));
        var fromOnly = Timeline(patient, from: env.Now.AddDays(15)).Select(e => e.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(3, fromOnly.Count);
        Assert.Contains(late, fromOnly);
    }

    [Fact]
    public void Other_patients_records_stay_out()
    {
        var other = NewPatient();
        env.StartJourney(other, hip);
        Touchpoint(other, env.Now);
        Referral(other);
        Appointment(other, env.Now.AddDays(1));
        Touchpoint(patient, env.Now);

        var entries = Timeline(patient);

        Assert.Equal("touchpoint", Assert.Single(entries).GetProperty("kind").GetString());
        Assert.Empty(Timeline(NewPatient()));
    }

    [Fact]
    public void Text_from_records_is_escaped_into_valid_json()
    {
        const string awkward = "He said \"no\" \\ then\nleft <script>&";
        Touchpoint(patient, env.Now, awkward);

        var entry = Assert.Single(Timeline(patient));

        Assert.Equal(awkward, entry.GetProperty("summary").GetString());
    }

    [Fact]
    public void The_cost_is_eight_queries_however_long_the_history()
    {
        var journeyId = env.StartJourney(patient, hip);
        for (var i = 0; i < 40; i++) Touchpoint(patient, env.Now.AddHours(-i));
        Referral(patient);
        Appointment(patient, env.Now.AddDays(1), journeyId);
        env.Emulator.ClearLog();

        var entries = Timeline(patient);

        Assert.Equal(env.Touchpoints(patient).Count + env.FollowUps(patient).Count + 4, entries.Length);   // touchpoints, follow-ups, journey, visit, referral, appointment
        var execution = env.Emulator.LastRequest.PluginExecutions.Single(e => e.PluginType.EndsWith("GetPatientTimeline", StringComparison.Ordinal));
        Assert.Equal(8, execution.ServiceCalls);   // the patient, then one query per record kind
        Assert.Empty(env.Emulator.LastRequest.RowsWritten);
    }

    [Fact]
    public void A_missing_patient_is_refused_naming_the_parameter()
    {
        env.Refused(() => env.Service.Execute(Request(null)), "needs the Patient parameter");
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void A_patient_that_does_not_exist_is_refused()
    {
        env.Refused(() => env.Service.Execute(Request(new EntityReference(ContactTable.LogicalName, Guid.NewGuid()))), "The patient does not exist");
    }

    [Fact]
    public void A_record_that_is_not_a_patient_is_refused()
    {
        var journeyId = env.StartJourney(patient, hip);

        env.Refused(() => env.Service.Execute(Request(new EntityReference(JourneyTable.LogicalName, journeyId))), "The Patient parameter must be a patient");
    }

    [Fact]
    public void Window_values_of_the_wrong_type_or_order_are_refused()
    {
        var reference = new EntityReference(ContactTable.LogicalName, patient);

        env.Refused(() => env.Service.Execute(Request(reference, from: "yesterday")), "The From parameter of pj_GetPatientTimeline must be a DateTime");
        env.Refused(() => env.Service.Execute(Request(reference, to: 5)), "The To parameter of pj_GetPatientTimeline must be a DateTime");
        env.Refused(() => env.Service.Execute(Request(reference, env.Now, env.Now.AddDays(-1))), "From must not be later than its To");
        env.NoPatientDataLeaked();
    }
}
