using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Schema.Source;

/// <summary>One problem in the Solution/ source: the file, the element within it, and what is wrong.</summary>
public sealed record SourceError(string File, string Element, string Message)
{
    public override string ToString() => $"{File}: {Element}: {Message}";
}

/// <summary>The Solution/ source could not be loaded; <see cref="Errors"/> lists every problem found.</summary>
public sealed class SolutionSourceException : Exception
{
    public SolutionSourceException(IReadOnlyList<SourceError> errors)
        : base("Solution source is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<SourceError> Errors { get; }
}
