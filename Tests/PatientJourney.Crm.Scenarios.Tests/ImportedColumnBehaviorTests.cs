using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>The emulator takes a date column's behavior and a relationship's CascadeAssign from the zip it imports.</summary>
public sealed class ImportedColumnBehaviorTests
{
    private static byte[] Edited(Action<XDocument> edit)
    {
        using var copy = new MemoryStream();
        copy.Write(ShippedSolution.ManagedZip);
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            XDocument customizations;
            using (var stream = archive.GetEntry("customizations.xml")!.Open()) customizations = XDocument.Load(stream);
            edit(customizations);
            archive.GetEntry("customizations.xml")!.Delete();
            using var written = archive.CreateEntry("customizations.xml").Open();
            customizations.Save(written);
        }
        return copy.ToArray();
    }

    private static void Set(XDocument customizations, string behavior, string cascadeAssign)
    {
        customizations.Descendants("attribute").Single(a => (string?)a.Attribute("PhysicalName") == "pj_DueOn").Element("Behavior")!.Value = behavior;
        customizations.Descendants("EntityRelationship").Single(r => r.Element("ReferencingAttributeName")?.Value == "pj_JourneyId"
            && string.Equals(r.Element("ReferencingEntityName")?.Value, "pj_Touchpoint", StringComparison.OrdinalIgnoreCase)).Element("CascadeAssign")!.Value = cascadeAssign;
    }

    private static RelationshipDefinition TouchpointJourney(ScenarioEnvironment environment) =>
        environment.Emulator.Metadata.Relationships.Single(r => r.ReferencingTable == "pj_touchpoint" && r.ReferencingColumn == "pj_journeyid");

    [Fact]
    public void Behavior_and_cascade_assign_come_from_the_zip()
    {
        var shipped = new ScenarioEnvironment();
        Assert.Equal(DateTimeBehavior.UserLocal, shipped.Emulator.Metadata.Table("pj_followup").Column("pj_dueon")!.DateTimeBehavior);
        Assert.Equal(CascadeType.NoCascade, TouchpointJourney(shipped).OnAssign);

        var edited = new ScenarioEnvironment(ShippedSolution.Read(Edited(c => Set(c, "2", "Active"))));
        Assert.Equal(DateTimeBehavior.DateOnly, edited.Emulator.Metadata.Table("pj_followup").Column("pj_dueon")!.DateTimeBehavior);
        Assert.Equal(CascadeType.Active, TouchpointJourney(edited).OnAssign);
    }

    [Fact]
    public void An_unknown_cascade_assign_is_a_problem_of_the_zip()
    {
        var refused = Assert.Throws<SolutionImportException>(() => ShippedSolution.Read(Edited(c => Set(c, "1", "Sometimes"))));
        Assert.Contains("CascadeAssign 'Sometimes' is not one of Cascade, Active, UserOwned, NoCascade", refused.Message);
    }
}
