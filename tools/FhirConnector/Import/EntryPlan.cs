using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.FhirConnector.Import;

/// <summary>A journey's stage after a planned move: its id, the stage and the stage's phase.</summary>
public sealed record JourneyStage(Guid Journey, Guid Stage, int Phase);

/// <summary>What one bundle entry does to Dataverse: the requests to send (none when nothing changes) and the row it stands for.</summary>
public sealed record EntryPlan(IReadOnlyList<OrganizationRequest> Requests, EntityReference? Row, bool Created)
{
    /// <summary>The stage a journey is moved to by <see cref="Requests"/>, if they move one.</summary>
    public JourneyStage? Moves { get; init; }

    public static EntryPlan Unchanged(EntityReference? row) => new([], row, false);

    public bool IsUnchanged => Requests.Count == 0;
}
