namespace PatientJourney.Crm.FhirConnector;

/// <summary>What an organisation configures once for its EHR: which server the resources come from and how it codes them.</summary>
public sealed record ConnectorSettings
{
    /// <summary>The EHR's FHIR base URL; stored with every row's FHIR id, so two EHRs' ids never collide.</summary>
    public required string SourceSystem { get; init; }

    /// <summary>The identifier system of the organisation's medical record numbers (Patient.identifier.system).</summary>
    public required string MrnSystem { get; init; }

    /// <summary>The QuestionnaireResponse item (linkId) holding the 0–10 likelihood-to-recommend answer.</summary>
    public string NpsLinkId { get; init; } = "nps";

    /// <summary>The QuestionnaireResponse item (linkId) holding the free-text comment, if any.</summary>
    public string CommentLinkId { get; init; } = "comment";
}
