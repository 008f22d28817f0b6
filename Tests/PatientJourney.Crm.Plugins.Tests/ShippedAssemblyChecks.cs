using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
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

    // Dataverse does not support bulk messages in plug-in code, and batch requests there break checker rule
    // il-avoid-batch-plugin (https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations#not-supported-for-use-in-plug-ins,
    // https://learn.microsoft.com/power-apps/developer/data-platform/best-practices/business-logic/avoid-batch-requests-plugin).
    private static readonly string[] BatchMessages =
    {
        "CreateMultiple", "UpdateMultiple", "UpsertMultiple", "DeleteMultiple", "ExecuteMultiple", "ExecuteTransaction",
    };

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Sends_no_bulk_or_batch_message(string folder, string name)
    {
        Assert.Empty(BatchRequestUses(Net462Build(folder, name)));
    }

    [Fact]
    public void The_batch_scan_finds_bulk_requests_by_type_and_by_message_name()
    {
        // This test assembly builds both forms (plug-in code must not), so the scan must report both.
        var typed = new Microsoft.Xrm.Sdk.Messages.UpdateMultipleRequest();
        var named = new Microsoft.Xrm.Sdk.OrganizationRequest("ExecuteTransaction");

        var found = BatchRequestUses(typeof(ShippedAssemblyChecks).Assembly.Location);

        Assert.Contains("type Microsoft.Xrm.Sdk.Messages." + typed.GetType().Name, found);
        Assert.Contains("message name \"" + named.RequestName + "\"", found);
    }

    /// <summary>References to the bulk and batch request types, and string literals naming their messages (an OrganizationRequest built by name).</summary>
    private static List<string> BatchRequestUses(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            var typeName = reader.GetString(type.Name);
            if (BatchMessages.Any(m => typeName == m + "Request" || typeName == m + "Response"))
                found.Add("type " + reader.GetString(type.Namespace) + "." + typeName);
        }
        var offset = 1;   // the user-string heap starts with one empty entry
        var heapSize = reader.GetHeapSize(HeapIndex.UserString);
        while (offset < heapSize)
        {
            var handle = MetadataTokens.UserStringHandle(offset);
            var literal = reader.GetUserString(handle);
            if (BatchMessages.Contains(literal.Trim())) found.Add("message name \"" + literal + "\"");
            offset = reader.GetNextHandle(handle).IsNil ? heapSize : MetadataTokens.GetHeapOffset(reader.GetNextHandle(handle));
        }
        return found;
    }

    private static string Net462Build(string folder, string name) => RepoPaths.BuiltAssembly(folder, name, "net462");

    // The modulus of the project's RSA key: bytes 20..147 of the key pair blob (after the 8-byte BLOBHEADER and 12-byte RSAPUBKEY).
    private static byte[] ProjectKeyModulus() =>
        File.ReadAllBytes(Path.Combine(RepoPaths.Root, "keys", "PatientJourney.Crm.snk")).Skip(20).Take(128).ToArray();
}
