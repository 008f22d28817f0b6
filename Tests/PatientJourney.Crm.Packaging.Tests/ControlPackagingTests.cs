using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Writing;
using PatientJourney.Crm.Testing;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>
/// The code components travel in the zip: manifest and bundle under Controls/&lt;prefix&gt;_&lt;namespace.constructor&gt;/, declared in
/// customizations.xml and solution.xml, bound on the care pathway form. Reads the build output of Solution/controls
/// (`npm ci && npm run build` there first).
/// </summary>
public class ControlPackagingTests
{
    private static readonly Lazy<(IReadOnlyList<BuiltControl> Controls, Packer.PackResult Packed)> packed = new(() =>
    {
        var findings = new List<Finding>();
        var controls = BuiltControl.Read(Solution, Path.Combine(RepoPaths.Root, "Solution", "controls", "out"), findings);
        if (findings.HasErrors()) throw new InvalidOperationException(string.Join(Environment.NewLine, findings));
        return (controls, Packer.Packer.Pack(WithFixtureHandler(Solution), [Fixture], SchemaFolder, controls));
    });

    private const string JourneyMap = "pj_PatientJourney.JourneyMap";
    private const string Timeline = "pj_PatientJourney.PatientTimeline";

    private static Dictionary<string, byte[]> Entries(int zip) => Unzip(packed.Value.Packed.Zips[zip].Bytes);

    [Fact]
    public void The_journey_map_travels_as_manifest_and_bundle_declared_in_customizations_and_solution()
    {
        Assert.DoesNotContain(packed.Value.Packed.Findings, f => f.Severity == Severity.Error);
        foreach (var zip in new[] { 0, 1 })
        {
            var entries = Entries(zip);
            var built = Path.Combine(RepoPaths.Root, "Solution", "controls", "out", "PatientJourney.JourneyMap");
            Assert.Equal(File.ReadAllBytes(Path.Combine(built, "bundle.js")), entries[$"Controls/{JourneyMap}/bundle.js"]);
            var manifest = Xml(entries[$"Controls/{JourneyMap}/ControlManifest.xml"]).Element("control")!;
            // The manifest keeps the namespace the bundle registers; the solution's name adds the publisher prefix.
            Assert.Equal(("PatientJourney", "JourneyMap", "standard"), ((string)manifest.Attribute("namespace")!, (string)manifest.Attribute("constructor")!, (string)manifest.Attribute("control-type")!));
            var declared = Xml(entries["customizations.xml"]).Elements("CustomControls").Elements("CustomControl").Select(c => (c.Element("Name")!.Value, c.Element("FileName")!.Value));
            Assert.Equal([(JourneyMap, $"/Controls/{JourneyMap}/ControlManifest.xml"), (Timeline, $"/Controls/{Timeline}/ControlManifest.xml")], declared);
            Assert.Contains($"Controls/{Timeline}/bundle.js", entries.Keys);
            Assert.Equal([JourneyMap, Timeline], Xml(entries["solution.xml"]).Descendants("RootComponent").Where(r => (string?)r.Attribute("type") == "66").Select(r => (string)r.Attribute("schemaName")!));
            Assert.Contains("<Default Extension=\"js\"", Encoding.UTF8.GetString(entries["[Content_Types].xml"]));
            Assert.DoesNotContain(ZipChecks.Run(packed.Value.Packed.Zips[zip].Bytes, SchemaFolder), f => f.Severity == Severity.Error);
        }
    }

    [Fact]
    public void The_care_pathway_form_binds_the_journey_map_in_its_own_section_for_every_form_factor()
    {
        var form = Xml(Entries(0)["customizations.xml"]).Descendants("Entity").Single(e => e.Element("Name")!.Value == "pj_CarePathway").Descendants("form").Single();
        var section = form.Descendants("section").Single(s => s.Element("labels")!.Element("label")!.Attribute("description")!.Value == "Journey map");
        var control = section.Descendants("control").Single();
        Assert.Equal("pj_name", (string?)control.Attribute("datafieldname"));
        var description = form.Element("controlDescriptions")!.Elements("controlDescription").Single();
        Assert.Equal((string)control.Attribute("uniqueid")!, (string)description.Attribute("forControl")!);
        var custom = description.Elements("customControl").Where(c => (string?)c.Attribute("name") == JourneyMap).ToList();
        Assert.Equal(["0", "1", "2"], custom.Select(c => (string)c.Attribute("formFactor")!));
        Assert.All(custom, c => Assert.Equal("pj_name", c.Element("parameters")!.Element("pathwayName")!.Value));
        // The name keeps its own text box in the first section.
        Assert.Equal(2, form.Descendants("control").Count(c => (string?)c.Attribute("datafieldname") == "pj_name"));
    }

    [Fact]
    public void The_patient_form_binds_the_timeline()
    {
        var form = Xml(Entries(1)["customizations.xml"]).Descendants("Entity").Single(e => e.Element("Name")!.Value == "Contact").Descendants("form").Single();
        var description = form.Element("controlDescriptions")!.Elements("controlDescription").Single();
        var custom = description.Elements("customControl").Where(c => (string?)c.Attribute("name") == Timeline).ToList();
        Assert.Equal(3, custom.Count);
        Assert.All(custom, c => Assert.Equal("lastname", c.Element("parameters")!.Element("patientName")!.Value));
        Assert.Contains(form.Descendants("control"), c => (string?)c.Attribute("uniqueid") == (string)description.Attribute("forControl")!);
    }

    [Fact]
    public void A_form_using_a_control_the_package_does_not_declare_is_refused()
    {
        var entries = Entries(0);
        var text = Encoding.UTF8.GetString(entries["customizations.xml"]);
        entries["customizations.xml"] = Encoding.UTF8.GetBytes(text.Replace($"<Name>{JourneyMap}</Name>", "<Name>pj_PatientJourney.Other</Name>"));
        var errors = ZipChecks.Run(PackageWriter.Zip(entries), SchemaFolder).Where(f => f.Severity == Severity.Error).ToList();
        Assert.Contains(errors, f => f.Message == $"form uses code component {JourneyMap}, which the package does not declare in CustomControls");
    }

    [Fact]
    public void A_declared_control_without_build_output_is_reported_with_the_command_that_builds_it()
    {
        var findings = new List<Finding>();
        var controls = BuiltControl.Read(Solution, Path.Combine(Path.GetTempPath(), "pj-no-controls-" + Guid.NewGuid().ToString("N")), findings);
        Assert.Empty(controls);
        Assert.Equal(2, findings.Count);
        Assert.Contains($"control {JourneyMap}: no build output", findings[0].Message);
        Assert.Contains("npm ci && npm run build", findings[0].Message);
    }
}
