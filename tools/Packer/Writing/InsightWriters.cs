using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Identity;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>
/// System charts (an Entity's &lt;Visualizations&gt;) and system dashboards (&lt;Dashboards&gt;, dashboard forms of type 0).
/// Chart data: https://learn.microsoft.com/power-apps/developer/model-driven-apps/understand-charts-underlying-data-chart-representation ;
/// dashboard FormXML: https://learn.microsoft.com/power-apps/developer/model-driven-apps/understand-dashboards-dashboard-components-formxml
/// </summary>
internal static class InsightWriters
{
    /// <summary>The platform's grid/chart control that a dashboard tile uses for both lists and charts.</summary>
    public const string GridControlClass = "{E7A81278-8635-4d9e-8D4D-59480B391C5B}";

    private const string CountAlias = "count";

    private static string GroupAlias(string column) => "groupby_" + column;

    public static XElement? Visualizations(SolutionDefinition solution, TableDefinition table)
    {
        var charts = solution.Charts.Where(c => c.Table == table.LogicalName).ToList();
        return charts.Count == 0 ? null : new XElement("Visualizations", charts.Select(c => Visualization(table, c)));
    }

    /// <summary>The datadescription: one aggregate fetch that counts rows by the group-by columns, and the category it plots.</summary>
    public static XElement DataDescription(TableDefinition table, ChartDefinition chart)
    {
        var entity = new XElement("entity", new XAttribute("name", table.LogicalName),
            new XElement("attribute", new XAttribute("alias", CountAlias), new XAttribute("name", table.PrimaryIdColumn), new XAttribute("aggregate", "count")),
            chart.GroupBy.Select(g => new XElement("attribute", new XAttribute("groupby", "true"), new XAttribute("alias", GroupAlias(g)), new XAttribute("name", g))));
        if (chart.AllOf.Count > 0)
            entity.Add(new XElement("filter", new XAttribute("type", "and"), chart.AllOf.Select(c =>
            {
                var e = new XElement("condition", new XAttribute("attribute", c.Column), new XAttribute("operator", c.Operator));
                if (c.Value != null) e.Add(new XAttribute("value", c.Value));
                e.Add(c.Values.Select(v => new XElement("value", v)));
                return e;
            })));
        return new XElement("datadefinition",
            new XElement("fetchcollection", new XElement("fetch", new XAttribute("mapping", "logical"), new XAttribute("aggregate", "true"), entity)),
            new XElement("categorycollection", new XElement("category", new XAttribute("alias", GroupAlias(chart.GroupBy[0])),
                new XElement("measurecollection", new XElement("measure", new XAttribute("alias", CountAlias))))));
    }

    /// <summary>The presentationdescription: one series of the chart's type with its values shown as labels (readable without colour).</summary>
    public static XElement PresentationDescription(ChartDefinition chart) => new("Chart",
        new XElement("Series", new XElement("Series", new XAttribute("ChartType", chart.Kind.ToString()), new XAttribute("IsValueShownAsLabel", "True"),
            new XAttribute("Font", "{0}, 9.5px"), new XAttribute("LabelForeColor", "59, 59, 59"))),
        new XElement("ChartAreas", new XElement("ChartArea", new XAttribute("BorderColor", "White"), new XAttribute("BorderDashStyle", "Solid"))),
        new XElement("Titles", new XElement("Title", new XAttribute("Alignment", "TopLeft"), new XAttribute("Font", "{0}, 13px"), new XAttribute("ForeColor", "59, 59, 59"))),
        new XElement("Legends", new XElement("Legend", new XAttribute("Alignment", "Center"), new XAttribute("LegendStyle", "Table"), new XAttribute("Docking", "Right"),
            new XAttribute("Enabled", chart.GroupBy.Count > 1 || chart.Kind == ChartKind.Pie ? "True" : "False"))));

    private static XElement Visualization(TableDefinition table, ChartDefinition chart) => new("visualization",
        new XElement("savedqueryvisualizationid", ComponentIds.Chart(table.LogicalName, chart.Name).Braced()),
        // Exports carry both descriptions as XML text inside the element, not as child elements.
        new XElement("datadescription", DataDescription(table, chart).ToString(SaveOptions.DisableFormatting)),
        new XElement("presentationdescription", PresentationDescription(chart).ToString(SaveOptions.DisableFormatting)),
        Xml.Flag("isdefault", false),
        Xml.Flag("IsCustomizable", true),
        Xml.Flag("CanBeDeleted", true),
        new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
        Xml.LocalizedNames(chart.Name),
        Xml.Descriptions(chart.Description));

    public static Guid ViewId(SolutionSchema schema, string table, string view) =>
        EntityWriter.ViewNames(schema.Table(table)!).TryGetValue(view, out var id) ? id : ComponentIds.View(table, view);

    public static XElement Dashboard(SolutionDefinition solution, DashboardDefinition dashboard)
    {
        var formId = ComponentIds.Dashboard(dashboard.Name);
        XElement Cell(DashboardComponent c, int index)
        {
            var chart = c.Chart == null ? (Guid?)null : ComponentIds.Chart(c.Table, c.Chart);
            var title = c.Chart ?? c.View;
            return new XElement("cell", new XAttribute("colspan", 1), new XAttribute("rowspan", 12), new XAttribute("showlabel", "true"), new XAttribute("auto", "false"),
                new XAttribute("id", ComponentIds.FormPart(formId, $"cell/{index}").Braced()),
                Xml.Labels(title),
                new XElement("control", new XAttribute("id", $"Component{index + 1}"), new XAttribute("classid", GridControlClass),
                    new XElement("parameters",
                        new XElement("ViewId", ViewId(solution.Schema, c.Table, c.View).Braced()),
                        new XElement("IsUserView", "false"),
                        new XElement("RelationshipName"),
                        new XElement("TargetEntityType", c.Table),
                        new XElement("AutoExpand", "Fixed"),
                        new XElement("EnableQuickFind", "false"),
                        new XElement("EnableViewPicker", "false"),
                        new XElement("EnableJumpBar", "false"),
                        new XElement("ChartGridMode", chart == null ? "Grid" : "Chart"),
                        chart == null ? null : new XElement("VisualizationId", chart.Value.Braced()),
                        chart == null ? null : new XElement("IsUserChart", "false"),
                        new XElement("EnableChartPicker", "false"),
                        new XElement("RecordsPerPage", 10))));
        }
        // Two tiles to a row; a row spans the twelve rows the tiles' rowspan takes, as the designer writes it.
        var rows = dashboard.Components.Select((c, i) => (c, i)).Chunk(2).SelectMany(pair =>
            new[] { new XElement("row", pair.Select(p => Cell(p.c, p.i))) }.Concat(Enumerable.Range(0, 11).Select(_ => new XElement("row"))));
        var form = new XElement("form",
            new XElement("tabs", new XElement("tab", new XAttribute("showlabel", "false"), new XAttribute("verticallayout", "true"), new XAttribute("expanded", "true"),
                new XAttribute("id", ComponentIds.FormPart(formId, "tab").Braced()), new XAttribute("name", "tab_" + formId.ToString("N")),
                Xml.Labels(dashboard.Name),
                new XElement("columns", new XElement("column", new XAttribute("width", "100%"),
                    new XElement("sections", new XElement("section", new XAttribute("showlabel", "false"), new XAttribute("showbar", "false"), new XAttribute("columns", "11"),
                        new XAttribute("id", ComponentIds.FormPart(formId, "section").Braced()), new XAttribute("name", "section_" + formId.ToString("N")),
                        Xml.Labels(dashboard.Name),
                        new XElement("rows", rows))))))));
        return new XElement("Dashboard",
            new XElement("FormId", formId.Braced()),
            Xml.LocalizedNames(dashboard.Name),
            Xml.Descriptions(dashboard.Description),
            Xml.Flag("IsCustomizable", true),
            Xml.Flag("IsDefault", false),
            Xml.Flag("CanBeDeleted", true),
            new XElement("FormXml", new XElement("forms", new XAttribute("type", "dashboard"), form)),
            new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
            Xml.Flag("IsTabletEnabled", true));
    }
}
