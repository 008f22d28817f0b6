using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Packer.Writing;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer;

/// <summary>What packing found and, when nothing failed, both zips; every step travels in them.</summary>
public sealed record PackResult(IReadOnlyList<Finding> Findings, IReadOnlyList<(string Name, byte[] Bytes)> Zips);

/// <summary>Checks the source and registration, writes both packages, and validates what was written.</summary>
public static class Packer
{
    public static PackResult Pack(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies, string schemaFolder)
    {
        var findings = SourceChecks.Run(solution, assemblies).ToList();
        if (findings.HasErrors()) return new PackResult(findings, []);
        var validator = new XsdValidator(schemaFolder);
        var zips = new List<(string, byte[])>();
        foreach (var managed in new[] { false, true })
        {
            var entries = PackageWriter.Entries(solution, assemblies, managed);
            findings.AddRange(validator.Validate(entries["customizations.xml"]));
            zips.Add((PackageWriter.ZipName(solution, managed), PackageWriter.Zip(entries)));
        }
        return new PackResult(findings, findings.HasErrors() ? [] : zips);
    }
}
