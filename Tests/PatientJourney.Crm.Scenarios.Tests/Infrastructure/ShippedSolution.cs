using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Packer;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Platform;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Testing;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// The managed zip that ships: packed in-process, once per test run, by <see cref="ShippedPackage"/> from Solution/ and
/// the net462 assemblies of the test run's configuration (what build.ps1's pack step writes), then read for import with the net10 build of the plug-ins.
/// </summary>
public static class ShippedSolution
{
    private static readonly Lazy<SolutionDefinition> definition = new(() => SolutionSource.Load(Path.Combine(RepoPaths.Root, "Solution")));
    private static readonly Lazy<byte[]> managedZip = new(Pack);
    private static readonly Lazy<SolutionPackage> package = new(() => Read(ManagedZip));

    public static byte[] ManagedZip => managedZip.Value;

    /// <summary>The solution's source (Solution/), as the packer reads it.</summary>
    public static SolutionDefinition Definition => definition.Value;

    /// <summary>The managed zip, read and validated once; every scenario imports it into its own emulator.</summary>
    public static SolutionPackage Package => package.Value;

    /// <summary>Reads a zip with the plug-in types the tests load.</summary>
    public static SolutionPackage Read(byte[] zip) => SolutionPackage.Read(zip, typeof(PluginBase).Assembly);

    private static byte[] Pack() => ShippedPackage.Managed(RepoPaths.Root, RepoPaths.Configuration);

    /// <summary>A copy of a zip without the step of <paramref name="pluginType"/> on <paramref name="message"/>: its registration and its root component.</summary>
    public static byte[] WithoutStep(byte[] zip, string pluginType, string message, int stage)
    {
        using var copy = new MemoryStream();
        copy.Write(zip);
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var customizations = Load(archive, "customizations.xml");
            var messageId = SdkMessageIds.Find(message)!.Value.ToString();
            var step = customizations.Descendants("SdkMessageProcessingStep").Single(s =>
                s.Element("PluginTypeName")!.Value.StartsWith(pluginType + ",", StringComparison.Ordinal)
                && s.Element("SdkMessageId")!.Value == messageId && s.Element("Stage")!.Value == stage.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var stepId = Guid.Parse(step.Attribute("SdkMessageProcessingStepId")!.Value);
            step.Remove();
            Save(archive, "customizations.xml", customizations);
            var manifest = Load(archive, "solution.xml");
            manifest.Descendants("RootComponent").Single(r => r.Attribute("type")?.Value == "92" && Guid.Parse(r.Attribute("id")!.Value) == stepId).Remove();
            Save(archive, "solution.xml", manifest);
        }
        return copy.ToArray();
    }

    private static XDocument Load(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }

    private static void Save(ZipArchive archive, string name, XDocument document)
    {
        archive.GetEntry(name)!.Delete();
        using var stream = archive.CreateEntry(name).Open();
        document.Save(stream);
    }
}
