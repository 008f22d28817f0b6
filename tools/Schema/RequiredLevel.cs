namespace PatientJourney.Crm.Schema;

/// <summary>Requirement level of a column. Dataverse enforces only <see cref="SystemRequired"/> on the server;
/// <see cref="ApplicationRequired"/> is enforced by forms.</summary>
public enum RequiredLevel
{
    None,
    Recommended,
    ApplicationRequired,
    SystemRequired,
}
