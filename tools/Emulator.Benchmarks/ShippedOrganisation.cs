using System;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Schema.Source;

namespace PatientJourney.Crm.Emulator.Benchmarks;

/// <summary>
/// An organisation with the solution's schema (Solution/), the shipped plug-in assembly's steps (the same attributes
/// the packer writes into the zip), its custom APIs and its environment variables. Built from source so the benchmarks
/// need no packed zip (which needs the net462 build and the PCF controls).
/// </summary>
internal static class ShippedOrganisation
{
    public static DataverseEmulator Create()
    {
        var definition = SolutionSource.Load(Path.Combine(RepositoryRoot(), "Solution"));
        var emulator = new DataverseEmulator(definition.Schema);
        var plugins = typeof(PluginBase).Assembly;
        emulator.RegisterPluginAssembly(plugins);
        foreach (var api in definition.CustomApis.Where(a => !a.HandlerPending))
            emulator.RegisterCustomApi(api.UniqueName, plugins.GetType(api.PluginType, throwOnError: true)!, api.IsFunction, api.BoundEntity);
        var system = emulator.CreateOrganizationService(emulator.SystemUserId);
        foreach (var variable in definition.EnvironmentVariables)
            system.Create(new Entity("environmentvariabledefinition")
            {
                ["schemaname"] = variable.SchemaName, ["displayname"] = variable.DisplayName,
                ["defaultvalue"] = variable.DefaultValue, ["type"] = new OptionSetValue((int)variable.Type),
            });
        return emulator;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "PatientJourney.Crm.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
