using System;
using System.IO;

namespace PatientJourney.Crm.Testing;

/// <summary>Where things are in the repository and in the build output, found from the running test assembly.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> root = new(FindRoot);

    /// <summary>The folder holding PatientJourney.Crm.sln.</summary>
    public static string Root => root.Value;

    /// <summary>The shared reference folder that lies beside the repository (../shared).</summary>
    public static string SharedReference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    /// <summary>The build configuration the tests run under (Debug or Release), read from the test output path.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Path of a project's built assembly for a target framework, in the current configuration.</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName, string targetFramework)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, targetFramework, assemblyName + ".dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"Build output not found: {path}. Build the solution first.", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatientJourney.Crm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PatientJourney.Crm.sln not found above " + AppContext.BaseDirectory);
    }
}
