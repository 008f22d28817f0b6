using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.FhirConnector.Validation;
using Journey = PatientJourney.Crm.Domain.LogicalNames.JourneyTable.StatusOptions;
using Referral = PatientJourney.Crm.Domain.LogicalNames.ReferralTable.StatusOptions;
using FollowUp = PatientJourney.Crm.Domain.LogicalNames.FollowUpTable.StatusOptions;

namespace PatientJourney.Crm.FhirConnector.Export;

/// <summary>The export could not be made: the patient is unknown, or a resource came out not valid FHIR (a defect to report).</summary>
public sealed class ExportRefusedException(string message) : Exception(message);

/// <summary>
/// A patient's journey as a FHIR R4 <c>collection</c> Bundle, for an EHR or a portal to read back: the Patient, an
/// EpisodeOfCare per journey, a ServiceRequest per referral, and the follow-ups (staff tasks as Task, automated messages
/// as Communication). A row imported from FHIR keeps its FHIR id and meta.lastUpdated, so the resources the connector
/// imports come back with the ids the EHR gave them (and re-importing them changes nothing); other rows use their
/// Dataverse row id. Every entry's fullUrl is <c>urn:uuid:</c> with its row id and references point to those. Each
/// resource is validated against the R4 base profiles before the bundle is returned.
/// </summary>
public sealed class JourneyExporter(IOrganizationService service, ConnectorSettings settings)
{
    private readonly BundleValidator validator = new();

    public Bundle Export(string mrn)
    {
        var query = new QueryExpression(ContactTable.LogicalName) { ColumnSet = new ColumnSet(PatientColumns), TopCount = 2 };
        query.Criteria.AddCondition(ContactTable.Mrn, ConditionOperator.Equal, mrn);
        var contact = service.RetrieveMultiple(query).Entities.SingleOrDefault()
            ?? throw new ExportRefusedException("No patient has this MRN: check the number (the MRN is the contact's pj_mrn).");
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = DateTimeOffset.UtcNow };
        Add(bundle, contact, Patient(contact, mrn));
        // Referrals before the journeys they started, so each reference points to an earlier entry (as the importer reads them).
        foreach (var referral in Rows(ReferralTable.LogicalName, ReferralTable.PatientId, contact.Id, ReferralColumns)) Add(bundle, referral, Request(referral, contact));
        foreach (var journey in Rows(JourneyTable.LogicalName, JourneyTable.PatientId, contact.Id, JourneyColumns)) Add(bundle, journey, Episode(journey, contact));
        foreach (var followUp in Rows(FollowUpTable.LogicalName, FollowUpTable.PatientId, contact.Id, FollowUpColumns))
            Add(bundle, followUp, followUp.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind)?.Value == Choices.FollowUpKind.StaffTask ? Task(followUp, contact) : Communication(followUp, contact));
        var problems = bundle.Entry.SelectMany(e => validator.Problems(e.Resource!).Select(p => $"{e.Resource!.TypeName}: {p.Path}: {p.Message}")).ToList();
        if (problems.Count > 0) throw new ExportRefusedException("The export is not valid FHIR R4, so it is not written: " + string.Join("; ", problems));
        return bundle;
    }

    private static readonly string[] PatientColumns = [ContactTable.FhirId, ContactTable.FhirLastUpdated, ContactTable.FirstName, ContactTable.LastName, ContactTable.BirthDate,
        ContactTable.MobilePhone, ContactTable.Telephone1, ContactTable.EMailAddress1, ContactTable.Address1Line1, ContactTable.Address1City,
        ContactTable.Address1StateOrProvince, ContactTable.Address1PostalCode, ContactTable.Address1Country, ContactTable.PreferredLanguage, ContactTable.StateCode];

    private static readonly string[] JourneyColumns = [JourneyTable.FhirId, JourneyTable.FhirLastUpdated, JourneyTable.Status, JourneyTable.StartedOn, JourneyTable.CompletedOn, JourneyTable.SourceReferralId];

    private static readonly string[] ReferralColumns = [ReferralTable.FhirId, ReferralTable.FhirLastUpdated, ReferralTable.Name, ReferralTable.Status, ReferralTable.Priority,
        ReferralTable.ReferringProvider, ReferralTable.ReceivingService, ReferralTable.Reason, ReferralTable.AuthoredOn];

    private static readonly string[] FollowUpColumns = [FollowUpTable.Name, FollowUpTable.Kind, FollowUpTable.Status, FollowUpTable.DueOn, FollowUpTable.CompletedOn, FollowUpTable.JourneyId];

    private IEnumerable<Entity> Rows(string table, string patientColumn, Guid patient, string[] columns)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
        query.Criteria.AddCondition(patientColumn, ConditionOperator.Equal, patient);
        query.AddOrder("createdon", OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities;
    }

    private static void Add(Bundle bundle, Entity row, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(row.Id), Resource = resource });

    private static string Urn(Guid id) => "urn:uuid:" + id.ToString("D");

    private static ResourceReference Reference(Guid id) => new(Urn(id));

    /// <summary>The resource's id and meta: the FHIR id and version time the row was imported with, else the row id.</summary>
    private static T Identified<T>(T resource, Entity row) where T : Resource
    {
        resource.Id = row.GetAttributeValue<string>(ImportContext.FhirId) ?? row.Id.ToString("D");
        if (row.GetAttributeValue<DateTime?>(ImportContext.FhirLastUpdated) is { } updated) resource.Meta = new Meta { LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)) };
        return resource;
    }

    /// <summary>The contact as the Patient mapping reads it back (PatientMapping), so a re-import of the export writes nothing.</summary>
    private Patient Patient(Entity contact, string mrn)
    {
        var patient = Identified(new Patient(), contact);
        patient.Identifier.Add(new Identifier(settings.MrnSystem, mrn));
        patient.Active = contact.GetAttributeValue<OptionSetValue>(ContactTable.StateCode)?.Value != 1;
        var name = new HumanName { Use = HumanName.NameUse.Official, Family = contact.GetAttributeValue<string>(ContactTable.LastName) };
        if (contact.GetAttributeValue<string>(ContactTable.FirstName) is { } given) name.Given = [given];
        patient.Name.Add(name);
        if (contact.GetAttributeValue<DateTime?>(ContactTable.BirthDate) is { } born) patient.BirthDate = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        void Telecom(string column, ContactPoint.ContactPointSystem system, ContactPoint.ContactPointUse? use)
        {
            if (contact.GetAttributeValue<string>(column) is { } value) patient.Telecom.Add(new ContactPoint(system, use, value));
        }
        Telecom(ContactTable.MobilePhone, ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile);
        Telecom(ContactTable.Telephone1, ContactPoint.ContactPointSystem.Phone, null);
        Telecom(ContactTable.EMailAddress1, ContactPoint.ContactPointSystem.Email, null);
        var address = new Address
        {
            Use = Address.AddressUse.Home,
            City = contact.GetAttributeValue<string>(ContactTable.Address1City),
            State = contact.GetAttributeValue<string>(ContactTable.Address1StateOrProvince),
            PostalCode = contact.GetAttributeValue<string>(ContactTable.Address1PostalCode),
            Country = contact.GetAttributeValue<string>(ContactTable.Address1Country),
        };
        if (contact.GetAttributeValue<string>(ContactTable.Address1Line1) is { } line) address.Line = [line];
        if (address.Line.Any() || address.City != null || address.State != null || address.PostalCode != null || address.Country != null) patient.Address.Add(address);
        if (contact.GetAttributeValue<string>(ContactTable.PreferredLanguage) is { } language)
            patient.Communication.Add(new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", language), Preferred = true });
        return patient;
    }

    /// <summary>A journey as EpisodeOfCare; the status as EpisodeOfCareMapping reads it back (a dropped journey has ended: finished).</summary>
    private static EpisodeOfCare Episode(Entity journey, Entity contact)
    {
        var episode = Identified(new EpisodeOfCare(), journey);
        episode.Status = journey.GetAttributeValue<OptionSetValue>(JourneyTable.Status)?.Value switch
        {
            Journey.OnHold => EpisodeOfCare.EpisodeOfCareStatus.Onhold,
            Journey.Completed or Journey.Dropped => EpisodeOfCare.EpisodeOfCareStatus.Finished,
            Journey.Cancelled => EpisodeOfCare.EpisodeOfCareStatus.Cancelled,
            _ => EpisodeOfCare.EpisodeOfCareStatus.Active,
        };
        episode.Patient = Reference(contact.Id);
        if (journey.GetAttributeValue<DateTime?>(JourneyTable.StartedOn) is { } started)
            episode.Period = new Period { StartElement = Instant(started), EndElement = journey.GetAttributeValue<DateTime?>(JourneyTable.CompletedOn) is { } ended ? Instant(ended) : null };
        if (journey.GetAttributeValue<EntityReference>(JourneyTable.SourceReferralId) is { } referral) episode.ReferralRequest.Add(Reference(referral.Id));
        return episode;
    }

    /// <summary>A referral as ServiceRequest; the status as ServiceRequestMapping reads it back (submitted, accepted and scheduled are all active).</summary>
    private static ServiceRequest Request(Entity referral, Entity contact)
    {
        var request = Identified(new ServiceRequest(), referral);
        request.Intent = RequestIntent.Order;
        request.Status = referral.GetAttributeValue<OptionSetValue>(ReferralTable.Status)?.Value switch
        {
            Referral.Draft => RequestStatus.Draft,
            Referral.Completed => RequestStatus.Completed,
            Referral.Rejected or Referral.Cancelled or Referral.Expired => RequestStatus.Revoked,
            _ => RequestStatus.Active,
        };
        request.Priority = referral.GetAttributeValue<OptionSetValue>(ReferralTable.Priority)?.Value switch
        {
            ReferralTable.PriorityOptions.Urgent => RequestPriority.Urgent,
            ReferralTable.PriorityOptions.ASAP => RequestPriority.Asap,
            ReferralTable.PriorityOptions.STAT => RequestPriority.Stat,
            _ => RequestPriority.Routine,
        };
        request.Subject = Reference(contact.Id);
        request.Code = new CodeableConcept { Text = referral.GetAttributeValue<string>(ReferralTable.Name) };
        if (referral.GetAttributeValue<string>(ReferralTable.ReferringProvider) is { } requester) request.Requester = new ResourceReference { Display = requester };
        if (referral.GetAttributeValue<string>(ReferralTable.ReceivingService) is { } performer) request.Performer.Add(new ResourceReference { Display = performer });
        if (referral.GetAttributeValue<string>(ReferralTable.Reason) is { } reason) request.ReasonCode.Add(new CodeableConcept { Text = reason });
        if (referral.GetAttributeValue<DateTime?>(ReferralTable.AuthoredOn) is { } authored) request.AuthoredOnElement = Instant(authored);
        return request;
    }

    /// <summary>A staff task follow-up as Task (R4 task-status), due by its due time.</summary>
    private static Task Task(Entity followUp, Entity contact) => new()
    {
        Id = followUp.Id.ToString("D"),
        Status = followUp.GetAttributeValue<OptionSetValue>(FollowUpTable.Status)?.Value switch
        {
            FollowUp.Due => Hl7.Fhir.Model.Task.TaskStatus.Ready,
            FollowUp.Completed => Hl7.Fhir.Model.Task.TaskStatus.Completed,
            FollowUp.Cancelled or FollowUp.Suppressed => Hl7.Fhir.Model.Task.TaskStatus.Cancelled,
            FollowUp.Failed => Hl7.Fhir.Model.Task.TaskStatus.Failed,
            _ => Hl7.Fhir.Model.Task.TaskStatus.Requested,
        },
        Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
        Description = followUp.GetAttributeValue<string>(FollowUpTable.Name),
        For = Reference(contact.Id),
        Focus = followUp.GetAttributeValue<EntityReference>(FollowUpTable.JourneyId) is { } journey ? Reference(journey.Id) : null,
        Restriction = followUp.GetAttributeValue<DateTime?>(FollowUpTable.DueOn) is { } due ? new Hl7.Fhir.Model.Task.RestrictionComponent { Period = new Period { EndElement = Instant(due) } } : null,
    };

    /// <summary>An automated message follow-up as Communication (R4 event-status): in preparation until a flow delivers it.</summary>
    private static Communication Communication(Entity followUp, Entity contact) => new()
    {
        Id = followUp.Id.ToString("D"),
        Status = followUp.GetAttributeValue<OptionSetValue>(FollowUpTable.Status)?.Value switch
        {
            FollowUp.Completed => EventStatus.Completed,
            FollowUp.Cancelled or FollowUp.Suppressed => EventStatus.NotDone,
            FollowUp.Failed => EventStatus.Stopped,
            _ => EventStatus.Preparation,
        },
        Subject = Reference(contact.Id),
        Topic = new CodeableConcept { Text = followUp.GetAttributeValue<string>(FollowUpTable.Name) },
        SentElement = followUp.GetAttributeValue<DateTime?>(FollowUpTable.CompletedOn) is { } sent ? Instant(sent) : null,
        About = followUp.GetAttributeValue<EntityReference>(FollowUpTable.JourneyId) is { } journey ? [Reference(journey.Id)] : [],
    };

    private static FhirDateTime Instant(DateTime utc) => new(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
