using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.WebApi.OData;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;

namespace PatientJourney.Crm.Emulator.WebApi.Hosting;

/// <summary>
/// The environment the host serves: an emulator with the solution imported (from its zip, or from the source folder
/// with the steps declared on the shipped plug-in classes), the custom APIs it serves, and the Web API's view of its
/// metadata. The emulator is not thread-safe, so every request runs under <see cref="Gate"/>.
/// </summary>
public sealed class EmulatorEnvironment
{
    private readonly ConcurrentDictionary<Guid, Guid> principals = new();
    private readonly List<CustomApiDefinition> customApis = [];

    /// <summary>
    /// An environment with the solution source imported (Solution/ loaded, the steps declared on the plug-in classes).
    /// </summary>
    public EmulatorEnvironment(SolutionDefinition solution, Assembly plugins)
        : this(new DataverseEmulator(solution.Schema))
    {
        Emulator.RegisterPluginAssembly(plugins);
        foreach (var api in solution.CustomApis.Where(a => !a.HandlerPending))
        {
            RegisterCustomApi(api, plugins.GetType(api.PluginType, throwOnError: true)!);
        }
        var system = Emulator.CreateOrganizationService(Emulator.SystemUserId);
        foreach (var variable in solution.EnvironmentVariables)
        {
            system.Create(new Entity("environmentvariabledefinition")
            {
                ["schemaname"] = variable.SchemaName, ["displayname"] = variable.DisplayName,
                ["defaultvalue"] = variable.DefaultValue, ["type"] = new OptionSetValue((int)variable.Type),
            });
        }
        Emulator.ClearLog();
    }

    private EmulatorEnvironment(DataverseEmulator emulator)
    {
        Emulator = emulator;
        Emulator.RunAsyncJobsAutomatically = true;
        Model = new ServiceModel(Emulator.Metadata);
        Json = new EntityJson(Model);
    }

    /// <summary>
    /// An environment with a solution zip imported by the emulator (tables, steps and images, custom APIs, environment
    /// variables), its plug-in types loaded from <paramref name="plugins"/> (the net10 build of the shipped assemblies).
    /// </summary>
    public static EmulatorEnvironment FromZip(byte[] zip, params Assembly[] plugins)
    {
        var package = Import.SolutionPackage.Read(zip, plugins);
        var environment = new EmulatorEnvironment(DataverseEmulator.ImportSolution(package));
        environment.customApis.AddRange(package.CustomApiDefinitions);
        return environment;
    }

    /// <summary>The environment --solution names: a solution zip, or a Solution/ source folder; the shipped plug-ins either way.</summary>
    public static EmulatorEnvironment Load(string? path)
    {
        var plugins = typeof(PatientJourney.Crm.Plugins.Infrastructure.PluginBase).Assembly;
        var resolved = path == null ? Path.Combine(FindRepositoryRoot(), "Solution") : Resolve(path);
        if (resolved.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return FromZip(File.ReadAllBytes(resolved), plugins);
        return new EmulatorEnvironment(SolutionSource.Load(resolved), plugins);
    }

    /// <summary>
    /// A relative path from the working directory, or else from the repository root: <c>dotnet run --project</c> may
    /// run the host in its project folder, while the caller means the folder it typed the command in.
    /// </summary>
    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path)) return Path.GetFullPath(path);
        var fromRoot = Path.Combine(FindRepositoryRoot(), path);
        return File.Exists(fromRoot) || Directory.Exists(fromRoot) ? fromRoot : Path.GetFullPath(path);
    }

    /// <summary>The folder of PatientJourney.Crm.sln, found upwards from the working and base directories.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatientJourney.Crm.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("The repository (PatientJourney.Crm.sln) was not found: give --solution PATH.");
    }

    public DataverseEmulator Emulator { get; }
    public ServiceModel Model { get; }
    public EntityJson Json { get; }
    public object Gate { get; } = new();

    /// <summary>The custom APIs served: the solution's, and any registered since.</summary>
    public IReadOnlyList<CustomApiDefinition> CustomApis => customApis;

    /// <summary>Serves a custom API (its parameters typed by <paramref name="api"/>) handled by <paramref name="handler"/>.</summary>
    public void RegisterCustomApi(CustomApiDefinition api, Type handler)
    {
        lock (Gate)
        {
            Emulator.RegisterCustomApi(api.UniqueName, handler, api.IsFunction, api.BoundEntity);
            customApis.Add(api);
        }
    }

    /// <summary>Adds an enabled user; returns its systemuserid. Its directory object id (a token's oid) is registered with <see cref="MapPrincipal"/>.</summary>
    public Guid CreateUser(string firstName, string lastName)
    {
        lock (Gate) return Emulator.CreateUser(firstName, lastName);
    }

    /// <summary>Makes a directory object id (the oid claim) sign in as a systemuser, as azureactivedirectoryobjectid does in Dataverse.</summary>
    public void MapPrincipal(Guid objectId, Guid systemUserId) => principals[objectId] = systemUserId;

    public Guid? UserOf(Guid objectId) => principals.TryGetValue(objectId, out var user) ? user : null;

    /// <summary>Whether the systemuser exists and is enabled.</summary>
    public bool IsEnabledUser(Guid systemUserId)
    {
        lock (Gate)
        {
            var user = Emulator.Rows("systemuser").FirstOrDefault(u => u.Id == systemUserId);
            return user != null && !user.GetAttributeValue<bool>("isdisabled");
        }
    }
}
