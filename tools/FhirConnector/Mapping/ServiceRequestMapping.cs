using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using Status = PatientJourney.Crm.Domain.LogicalNames.ReferralTable.StatusOptions;

namespace PatientJourney.Crm.FhirConnector.Mapping;

/// <summary>
/// ServiceRequest (a referral) → pj_referral. The status moves only as the referral rules allow: the referral plug-in
/// refuses any other move, and the refusal becomes the entry's OperationOutcome (the move is not forced).
/// </summary>
public static class ServiceRequestMapping
{
    public static EntryPlan Plan(ServiceRequest request, ImportContext context)
    {
        if (request.Intent is not (RequestIntent.Order or RequestIntent.OriginalOrder or RequestIntent.Plan))
            throw new ImportRefusedException("ServiceRequest.intent", $"Intent '{request.Intent}' is not a referral: send an order or a plan.");
        var patient = context.Patient(request.Subject, "ServiceRequest.subject");
        var current = context.FindByFhirId(ReferralTable.LogicalName, request.Id!, ReferralTable.Status)?.GetAttributeValue<OptionSetValue>(ReferralTable.Status)?.Value;
        var referral = new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = request.Code?.Text ?? request.Code?.Coding.FirstOrDefault()?.Display ?? "Referral",
            [ReferralTable.PatientId] = patient,
            [ReferralTable.Priority] = new OptionSetValue(Priority(request.Priority)),
            [ReferralTable.ReferringProvider] = request.Requester?.Display,
            [ReferralTable.ReceivingService] = request.Performer.FirstOrDefault()?.Display,
            [ReferralTable.Reason] = request.ReasonCode.FirstOrDefault()?.Text ?? request.ReasonCode.FirstOrDefault()?.Coding.FirstOrDefault()?.Display,
            // A partial authoredOn (a year, or a month) names no moment: the column is left empty.
            [ReferralTable.AuthoredOn] = request.AuthoredOnElement is { } authored && authored.Value is { Length: > 10 } && authored.TryToDateTimeOffset(out var on) ? on.UtcDateTime : null,
        };
        if (Target(request.Status, current) is { } status) referral[ReferralTable.Status] = new OptionSetValue(status);
        return context.Write(request, referral);
    }

    /// <summary>
    /// The referral status a ServiceRequest status asks for, given the stored one: "active" covers submitted, accepted and
    /// scheduled (moves staff make in the CRM), so it only submits a draft; on-hold and unknown change nothing.
    /// </summary>
    public static int? Target(RequestStatus? status, int? current) => status switch
    {
        RequestStatus.Draft => Status.Draft,
        RequestStatus.Active => current is null or Status.Draft ? Status.Submitted : null,
        RequestStatus.Completed => Status.Completed,
        RequestStatus.Revoked or RequestStatus.EnteredInError => Status.Cancelled,
        _ => current is null ? Status.Submitted : null,
    };

    private static int Priority(RequestPriority? priority) => priority switch
    {
        RequestPriority.Urgent => ReferralTable.PriorityOptions.Urgent,
        RequestPriority.Asap => ReferralTable.PriorityOptions.ASAP,
        RequestPriority.Stat => ReferralTable.PriorityOptions.STAT,
        _ => ReferralTable.PriorityOptions.Routine,
    };
}
