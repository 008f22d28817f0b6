using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>A date column's behavior and a lookup's cascade-on-assign go from the schema source into customizations.xml.</summary>
public sealed class ColumnBehaviorTests
{
    // A copy of Solution/ (without the controls' node_modules and build output) with two columns edited.
    private static string EditedSource(params (string File, string Find, string Replace)[] edits)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pj-source-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(SolutionFolder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SolutionFolder, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "node_modules" or "out")) continue;
            var target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        foreach (var (file, find, replace) in edits)
        {
            var path = Path.Combine(folder, file);
            var text = File.ReadAllText(path);
            Assert.Contains(find, text);
            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        }
        return folder;
    }

    [Fact]
    public void Behavior_and_on_assign_from_the_source_reach_the_zip()
    {
        var folder = EditedSource(
            ("tables/pj_followup.yaml", "{ name: pj_DueOn, type: datetime,", "{ name: pj_DueOn, type: datetime, behavior: timeZoneIndependent,"),
            ("tables/pj_touchpoint.yaml", "{ name: pj_JourneyId, type: lookup, target: pj_journey,", "{ name: pj_JourneyId, type: lookup, target: pj_journey, onAssign: cascade,"));
        try
        {
            var solution = SolutionSource.Load(folder);
            Assert.Equal(DateTimeBehavior.TimeZoneIndependent, solution.Schema.Table("pj_followup")!.Column("pj_dueon")!.DateTimeBehavior);
            var packed = Packer.Packer.Pack(WithFixtureHandler(solution), [Fixture], SchemaFolder);
            var customizations = Xml(Unzip(packed.Zips[0].Bytes)["customizations.xml"]);
            string Behavior(XElement root, string column) => root.Descendants("Entity")
                .Single(e => string.Equals(e.Element("Name")?.Value, "pj_followup", StringComparison.OrdinalIgnoreCase))
                .Descendants("attribute").Single(a => (string?)a.Attribute("PhysicalName") == column).Element("Behavior")!.Value;
            Assert.Equal("3", Behavior(customizations, "pj_DueOn"));
            Assert.Equal("1", Behavior(customizations, "pj_CompletedOn"));
            var journeyLookup = customizations.Descendants("EntityRelationship").Single(r =>
                r.Element("ReferencingAttributeName")?.Value == "pj_JourneyId" && string.Equals(r.Element("ReferencingEntityName")?.Value, "pj_Touchpoint", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("Cascade", journeyLookup.Element("CascadeAssign")!.Value);
            var shipped = Xml(Unzip(Packed.Zips[0].Bytes)["customizations.xml"]);
            Assert.Equal("1", Behavior(shipped, "pj_DueOn"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_behavior_or_cascade_is_reported()
    {
        var folder = EditedSource(
            ("tables/pj_followup.yaml", "{ name: pj_DueOn, type: datetime,", "{ name: pj_DueOn, type: datetime, behavior: local,"),
            ("tables/pj_touchpoint.yaml", "{ name: pj_JourneyId, type: lookup, target: pj_journey,", "{ name: pj_JourneyId, type: lookup, target: pj_journey, onAssign: all,"));
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => SolutionSource.Load(folder));
            Assert.Contains("behavior 'local' must be userLocal, dateOnly or timeZoneIndependent", error.Message);
            Assert.Contains("onAssign 'all' must be cascade, active, userOwned or noCascade", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
