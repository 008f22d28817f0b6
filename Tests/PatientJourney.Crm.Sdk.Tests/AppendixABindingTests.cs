using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// sdk-surface.md Appendix A lists the MemberRefs a representative plug-in + workflow activity emits when compiled
    /// against the GENUINE SDK. Tests/Fixtures/RepresentativePlugin is that source compiled against the stand-ins
    /// (net462); the emitted references must be the same, or the plug-in would not bind inside Dataverse.
    /// </summary>
    public class AppendixABindingTests
    {
        /// <summary>
        /// Appendix A MEMBERREF lines the fixture deliberately does not reproduce, with the reason. Empty: the fixture
        /// reproduces every line. Add an entry (never drop a line silently) if the fixture stops covering one.
        /// </summary>
        private static readonly IReadOnlyDictionary<string, string> NotReproduced = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>
        /// SDK-mentioning MemberRefs the fixture emits although Appendix A does not list them, with the reason. Empty: the
        /// fixture emits no more than the genuine build did.
        /// </summary>
        private static readonly IReadOnlyDictionary<string, string> NotInAppendix = new Dictionary<string, string>(StringComparer.Ordinal);

        private static readonly string[] SdkAssemblies = { "Microsoft.Xrm.Sdk", "Microsoft.Xrm.Sdk.Workflow", "Microsoft.Crm.Sdk.Proxy" };

        private static string FixturePath => TestPaths.ProjectOutput("Tests/Fixtures/RepresentativePlugin", "net462", "RepresentativePlugin");

        [Fact]
        public void Fixture_emits_every_Appendix_A_member_reference_identically()
        {
            IReadOnlyList<string> appendix = AppendixLines("MEMBERREF ");
            Assert.True(appendix.Count > 50, $"Only {appendix.Count} MEMBERREF lines parsed from Appendix A; the parser or the spec changed.");
            Assert.Empty(NotReproduced.Keys.Except(appendix, StringComparer.Ordinal)); // skip entries must name real lines

            var emitted = new HashSet<string>(SdkMentioning(MetadataReading.MemberReferences(FixturePath).Select(m => m.Line)), StringComparer.Ordinal);
            string[] missing = appendix.Where(line => !NotReproduced.ContainsKey(line) && !emitted.Contains(line)).ToArray();

            Assert.True(
                missing.Length == 0,
                "Appendix A member references the fixture (compiled against the stand-ins) does not emit identically:\n  "
                + string.Join("\n  ", missing)
                + "\nemitted (SDK-mentioning):\n  " + string.Join("\n  ", emitted.OrderBy(s => s, StringComparer.Ordinal)));
        }

        [Fact]
        public void Fixture_emits_no_SDK_member_reference_beyond_Appendix_A()
        {
            var appendix = new HashSet<string>(AppendixLines("MEMBERREF "), StringComparer.Ordinal);
            string[] extra = SdkMentioning(MetadataReading.MemberReferences(FixturePath).Select(m => m.Line))
                .Where(line => !appendix.Contains(line) && !NotInAppendix.ContainsKey(line))
                .ToArray();

            Assert.True(extra.Length == 0, "Member references not in Appendix A (fixture drifted from the representative source?):\n  " + string.Join("\n  ", extra));
        }

        [Fact]
        public void Fixture_emits_the_Appendix_A_type_references()
        {
            IReadOnlyList<string> appendix = AppendixLines("TYPEREF ");
            var emitted = SdkMentioning(MetadataReading.TypeReferences(FixturePath)).OrderBy(s => s, StringComparer.Ordinal).ToArray();

            Assert.NotEmpty(appendix);
            Assert.Equal(appendix.OrderBy(s => s, StringComparer.Ordinal), emitted);
        }

        [Fact]
        public void Fixture_assembly_references_are_the_Appendix_A_ones()
        {
            string spec = TestPaths.ReadSpec();
            string appendix = spec.Substring(spec.IndexOf("## Appendix A", StringComparison.Ordinal));
            string refsParagraph = appendix.Substring(appendix.IndexOf("Resulting AssemblyRefs:", StringComparison.Ordinal));
            refsParagraph = refsParagraph.Substring(0, refsParagraph.IndexOf("```", StringComparison.Ordinal));
            string[] expected = Regex.Matches(refsParagraph, "`([A-Za-z.]+) ([0-9.]+) ([0-9a-f]{16})`")
                .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value + " " + m.Groups[3].Value)
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(5, expected.Length);
            Assert.Equal(expected, MetadataReading.AssemblyReferences(FixturePath));
        }

        [Fact]
        public void Every_emitted_SDK_member_reference_is_in_the_surface_manifest()
        {
            var manifestKeys = new HashSet<string>(
                SurfaceManifestGenerator.Generate().Select(line => line.Split(" | ")[1]),
                StringComparer.Ordinal);
            MemberReferenceLine[] sdkReferences = MetadataReading.MemberReferences(FixturePath)
                .Where(m => m.ParentAssembly != null && SdkAssemblies.Contains(m.ParentAssembly))
                .ToArray();
            string[] absent = sdkReferences.Where(m => !manifestKeys.Contains(m.ManifestKey)).Select(m => m.ManifestKey).ToArray();

            Assert.True(sdkReferences.Length > 50, $"Only {sdkReferences.Length} SDK member references found in the fixture.");
            Assert.True(absent.Length == 0, "Emitted SDK member references missing from the surface manifest:\n  " + string.Join("\n  ", absent));
        }

        [Fact]
        public void Formatter_reproduces_Appendix_A_notation()
        {
            // Guards the comparison itself: the formatter must produce Appendix A's spelling for generic instances,
            // generic parameters, nullable types, arrays and generic methods.
            var byKey = MetadataReading.MemberReferences(FixturePath).ToDictionary(m => m.Line, m => m, StringComparer.Ordinal);
            MemberReferenceLine item = byKey["MEMBERREF Microsoft.Xrm.Sdk.DataCollection<string, object>::get_Item : !1 (!0)"];
            Assert.Equal("Microsoft.Xrm.Sdk", item.ParentAssembly);
            Assert.Equal("Microsoft.Xrm.Sdk.DataCollection`2::get_Item : !1 (!0)", item.ManifestKey);
            Assert.Contains("MEMBERREF [Microsoft.Xrm.Sdk] Microsoft.Xrm.Sdk.Entity::GetAttributeValue : !!0 (string) `1", byKey.Keys);
            Assert.Contains("MEMBERREF [Microsoft.Xrm.Sdk] Microsoft.Xrm.Sdk.IOrganizationServiceFactory::CreateOrganizationService : Microsoft.Xrm.Sdk.IOrganizationService (System.Guid?)", byKey.Keys);
            Assert.Contains("MEMBERREF [Microsoft.Xrm.Sdk] Microsoft.Xrm.Sdk.ITracingService::Trace : void (string, object[])", byKey.Keys);
        }

        /// <summary>Lines of Appendix A's text block starting with the given prefix.</summary>
        private static IReadOnlyList<string> AppendixLines(string prefix)
        {
            string spec = TestPaths.ReadSpec().Replace("\r\n", "\n", StringComparison.Ordinal);
            int start = spec.IndexOf("## Appendix A", StringComparison.Ordinal);
            Assert.True(start >= 0, "Appendix A not found in sdk-surface.md");
            return spec.Substring(start).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }

        /// <summary>Appendix A's filter: lines mentioning Microsoft.Xrm or Microsoft.Crm.</summary>
        private static IEnumerable<string> SdkMentioning(IEnumerable<string> lines) =>
            lines.Where(l => l.Contains("Microsoft.Xrm", StringComparison.Ordinal) || l.Contains("Microsoft.Crm", StringComparison.Ordinal));
    }
}
