using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using Status = PatientJourney.Crm.Domain.LogicalNames.JourneyTable.StatusOptions;

namespace PatientJourney.Crm.FhirConnector.Mapping;

/// <summary>
/// EpisodeOfCare → the journey it belongs to. Journeys start in the CRM (staff accept a referral onto a pathway), so an
/// episode never creates one: it is matched to the journey that already holds its FHIR id, else the journey its
/// referral (referralRequest) started, else the patient's only open journey; the journey then keeps the episode's FHIR
/// id, so the episode's later versions and the Encounters that name it (Encounter.episodeOfCare) find it. The episode's
/// status moves the journey's status as the journey rules allow (a refused move is reported, not forced).
/// </summary>
public static class EpisodeOfCareMapping
{
    public static EntryPlan Plan(EpisodeOfCare episode, ImportContext context)
    {
        var patient = context.Patient(episode.Patient, "EpisodeOfCare.patient");
        var journey = context.FindByFhirId(JourneyTable.LogicalName, episode.Id!, JourneyTable.PatientId, JourneyTable.Status)
            ?? BySourceReferral(episode, context)
            ?? OnlyOpenJourney(context, patient, "EpisodeOfCare.referralRequest", [JourneyTable.PatientId, JourneyTable.Status]);
        if (journey.GetAttributeValue<EntityReference>(JourneyTable.PatientId)?.Id != patient.Id)
            throw new ImportRefusedException("EpisodeOfCare.patient", "The episode's patient is not the patient of the journey it names: correct the episode in the EHR.");
        var current = journey.GetAttributeValue<OptionSetValue>(JourneyTable.Status)?.Value;
        var values = new Entity(JourneyTable.LogicalName);
        if (Target(episode.Status, current) is { } status) values[JourneyTable.Status] = new OptionSetValue(status);
        return context.Write(episode, values, journey);
    }

    /// <summary>
    /// The journey status an episode status asks for, given the stored one: planned, waitlist and active keep or make the
    /// journey active; onhold holds it; cancelled cancels it. A finished episode asks nothing of a completed journey, and
    /// is refused for an open one: a journey completes by reaching its pathway's last stage, which staff (or a discharge
    /// Encounter) move it to.
    /// </summary>
    public static int? Target(EpisodeOfCare.EpisodeOfCareStatus? status, int? current)
    {
        int? wanted = status switch
        {
            EpisodeOfCare.EpisodeOfCareStatus.Planned or EpisodeOfCare.EpisodeOfCareStatus.Waitlist or EpisodeOfCare.EpisodeOfCareStatus.Active => Status.Active,
            EpisodeOfCare.EpisodeOfCareStatus.Onhold => Status.OnHold,
            EpisodeOfCare.EpisodeOfCareStatus.Cancelled => Status.Cancelled,
            EpisodeOfCare.EpisodeOfCareStatus.Finished when current == Status.Completed => null,
            EpisodeOfCare.EpisodeOfCareStatus.Finished => throw new ImportRefusedException("EpisodeOfCare.status",
                "The episode is finished but its journey is still open: a journey completes when it reaches its pathway's last stage; move it there in the CRM."),
            _ => throw new ImportRefusedException("EpisodeOfCare.status", $"Status '{status}' cannot be recorded on a journey: correct the journey in the CRM instead of importing it."),
        };
        return wanted == current ? null : wanted;
    }

    private static Entity? BySourceReferral(EpisodeOfCare episode, ImportContext context)
    {
        if (episode.ReferralRequest.Count == 0) return null;
        var referral = context.Row(episode.ReferralRequest[0], ReferralTable.LogicalName, "ServiceRequest", "EpisodeOfCare.referralRequest[0]");
        var query = new QueryExpression(JourneyTable.LogicalName) { ColumnSet = new ColumnSet(JourneyTable.PatientId, JourneyTable.Status), TopCount = 1 };
        query.Criteria.AddCondition(JourneyTable.SourceReferralId, ConditionOperator.Equal, referral.Id);
        return context.Service.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new ImportRefusedException("EpisodeOfCare.referralRequest[0]", "No journey was started from this referral yet: accept the referral onto a pathway in the CRM, then send the episode again.");
    }

    /// <summary>The patient's only open (active or on hold) journey; none or several are refused, saying what to send.</summary>
    public static Entity OnlyOpenJourney(ImportContext context, EntityReference patient, string path, string[] columns)
    {
        var query = new QueryExpression(JourneyTable.LogicalName) { ColumnSet = new ColumnSet(columns), TopCount = 2 };
        query.Criteria.AddCondition(JourneyTable.PatientId, ConditionOperator.Equal, patient.Id);
        var open = new FilterExpression(LogicalOperator.Or);
        open.AddCondition(JourneyTable.Status, ConditionOperator.Equal, Status.Active);
        open.AddCondition(JourneyTable.Status, ConditionOperator.Equal, Status.OnHold);
        query.Criteria.AddFilter(open);
        var journeys = context.Service.RetrieveMultiple(query).Entities;
        return journeys.Count switch
        {
            1 => journeys[0],
            0 => throw new ImportRefusedException(path, "The patient has no open journey: journeys start when staff accept a referral onto a pathway in the CRM."),
            _ => throw new ImportRefusedException(path, "The patient has several open journeys: send the EpisodeOfCare of this one (naming its referral in referralRequest) and refer to it."),
        };
    }
}
