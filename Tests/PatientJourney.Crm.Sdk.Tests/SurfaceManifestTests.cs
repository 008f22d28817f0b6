using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// tools/Sdk/surface-manifest.txt is the reviewed public surface of the SDK stand-ins. Regenerate it with
    /// <c>UPDATE_SURFACE_MANIFEST=1 dotnet test Tests/PatientJourney.Crm.Sdk.Tests --filter FullyQualifiedName~SurfaceManifestTests</c>.
    /// </summary>
    public class SurfaceManifestTests
    {
        public const string UpdateVariable = "UPDATE_SURFACE_MANIFEST";

        [Fact]
        public void Checked_in_manifest_matches_the_stand_ins()
        {
            IReadOnlyList<string> generated = SurfaceManifestGenerator.Generate();
            string path = TestPaths.SurfaceManifest;

            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                File.WriteAllText(path, string.Join("\n", generated) + "\n", new UTF8Encoding(false));
                return;
            }

            Assert.True(File.Exists(path), $"'{path}' does not exist. {HowToRegenerate}");
            string[] checkedIn = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
            string difference = Difference(checkedIn, generated);
            Assert.True(difference.Length == 0, "The SDK stand-ins' surface differs from tools/Sdk/surface-manifest.txt.\n" + difference + HowToRegenerate);
        }

        [Fact]
        public void Every_manifest_type_and_member_name_is_in_the_sdk_reference()
        {
            string spec = TestPaths.ReadSpec();
            IReadOnlyList<string> manifest = SurfaceManifestGenerator.Generate();
            var missing = new List<string>();
            foreach (Type type in SurfaceManifestGenerator.SdkAssemblies.SelectMany(a => a.GetTypes()).Where(SurfaceManifestGenerator.IsVisible))
            {
                string typeName = TypeNameFormatter.StripArity(TypeNameFormatter.DefinitionName(type)).Replace('+', '.');
                if (!ContainsWord(spec, typeName) && !InNamespaceSection(spec, type.Namespace ?? string.Empty, TypeNameFormatter.StripArity(type.Name)))
                {
                    missing.Add("type " + typeName);
                }

                foreach (string member in MemberNames(manifest, type))
                {
                    if (!ContainsWord(spec, member))
                    {
                        missing.Add("member " + typeName + "." + member);
                    }
                }
            }

            Assert.True(
                missing.Count == 0,
                "Not traceable to ../shared/reference/sdk-surface.md (a member that is not in that file does not go in the stand-in):\n  "
                + string.Join("\n  ", missing));
        }

        [Fact]
        public void Difference_reports_the_first_differing_lines()
        {
            string difference = Difference(new[] { "a", "b", "c" }, new[] { "a", "x", "c", "d" });
            Assert.Contains("line 2", difference, StringComparison.Ordinal);
            Assert.Contains("- b", difference, StringComparison.Ordinal);
            Assert.Contains("+ x", difference, StringComparison.Ordinal);
            Assert.Contains("+ d", difference, StringComparison.Ordinal);
            Assert.Equal(string.Empty, Difference(new[] { "a" }, new[] { "a" }));
        }

        private static string HowToRegenerate =>
            $"\nIf the change is intended, regenerate the manifest and review the diff:\n  {UpdateVariable}=1 dotnet test Tests/PatientJourney.Crm.Sdk.Tests --filter FullyQualifiedName~SurfaceManifestTests\n";

        /// <summary>The first (up to 20) differing lines: "- " checked in, "+ " generated.</summary>
        internal static string Difference(IReadOnlyList<string> checkedIn, IReadOnlyList<string> generated)
        {
            var output = new StringBuilder();
            int shown = 0;
            int max = Math.Max(checkedIn.Count, generated.Count);
            for (int i = 0; i < max && shown < 20; i++)
            {
                string? expected = i < checkedIn.Count ? checkedIn[i] : null;
                string? actual = i < generated.Count ? generated[i] : null;
                if (expected == actual)
                {
                    continue;
                }

                output.Append("line ").Append(i + 1).Append(":\n");
                if (expected != null)
                {
                    output.Append("  - ").Append(expected).Append('\n');
                }

                if (actual != null)
                {
                    output.Append("  + ").Append(actual).Append('\n');
                }

                shown++;
            }

            var removed = checkedIn.Except(generated, StringComparer.Ordinal).Take(20).ToList();
            var added = generated.Except(checkedIn, StringComparer.Ordinal).Take(20).ToList();
            if (removed.Count + added.Count > 0)
            {
                output.Append("as sets:\n");
                foreach (string line in removed)
                {
                    output.Append("  - ").Append(line).Append('\n');
                }

                foreach (string line in added)
                {
                    output.Append("  + ").Append(line).Append('\n');
                }
            }

            return output.ToString();
        }

        /// <summary>Member names of a type as the spec writes them: constructors by the type's name, accessors by their
        /// property/event (which has its own line).</summary>
        private static IEnumerable<string> MemberNames(IReadOnlyList<string> manifest, Type type)
        {
            string prefix = TypeNameFormatter.DefinitionName(type) + "::";
            return manifest
                .Select(line => line.Split(" | "))
                .Where(columns => columns[1].StartsWith(prefix, StringComparison.Ordinal))
                .Select(columns => (Kind: columns[2], Modifiers: columns[3], Name: columns[1].Substring(prefix.Length).Split(' ')[0]))
                .Where(m => !(m.Kind == "method" && m.Modifiers.Contains("specialname", StringComparison.Ordinal) && Regex.IsMatch(m.Name, "^(get|set|add|remove)_")))
                .Select(m => m.Kind == "ctor" ? TypeNameFormatter.StripArity(type.Name) : m.Name)
                .Distinct(StringComparer.Ordinal);
        }

        /// <summary>
        /// True when <paramref name="simpleName"/> occurs in a section of the spec whose heading names the namespace in
        /// backticks (e.g. the §4.1 table under "### 4.1 `Microsoft.Xrm.Sdk.Messages`" lists "AssociateResponse").
        /// </summary>
        internal static bool InNamespaceSection(string spec, string ns, string simpleName)
        {
            string[] lines = spec.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            bool inSection = false;
            var body = new StringBuilder();
            foreach (string line in lines)
            {
                if (line.StartsWith('#'))
                {
                    if (inSection && ContainsWord(body.ToString(), simpleName))
                    {
                        return true;
                    }

                    inSection = line.Contains("`" + ns + "`", StringComparison.Ordinal);
                    body.Clear();
                    continue;
                }

                if (inSection)
                {
                    body.Append(line).Append('\n');
                }
            }

            return inSection && ContainsWord(body.ToString(), simpleName);
        }

        /// <summary>Whole-identifier occurrence (not part of a longer name).</summary>
        internal static bool ContainsWord(string text, string word)
        {
            int index = 0;
            while ((index = text.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
            {
                bool startOk = index == 0 || !IsIdentifierChar(text[index - 1]);
                int end = index + word.Length;
                bool endOk = end == text.Length || !IsIdentifierChar(text[end]);
                if (startOk && endOk)
                {
                    return true;
                }

                index++;
            }

            return false;
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
    }
}
