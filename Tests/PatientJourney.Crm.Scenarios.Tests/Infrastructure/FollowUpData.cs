using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>Builders and reads for follow-up, appointment, survey and risk scenarios.</summary>
public static class FollowUpData
{
    /// <summary>Sets the patient's consents and preferred channel (a choice value of pj_channel).</summary>
    public static void SetConsent(this ScenarioEnvironment env, Guid patientId, bool sms = false, bool email = false, bool phone = false, bool portal = false,
        int? preferred = null, int? quietStartMinute = null, int? quietEndMinute = null)
    {
        var update = new Entity(ContactTable.LogicalName, patientId)
        {
            [ContactTable.ConsentSms] = sms, [ContactTable.ConsentEmail] = email, [ContactTable.ConsentPhone] = phone, [ContactTable.ConsentPortal] = portal,
        };
        if (preferred.HasValue) update[ContactTable.PreferredChannel] = new OptionSetValue(preferred.Value);
        if (quietStartMinute.HasValue) update[ContactTable.QuietHoursStart] = quietStartMinute.Value;
        if (quietEndMinute.HasValue) update[ContactTable.QuietHoursEnd] = quietEndMinute.Value;
        env.Service.Update(update);
        env.Emulator.ClearLog();
    }

    public static Entity NewAppointment(Guid patientId, DateTime start, Guid? journeyId = null, int? attendance = null)
    {
        var appointment = new Entity(AppointmentTable.LogicalName)
        {
            [AppointmentTable.Subject] = "Orthopaedic review",
            [AppointmentTable.ScheduledStart] = start,
            [AppointmentTable.ScheduledEnd] = start.AddMinutes(30),
            [AppointmentTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
        };
        if (journeyId.HasValue) appointment[AppointmentTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId.Value);
        if (attendance.HasValue) appointment[AppointmentTable.Attendance] = new OptionSetValue(attendance.Value);
        return appointment;
    }

    public static Guid BookAppointment(this ScenarioEnvironment env, Guid patientId, DateTime start, Guid? journeyId = null) =>
        env.Service.Create(NewAppointment(patientId, start, journeyId, AppointmentTable.AttendanceOptions.Scheduled));

    public static void SetAttendance(this ScenarioEnvironment env, Guid appointmentId, int attendance) =>
        env.Service.Update(new Entity(AppointmentTable.LogicalName, appointmentId) { [AppointmentTable.Attendance] = new OptionSetValue(attendance) });

    public static void Reschedule(this ScenarioEnvironment env, Guid appointmentId, DateTime start) =>
        env.Service.Update(new Entity(AppointmentTable.LogicalName, appointmentId)
        {
            [AppointmentTable.ScheduledStart] = start,
            [AppointmentTable.ScheduledEnd] = start.AddMinutes(30),
        });

    /// <summary>
    /// Imports appointments as a client does: the appointment table has no CreateMultiple, so the Creates travel in
    /// ExecuteMultiple batches of at most 1,000 (Dataverse's batch limit).
    /// </summary>
    public static Guid[] ImportAppointments(this ScenarioEnvironment env, IEnumerable<Entity> appointments) =>
        env.ExecuteInBatches(appointments.Select(a => (OrganizationRequest)new CreateRequest { Target = a }))
            .Select(r => ((CreateResponse)r).id).ToArray();

    /// <summary>Sends requests in ExecuteMultiple batches of at most 1,000, stopping at the first fault (which it throws).</summary>
    public static IReadOnlyList<OrganizationResponse> ExecuteInBatches(this ScenarioEnvironment env, IEnumerable<OrganizationRequest> requests)
    {
        var responses = new List<OrganizationResponse>();
        foreach (var batch in requests.Chunk(1000))
        {
            var request = new ExecuteMultipleRequest
            {
                Requests = new OrganizationRequestCollection(),
                Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
            };
            request.Requests.AddRange(batch);
            var response = (ExecuteMultipleResponse)env.Service.Execute(request);
            var fault = response.Responses.FirstOrDefault(r => r.Fault != null);
            if (fault != null) throw new InvalidOperationException($"Request {fault.RequestIndex} of the batch failed: {fault.Fault.Message}");
            responses.AddRange(response.Responses.OrderBy(r => r.RequestIndex).Select(r => r.Response));
        }
        return responses;
    }

    public static IReadOnlyList<Entity> FollowUps(this ScenarioEnvironment env, Guid patientId) =>
        env.Emulator.Rows(FollowUpTable.LogicalName)
            .Where(f => f.GetAttributeValue<EntityReference>(FollowUpTable.PatientId)?.Id == patientId)
            .OrderBy(f => f.GetAttributeValue<DateTime>(FollowUpTable.DueOn)).ToList();

    public static IReadOnlyList<Entity> OpenFollowUps(this ScenarioEnvironment env, Guid patientId) =>
        env.FollowUps(patientId).Where(f => f.Status() is FollowUpTable.StatusOptions.Pending or FollowUpTable.StatusOptions.Due or FollowUpTable.StatusOptions.Suppressed).ToList();

    /// <summary>The patient's appointment reminders only (a first appointment also gets the pre-visit messages).</summary>
    public static IReadOnlyList<Entity> Reminders(this ScenarioEnvironment env, Guid patientId) =>
        env.FollowUps(patientId).Where(f => f.Type() == Choices.FollowUpType.AppointmentReminder).ToList();

    public static IReadOnlyList<Entity> OpenReminders(this ScenarioEnvironment env, Guid patientId) =>
        env.OpenFollowUps(patientId).Where(f => f.Type() == Choices.FollowUpType.AppointmentReminder).ToList();

    public static int Status(this Entity followUp) => followUp.GetAttributeValue<OptionSetValue>(FollowUpTable.Status).Value;

    public static int Type(this Entity followUp) => followUp.GetAttributeValue<OptionSetValue>(FollowUpTable.Type).Value;

    public static int? Channel(this Entity followUp) => followUp.GetAttributeValue<OptionSetValue>(FollowUpTable.Channel)?.Value;

    public static DateTime Due(this Entity followUp) => followUp.GetAttributeValue<DateTime>(FollowUpTable.DueOn);

    /// <summary>A follow-up rule record, as an administrator configures one.</summary>
    public static Guid AddFollowUpRule(this ScenarioEnvironment env, int trigger, int type, int kind, int offsetMinutes, int? channel = null, int? riskBand = null,
        Guid? pathwayId = null, Guid? stageId = null, bool active = true)
    {
        var rule = new Entity(FollowUpRuleTable.LogicalName)
        {
            [FollowUpRuleTable.Name] = "Rule",
            [FollowUpRuleTable.Trigger] = new OptionSetValue(trigger),
            [FollowUpRuleTable.Type] = new OptionSetValue(type),
            [FollowUpRuleTable.Kind] = new OptionSetValue(kind),
            [FollowUpRuleTable.OffsetMinutes] = offsetMinutes,
            [FollowUpRuleTable.IsActive] = active,
        };
        if (channel.HasValue) rule[FollowUpRuleTable.Channel] = new OptionSetValue(channel.Value);
        if (riskBand.HasValue) rule[FollowUpRuleTable.RiskBandFilter] = new OptionSetValue(riskBand.Value);
        if (pathwayId.HasValue) rule[FollowUpRuleTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, pathwayId.Value);
        if (stageId.HasValue) rule[FollowUpRuleTable.StageId] = new EntityReference(PathwayStageTable.LogicalName, stageId.Value);
        var id = env.System.Create(rule);
        env.Emulator.ClearLog();
        return id;
    }

    public static Guid RecordSurvey(this ScenarioEnvironment env, Guid patientId, int score, Guid? journeyId = null, string? comment = null)
    {
        var response = new Entity(SurveyResponseTable.LogicalName)
        {
            [SurveyResponseTable.Name] = "Post-discharge survey",
            [SurveyResponseTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
            [SurveyResponseTable.SurveyType] = new OptionSetValue(SurveyResponseTable.SurveyTypeOptions.NetPromoterScore),
            [SurveyResponseTable.Score] = score,
        };
        if (journeyId.HasValue) response[SurveyResponseTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId.Value);
        if (comment != null) response[SurveyResponseTable.Comment] = comment;
        return env.Service.Create(response);
    }

    public static Guid RecordRisk(this ScenarioEnvironment env, Guid patientId, int model, string inputsJson, Guid? journeyId = null)
    {
        var assessment = new Entity(RiskAssessmentTable.LogicalName)
        {
            [RiskAssessmentTable.Name] = "Readmission risk",
            [RiskAssessmentTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
            [RiskAssessmentTable.Model] = new OptionSetValue(model),
            [RiskAssessmentTable.Inputs] = inputsJson,
        };
        if (journeyId.HasValue) assessment[RiskAssessmentTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId.Value);
        return env.Service.Create(assessment);
    }
}
