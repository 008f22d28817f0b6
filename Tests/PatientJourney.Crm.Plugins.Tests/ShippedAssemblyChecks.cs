using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Plugins.Tests;

/// <summary>
/// Checks on the net462 assemblies that ship inside the solution, as Dataverse would see them on registration.
/// </summary>
public class ShippedAssemblyChecks
{
    private const string SdkPublicKeyToken = "31bf3856ad364e35";
    private static readonly string[] SdkAssemblies = { "Microsoft.Xrm.Sdk", "Microsoft.Xrm.Sdk.Workflow", "Microsoft.Crm.Sdk.Proxy" };

    // .NET Framework's own assemblies are signed with one of these keys (ECMA, Microsoft, Microsoft's .NET key).
    private static readonly string[] FrameworkPublicKeyTokens = { "b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35" };

    public static TheoryData<string, string> ShippedAssemblies => new()
    {
        { "Plugins", "PatientJourney.Crm.Plugins" },
        { "WorkflowActivities", "PatientJourney.Crm.WorkflowActivities" },
    };

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Is_strong_name_signed_with_the_project_key(string folder, string name)
    {
        using var pe = new PEReader(File.OpenRead(Net462Build(folder, name)));
        var reader = pe.GetMetadataReader();
        var publicKey = reader.GetBlobBytes(reader.GetAssemblyDefinition().PublicKey);

        Assert.True((pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) != 0, $"{name} carries no strong-name signature.");
        Assert.Equal(ProjectKeyModulus(), publicKey.Skip(publicKey.Length - 128).ToArray());
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void References_only_the_Dataverse_SDK_and_the_framework(string folder, string name)
    {
        using var pe = new PEReader(File.OpenRead(Net462Build(folder, name)));
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).Select(r => new
        {
            Name = reader.GetString(r.Name),
            r.Version,
            Token = Convert.ToHexString(reader.GetBlobBytes(r.PublicKeyOrToken)).ToLowerInvariant(),
        }).ToList();

        Assert.Contains(references, r => r.Name == "Microsoft.Xrm.Sdk");
        foreach (var reference in references)
        {
            if (SdkAssemblies.Contains(reference.Name))
            {
                Assert.Equal(new Version(9, 0, 0, 0), reference.Version);
                Assert.Equal(SdkPublicKeyToken, reference.Token);
            }
            else
            {
                var isFramework = (reference.Name == "mscorlib" || reference.Name == "System" || reference.Name.StartsWith("System.", StringComparison.Ordinal))
                    && FrameworkPublicKeyTokens.Contains(reference.Token)
                    && reference.Version == new Version(4, 0, 0, 0);
                Assert.True(isFramework, $"{name} references {reference.Name} {reference.Version} ({reference.Token}), which Dataverse's sandbox does not provide.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Ships_alone_and_within_the_size_limit(string folder, string name)
    {
        var path = Net462Build(folder, name);
        var outputFolder = Path.GetDirectoryName(path)!;

        Assert.InRange(new FileInfo(path).Length, 1, 16L * 1024 * 1024);
        var companions = Directory.GetFiles(outputFolder, "*.dll").Select(Path.GetFileNameWithoutExtension).Where(n => n != name).ToList();
        Assert.Empty(companions);
    }

    private static string Net462Build(string folder, string name) => RepoPaths.BuiltAssembly(folder, name, "net462");

    // The modulus of the project's RSA key: bytes 20..147 of the key pair blob (after the 8-byte BLOBHEADER and 12-byte RSAPUBKEY).
    private static byte[] ProjectKeyModulus() =>
        File.ReadAllBytes(Path.Combine(RepoPaths.Root, "keys", "PatientJourney.Crm.snk")).Skip(20).Take(128).ToArray();
}
