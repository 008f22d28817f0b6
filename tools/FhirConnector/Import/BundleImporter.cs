using System;
using System.Collections.Generic;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.FhirConnector.Mapping;
using PatientJourney.Crm.FhirConnector.Validation;

namespace PatientJourney.Crm.FhirConnector.Import;

/// <summary>
/// Imports a FHIR R4 bundle through IOrganizationService with FHIR's batch semantics: a <c>batch</c> is processed entry
/// by entry (each entry all or nothing), a <c>transaction</c> is one ExecuteTransaction (all or nothing). Invalid
/// entries are never written. The answer is a batch-response / transaction-response bundle with an OperationOutcome on
/// every entry that failed, naming the element and what to fix.
/// </summary>
public sealed class BundleImporter(IOrganizationService service, ConnectorSettings settings)
{
    private readonly BundleValidator validator = new();

    public Bundle Import(string json) => Import(validator.Read(json));

    public Bundle Import(ParsedBundle parsed)
    {
        var bundle = parsed.Bundle;
        var transaction = bundle.Type == Bundle.BundleType.Transaction;
        var response = new Bundle { Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse };
        if (parsed.BundleProblems != null)
        {
            response.Entry.Add(Failed("400 Bad Request", parsed.BundleProblems));
            return response;
        }
        var context = new ImportContext(service, settings);
        var plans = new EntryPlan?[bundle.Entry.Count];
        var outcomes = new Bundle.ResponseComponent?[bundle.Entry.Count];
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (parsed.InvalidEntries.TryGetValue(i, out var invalid)) { outcomes[i] = Response("400 Bad Request", invalid); continue; }
            var entry = bundle.Entry[i];
            var resource = entry.Resource!;   // the validator refuses entries without one
            try
            {
                var plan = Plan(resource, context);
                if (!transaction && !plan.IsUnchanged) Execute(plan.Requests);
                plans[i] = plan;
                if (plan.Row != null) context.Remember(entry, plan.Row);
                if (transaction) context.Pending(plan);
            }
            catch (ImportRefusedException refused)
            {
                outcomes[i] = Response("422 Unprocessable Entity", BundleValidator.Outcome([(refused.Path, refused.Message)], OperationOutcome.IssueType.Processing));
            }
            catch (Exception refused) when (FaultMessage(refused) is { } message)
            {
                outcomes[i] = Response("422 Unprocessable Entity", BundleValidator.Outcome([(resource.TypeName, message)], OperationOutcome.IssueType.BusinessRule));
            }
        }
        if (transaction) Commit(bundle, plans, outcomes);
        for (var i = 0; i < bundle.Entry.Count; i++)
            response.Entry.Add(new Bundle.EntryComponent { Response = outcomes[i] ?? Succeeded(bundle.Entry[i].Resource!, plans[i]!) });
        return response;
    }

    private static EntryPlan Plan(Resource resource, ImportContext context) => string.IsNullOrEmpty(resource.Id)
        ? throw new ImportRefusedException(resource.TypeName + ".id", "The resource has no id: send the EHR's logical id, so a re-sent bundle updates the same row.")
        : resource switch
    {
        Patient patient => PatientMapping.Plan(patient, context),
        Appointment appointment => AppointmentMapping.Plan(appointment, context),
        ServiceRequest request => ServiceRequestMapping.Plan(request, context),
        Encounter encounter => EncounterMapping.Plan(encounter, context),
        QuestionnaireResponse answer => QuestionnaireResponseMapping.Plan(answer, context),
        EpisodeOfCare episode => EpisodeOfCareMapping.Plan(episode, context),
        _ => throw new ImportRefusedException(resource.TypeName, $"{resource.TypeName} is not imported: send Patient, Appointment, ServiceRequest, EpisodeOfCare, Encounter or QuestionnaireResponse."),
    };

    /// <summary>One entry's requests; several travel in one ExecuteTransaction so the entry is all or nothing.</summary>
    private void Execute(IReadOnlyList<OrganizationRequest> requests)
    {
        if (requests.Count == 1) { service.Execute(requests[0]); return; }
        var transaction = new ExecuteTransactionRequest { Requests = new OrganizationRequestCollection(), ReturnResponses = false };
        transaction.Requests.AddRange(requests);
        service.Execute(transaction);
    }

    /// <summary>A transaction: nothing is sent when any entry failed; otherwise every entry's requests in one ExecuteTransaction.</summary>
    private void Commit(Bundle bundle, EntryPlan?[] plans, Bundle.ResponseComponent?[] outcomes)
    {
        var failed = Array.FindIndex(outcomes, o => o != null);
        var owners = plans.SelectMany((p, i) => (p?.Requests ?? []).Select(_ => i)).ToList();
        if (failed < 0 && owners.Count > 0)
        {
            try
            {
                Execute(plans.SelectMany(p => p!.Requests).ToList());
            }
            catch (Exception refused) when (FaultMessage(refused) is { } message)
            {
                failed = owners[owners.Count == 1 ? 0 : FaultedIndex(refused) ?? 0];
                outcomes[failed] = Response("422 Unprocessable Entity",
                    BundleValidator.Outcome([(bundle.Entry[failed].Resource!.TypeName, message)], OperationOutcome.IssueType.BusinessRule));
            }
        }
        if (failed < 0) return;
        for (var i = 0; i < outcomes.Length; i++)
            outcomes[i] ??= Response("409 Conflict", BundleValidator.Outcome([($"Bundle.entry[{i}]",
                $"Not written: the transaction was rolled back because entry {failed} failed. Fix that entry and send the bundle again.")], OperationOutcome.IssueType.Incomplete));
    }

    private static Bundle.ResponseComponent Succeeded(Resource resource, EntryPlan plan) => new()
    {
        Status = plan.Created ? "201 Created" : "200 OK",
        Location = resource.TypeName + "/" + resource.Id,
        LastModified = resource.Meta?.LastUpdated,
    };

    private static Bundle.ResponseComponent Response(string status, OperationOutcome outcome) => new() { Status = status, Outcome = outcome };

    private static Bundle.EntryComponent Failed(string status, OperationOutcome outcome) => new() { Response = Response(status, outcome) };

    /// <summary>
    /// Dataverse refuses with FaultException&lt;OrganizationServiceFault&gt; (System.ServiceModel), which .NET 10 does not
    /// carry; any exception exposing the fault (its Detail or Fault property) is a refusal to report, the rest propagate.
    /// </summary>
    private static string? FaultMessage(Exception exception) => Fault(exception)?.Message is { } m ? m : exception is InvalidPluginExecutionException p ? p.Message : null;

    private static int? FaultedIndex(Exception exception) => (Fault(exception) as ExecuteTransactionFault)?.FaultedRequestIndex;

    private static OrganizationServiceFault? Fault(Exception exception) =>
        exception.GetType().GetProperties().Where(p => p.Name is "Detail" or "Fault" && typeof(OrganizationServiceFault).IsAssignableFrom(p.PropertyType))
            .Select(p => p.GetValue(exception) as OrganizationServiceFault).FirstOrDefault(f => f != null);
}
