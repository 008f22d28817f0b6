using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.Referrals;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>
/// Reads the export tables from an environment through IOrganizationService: only the columns of
/// <see cref="ExportTables"/>, 5,000 rows a page with the paging cookie, into an event log for the interchange writer.
/// </summary>
public sealed class DataverseReader
{
    private const int OptionBase = 827410000;
    private const int PageSize = 5000;
    private readonly IOrganizationService service;

    public DataverseReader(IOrganizationService service) => this.service = service;

    public JourneyEventLog Read()
    {
        var log = new JourneyEventLog();
        var pathways = Rows(ExportTables.CarePathway).ToList();
        log.Stages.AddRange(Rows(ExportTables.PathwayStage).Select(e => new StageRecord
        {
            Id = e.Id, PathwayId = Ref(e, "pj_pathwayid")!.Value, Name = e.GetAttributeValue<string>("pj_name") ?? "", Sequence = e.GetAttributeValue<int>("pj_sequence"),
            Phase = Choice<StagePhase>(e, "pj_phase"), TargetHours = e.GetAttributeValue<int?>("pj_targetdurationhours"),
        }));
        log.Journeys.AddRange(Rows(ExportTables.Journey).Select(e => new JourneyRecord
        {
            Id = e.Id, PatientId = Ref(e, "pj_patientid")!.Value, PathwayId = Ref(e, "pj_pathwayid")!.Value, Status = Choice<JourneyStatus>(e, "pj_status") ?? JourneyStatus.Active,
            StartedOn = e.GetAttributeValue<DateTime>("pj_startedon"), CompletedOn = e.GetAttributeValue<DateTime?>("pj_completedon"),
        }));
        log.StageVisits.AddRange(Rows(ExportTables.StageVisit).Select(e => new StageVisitRecord
        {
            Id = e.Id, JourneyId = Ref(e, "pj_journeyid")!.Value, StageId = Ref(e, "pj_stageid")!.Value, EnteredOn = e.GetAttributeValue<DateTime>("pj_enteredon"),
            ExitedOn = e.GetAttributeValue<DateTime?>("pj_exitedon"), WasOverdue = e.GetAttributeValue<bool>("pj_wasoverdue"),
        }));
        log.Touchpoints.AddRange(Rows(ExportTables.Touchpoint).Select(e => new TouchpointRecord
        {
            Id = e.Id, JourneyId = Ref(e, "pj_journeyid"), StageId = Ref(e, "pj_stageid"), OccurredOn = e.GetAttributeValue<DateTime>("pj_occurredon"),
            Channel = Choice<TouchpointChannel>(e, "pj_channel"), Direction = Choice<TouchpointDirection>(e, "pj_direction"), Sentiment = Choice<Sentiment>(e, "pj_sentiment"),
            IsPainPoint = e.GetAttributeValue<bool>("pj_ispainpoint"), PainPointCategory = Choice<PainPointCategory>(e, "pj_painpointcategory"),
        }));
        log.Referrals.AddRange(Rows(ExportTables.Referral).Select(e => new ReferralRecord
        {
            Id = e.Id, JourneyId = Ref(e, "pj_journeyid"), PathwayId = Ref(e, "pj_pathwayid"), Status = Choice<ReferralStatus>(e, "pj_status") ?? ReferralStatus.Draft,
            SubmittedOn = e.GetAttributeValue<DateTime?>("pj_submittedon"), SlaDueOn = e.GetAttributeValue<DateTime?>("pj_sladueon"), FirstResponseOn = e.GetAttributeValue<DateTime?>("pj_firstresponseon"),
            Source = e.GetAttributeValue<string>("pj_referringorganization") ?? e.GetAttributeValue<string>("pj_referringprovider"),
        }));
        log.Appointments.AddRange(Rows(ExportTables.Appointment).Select(e => new AppointmentRecord
        {
            Id = e.Id, PatientId = Ref(e, "pj_patientid"), JourneyId = Ref(e, "pj_journeyid"), ScheduledStart = e.GetAttributeValue<DateTime>("scheduledstart"),
            Attendance = Choice<AppointmentAttendance>(e, "pj_attendance"),
        }));
        log.FollowUps.AddRange(Rows(ExportTables.FollowUp).Select(e => new FollowUpRecord
        {
            Id = e.Id, JourneyId = Ref(e, "pj_journeyid"), DueOn = e.GetAttributeValue<DateTime>("pj_dueon"), Status = Choice<FollowUpStatus>(e, "pj_status") ?? FollowUpStatus.Pending,
            Kind = Choice<FollowUpKind>(e, "pj_kind"),
        }));
        log.Surveys.AddRange(Rows(ExportTables.SurveyResponse).Select(e => new SurveyRecord
        {
            Id = e.Id, JourneyId = Ref(e, "pj_journeyid"), RespondedOn = e.GetAttributeValue<DateTime>("pj_respondedon"), Score = e.GetAttributeValue<int?>("pj_score"),
        }));
        return log;
    }

    private IEnumerable<Entity> Rows(ExportTable table)
    {
        var primaryKey = table.Columns[0].Name;
        var query = new QueryExpression(table.Name)
        {
            ColumnSet = new ColumnSet(table.Columns.Skip(1).Select(c => c.Name).ToArray()),
            PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 },
        };
        query.AddOrder(primaryKey, OrderType.Ascending);
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            foreach (var entity in page.Entities) yield return entity;
            if (!page.MoreRecords) yield break;
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    private static Guid? Ref(Entity entity, string column) => entity.GetAttributeValue<EntityReference>(column)?.Id;

    private static TEnum? Choice<TEnum>(Entity entity, string column) where TEnum : struct, Enum =>
        entity.GetAttributeValue<OptionSetValue>(column) is { } option ? (TEnum)Enum.ToObject(typeof(TEnum), option.Value - OptionBase) : null;
}
