using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// Validates customizations.xml against the published CustomizationsSolution.xsd (9.0.0.2090). Live exports carry
/// elements newer than that schema; those are reported as warnings naming the element (and left out of the rest of the
/// validation), everything else as errors.
/// </summary>
public sealed class XsdValidator
{
    /// <summary>Elements and attributes real exports carry that the 2021 schema does not declare.</summary>
    private static readonly HashSet<string> NewerThanSchema = new(StringComparer.Ordinal)
    {
        "AutoNumberFormat", "CascadeArchive", "CascadeRollupView", "IsRetrieveAuditEnabled", "IsRetrieveMultipleAuditEnabled", "IsAutoAssigned",
        "OrganizationVersion", "OrganizationSchemaType", "CRMServerServiceabilityVersion", "IsSearchable", "IsFilterable", "IsRetrievable",
        "IsLocalizable", "CanReadUnmasked", "Description", "EntityImageConfigs", "AttributeImageConfigs", "CanvasApps", "connectionreferences",
        "appaction_appactionrule_classicrulesset", "msdyn_dataflows", "AIModels", "OptimizedFor", "statecode", "statuscode", "NavigationType",
        "appsettings", "appelements", "headerdensity", "ExternalValue", "IsHidden", "ParentAttributeName", "IsMSTeamsIntegrationEnabled",
        "IsSolutionAware",
    };

    private readonly XmlSchemaSet schemas;

    public XsdValidator(string schemaFolder)
    {
        // .NET has no resolver by default, and CustomizationsSolution.xsd includes the other files.
        schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, Path.Combine(schemaFolder, "CustomizationsSolution.xsd"));
        schemas.Compile();
    }

    public List<Finding> Validate(byte[] customizationsXml)
    {
        var document = XDocument.Load(new MemoryStream(customizationsXml), LoadOptions.SetLineInfo);
        var findings = new List<Finding>();
        while (true)
        {
            var pass = new List<(XObject? Node, XmlSchemaException Error)>();
            document.Validate(schemas, (sender, e) => pass.Add((sender as XObject, e.Exception)));
            // A newer element stops the validation of the siblings after it, which would hide their errors: report it,
            // take it out of the copy and validate again, until only the schema's own elements remain.
            var newer = pass.FirstOrDefault(p => p.Node is XElement { Parent: not null } e && NewerThanSchema.Contains(e.Name.LocalName));
            if (newer.Node is XElement element)
            {
                findings.Add(Warning(element, element.Name.LocalName, newer.Error));
                element.Remove();
                continue;
            }
            foreach (var (node, error) in pass)
            {
                var name = node switch { XElement e => e.Name.LocalName, XAttribute a => a.Name.LocalName, _ => "" };
                findings.Add(node is XAttribute && NewerThanSchema.Contains(name) ? Warning(node, name, error) : new Finding(Severity.Error, $"{Where(node)}: XSD: {error.Message}"));
            }
            return findings;
        }
    }

    private static Finding Warning(XObject? node, string name, XmlSchemaException error) =>
        new(Severity.Warning, $"{Where(node)}: '{name}' is newer than the 9.0.0.2090 schema: {error.Message}");

    private static string Where(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? $"customizations.xml({info.LineNumber},{info.LinePosition})" : "customizations.xml";

    /// <summary>The schema folder in the shared reference beside the repository.</summary>
    public static string DefaultSchemaFolder(string repoRoot) =>
        Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "reference", "schemas", "9.0.0.2090"));
}
