using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Schema;

/// <summary>The whole schema of the solution: the tables it adds or extends, their relationships and global choices.</summary>
public sealed class SolutionSchema
{
    public required IReadOnlyList<TableDefinition> Tables { get; init; }
    public IReadOnlyList<RelationshipDefinition> Relationships { get; init; } = [];
    public IReadOnlyList<ChoiceDefinition> GlobalChoices { get; init; } = [];

    public TableDefinition? Table(string logicalName) => Tables.FirstOrDefault(t => t.LogicalName == logicalName);
}
