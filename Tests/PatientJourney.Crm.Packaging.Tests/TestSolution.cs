using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Testing;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>The solution source, the fixture assembly and packages built from them, shared by the tests.</summary>
public static class TestSolution
{
    public static string SolutionFolder => Path.Combine(RepoPaths.Root, "Solution");
    public static string SchemaFolder => XsdValidator.DefaultSchemaFolder(RepoPaths.Root);
    public static string GoldenFolder => Path.Combine(RepoPaths.SharedReference, "golden");

    private static readonly Lazy<SolutionDefinition> solution = new(() => SolutionSource.Load(SolutionFolder));
    public static SolutionDefinition Solution => solution.Value;

    private static readonly Lazy<PluginAssemblyInfo> fixture = new(() => AssemblyReader.Read(
        RepoPaths.BuiltAssembly(Path.Combine("Tests", "Fixtures", "PatientJourney.Crm.Fixtures.Steps"), "PatientJourney.Crm.Fixtures.Steps", "net462")));
    public static PluginAssemblyInfo Fixture => fixture.Value;

    private static readonly Lazy<IReadOnlyList<PluginAssemblyInfo>> shipped = new(() =>
    [
        AssemblyReader.Read(RepoPaths.BuiltAssembly("Plugins", "PatientJourney.Crm.Plugins", "net462")),
        AssemblyReader.Read(RepoPaths.BuiltAssembly("WorkflowActivities", "PatientJourney.Crm.WorkflowActivities", "net462")),
    ]);

    /// <summary>The assemblies that ship, as built for net462.</summary>
    public static IReadOnlyList<PluginAssemblyInfo> Shipped => shipped.Value;

    /// <summary>The real solution packed with the fixture assembly: the APIs the fixture implements (pj_AdvanceJourney) are linked, the rest pending.</summary>
    public static SolutionDefinition WithFixtureHandler(SolutionDefinition s) => HandledBy(s, Fixture);

    /// <summary>The solution with each custom API pending unless one of the assemblies implements it.</summary>
    public static SolutionDefinition HandledBy(SolutionDefinition s, params PluginAssemblyInfo[] assemblies)
    {
        var types = assemblies.SelectMany(a => a.Types).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        return Copy(s, apis: s.CustomApis.Select(a => WithPending(a, !types.Contains(a.PluginType))).ToList());
    }

    public static CustomApiDefinition WithPending(CustomApiDefinition a, bool pending) => new()
    {
        UniqueName = a.UniqueName, DisplayName = a.DisplayName, Description = a.Description, IsFunction = a.IsFunction, Binding = a.Binding,
        BoundEntity = a.BoundEntity, PluginType = a.PluginType, HandlerPending = pending, RequestParameters = a.RequestParameters, ResponseProperties = a.ResponseProperties,
    };

    public static SolutionDefinition Copy(SolutionDefinition s, IReadOnlyList<CustomApiDefinition>? apis = null) => new()
    {
        UniqueName = s.UniqueName, DisplayName = s.DisplayName, Description = s.Description, Version = s.Version, Publisher = s.Publisher, Schema = s.Schema,
        EnvironmentVariables = s.EnvironmentVariables, CustomApis = apis ?? s.CustomApis, App = s.App, Roles = s.Roles, FieldSecurityProfiles = s.FieldSecurityProfiles,
        Charts = s.Charts, Dashboards = s.Dashboards, Controls = s.Controls,
    };

    private static readonly Lazy<Packer.PackResult> packed = new(() => Packer.Packer.Pack(WithFixtureHandler(Solution), [Fixture], SchemaFolder));
    public static Packer.PackResult Packed => packed.Value;

    public static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    public static XElement Xml(byte[] bytes) => XDocument.Load(new MemoryStream(bytes)).Root!;

    /// <summary>A golden export folder zipped as exported; binaries the folder omits are given placeholder bytes.</summary>
    public static byte[] ZipGolden(string name)
    {
        var folder = Path.Combine(GoldenFolder, name);
        var entries = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);
        foreach (var file in Xml(entries["customizations.xml"]).Descendants("FileName").Select(f => f.Value.TrimStart('/')))
            entries.TryAdd(file, "MZ"u8.ToArray());
        return Packer.Writing.PackageWriter.Zip(entries);
    }

    /// <summary>A copy of Solution/ with one file edited, for planting faults.</summary>
    public static SolutionDefinition LoadEdited(string relativePath, Func<string, string> edit)
    {
        var target = Path.Combine(Path.GetTempPath(), "pj-solution-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(SolutionFolder, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(SolutionFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        var path = Path.Combine(target, relativePath);
        var before = File.ReadAllText(path);
        var after = edit(before);
        if (after == before) throw new InvalidOperationException($"The edit changed nothing in {relativePath}.");
        File.WriteAllText(path, after);
        try { return SolutionSource.Load(target); }
        finally { Directory.Delete(target, recursive: true); }
    }
}
