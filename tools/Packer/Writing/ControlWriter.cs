using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>
/// A built code component: the manifest and every file of its build output folder (bundle.js, strings/*.resx), and what
/// the packer reads from the manifest.
/// </summary>
public sealed class BuiltControl
{
    public required ControlDefinition Control { get; init; }
    /// <summary>Relative path in the control's folder → bytes; holds ControlManifest.xml and bundle.js at least.</summary>
    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }
    /// <summary>The manifest's bound property: the form binding passes the column to it.</summary>
    public required string BoundProperty { get; init; }
    public required string Version { get; init; }

    public string Folder => $"Controls/{Control.Name}";

    /// <summary>
    /// Reads each declared control from &lt;out&gt;/&lt;namespace.constructor&gt;/ (what `npm run build` in Solution/controls
    /// writes). A control that is not built, or whose manifest disagrees with its declaration, is a finding.
    /// </summary>
    public static IReadOnlyList<BuiltControl> Read(SolutionDefinition solution, string outFolder, List<Finding> findings)
    {
        var built = new List<BuiltControl>();
        foreach (var control in solution.Controls)
        {
            var folder = Path.Combine(outFolder, control.ManifestName);
            var manifestPath = Path.Combine(folder, "ControlManifest.xml");
            if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(folder, "bundle.js")))
            {
                findings.Add(new Finding(Severity.Error, $"control {control.Name}: no build output in {folder}; run `npm ci && npm run build` in Solution/controls"));
                continue;
            }
            var manifest = XDocument.Load(manifestPath).Root!.Element("control")!;
            var ns = (string?)manifest.Attribute("namespace");
            var constructor = (string?)manifest.Attribute("constructor");
            if (ns != control.Namespace || constructor != control.Constructor)
            {
                findings.Add(new Finding(Severity.Error, $"control {control.Name}: the built manifest names {ns}.{constructor}"));
                continue;
            }
            var bound = manifest.Elements("property").FirstOrDefault(p => (string?)p.Attribute("usage") == "bound");
            if (control.BoundOn.Count > 0 && bound == null)
            {
                findings.Add(new Finding(Severity.Error, $"control {control.Name}: bound on a form but its manifest has no bound property"));
                continue;
            }
            built.Add(new BuiltControl
            {
                Control = control,
                Files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                    .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal),
                BoundProperty = (string?)bound?.Attribute("name") ?? "",
                Version = (string?)manifest.Attribute("version") ?? "",
            });
        }
        return built;
    }
}

/// <summary>A code component's declaration in customizations.xml and its binding on a form.</summary>
internal static class ControlWriter
{
    public static XElement CustomControl(BuiltControl control) => new("CustomControl",
        new XElement("Name", control.Control.Name),
        new XElement("FileName", $"/{control.Folder}/ControlManifest.xml"));

    /// <summary>
    /// The controlDescription that puts the code component on a form cell for web, phone and tablet (form factors 0-2),
    /// keeping the platform's text control as the fallback, as the form designer writes it.
    /// </summary>
    public static XElement Description(BuiltControl control, Guid uniqueId, string column) => new("controlDescription",
        new XAttribute("forControl", uniqueId.ToString("B")),
        new XElement("customControl", new XAttribute("id", "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}"),
            new XElement("parameters", new XElement("datafieldname", column))),
        Enumerable.Range(0, 3).Select(formFactor => new XElement("customControl", new XAttribute("formFactor", formFactor), new XAttribute("name", control.Control.Name),
            new XElement("parameters", new XElement(control.BoundProperty, column)))));
}
