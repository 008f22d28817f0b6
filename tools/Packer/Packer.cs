using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
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
    /// <param name="controls">The built code components; a declared control missing here leaves the zip without it (and its form binding).</param>
    public static PackResult Pack(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies, string schemaFolder, IReadOnlyList<BuiltControl>? controls = null)
    {
        var findings = SourceChecks.Run(solution, assemblies).ToList();
        if (findings.HasErrors()) return new PackResult(findings, []);
        var validator = new XsdValidator(schemaFolder);
        var insights = new InsightChecks(schemaFolder);
        var zips = new List<(string, byte[])>();
        foreach (var managed in new[] { false, true })
        {
            var entries = PackageWriter.Entries(solution, assemblies, managed, controls);
            // The checks a zip alone can decide run on what was written, so the build refuses what `check` would; a
            // finding both packages share is reported once.
            var written = XDocument.Load(new MemoryStream(entries["customizations.xml"])).Root!;
            var packageFindings = validator.Validate(entries["customizations.xml"])
                .Concat(SystemTableChecks.Run(written, solution.Publisher.Prefix)).Concat(AppRoleChecks.Run(written)).Concat(insights.Run(written)).Except(findings).ToList();
            findings.AddRange(packageFindings);
            zips.Add((PackageWriter.ZipName(solution, managed), PackageWriter.Zip(entries)));
        }
        return new PackResult(findings, findings.HasErrors() ? [] : zips);
    }
}
