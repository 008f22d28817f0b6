using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using PatientJourney.Crm.FhirConnector.Validation;

namespace PatientJourney.Crm.FhirConnector;

/// <summary>fhir-connector: check FHIR R4 bundles before they are imported into the Patient Journey solution.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var file = new Argument<FileInfo>("file") { Description = "A FHIR R4 batch or transaction bundle (JSON)." };
        var validate = new Command("validate", "Checks a bundle without writing: exit code 0 when every entry is valid FHIR R4, 1 otherwise.") { file };
        validate.SetAction(result => Validate(result.GetValue(file)!, Console.Out));
        var root = new RootCommand("FHIR R4 connector for the Patient Journey solution") { validate };
        return root.Parse(args).Invoke();
    }

    /// <summary>Prints each invalid entry's OperationOutcome issues with the element's path.</summary>
    public static int Validate(FileInfo file, TextWriter output)
    {
        if (!file.Exists)
        {
            output.WriteLine($"{file.FullName}: no such file.");
            return 2;
        }
        var parsed = new BundleValidator().Read(File.ReadAllText(file.FullName));
        foreach (var issue in parsed.BundleProblems?.Issue ?? [])
            output.WriteLine($"bundle: {string.Join(",", issue.Expression)}: {issue.Diagnostics}");
        foreach (var (index, outcome) in parsed.InvalidEntries.OrderBy(e => e.Key))
            foreach (var issue in outcome.Issue)
                output.WriteLine($"entry {index}: {string.Join(",", issue.Expression)}: {issue.Diagnostics}");
        output.WriteLine(parsed.IsValid
            ? $"{parsed.Bundle.Entry.Count} entries, all valid."
            : $"{parsed.Bundle.Entry.Count} entries, {parsed.InvalidEntries.Count} invalid.");
        return parsed.IsValid ? 0 : 1;
    }
}
