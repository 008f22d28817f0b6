using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema.Platform;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// The checks a solution zip alone can decide: root files, XSD validity of customizations.xml, step registration rules,
/// custom API bindings and plug-in links, and components outside the zip's own publisher prefix.
/// </summary>
public static class ZipChecks
{
    public static IReadOnlyList<Finding> Run(byte[] zipBytes, string schemaFolder)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var parts = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e => Read(e), StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var required in new[] { "solution.xml", "customizations.xml", "[Content_Types].xml" }.Where(r => !parts.ContainsKey(r)))
            findings.Add(new Finding(Severity.Error, $"{required} is missing from the zip root"));
        if (findings.Count > 0) return findings;

        findings.AddRange(new XsdValidator(schemaFolder).Validate(parts["customizations.xml"]));
        var solution = XDocument.Load(new MemoryStream(parts["solution.xml"])).Root!;
        var customizations = XDocument.Load(new MemoryStream(parts["customizations.xml"])).Root!;
        var prefix = solution.Descendants("CustomizationPrefix").FirstOrDefault()?.Value ?? "";
        findings.AddRange(Steps(customizations));
        findings.AddRange(CustomApis(parts, customizations));
        findings.AddRange(Prefixes(solution, customizations, parts, prefix));
        findings.AddRange(SystemTableChecks.Run(customizations, prefix));
        findings.AddRange(AppRoleChecks.Run(customizations));
        findings.AddRange(new InsightChecks(schemaFolder).Run(customizations));
        foreach (var file in customizations.Descendants("FileName").Select(f => f.Value.TrimStart('/')).Where(f => !parts.ContainsKey(f)))
            findings.Add(new Finding(Severity.Error, $"FileName {file} names a part the zip does not hold"));
        return findings;
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static IEnumerable<Finding> Steps(XElement customizations)
    {
        var entities = customizations.Elements("Entities").Elements("Entity")
            .ToDictionary(e => e.Element("Name")!.Value.ToLowerInvariant(), e => e.Descendants("attribute").Select(a => a.Element("LogicalName")?.Value ?? "").ToHashSet(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in customizations.Descendants("SdkMessageProcessingStep"))
        {
            var name = (string?)step.Attribute("Name") ?? (string?)step.Attribute("SdkMessageProcessingStepId") ?? "";
            var message = Guid.TryParse(step.Element("SdkMessageId")?.Value, out var id) ? SdkMessages.Name(id) : null;
            var entity = step.Element("PrimaryEntity")?.Value ?? "";
            var filtering = StepRegistration.SplitColumns(step.Element("FilteringAttributes")?.Value);
            if (message == "Update" && filtering.Count == 0) yield return new Finding(Severity.Error, $"step {name}: an Update step needs filtering attributes");
            var key = $"{step.Element("PluginTypeId")?.Value}|{step.Element("SdkMessageId")?.Value}|{entity}|{step.Element("Stage")?.Value}|{step.Element("Mode")?.Value}";
            if (!seen.Add(key)) yield return new Finding(Severity.Error, $"duplicate step: {name}");
            if (message != null && entity is not ("" or "none") && !MessageAvailability.Exists(message, entity))
                yield return new Finding(Severity.Error, $"step {name}: the {entity} table has no {message} message in Dataverse (no sdkmessagefilter), so the step cannot be registered");
            foreach (var image in step.Descendants("SdkMessageProcessingStepImage").Where(i => message != null && i.Element("MessagePropertyName")?.Value != SdkMessages.ImagePropertyName(message)))
                yield return new Finding(Severity.Error, $"step {name}: image {(string?)image.Attribute("Name")} takes MessagePropertyName '{image.Element("MessagePropertyName")?.Value}', but {message} publishes '{SdkMessages.ImagePropertyName(message!)}'");
            if (!entities.TryGetValue(entity, out var columns)) continue;
            var images = step.Descendants("SdkMessageProcessingStepImage").SelectMany(i => StepRegistration.SplitColumns(i.Element("Attributes")?.Value));
            foreach (var column in filtering.Concat(images).Where(c => !columns.Contains(c)))
                yield return new Finding(Severity.Error, $"step {name}: column '{column}' is not a column of {entity} in this solution");
        }
    }

    private static IEnumerable<Finding> CustomApis(Dictionary<string, byte[]> parts, XElement customizations)
    {
        var types = customizations.Descendants("PluginType").Select(t => ((string?)t.Attribute("PluginTypeId") ?? "").Trim('{', '}').ToLowerInvariant()).ToHashSet();
        foreach (var (path, bytes) in parts.Where(p => p.Key.StartsWith("customapis/", StringComparison.Ordinal)))
        {
            var root = XDocument.Load(new MemoryStream(bytes)).Root!;
            var name = (string?)root.Attribute("uniquename") ?? path;
            if (root.Name == "customapi")
            {
                var binding = root.Element("bindingtype")?.Value;
                var bound = root.Element("boundentitylogicalname")?.Value ?? "";
                if (binding is "1" or "2" && bound.Length == 0) yield return new Finding(Severity.Error, $"custom API {name}: bound (bindingtype {binding}) but names no table");
                if (binding == "0" && bound.Length > 0) yield return new Finding(Severity.Error, $"custom API {name}: global but names bound table {bound}");
                var link = root.Element("plugintypeid")?.Elements().FirstOrDefault();
                if (link == null) yield return new Finding(Severity.Warning, $"custom API {name}: no plug-in type; the message does nothing until one is linked");
                else if (link.Name == "plugintypeid" && !types.Contains(link.Value.Trim('{', '}').ToLowerInvariant()))
                    yield return new Finding(Severity.Warning, $"custom API {name}: plug-in type {link.Value} is not in this zip; it must exist in the target environment");
            }
            if (root.Name == "customapiresponseproperty" && root.Element("isoptional") != null)
                yield return new Finding(Severity.Error, $"{path}: a response property cannot carry isoptional (the import fails)");
        }
    }

    private static IEnumerable<Finding> Prefixes(XElement solution, XElement customizations, Dictionary<string, byte[]> parts, string prefix)
    {
        bool Ok(string name) => name.StartsWith(prefix + "_", StringComparison.OrdinalIgnoreCase);
        foreach (var root in solution.Descendants("RootComponent").Where(r => (string?)r.Attribute("type") == "1" && (string?)r.Attribute("behavior") == "0"))
            if ((string?)root.Attribute("schemaName") is string n && !Ok(n)) yield return new Finding(Severity.Error, $"table {n} is outside the publisher prefix '{prefix}'");
        foreach (var a in customizations.Descendants("attribute").Where(a => a.Element("IsCustomField")?.Value == "1"))
            if (!Ok((string?)a.Attribute("PhysicalName") ?? "")) yield return new Finding(Severity.Error, $"column {(string?)a.Attribute("PhysicalName")} is outside the publisher prefix '{prefix}'");
        foreach (var o in customizations.Elements("optionsets").Elements("optionset"))
            if (!Ok((string?)o.Attribute("Name") ?? "")) yield return new Finding(Severity.Error, $"choice {(string?)o.Attribute("Name")} is outside the publisher prefix '{prefix}'");
        foreach (var app in customizations.Descendants("AppModule").Select(a => a.Element("UniqueName")?.Value ?? "").Where(n => !Ok(n)))
            yield return new Finding(Severity.Error, $"app {app} is outside the publisher prefix '{prefix}'");
        foreach (var folder in parts.Keys.Where(k => k.StartsWith("customapis/", StringComparison.Ordinal) || k.StartsWith("environmentvariabledefinitions/", StringComparison.Ordinal))
                     .Select(k => k.Split('/')[1]).Distinct().Where(n => !Ok(n)))
            yield return new Finding(Severity.Error, $"component {folder} is outside the publisher prefix '{prefix}'");
    }
}
