using System;
using System.IO;
using System.Linq;
using System.Reflection;
using PatientJourney.Crm.Testing;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>What the SDK tests read besides the repository paths of <see cref="RepoPaths"/>.</summary>
    internal static class TestPaths
    {
        public static string SurfaceManifest => Path.Combine(RepoPaths.Root, "tools", "Sdk", "surface-manifest.txt");

        /// <summary>sdk-surface.md (read from the genuine binaries) and tools/Sdk/sdk-surface-additions.md (types added from Microsoft's API reference, each with its page).</summary>
        public static string ReadSpec() =>
            File.ReadAllText(Path.Combine(RepoPaths.SharedReference, "sdk-surface.md")) + "\n" + File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "Sdk", "sdk-surface-additions.md"));

        /// <summary>bin/&lt;Configuration&gt;/&lt;tfm&gt;/&lt;assembly&gt;.dll of a project under the repository.</summary>
        public static string ProjectOutput(string projectDirectory, string targetFramework, string assemblyName) =>
            RepoPaths.BuiltAssembly(projectDirectory, assemblyName, targetFramework);

        /// <summary>The genuine .NET Framework 4.6.2 reference assembly folder from the Microsoft.NETFramework.ReferenceAssemblies.net462 package.</summary>
        public static string NetFramework462ReferenceAssemblies
        {
            get
            {
                var packageRoot = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value
                    ?? throw new InvalidOperationException("AssemblyMetadata 'NuGetPackageRoot' is missing from the test assembly (set in the csproj).");
                var packageDir = Path.Combine(packageRoot, "microsoft.netframework.referenceassemblies.net462");
                var version = Directory.Exists(packageDir) ? Directory.GetDirectories(packageDir).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault() : null;
                if (version == null) throw new DirectoryNotFoundException($"Package folder '{packageDir}' not found (restored by the net462 builds).");
                return Path.Combine(version, "build", ".NETFramework", "v4.6.2");
            }
        }
    }
}
