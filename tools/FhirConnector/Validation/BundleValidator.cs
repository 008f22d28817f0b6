using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Hl7.Fhir.Utility;

namespace PatientJourney.Crm.FhirConnector.Validation;

/// <summary>A bundle as read: the parsed resource (partial when some of it was not valid FHIR) and the problems of each entry.</summary>
public sealed record ParsedBundle(Bundle Bundle, IReadOnlyDictionary<int, OperationOutcome> InvalidEntries, OperationOutcome? BundleProblems)
{
    public bool IsValid => InvalidEntries.Count == 0 && BundleProblems == null;
}

/// <summary>
/// Reads a bundle with Firely's parser and checks every entry against the R4 base profiles (cardinality, types, required
/// bindings such as Appointment.status), so an entry that is not valid FHIR is refused before anything is written.
/// Paths are reported from the entry's resource (e.g. <c>Patient.birthDate</c>), not from the bundle.
/// </summary>
public sealed partial class BundleValidator
{
    private static readonly Lazy<Validator> validator = new(CreateValidator);

    /// <summary>
    /// One validation at a time: the validator loads profiles from the specification zip on first use, and its thread
    /// safety on a cold cache is not documented (one unexplained import failure was seen with test classes in parallel).
    /// </summary>
    private static readonly object validating = new();

    public ParsedBundle Read(string json)
    {
        var deserializer = new FhirJsonDeserializer();
        Bundle bundle;
        IEnumerable<CodedException> parseErrors;
        try
        {
            bundle = deserializer.Deserialize<Bundle>(json);
            parseErrors = [];
        }
        catch (DeserializationFailedException failed) when (failed.PartialResult is Bundle partial)
        {
            bundle = partial;
            parseErrors = failed.Exceptions;
        }
        catch (DeserializationFailedException failed)
        {
            return new ParsedBundle(new Bundle(), new Dictionary<int, OperationOutcome>(), Outcome(failed.Exceptions.Select(e => (PathOf(e), WithoutValue(e.Message)))));
        }

        var perEntry = new Dictionary<int, List<(string Path, string Message)>>();
        var bundleLevel = new List<(string, string)>();
        foreach (var error in parseErrors)
        {
            var path = PathOf(error);
            var match = EntryPath().Match(path);
            if (match.Success) Add(perEntry, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), ResourcePath(bundle, match), WithoutValue(error.Message));
            else bundleLevel.Add((path, WithoutValue(error.Message)));
        }
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var resource = bundle.Entry[i].Resource;
            if (resource == null) { Add(perEntry, i, $"Bundle.entry[{i}]", "The entry has no resource."); continue; }
            if (perEntry.ContainsKey(i)) continue;   // not parsed whole: profile checks on a partial resource would only repeat the parse error
            foreach (var (path, message) in Problems(resource)) Add(perEntry, i, path, message);
        }
        if (bundle.Type is not (Bundle.BundleType.Batch or Bundle.BundleType.Transaction))
            bundleLevel.Add(("Bundle.type", $"The bundle is a '{bundle.Type?.GetLiteral() ?? "(none)"}'; send a 'batch' or a 'transaction' bundle."));
        return new ParsedBundle(bundle, perEntry.ToDictionary(p => p.Key, p => Outcome(p.Value)), bundleLevel.Count == 0 ? null : Outcome(bundleLevel));
    }

    /// <summary>What makes a resource not valid against the R4 base profiles: each error with its element's path.</summary>
    public IReadOnlyList<(string Path, string Message)> Problems(Resource resource)
    {
        OperationOutcome outcome;
        lock (validating) outcome = validator.Value.Validate(resource);
        return outcome.Issue.Where(x => x.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(issue => (issue.Expression.FirstOrDefault() ?? issue.Location.FirstOrDefault() ?? resource.TypeName, WithoutValue(issue.Details?.Text ?? issue.Diagnostics ?? "Not valid FHIR R4.")))
            .ToList();
    }

    /// <summary>One OperationOutcome issue per problem, each naming the element it is about.</summary>
    public static OperationOutcome Outcome(IEnumerable<(string Path, string Message)> problems, OperationOutcome.IssueType code = OperationOutcome.IssueType.Invalid) => new()
    {
        Issue = problems.Select(p => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = code,
            Diagnostics = p.Message,
            Expression = [p.Path],
        }).ToList(),
    };

    private static void Add(Dictionary<int, List<(string, string)>> perEntry, int entry, string path, string message)
    {
        if (!perEntry.TryGetValue(entry, out var list)) perEntry[entry] = list = [];
        list.Add((path, message));
    }

    /// <summary>
    /// The parser quotes the offending value (a birth date, a name); the outcome names the element instead, so patient
    /// data does not reach the console or a log that keeps the outcomes.
    /// </summary>
    private static string WithoutValue(string message) => QuotedValue().Replace(message, "$1 (value not shown)");

    private static string PathOf(CodedException error) => error is ExtendedCodedException extended && !string.IsNullOrEmpty(extended.InstancePath) ? extended.InstancePath : "Bundle";

    /// <summary>"Bundle.entry[2].resource.birthDate" becomes "Patient.birthDate" (the entry's own resource type).</summary>
    private static string ResourcePath(Bundle bundle, Match match)
    {
        var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var type = index < bundle.Entry.Count ? bundle.Entry[index].Resource?.TypeName : null;
        var rest = match.Groups[2].Value;
        return type == null ? match.Value : type + rest;
    }

    private static Validator CreateValidator()
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    }

    [GeneratedRegex(@"\b(string|[Vv]alue|[Ll]iteral) '[^']*'")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"^Bundle\.entry\[(\d+)\]\.resource(?:\[\d+\])?(.*)$")]
    private static partial Regex EntryPath();
}
