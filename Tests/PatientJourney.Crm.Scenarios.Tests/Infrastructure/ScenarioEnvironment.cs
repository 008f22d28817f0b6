using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Emulator.Import;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// A Dataverse environment with the shipped managed solution zip imported (<see cref="ShippedSolution"/>): its tables,
/// steps and images, custom APIs and environment variable definitions, exactly as the zip carries them. The clock
/// starts on Thursday 2026-11-26 09:00 UTC.
/// </summary>
public sealed class ScenarioEnvironment
{
    public static readonly DateTime Start = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    public ScenarioEnvironment()
        : this(ShippedSolution.Package)
    {
    }

    /// <summary>An environment with another package imported (e.g. a copy of the zip with a step taken out).</summary>
    public ScenarioEnvironment(SolutionPackage package)
        : this(DataverseEmulator.ImportSolution(package))
    {
    }

    /// <summary>An environment around an emulator the shipped zip was imported into elsewhere (e.g. the one a Web API host serves).</summary>
    public ScenarioEnvironment(DataverseEmulator emulator)
    {
        Emulator = emulator;
        Emulator.Clock.Set(Start);
        System = Emulator.CreateOrganizationService(Emulator.SystemUserId);
        Service = Emulator.CreateOrganizationService();
        Emulator.ClearLog();
    }

    public DataverseEmulator Emulator { get; }

    /// <summary>The caller's service (a staff member using the app or a flow's connection); the emulator's administrator unless <see cref="ActAs"/>.</summary>
    public IOrganizationService Service { get; private set; }

    /// <summary>From now on the scenario's requests (<see cref="Service"/>) run as this user, with that user's roles.</summary>
    public void ActAs(Guid userId) => Service = Emulator.CreateOrganizationService(userId);

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
