using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using PatientJourney.Crm.Emulator.Messages;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Import;

/// <summary>An environment variable definition as a solution carries it; import creates its definition row.</summary>
public sealed record EnvironmentVariableSeed(string SchemaName, string DisplayName, string? Description, int Type, string? DefaultValue);

/// <summary>
/// A solution zip, read and validated, ready to be imported into any number of emulators
/// (<see cref="DataverseEmulator.ImportSolution(SolutionPackage)"/>): the schema from customizations.xml, the plug-in steps
/// matched to loaded assemblies by plug-in type name, the custom APIs and the environment variable definitions.
/// Reading checks everything before anything is applied, so a bad zip leaves no emulator half-loaded.
/// </summary>
public sealed class SolutionPackage
{
    public required string UniqueName { get; init; }
    public required bool IsManaged { get; init; }
    public required SolutionSchema Schema { get; init; }
    public required IReadOnlyList<PluginStep> Steps { get; init; }
    /// <summary>The custom APIs with a plug-in to run, as the emulator registers them.</summary>
    public required IReadOnlyList<CustomApiRegistration> CustomApis { get; init; }
    /// <summary>Every custom API of customapis/ with its request parameters and response properties (what a Web API host needs to type JSON and URL values).</summary>
    public IReadOnlyList<CustomApiDefinition> CustomApiDefinitions { get; init; } = [];
    public required IReadOnlyList<EnvironmentVariableSeed> EnvironmentVariables { get; init; }
    /// <summary>The security roles of customizations.xml (Roles/Role/RolePrivileges), by privilege name and depth.</summary>
    public IReadOnlyList<SecurityRole> Roles { get; init; } = [];
    /// <summary>The field security profiles of customizations.xml (FieldSecurityProfiles/FieldSecurityProfile/FieldPermissions).</summary>
    public IReadOnlyList<FieldSecurityProfile> FieldSecurityProfiles { get; init; } = [];

    /// <summary>
    /// Reads a zip. Plug-in types named by the zip's steps and custom APIs are found in <paramref name="pluginAssemblies"/>
    /// by full name (the zip's own binaries, built for .NET Framework, are not executed).
    /// </summary>
    /// <exception cref="SolutionImportException">One problem per file and component, all of them.</exception>
    public static SolutionPackage Read(Stream zip, params Assembly[] pluginAssemblies) => new PackageReader(zip, pluginAssemblies).Read();

    public static SolutionPackage Read(string zipPath, params Assembly[] pluginAssemblies)
    {
        using var stream = File.OpenRead(zipPath);
        return Read(stream, pluginAssemblies);
    }

    public static SolutionPackage Read(byte[] zip, params Assembly[] pluginAssemblies) => Read(new MemoryStream(zip, writable: false), pluginAssemblies);
}

/// <summary>A solution zip the emulator refuses to import, with every problem found (file, component, what is wrong).</summary>
public sealed class SolutionImportException(IReadOnlyList<string> problems)
    : Exception("The solution cannot be imported:\n" + string.Join("\n", problems.Select(p => "- " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
