using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// The assemblies that ship (net462) bind to the genuine SDK only if every SDK member they reference exists on the
    /// same declaring type with the same signature there. The surface manifest lists exactly what the stand-ins declare,
    /// each member traceable to sdk-surface.md, so every reference must be found in it.
    /// </summary>
    public class ShippedAssemblyBindingTests
    {
        private static readonly string[] SdkAssemblies = { "Microsoft.Xrm.Sdk", "Microsoft.Xrm.Sdk.Workflow", "Microsoft.Crm.Sdk.Proxy" };

        [Theory]
        [InlineData("Plugins", "PatientJourney.Crm.Plugins")]
        [InlineData("WorkflowActivities", "PatientJourney.Crm.WorkflowActivities")]
        public void Every_SDK_member_the_shipped_assembly_uses_is_in_the_surface_manifest(string folder, string assembly)
        {
            var manifestKeys = new HashSet<string>(SurfaceManifestGenerator.Generate().Select(line => line.Split(" | ")[1]), StringComparer.Ordinal);

            var sdkReferences = MetadataReading.MemberReferences(TestPaths.ProjectOutput(folder, "net462", assembly))
                .Where(m => m.ParentAssembly != null && SdkAssemblies.Contains(m.ParentAssembly))
                .ToArray();
            var absent = sdkReferences.Where(m => !manifestKeys.Contains(m.ManifestKey)).Select(m => m.ManifestKey).ToArray();

            Assert.NotEmpty(sdkReferences);
            Assert.True(absent.Length == 0, $"{assembly} references SDK members the surface manifest does not list:\n  " + string.Join("\n  ", absent));
        }
    }
}
