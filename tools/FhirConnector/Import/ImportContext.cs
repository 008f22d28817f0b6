using System;
using System.Collections.Generic;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.FhirConnector.Import;

/// <summary>
/// What mapping one entry needs: the service to read from, the settings, the rows earlier entries of the bundle stand
/// for (by fullUrl and by Type/id, so urn:uuid references resolve), and the shared "create or update by FHIR key,
/// newest version wins" rule every mapped table follows.
/// </summary>
public sealed class ImportContext(IOrganizationService service, ConnectorSettings settings)
{
    private readonly Dictionary<string, EntityReference> rows = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, JourneyStage> pendingMoves = [];

    public IOrganizationService Service { get; } = service;

    public ConnectorSettings Settings { get; } = settings;

    public void Remember(Bundle.EntryComponent entry, EntityReference row)
    {
        if (!string.IsNullOrEmpty(entry.FullUrl)) rows[entry.FullUrl] = row;
        if (entry.Resource?.Id is { Length: > 0 } id) rows[entry.Resource.TypeName + "/" + id] = row;
    }

    /// <summary>
    /// A transaction's entry was planned: nothing is written until every entry is, so the entries after it read the
    /// journey it moves as standing where the move leaves it, not where Dataverse still has it.
    /// </summary>
    public void Pending(EntryPlan plan)
    {
        if (plan.Moves is { } move) pendingMoves[move.Journey] = move;
    }

    /// <summary>Where an earlier entry of this transaction moves the journey, if one does.</summary>
    public JourneyStage? PendingStage(Guid journey) => pendingMoves.GetValueOrDefault(journey);

    /// <summary>The contact a Patient reference points to: an entry of this bundle, a patient imported before, or a patient by MRN.</summary>
    public EntityReference Patient(ResourceReference? reference, string path)
    {
        if (reference == null) throw new ImportRefusedException(path, "The patient is missing: add a reference to the Patient.");
        if (reference.Reference is { Length: > 0 }) return Row(reference, ContactTable.LogicalName, "Patient", path);
        if (reference.Identifier is { System: var system, Value: { Length: > 0 } mrn } && system == Settings.MrnSystem && FindByMrn(mrn) is { } byMrn)
            return byMrn.ToEntityReference();
        throw new ImportRefusedException(path, "The reference names no Patient that was imported or has the organisation's MRN: send the Patient first.");
    }

    /// <summary>The row a literal reference to a <paramref name="resourceType"/> points to: an entry of this bundle, or a resource imported before.</summary>
    public EntityReference Row(ResourceReference reference, string table, string resourceType, string path)
    {
        if (reference.Reference is { Length: > 0 } literal)
        {
            if (rows.TryGetValue(literal, out var row)) return row;
            var parts = literal.Split('/');
            if (parts.Length >= 2 && parts[^2] == resourceType && FindByFhirId(table, parts[^1]) is { } found) return found.ToEntityReference();
        }
        throw new ImportRefusedException(path, $"The reference points to no {resourceType} in this bundle or imported before: send the {resourceType} first (or in the same bundle).");
    }

    /// <summary>The FHIR key columns every mapped table has (its alternate key is source system + FHIR id).</summary>
    public const string FhirSourceSystem = "pj_fhirsourcesystem", FhirId = "pj_fhirid", FhirLastUpdated = "pj_fhirlastupdated";

    public Entity? FindByFhirId(string table, string fhirId, params string[] columns) => Single(table, columns,
        (FhirSourceSystem, Settings.SourceSystem), (FhirId, fhirId));

    public Entity? FindByMrn(string mrn, params string[] columns) => Single(ContactTable.LogicalName, columns, (ContactTable.Mrn, mrn));

    public Entity? Single(string table, string[] columns, params (string Column, object Value)[] equals)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns), TopCount = 2 };
        foreach (var (column, value) in equals) query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return Service.RetrieveMultiple(query).Entities.FirstOrDefault();
    }

    /// <summary>
    /// Creates the row of a resource, or upserts the row that holds its FHIR id by that alternate key (or updates
    /// <paramref name="existing"/>, found another way, e.g. by MRN). Nothing is sent when the stored version is newer
    /// than the resource's meta.lastUpdated, or when every mapped column already holds the value: re-sending a bundle
    /// changes nothing.
    /// </summary>
    public EntryPlan Write(Resource resource, Entity values, Entity? existing = null, params OrganizationRequest[] then)
    {
        var table = values.LogicalName;
        var incoming = resource.Meta?.LastUpdated?.UtcDateTime;
        var keyed = FindByFhirId(table, resource.Id!, values.Attributes.Keys.Append(FhirLastUpdated).ToArray());
        if (keyed != null)
        {
            var stored = keyed.GetAttributeValue<DateTime?>(FhirLastUpdated);
            var row = keyed.ToEntityReference();
            if (stored.HasValue && incoming.HasValue && incoming.Value < stored.Value) return EntryPlan.Unchanged(row);
            if (values.Attributes.All(a => Same(keyed.Attributes.TryGetValue(a.Key, out var v) ? v : null, a.Value)) && Same(stored, incoming))
                return EntryPlan.Unchanged(row);
            values[FhirLastUpdated] = incoming;
            values.KeyAttributes[FhirSourceSystem] = Settings.SourceSystem;
            values.KeyAttributes[FhirId] = resource.Id;
            return new EntryPlan([new UpsertRequest { Target = values }, .. then], row, false);
        }
        // A row found another way (e.g. by MRN) does not hold this resource's key yet: it is written, so the key is recorded.
        values[FhirLastUpdated] = incoming;
        values[FhirSourceSystem] = Settings.SourceSystem;
        values[FhirId] = resource.Id;
        if (existing == null)
        {
            // The id is chosen here so later entries of a transaction can refer to the row before it exists.
            values.Id = Guid.NewGuid();
            return new EntryPlan([new CreateRequest { Target = values }, .. then], new EntityReference(table, values.Id), true);
        }
        values.Id = existing.Id;
        return new EntryPlan([new UpdateRequest { Target = values }, .. then], existing.ToEntityReference(), false);
    }

    private static bool Same(object? stored, object? sent) => (stored, sent) switch
    {
        (null, null) => true,
        (OptionSetValue a, OptionSetValue b) => a.Value == b.Value,
        (EntityReference a, EntityReference b) => a.Id == b.Id,
        (DateTime a, DateTime b) => a.ToUniversalTime() == b.ToUniversalTime(),
        (null, _) or (_, null) => false,
        _ => Equals(stored, sent),
    };
}
