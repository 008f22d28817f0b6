using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.FhirConnector.Import;

/// <summary>What one bundle entry does to Dataverse: the requests to send (none when nothing changes) and the row it stands for.</summary>
public sealed record EntryPlan(IReadOnlyList<OrganizationRequest> Requests, EntityReference? Row, bool Created)
{
    public static EntryPlan Unchanged(EntityReference? row) => new([], row, false);

    public bool IsUnchanged => Requests.Count == 0;
}
