namespace PatientJourney.Crm.Schema;

public enum RelationshipType
{
    OneToMany,
    ManyToMany,
}

/// <summary>What happens to the referencing (child) rows when the referenced (parent) row is deleted.</summary>
public enum DeleteBehavior
{
    /// <summary>Delete the children too.</summary>
    Cascade,
    /// <summary>Clear the children's lookup.</summary>
    RemoveLink,
    /// <summary>Refuse to delete the parent while children exist.</summary>
    Restrict,
}

/// <summary>
/// Whether an action on the referenced (parent) row carries on to its referencing rows: all of them, the active ones,
/// the ones with the parent's owner, or none (the <c>CascadeAssign</c>, <c>CascadeShare</c>… values of a relationship,
/// https://learn.microsoft.com/power-apps/developer/data-platform/configure-entity-relationship-cascading-behavior).
/// </summary>
public enum CascadeType
{
    NoCascade,
    Cascade,
    Active,
    UserOwned,
}

/// <summary>
/// A relationship. One-to-many: <see cref="ReferencedTable"/> (the "one" side) is pointed to by the lookup
/// <see cref="ReferencingColumn"/> on <see cref="ReferencingTable"/>. Many-to-many: the two tables are joined
/// through <see cref="IntersectTable"/>.
/// </summary>
public sealed class RelationshipDefinition
{
    public required string SchemaName { get; init; }
    public RelationshipType Type { get; init; } = RelationshipType.OneToMany;
    public required string ReferencedTable { get; init; }
    public required string ReferencingTable { get; init; }
    /// <summary>One-to-many only: the lookup column on the referencing table.</summary>
    public string? ReferencingColumn { get; init; }
    public DeleteBehavior OnDelete { get; init; } = DeleteBehavior.RemoveLink;
    /// <summary>One-to-many only: what assigning the parent to another owner does to the children.</summary>
    public CascadeType OnAssign { get; init; } = CascadeType.NoCascade;
    /// <summary>Many-to-many only: the intersect table's logical name.</summary>
    public string? IntersectTable { get; init; }
}
