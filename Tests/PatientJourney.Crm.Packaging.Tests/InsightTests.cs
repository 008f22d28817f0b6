using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Identity;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>Charts and dashboards as the packer writes them from Solution/charts.yaml and Solution/dashboards.yaml.</summary>
public class InsightTests
{
    private static XElement Customizations(int zip) => Xml(Unzip(Packed.Zips[zip].Bytes)["customizations.xml"]);

    private static readonly string[] ExpectedCharts =
    [
        "Journeys by current stage", "Overdue journeys by stage", "Referrals by status and SLA breach", "Appointments by attendance",
        "Survey responses by NPS category", "Follow-ups by status and channel", "Touchpoints by channel", "Pain points by category",
    ];

    private static XElement Chart(XElement customizations, string name) => customizations.Descendants("visualization")
        .Single(v => v.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value == name);

    [Fact]
    public void Both_packages_hold_the_eight_charts_on_their_tables_and_pass_every_check()
    {
        Assert.DoesNotContain(Packed.Findings, f => f.Severity == Severity.Error);
        foreach (var zip in new[] { 0, 1 })
        {
            var c = Customizations(zip);
            Assert.Equal(ExpectedCharts.Order(), c.Descendants("visualization").Select(v => v.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value).Order());
            var owner = Chart(c, "Appointments by attendance").Ancestors("Entity").Single().Element("Name")!.Value;
            Assert.Equal("Appointment", owner);
            Assert.Empty(new InsightChecks(SchemaFolder).Run(c));
        }
    }

    [Fact]
    public void A_stacked_chart_counts_rows_grouped_by_category_then_series()
    {
        var chart = Chart(Customizations(0), "Referrals by status and SLA breach");
        var data = XElement.Parse(chart.Element("datadescription")!.Value);
        var attributes = data.Descendants("attribute").Select(a => ((string)a.Attribute("name")!, (string?)a.Attribute("aggregate"), (string?)a.Attribute("groupby"))).ToList();
        Assert.Equal([("pj_referralid", "count", null), ("pj_status", null, "true"), ("pj_slabreached", null, "true")], attributes);
        Assert.Equal("true", (string?)data.Descendants("fetch").Single().Attribute("aggregate"));
        Assert.Equal("groupby_pj_status", (string?)data.Descendants("category").Single().Attribute("alias"));
        Assert.Equal("StackedColumn", (string?)XElement.Parse(chart.Element("presentationdescription")!.Value).Descendants("Series").Last().Attribute("ChartType"));
    }

    [Fact]
    public void A_chart_with_conditions_counts_only_the_rows_that_meet_them()
    {
        var data = XElement.Parse(Chart(Customizations(0), "Overdue journeys by stage").Element("datadescription")!.Value);
        var conditions = data.Descendants("condition").Select(c => ((string)c.Attribute("attribute")!, (string)c.Attribute("operator")!)).ToList();
        Assert.Equal([("pj_status", "eq"), ("pj_stagedueon", "olderthan-x-minutes")], conditions);
    }

    [Fact]
    public void The_three_dashboards_are_dashboard_forms_whose_tiles_name_views_and_charts_of_the_package()
    {
        var c = Customizations(1);
        var dashboards = c.Elements("Dashboards").Elements("Dashboard").ToList();
        Assert.Equal(["Journey operations", "Referrals", "Experience and outcomes"], dashboards.Select(d => d.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value));
        var operations = dashboards[0];
        Assert.Equal("dashboard", (string?)operations.Element("FormXml")!.Element("forms")!.Attribute("type"));
        var tiles = operations.Descendants("control").Select(x => x.Element("parameters")!).ToList();
        Assert.Equal(4, tiles.Count);
        Assert.Equal(["Chart", "Chart", "Chart", "Grid"], tiles.Select(t => t.Element("ChartGridMode")!.Value));
        Assert.Equal(ComponentIds.Chart("pj_journey", "Journeys by current stage").ToString("B"), tiles[0].Element("VisualizationId")!.Value);
        Assert.Equal(ComponentIds.View("pj_journey", "Journeys overdue in stage").ToString("B"), tiles[3].Element("ViewId")!.Value);
        var roots = Xml(Unzip(Packed.Zips[1].Bytes)["solution.xml"]).Descendants("RootComponent").Where(r => (string?)r.Attribute("type") == "60").Select(r => (string?)r.Attribute("id")).ToHashSet();
        Assert.All(dashboards, d => Assert.Contains(d.Element("FormId")!.Value, roots));
    }

    [Fact]
    public void The_site_map_opens_each_dashboard_and_the_app_lists_it()
    {
        var c = Customizations(0);
        var subAreas = c.Descendants("SubArea").Where(s => s.Attribute("DefaultDashboard") != null).ToList();
        Assert.Equal(Solution.Dashboards.Select(d => ComponentIds.Dashboard(d.Name).ToString("B")), subAreas.Select(s => (string)s.Attribute("DefaultDashboard")!));
        Assert.All(subAreas, s => Assert.Equal("/workplace/home_dashboards.aspx", (string?)s.Attribute("Url")));
        var appForms = c.Descendants("AppModuleComponent").Where(x => (string?)x.Attribute("type") == "60").Select(x => (string)x.Attribute("id")!).ToHashSet();
        Assert.All(subAreas, s => Assert.Contains((string)s.Attribute("DefaultDashboard")!, appForms));
    }

    private static IReadOnlyList<Finding> CheckEdited(Func<string, string> edit)
    {
        var entries = Unzip(Packed.Zips[0].Bytes);
        var text = Encoding.UTF8.GetString(entries["customizations.xml"]);
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        entries["customizations.xml"] = Encoding.UTF8.GetBytes(edited);
        return ZipChecks.Run(Packer.Writing.PackageWriter.Zip(entries), SchemaFolder).Where(f => f.Severity == Severity.Error).ToList();
    }

    [Fact]
    public void A_chart_whose_fetch_names_a_missing_column_is_refused_naming_chart_and_column()
    {
        var error = Assert.Single(CheckEdited(t => t.Replace("name=\"pj_painpointcategory\" /&gt;", "name=\"pj_painpointkind\" /&gt;")));
        Assert.Contains("chart 'Pain points by category' on pj_touchpoint", error.Message);
        Assert.Contains("'pj_painpointkind'", error.Message);
    }

    [Fact]
    public void A_chart_data_description_outside_the_schema_is_refused()
    {
        var errors = CheckEdited(t => t.Replace("&lt;categorycollection&gt;&lt;category alias=\"groupby_pj_channel\"&gt;", "&lt;categorycollection&gt;&lt;category alias=\"groupby_pj_channel\"&gt;&lt;label /&gt;"));
        Assert.Contains(errors, f => f.Message.Contains("VisualizationDataDescription.xsd", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dashboard_tile_naming_a_view_or_chart_the_package_lacks_is_refused()
    {
        var view = ComponentIds.View("pj_referral", "Referrals breaching SLA").ToString("B");
        var chart = ComponentIds.Chart("pj_surveyresponse", "Survey responses by NPS category").ToString("B");
        var errors = CheckEdited(t => t.Replace($"<ViewId>{view}</ViewId>", $"<ViewId>{Guid.Empty:B}</ViewId>").Replace($"<VisualizationId>{chart}</VisualizationId>", $"<VisualizationId>{Guid.Empty:B}</VisualizationId>"));
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, f => f.Message.StartsWith("dashboard 'Referrals'", StringComparison.Ordinal) && f.Message.Contains("is not a view of pj_referral"));
        Assert.Contains(errors, f => f.Message.StartsWith("dashboard 'Experience and outcomes'", StringComparison.Ordinal) && f.Message.Contains("is not a chart of pj_surveyresponse"));
    }

    [Fact]
    public void A_dashboard_naming_an_undeclared_chart_or_a_site_map_naming_an_undeclared_dashboard_is_refused_in_the_source()
    {
        var chart = Assert.Throws<PatientJourney.Crm.Schema.Source.SolutionSourceException>(() =>
            LoadEdited("dashboards.yaml", t => t.Replace("chart: Touchpoints by channel", "chart: Touchpoints by mood")));
        Assert.Contains("chart 'Touchpoints by mood' is not declared on pj_touchpoint in charts.yaml", chart.Message);
        var dashboard = Assert.Throws<PatientJourney.Crm.Schema.Source.SolutionSourceException>(() =>
            LoadEdited("app.yaml", t => t.Replace("dashboards: [Journey operations,", "dashboards: [Journey overview,")));
        Assert.Contains("dashboard 'Journey overview' is not declared in dashboards.yaml", dashboard.Message);
    }

    [Fact]
    public void A_chart_that_groups_by_a_text_column_is_refused_in_the_source()
    {
        var e = Assert.Throws<PatientJourney.Crm.Schema.Source.SolutionSourceException>(() =>
            LoadEdited("charts.yaml", t => t.Replace("groupBy: [pj_channel]", "groupBy: [pj_name]")));
        Assert.Contains("groupBy 'pj_name' is a String column", e.Message);
    }
}
