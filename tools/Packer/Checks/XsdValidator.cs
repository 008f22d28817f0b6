using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using System.Xml.Schema;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// Validates customizations.xml against the published CustomizationsSolution.xsd (9.0.0.2090). Live exports carry
/// elements newer than that schema; those are reported as warnings naming the element, everything else as errors.
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
        "appsettings", "appelements", "headerdensity", "ExternalValue", "IsHidden", "ParentAttributeName",
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
        var findings = new List<Finding>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        XmlReader? reader = null;
        settings.ValidationEventHandler += (_, e) =>
        {
            var name = reader?.NodeType == XmlNodeType.Attribute || reader?.NodeType == XmlNodeType.Element ? reader.LocalName : "";
            var where = $"customizations.xml({e.Exception?.LineNumber},{e.Exception?.LinePosition})";
            findings.Add(NewerThanSchema.Contains(name)
                ? new Finding(Severity.Warning, $"{where}: '{name}' is newer than the 9.0.0.2090 schema: {e.Message}")
                : new Finding(Severity.Error, $"{where}: XSD: {e.Message}"));
        };
        using var stream = new MemoryStream(customizationsXml);
        using (reader = XmlReader.Create(stream, settings))
        {
            while (reader.Read())
            {
                // Attributes are validated as the element is read; visiting them lets the handler name the attribute.
                if (reader.NodeType == XmlNodeType.Element && reader.HasAttributes) while (reader.MoveToNextAttribute()) { }
            }
        }
        return findings;
    }

    /// <summary>The schema folder in the shared reference beside the repository.</summary>
    public static string DefaultSchemaFolder(string repoRoot) =>
        Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "reference", "schemas", "9.0.0.2090"));
}
