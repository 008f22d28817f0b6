using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Journeys;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// The scenarios run on the managed zip that ships: what the zip carries is what the source declares, a zip missing a
/// step makes the scenario that needs it fail, and a broken zip is refused with one message per problem.
/// </summary>
public sealed class ShippedZipTests
{
    private static readonly Lazy<SolutionDefinition> source = new(() => SolutionSource.Load(Path.Combine(RepoPaths.Root, "Solution")));

    [Fact]
    public void The_zip_carries_every_step_and_image_the_plug_in_classes_declare()
    {
        static string Key(PluginStep s) => string.Join("|", s.PluginType.FullName, s.Message, s.PrimaryEntity, s.Stage, s.Mode, s.Rank,
            Columns(s.FilteringAttributes), string.Join(";", s.Images.Select(i => $"{i.Kind} {i.Alias} {Columns(i.Attributes)}").Order(StringComparer.Ordinal)),
            s.UnsecureConfiguration, s.RunAsUserName, s.DeleteAsyncOperationOnSuccess);
        var declared = PluginStep.FromAssembly(typeof(PluginBase).Assembly).Select(Key).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, ShippedSolution.Package.Steps.Select(Key).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void The_zip_carries_the_tables_columns_choices_keys_and_relationships_of_the_source()
    {
        var imported = ShippedSolution.Package.Schema;
        var declared = source.Value.Schema;

        Assert.Equal(declared.Tables.Select(t => t.LogicalName).Order(), imported.Tables.Select(t => t.LogicalName).Order());
        foreach (var table in declared.Tables)
        {
            var copy = imported.Table(table.LogicalName)!;
            Assert.Equal((table.IsCustom, table.Ownership, table.PrimaryIdColumn, table.PrimaryNameColumn), (copy.IsCustom, copy.Ownership, copy.PrimaryIdColumn, copy.PrimaryNameColumn));
            Assert.Equal(table.Keys.Select(k => k.LogicalName + ":" + string.Join(",", k.Columns)), copy.Keys.Select(k => k.LogicalName + ":" + string.Join(",", k.Columns)));
            // A platform table's shell carries only the columns the solution adds.
            var columns = table.Columns.Where(c => table.IsCustom || c.IsCustom).OrderBy(c => c.LogicalName, StringComparer.Ordinal).Select(Column).ToList();
            Assert.Equal(columns, copy.Columns.OrderBy(c => c.LogicalName, StringComparer.Ordinal).Select(Column).ToList());
        }
        Assert.Equal(declared.Relationships.Select(Relationship).Order(), imported.Relationships.Select(Relationship).Order());
        Assert.Equal(declared.GlobalChoices.Select(c => c.Name + Options(c)).Order(), imported.GlobalChoices.Select(c => c.Name + Options(c)).Order());
    }

    [Fact]
    public void The_zip_carries_the_custom_apis_and_environment_variables_of_the_source()
    {
        var package = ShippedSolution.Package;

        Assert.Equal(source.Value.CustomApis.Where(a => !a.HandlerPending).Select(a => (a.UniqueName, a.PluginType, a.IsFunction, a.BoundEntity)).OrderBy(a => a.UniqueName),
            package.CustomApis.Select(a => (a.UniqueName, a.PluginType.FullName!, a.IsFunction, a.BoundEntity)).OrderBy(a => a.UniqueName));
        Assert.Equal(source.Value.EnvironmentVariables.Select(v => (v.SchemaName, (int)v.Type, v.DefaultValue)).OrderBy(v => v.SchemaName),
            package.EnvironmentVariables.Select(v => (v.SchemaName, v.Type, v.DefaultValue ?? "")).OrderBy(v => v.SchemaName));
        Assert.True(package.IsManaged);
    }

    [Fact]
    public void The_zip_declares_each_custom_api_with_the_parameters_and_properties_of_the_source()
    {
        static string Shape(CustomApiDefinition api) => string.Join(" ", api.UniqueName, api.DisplayName, api.Binding, api.BoundEntity, api.IsFunction, api.Description,
            "in:" + string.Join(",", api.RequestParameters.OrderBy(f => f.UniqueName, StringComparer.Ordinal).Select(f => $"{f.UniqueName}/{f.Type}/{f.EntityLogicalName}/{f.IsOptional}/{f.Description}")),
            "out:" + string.Join(",", api.ResponseProperties.OrderBy(f => f.UniqueName, StringComparer.Ordinal).Select(f => $"{f.UniqueName}/{f.Type}/{f.EntityLogicalName}/{f.Description}")));

        Assert.Equal(source.Value.CustomApis.Select(Shape).Order(StringComparer.Ordinal), ShippedSolution.Package.CustomApiDefinitions.Select(Shape).Order(StringComparer.Ordinal));
        Assert.Contains(ShippedSolution.Package.CustomApiDefinitions, a => a.RequestParameters.Count > 1 && a.ResponseProperties.Count > 0);
    }

    [Fact]
    public void A_zip_without_the_journey_start_step_opens_no_stage_visit()
    {
        var withoutStep = ShippedSolution.WithoutStep(ShippedSolution.ManagedZip, typeof(JourneyStart).FullName!, "Create", stage: 40);
        var env = new ScenarioEnvironment(ShippedSolution.Read(withoutStep));
        var complete = new ScenarioEnvironment();

        Assert.Equal(ShippedSolution.Package.Steps.Count - 1, env.Emulator.RegisteredSteps.Count);
        Assert.Empty(env.StageVisits(env.StartJourney(env.CreatePatient(), env.CreateHipPathway())));
        Assert.Single(complete.StageVisits(complete.StartJourney(complete.CreatePatient(), complete.CreateHipPathway())));
    }

    [Fact]
    public void A_broken_zip_is_refused_with_one_message_per_problem()
    {
        var broken = Edit(ShippedSolution.ManagedZip, new Dictionary<string, Action<XDocument>>
        {
            ["customizations.xml"] = x =>
            {
                var steps = x.Descendants("SdkMessageProcessingStep").ToList();
                steps[0].Element("PluginTypeName")!.Value = "Planted.MissingPlugin, Planted";
                steps[1].Element("SdkMessageId")!.Value = "00000000-0000-0000-0000-000000000001";
                steps.Skip(2).First(s => s.Element("FilteringAttributes")!.Value.Length > 0).Element("FilteringAttributes")!.Value += ",pj_ghostcolumn";
            },
            ["customapis/pj_AdvanceJourney/customapi.xml"] = x => x.Root!.Element("plugintypeid")!.Element("plugintypeid")!.Value = Guid.Empty.ToString(),
            [EnvironmentVariableFile] = x => x.Root!.Element("type")!.Value = "7",
        });

        var error = Assert.Throws<SolutionImportException>(() => ShippedSolution.Read(broken));

        Assert.True(error.Problems.Count == 5, error.Message);
        Assert.Contains(error.Problems, p => p.StartsWith("customizations.xml: step '", StringComparison.Ordinal) && p.Contains("plug-in type 'Planted.MissingPlugin' is not in the loaded plug-in assemblies", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("SdkMessageId '00000000-0000-0000-0000-000000000001' is not a message id the emulator knows", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("column 'pj_ghostcolumn' is not a column of", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("customapis/pj_AdvanceJourney/customapi.xml: custom API pj_AdvanceJourney: plug-in type id", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith(EnvironmentVariableFile + ": environment variable ", StringComparison.Ordinal) && p.Contains("type '7'", StringComparison.Ordinal));
    }

    private static string EnvironmentVariableFile =>
        $"environmentvariabledefinitions/{source.Value.EnvironmentVariables[0].SchemaName}/environmentvariabledefinition.xml";

    internal static byte[] Edit(byte[] zip, IReadOnlyDictionary<string, Action<XDocument>> edits)
    {
        using var copy = new MemoryStream();
        copy.Write(zip);
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, edit) in edits)
            {
                var entry = archive.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the zip.");
                XDocument document;
                using (var read = entry.Open()) document = XDocument.Load(read);
                edit(document);
                entry.Delete();
                using var write = archive.CreateEntry(name).Open();
                document.Save(write);
            }
        }
        return copy.ToArray();
    }

    private static string Columns(IReadOnlySet<string>? columns) => columns == null ? "" : string.Join(",", columns.Order(StringComparer.Ordinal));

    private static string Options(ChoiceDefinition? choice) =>
        choice == null ? "" : string.Join(";", choice.Options.Select(o => $"{o.Value}={o.Label}/{o.State}/{o.DefaultStatus}"));

    // What the emulator enforces of a column, compared between the source and the zip.
    private static string Column(ColumnDefinition c) => string.Join("|", c.LogicalName, c.Type, c.RequiredLevel, c.MaxLength,
        string.Join(",", c.Targets.Order(StringComparer.Ordinal)), c.Choice?.IsGlobal == true ? "global " + c.Choice.Name : Options(c.Choice),
        c.IsPrimaryName, c.IsAudited, c.IsSecured, c.IsCustom);

    private static string Relationship(RelationshipDefinition r) => $"{r.SchemaName}:{r.ReferencingTable}.{r.ReferencingColumn}->{r.ReferencedTable} {r.OnDelete}";
}
