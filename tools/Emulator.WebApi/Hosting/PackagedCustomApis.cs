using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.Hosting;

/// <summary>
/// The custom APIs' request parameters and response properties as a solution zip carries them
/// (customapis/NAME/customapi.xml, customapirequestparameters/P/customapirequestparameter.xml,
/// customapiresponseproperties/P/customapiresponseproperty.xml); the emulator's import registers the handlers, and the
/// Web API needs the parameter types to read JSON and URL values.
/// </summary>
public static class PackagedCustomApis
{
    public static IReadOnlyList<CustomApiDefinition> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        var apis = new List<CustomApiDefinition>();
        foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("customapis/", StringComparison.Ordinal) && e.FullName.EndsWith("/customapi.xml", StringComparison.Ordinal)))
        {
            var folder = entry.FullName[..^"customapi.xml".Length];
            var api = Load(entry);
            var name = api.Attribute("uniquename")?.Value ?? throw new InvalidDataException($"{entry.FullName} has no uniquename.");
            apis.Add(new CustomApiDefinition
            {
                UniqueName = name, DisplayName = Text(api, "name"), Description = "", PluginType = "",
                IsFunction = Text(api, "isfunction") == "1",
                Binding = (CustomApiBinding)int.Parse(Text(api, "bindingtype"), CultureInfo.InvariantCulture),
                BoundEntity = Text(api, "boundentitylogicalname") is { Length: > 0 } bound ? bound : null,
                RequestParameters = Fields(archive, folder + "customapirequestparameters/"),
                ResponseProperties = Fields(archive, folder + "customapiresponseproperties/"),
            });
        }
        return apis;
    }

    private static List<CustomApiField> Fields(ZipArchive archive, string folder) =>
        archive.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(Load)
            .Select(field => new CustomApiField
            {
                UniqueName = field.Attribute("uniquename")!.Value, DisplayName = Text(field, "name"), Description = "",
                Type = (CustomApiFieldType)int.Parse(Text(field, "type"), CultureInfo.InvariantCulture),
                EntityLogicalName = Text(field, "logicalentityname") is { Length: > 0 } table ? table : null,
                IsOptional = Text(field, "isoptional") == "1",
            })
            .ToList();

    private static XElement Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    private static string Text(XElement element, string name) => element.Element(name)?.Value.Trim() ?? "";
}
