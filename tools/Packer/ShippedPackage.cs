using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Packer.Writing;
using PatientJourney.Crm.Schema.Source;

namespace PatientJourney.Crm.Packer;

/// <summary>
/// The solution packages that ship, packed in memory from a repository root and a build configuration: Solution/ and
/// the net462 assemblies of that configuration and the built PCF controls (Solution/controls/out, from `npm run build`),
/// checked and validated exactly as <c>pack</c> (the build's step) does.
/// Tests and tools that run "what ships" call this rather than reading Solution/ themselves.
/// </summary>
public static class ShippedPackage
{
    private const string ManagedSuffix = "_managed.zip";

    /// <summary>The shipped assemblies, built for net462 in the given configuration.</summary>
    public static IReadOnlyList<string> AssemblyPaths(string root, string configuration) =>
    [
        Path.Combine(root, "Plugins", "bin", configuration, "net462", "PatientJourney.Crm.Plugins.dll"),
        Path.Combine(root, "WorkflowActivities", "bin", configuration, "net462", "PatientJourney.Crm.WorkflowActivities.dll"),
    ];

    /// <summary>Packs both zips; the result carries every finding (a control that is not built is one). Throws when an assembly has not been built.</summary>
    public static PackResult Pack(string root, string configuration)
    {
        var paths = AssemblyPaths(root, configuration);
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new ShippedPackageException(string.Join(Environment.NewLine,
                missing.Select(p => $"error: {p} not found; build the solution in {configuration} first.")));
        }
        var solution = SolutionSource.Load(Path.Combine(root, "Solution"));
        var controlFindings = new List<Finding>();
        var controls = BuiltControl.Read(solution, Path.Combine(root, "Solution", "controls", "out"), controlFindings);
        if (controlFindings.HasErrors()) return new PackResult(controlFindings, []);
        var result = Packer.Pack(solution, paths.Select(AssemblyReader.Read).ToList(), XsdValidator.DefaultSchemaFolder(root), controls);
        return controlFindings.Count == 0 ? result : new PackResult([.. controlFindings, .. result.Findings], result.Zips);
    }

    /// <summary>The managed zip's bytes; throws with the packer's error findings when it refuses the solution.</summary>
    public static byte[] Managed(string root, string configuration)
    {
        var result = Pack(root, configuration);
        if (result.Findings.HasErrors())
        {
            throw new ShippedPackageException("The packer refused the solution, so there is no managed zip:" + Environment.NewLine +
                string.Join(Environment.NewLine, result.Findings.Where(f => f.Severity == Severity.Error)));
        }
        return result.Zips.Single(z => z.Name.EndsWith(ManagedSuffix, StringComparison.Ordinal)).Bytes;
    }
}

/// <summary>The shipped package could not be packed: an assembly is not built, or the packer's checks failed (the message lists them).</summary>
public sealed class ShippedPackageException(string message) : Exception(message);
