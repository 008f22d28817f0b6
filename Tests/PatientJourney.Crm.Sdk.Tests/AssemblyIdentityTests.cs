using System;
using System.Reflection;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>sdk-surface.md §1: a plug-in compiled against a stand-in binds to the genuine assembly only if the
    /// name, version, culture and public key token are Microsoft's.</summary>
    public class AssemblyIdentityTests
    {
        public static TheoryData<string, string, string, string> Outputs()
        {
            var data = new TheoryData<string, string, string, string>();
            foreach (string tfm in new[] { "net462", "net10.0" })
            {
                data.Add("tools/Sdk/Microsoft.Xrm.Sdk", tfm, "Microsoft.Xrm.Sdk", "9.0.0.0");
                data.Add("tools/Sdk/Microsoft.Xrm.Sdk.Workflow", tfm, "Microsoft.Xrm.Sdk.Workflow", "9.0.0.0");
                data.Add("tools/Sdk/Microsoft.Crm.Sdk.Proxy", tfm, "Microsoft.Crm.Sdk.Proxy", "9.0.0.0");
            }

            // net10.0 only; the genuine one is System.Activities 4.0.0.0 with the same Microsoft key.
            data.Add("tools/Sdk/System.Activities", "net10.0", "System.Activities", "4.0.0.0");
            return data;
        }

        [Theory]
        [MemberData(nameof(Outputs))]
        public void Stand_in_has_Microsofts_identity(string project, string targetFramework, string assembly, string version)
        {
            AssemblyName name = AssemblyName.GetAssemblyName(TestPaths.ProjectOutput(project, targetFramework, assembly));

            Assert.Equal(assembly, name.Name);
            Assert.Equal(Version.Parse(version), name.Version);
            Assert.Equal(string.Empty, name.CultureName);
            Assert.Equal("31bf3856ad364e35", Convert.ToHexString(name.GetPublicKeyToken() ?? Array.Empty<byte>()).ToLowerInvariant());
        }

        [Fact]
        public void Stand_ins_carry_the_full_public_key_from_the_reference()
        {
            // The 160-byte blob of sdk-surface.md §1.1 (not just the token).
            string spec = TestPaths.ReadSpec();
            int start = spec.IndexOf("0024000004800000", StringComparison.Ordinal);
            Assert.True(start >= 0, "public key blob not found in sdk-surface.md");
            string expected = spec.Substring(start, 320);

            foreach (var (project, assembly) in new[]
            {
                ("tools/Sdk/Microsoft.Xrm.Sdk", "Microsoft.Xrm.Sdk"),
                ("tools/Sdk/Microsoft.Xrm.Sdk.Workflow", "Microsoft.Xrm.Sdk.Workflow"),
                ("tools/Sdk/Microsoft.Crm.Sdk.Proxy", "Microsoft.Crm.Sdk.Proxy"),
            })
            {
                AssemblyName name = AssemblyName.GetAssemblyName(TestPaths.ProjectOutput(project, "net462", assembly));
                Assert.Equal(expected, Convert.ToHexString(name.GetPublicKey() ?? Array.Empty<byte>()).ToLowerInvariant());
            }
        }
    }
}
