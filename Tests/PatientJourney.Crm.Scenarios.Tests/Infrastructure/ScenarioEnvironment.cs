using System;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Testing;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// A Dataverse environment with the solution imported: the schema from Solution/, every step declared on the shipped
/// plug-in classes, the custom APIs bound to their handlers, and the environment variable definitions with their
/// defaults. The clock starts on Thursday 2026-11-26 09:00 UTC.
/// </summary>
public sealed class ScenarioEnvironment
{
    public static readonly DateTime Start = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private static readonly Lazy<SolutionDefinition> solution = new(() => SolutionSource.Load(Path.Combine(RepoPaths.Root, "Solution")));

    public ScenarioEnvironment()
    {
        var definition = solution.Value;
        Emulator = new DataverseEmulator(definition.Schema);
        var plugins = typeof(PluginBase).Assembly;
        Emulator.RegisterPluginAssembly(plugins);
        foreach (var api in definition.CustomApis.Where(a => !a.HandlerPending))
        {
            var handler = plugins.GetType(api.PluginType, throwOnError: true)!;
            Emulator.RegisterCustomApi(api.UniqueName, handler, api.IsFunction, api.BoundEntity);
        }
        Emulator.Clock.Set(Start);
        System = Emulator.CreateOrganizationService(Emulator.SystemUserId);
        foreach (var variable in definition.EnvironmentVariables)
        {
            System.Create(new Entity("environmentvariabledefinition")
            {
                ["schemaname"] = variable.SchemaName,
                ["displayname"] = variable.DisplayName,
                ["defaultvalue"] = variable.DefaultValue,
                ["type"] = new OptionSetValue((int)variable.Type),
            });
        }
        Service = Emulator.CreateOrganizationService();
        Emulator.ClearLog();
    }

    public DataverseEmulator Emulator { get; }

    /// <summary>The caller's service (a staff member using the app or a flow's connection).</summary>
    public IOrganizationService Service { get; }

    /// <summary>An administrator's service, for setting up configuration.</summary>
    public IOrganizationService System { get; }

    public DateTime Now => Emulator.Clock.UtcNow;

    /// <summary>Sets an environment variable's current value, as an administrator would after import.</summary>
    public void SetEnvironmentVariable(string schemaName, string value)
    {
        var query = new QueryExpression("environmentvariabledefinition") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("schemaname", ConditionOperator.Equal, schemaName);
        var definition = System.RetrieveMultiple(query).Entities.Single();
        System.Create(new Entity("environmentvariablevalue")
        {
            ["schemaname"] = schemaName,
            ["value"] = value,
            ["environmentvariabledefinitionid"] = definition.ToEntityReference(),
        });
        Emulator.ClearLog();
    }

    public Entity Retrieve(string table, Guid id) => System.Retrieve(table, id, new ColumnSet(true));

    public Entity Retrieve(EntityReference reference) => Retrieve(reference.LogicalName, reference.Id);
}
