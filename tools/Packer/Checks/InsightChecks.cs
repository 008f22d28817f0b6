using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// Checks on a written customizations.xml that the import would otherwise fail on, or that would leave a broken tile:
/// each chart's data description is valid against VisualizationDataDescription.xsd and its fetch names only columns of
/// its table; each dashboard tile names a table, view and chart the package holds; each site-map dashboard exists and is
/// an app component; each code component on a form is declared and bound to a control of that form.
/// </summary>
public sealed class InsightChecks
{
    private readonly XmlSchemaSet chartSchema;

    public InsightChecks(string schemaFolder)
    {
        chartSchema = new XmlSchemaSet();
        chartSchema.Add(null, Path.Combine(schemaFolder, "VisualizationDataDescription.xsd"));
        chartSchema.Compile();
    }

    public IEnumerable<Finding> Run(XElement customizations)
    {
        var entities = customizations.Elements("Entities").Elements("Entity").ToDictionary(
            e => e.Element("Name")!.Value.ToLowerInvariant(),
            e => (Columns: e.Descendants("attribute").Select(a => a.Element("LogicalName")?.Value ?? "").ToHashSet(StringComparer.Ordinal),
                  Views: e.Descendants("savedquery").Select(q => Id(q.Element("savedqueryid"))).ToHashSet(),
                  Charts: e.Descendants("visualization").Select(v => Id(v.Element("savedqueryvisualizationid"))).ToHashSet(),
                  // A shell (a platform table the solution extends) carries no names and lists only the columns it adds.
                  IsShell: e.Element("EntityInfo")?.Element("entity")?.Element("LocalizedNames") == null,
                  Entity: e),
            StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var (table, info) in entities)
            foreach (var chart in info.Entity.Descendants("visualization"))
                findings.AddRange(Chart(table, info.Columns, info.IsShell, chart));
        var dashboards = customizations.Elements("Dashboards").Elements("Dashboard").ToList();
        foreach (var dashboard in dashboards)
        {
            var name = dashboard.Element("LocalizedNames")?.Elements().FirstOrDefault()?.Attribute("description")?.Value ?? Id(dashboard.Element("FormId")).ToString();
            foreach (var control in dashboard.Descendants("control"))
            {
                var p = control.Element("parameters");
                var table = p?.Element("TargetEntityType")?.Value ?? "";
                var tile = $"dashboard '{name}' tile {(string?)control.Attribute("id")}";
                if (!entities.TryGetValue(table, out var target))
                {
                    findings.Add(Error($"{tile}: table '{table}' is not in the package"));
                    continue;
                }
                if (!target.Views.Contains(Id(p!.Element("ViewId")))) findings.Add(Error($"{tile}: view {p.Element("ViewId")?.Value} is not a view of {table} in the package"));
                if (p.Element("VisualizationId") is { } chart && !target.Charts.Contains(Id(chart)))
                    findings.Add(Error($"{tile}: chart {chart.Value} is not a chart of {table} in the package"));
            }
        }
        var dashboardIds = dashboards.Select(d => Id(d.Element("FormId"))).ToHashSet();
        var appForms = customizations.Descendants("AppModuleComponent").Where(c => (string?)c.Attribute("type") == "60").Select(c => Id(c.Attribute("id"))).ToHashSet();
        foreach (var subArea in customizations.Descendants("SubArea").Where(s => s.Attribute("DefaultDashboard") != null))
        {
            var id = Id(subArea.Attribute("DefaultDashboard"));
            if (!dashboardIds.Contains(id)) findings.Add(Error($"site map entry {(string?)subArea.Attribute("Id")}: dashboard {id:B} is not in the package"));
            else if (!appForms.Contains(id)) findings.Add(Error($"site map entry {(string?)subArea.Attribute("Id")}: dashboard {id:B} is not a component of the app"));
        }
        var declared = customizations.Elements("CustomControls").Elements("CustomControl").Select(c => c.Element("Name")?.Value ?? "").ToHashSet(StringComparer.Ordinal);
        foreach (var form in customizations.Descendants("form"))
        {
            var uniqueIds = form.Descendants("control").Select(c => (string?)c.Attribute("uniqueid")).OfType<string>().Select(Parse).ToHashSet();
            foreach (var description in form.Elements("controlDescriptions").Elements("controlDescription"))
            {
                if (!uniqueIds.Contains(Parse((string?)description.Attribute("forControl") ?? "")))
                    findings.Add(Error($"form control description for {(string?)description.Attribute("forControl")}: no control of the form has that uniqueid"));
                foreach (var name in description.Elements("customControl").Select(c => (string?)c.Attribute("name")).OfType<string>().Where(n => !declared.Contains(n)).Distinct())
                    findings.Add(Error($"form uses code component {name}, which the package does not declare in CustomControls"));
            }
        }
        return findings;
    }

    private IEnumerable<Finding> Chart(string table, HashSet<string> columns, bool isShell, XElement chart)
    {
        var name = chart.Element("LocalizedNames")?.Elements().FirstOrDefault()?.Attribute("description")?.Value ?? "";
        var where = $"chart '{name}' on {table}";
        XDocument data;
        try
        {
            data = XDocument.Parse(chart.Element("datadescription")?.Value ?? "");
        }
        catch (XmlException e)
        {
            return [Error($"{where}: the data description is not XML: {e.Message}")];
        }
        var findings = new List<Finding>();
        data.Validate(chartSchema, (_, e) => findings.Add(Error($"{where}: VisualizationDataDescription.xsd: {e.Message}")));
        foreach (var entity in data.Descendants("entity"))
        {
            if ((string?)entity.Attribute("name") != table) findings.Add(Error($"{where}: its fetch reads {(string?)entity.Attribute("name")}, not {table}"));
            var named = entity.Elements("attribute").Select(a => (string?)a.Attribute("name")).Concat(entity.Descendants("condition").Select(c => (string?)c.Attribute("attribute")));
            // On a shell, the platform's own columns (no publisher prefix) are not in the zip; the solution's must be.
            foreach (var column in named.OfType<string>().Where(c => !columns.Contains(c) && !(isShell && !c.Contains('_'))).Distinct())
                findings.Add(Error($"{where}: its fetch names column '{column}', which is not a column of {table} in the package"));
        }
        var aliases = data.Descendants("attribute").Select(a => (string?)a.Attribute("alias")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var alias in data.Descendants("category").Select(c => (string?)c.Attribute("alias")).Concat(data.Descendants("measure").Select(m => (string?)m.Attribute("alias")))
                     .OfType<string>().Where(a => !aliases.Contains(a)))
            findings.Add(Error($"{where}: alias '{alias}' is not an attribute alias of its fetch"));
        return findings;
    }

    private static Finding Error(string message) => new(Severity.Error, message);

    private static Guid Id(XElement? e) => Parse(e?.Value ?? "");
    private static Guid Id(XAttribute? a) => Parse(a?.Value ?? "");
    private static Guid Parse(string text) => Guid.TryParse(text, out var id) ? id : Guid.Empty;
}
