using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Identity;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>
/// Builds a solution package - every zip entry, in order - from the solution source and the plug-in assemblies, and
/// writes it as a zip that is byte-identical for the same inputs (fixed entry times, fixed order, name-derived ids).
/// </summary>
public static class PackageWriter
{
    /// <summary>Every entry is dated 2000-01-01 so the zip's bytes depend on the content only.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SortedDictionary<string, byte[]> Entries(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies, bool managed,
        IReadOnlyList<BuiltControl>? controls = null)
    {
        controls ??= [];
        var registered = assemblies.Where(a => a.Types.Count > 0).ToList();
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["solution.xml"] = Xml.Serialize(SolutionManifest(solution, registered, managed, controls)),
            ["customizations.xml"] = Xml.Serialize(Customizations(solution, registered, managed, controls)),
        };
        foreach (var control in controls)
            foreach (var (file, bytes) in control.Files) entries[$"{control.Folder}/{file}"] = bytes;
        foreach (var assembly in registered) entries[ComponentWriters.AssemblyFileName(assembly).TrimStart('/')] = assembly.Bytes;
        foreach (var api in solution.CustomApis) AddCustomApi(entries, api);
        foreach (var variable in solution.EnvironmentVariables)
            entries[$"environmentvariabledefinitions/{variable.SchemaName}/environmentvariabledefinition.xml"] = Xml.Serialize(EnvironmentVariable(variable));
        entries["[Content_Types].xml"] = ContentTypes(entries.Keys);
        return entries;
    }

    public static byte[] Zip(IReadOnlyDictionary<string, byte[]> entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var s = entry.Open();
                s.Write(bytes);
            }
        }
        return stream.ToArray();
    }

    public static string ZipName(SolutionDefinition solution, bool managed) =>
        $"{solution.UniqueName}_{solution.Version.ToString().Replace('.', '_')}{(managed ? "_managed" : "")}.zip";

    private static XElement SolutionManifest(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies, bool managed, IReadOnlyList<BuiltControl> controls)
    {
        var p = solution.Publisher;
        var schema = solution.Schema;
        static XElement Root(int type, string? schemaName = null, Guid? id = null, int behavior = 0) => new("RootComponent",
            new XAttribute("type", type),
            schemaName == null ? null : new XAttribute("schemaName", schemaName),
            id == null ? null : new XAttribute("id", id.Value.Braced()),
            new XAttribute("behavior", behavior));
        var roots = new List<XElement>();
        // Custom tables come whole; platform tables as shells (behavior 2, as real exports of contact and appointment
        // shells write them) carrying only the columns and keys this solution adds, with its forms as their own roots.
        roots.AddRange(schema.Tables.Select(t => Root(1, schemaName: t.LogicalName, behavior: t.IsCustom ? 0 : 2)));
        roots.AddRange(schema.GlobalChoices.Select(c => Root(9, schemaName: c.Name)));
        roots.AddRange(solution.Roles.Select(r => Root(20, id: ComponentIds.Role(r.Name))));
        roots.AddRange(schema.Tables.Where(t => !t.IsCustom).Select(t => Root(60, id: ComponentIds.Form(t.LogicalName, EntityWriter.MainFormName(t)))));
        // Charts on a platform table are roots of their own (a custom table's come with it); dashboards always are.
        roots.AddRange(solution.Charts.Where(c => schema.Table(c.Table)?.IsCustom == false).Select(c => Root(59, id: ComponentIds.Chart(c.Table, c.Name))));
        roots.AddRange(solution.Dashboards.Select(d => Root(60, id: ComponentIds.Dashboard(d.Name))));
        if (solution.App != null) roots.Add(Root(62, schemaName: solution.App.UniqueName));
        roots.AddRange(solution.FieldSecurityProfiles.Select(f => Root(70, id: ComponentIds.FieldSecurityProfile(f.Name))));
        roots.AddRange(controls.Select(c => Root(66, schemaName: c.Control.Name)));
        if (solution.App != null) roots.Add(Root(80, schemaName: solution.App.UniqueName));
        roots.AddRange(assemblies.Select(a => new XElement("RootComponent", new XAttribute("type", 91), new XAttribute("id", ComponentIds.PluginAssembly(a.Name).Braced()),
            new XAttribute("schemaName", a.FullName), new XAttribute("behavior", 0))));
        roots.AddRange(assemblies.SelectMany(a => a.Types).SelectMany(t => t.Steps).Select(s => Root(92, id: ComponentWriters.StepId(s))));
        XElement Nil(string name) => new(name, new XAttribute(Xml.Xsi + "nil", "true"), "");
        XElement Address(int number) => new("Address",
            new XElement("AddressNumber", number), new XElement("AddressTypeCode", 1),
            Nil("City"), Nil("County"), Nil("Country"), Nil("Fax"), Nil("FreightTermsCode"), Nil("ImportSequenceNumber"), Nil("Latitude"),
            Nil("Line1"), Nil("Line2"), Nil("Line3"), Nil("Longitude"), Nil("Name"), Nil("PostalCode"), Nil("PostOfficeBox"), Nil("PrimaryContactName"),
            new XElement("ShippingMethodCode", 1), Nil("StateOrProvince"), Nil("Telephone1"), Nil("Telephone2"), Nil("Telephone3"),
            Nil("TimeZoneRuleVersionNumber"), Nil("UPSZone"), Nil("UTCOffset"), Nil("UTCConversionTimeZoneCode"));
        return new XElement("ImportExportXml",
            new XAttribute("version", "9.2.22021.131"), new XAttribute("SolutionPackageVersion", "9.2"), new XAttribute("languagecode", Xml.Language),
            new XAttribute("generatedBy", "CrmLive"), new XAttribute(XNamespace.Xmlns + "xsi", Xml.Xsi),
            new XElement("SolutionManifest",
                new XElement("UniqueName", solution.UniqueName),
                Xml.LocalizedNames(solution.DisplayName),
                solution.Description == null ? new XElement("Descriptions") : Xml.Descriptions(solution.Description),
                new XElement("Version", solution.Version.ToString()),
                new XElement("Managed", managed ? 1 : 0),
                new XElement("Publisher",
                    new XElement("UniqueName", p.UniqueName),
                    Xml.LocalizedNames(p.DisplayName),
                    p.Description == null ? new XElement("Descriptions") : Xml.Descriptions(p.Description),
                    Nil("EMailAddress"), Nil("SupportingWebsiteUrl"),
                    new XElement("CustomizationPrefix", p.Prefix),
                    new XElement("CustomizationOptionValuePrefix", p.OptionValuePrefix),
                    new XElement("Addresses", Address(1), Address(2))),
                new XElement("RootComponents", roots),
                new XElement("MissingDependencies")));
    }

    private static XElement Customizations(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies, bool managed, IReadOnlyList<BuiltControl> controls)
    {
        var schema = solution.Schema;
        var app = solution.App;
        var steps = assemblies.SelectMany(a => a.Types.SelectMany(t => t.Steps).Select(s => ComponentWriters.Step(a, s)));
        return new XElement("ImportExportXml", new XAttribute(XNamespace.Xmlns + "xsi", Xml.Xsi),
            new XElement("Entities", schema.Tables.Select(t => EntityWriter.Entity(solution, t, managed, controls))),
            new XElement("Roles", solution.Roles.Select(r => ComponentWriters.Role(schema, r))),
            new XElement("Workflows"),
            new XElement("FieldSecurityProfiles", solution.FieldSecurityProfiles.Select(ComponentWriters.FieldSecurityProfile)),
            new XElement("Templates"),
            new XElement("EntityMaps"),
            new XElement("EntityRelationships", ComponentWriters.Relationships(schema)),
            new XElement("OrganizationSettings"),
            new XElement("optionsets", schema.GlobalChoices.Select(EntityWriter.GlobalOptionSet)),
            new XElement("Dashboards", solution.Dashboards.Select(d => InsightWriters.Dashboard(solution, d))),
            new XElement("CustomControls", controls.Select(ControlWriter.CustomControl)),
            new XElement("SolutionPluginAssemblies", assemblies.Select(ComponentWriters.PluginAssembly)),
            new XElement("SdkMessageProcessingSteps", steps),
            app == null ? null : new XElement("AppModuleSiteMaps", ComponentWriters.AppModuleSiteMap(solution, app)),
            app == null ? null : new XElement("AppModules", ComponentWriters.AppModule(solution, app)),
            new XElement("EntityDataProviders"),
            new XElement("Languages", new XElement("Language", Xml.Language)));
    }

    private static void AddCustomApi(IDictionary<string, byte[]> entries, CustomApiDefinition api)
    {
        var folder = $"customapis/{api.UniqueName}";
        var plugin = new XElement("plugintypeid");
        if (!api.HandlerPending) plugin.Add(new XElement("plugintypeid", ComponentIds.PluginType(api.PluginType)));
        entries[$"{folder}/customapi.xml"] = Xml.Serialize(new XElement("customapi", new XAttribute("uniquename", api.UniqueName),
            new XElement("allowedcustomprocessingsteptype", 0),
            new XElement("bindingtype", (int)api.Binding),
            new XElement("boundentitylogicalname", api.BoundEntity ?? ""),
            Xml.DefaultLabel("description", api.Description),
            Xml.DefaultLabel("displayname", api.DisplayName),
            new XElement("executeprivilegename", ""),
            Xml.Flag("iscustomizable", false),
            Xml.Flag("isfunction", api.IsFunction),
            Xml.Flag("isprivate", false),
            new XElement("name", api.DisplayName),
            plugin,
            Xml.Flag("workflowsdkstepenabled", false)));
        foreach (var p in api.RequestParameters)
            entries[$"{folder}/customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml"] = Xml.Serialize(Field("customapirequestparameter", p, request: true));
        foreach (var p in api.ResponseProperties)
            entries[$"{folder}/customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml"] = Xml.Serialize(Field("customapiresponseproperty", p, request: false));
    }

    private static XElement Field(string element, CustomApiField p, bool request) => new(element, new XAttribute("uniquename", p.UniqueName),
        Xml.DefaultLabel("description", p.Description),
        Xml.DefaultLabel("displayname", p.DisplayName),
        Xml.Flag("iscustomizable", false),
        // A response property with isoptional fails the import.
        request ? Xml.Flag("isoptional", p.IsOptional) : null,
        new XElement("logicalentityname", p.EntityLogicalName ?? ""),
        new XElement("name", p.DisplayName),
        new XElement("type", (int)p.Type));

    private static XElement EnvironmentVariable(EnvironmentVariableDefinition v) => new("environmentvariabledefinition", new XAttribute("schemaname", v.SchemaName),
        new XElement("defaultvalue", v.DefaultValue),
        Xml.DefaultLabel("description", v.Description),
        Xml.DefaultLabel("displayname", v.DisplayName),
        new XElement("introducedversion", EntityWriter.IntroducedVersion),
        Xml.Flag("iscustomizable", true),
        Xml.Flag("isrequired", false),
        new XElement("secretstore", 0),
        new XElement("type", ((int)v.Type).ToString(CultureInfo.InvariantCulture)));

    /// <summary>One Default per file extension in the package, one Override per extension-less part; UTF-8 with BOM, one line.</summary>
    private static byte[] ContentTypes(IEnumerable<string> parts)
    {
        var list = parts.Append("[Content_Types].xml").ToList();
        var ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"").Append(ns).Append("\">");
        foreach (var ext in list.Select(p => Path.GetExtension(p).TrimStart('.')).Where(e => e.Length > 0).Distinct().Order(StringComparer.Ordinal))
            sb.Append("<Default Extension=\"").Append(ext).Append("\" ContentType=\"application/octet-stream\" />");
        foreach (var part in list.Where(p => Path.GetExtension(p).Length == 0).Order(StringComparer.Ordinal))
            sb.Append("<Override PartName=\"/").Append(part).Append("\" ContentType=\"application/octet-stream\" />");
        sb.Append("</Types>");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }
}
