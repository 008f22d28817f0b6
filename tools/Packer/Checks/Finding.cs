using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Packer.Checks;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>One result of a check, naming the offending component.</summary>
public sealed record Finding(Severity Severity, string Message)
{
    public override string ToString() => $"{(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

public static class Findings
{
    public static bool HasErrors(this IEnumerable<Finding> findings) => findings.Any(f => f.Severity == Severity.Error);
}
