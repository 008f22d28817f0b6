using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace PatientJourney.Crm.Packer.Registration;

/// <summary>
/// Reads a compiled net462 plug-in assembly's metadata - never loading it for execution - to find its plug-in and
/// workflow-activity types and the [PluginStep] attributes on them.
/// </summary>
public static class AssemblyReader
{
    private const string StepAttributeNamespace = "PatientJourney.Crm.Plugins.Registration";
    private const string StepAttributeName = "PluginStepAttribute";

    public static PluginAssemblyInfo Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var pe = new PEReader(ImmutableArray.Create(bytes));
        var md = pe.GetMetadataReader();
        var assembly = md.GetAssemblyDefinition();
        var types = new List<PluginTypeInfo>();
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var attributes = type.Attributes;
            if ((attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public) continue;
            if ((attributes & (TypeAttributes.Abstract | TypeAttributes.Interface)) != 0) continue;
            var isPlugin = ImplementsPlugin(md, handle);
            var isActivity = !isPlugin && DerivesFromCodeActivity(md, handle);
            var fullName = FullName(md, type);
            var steps = ReadSteps(md, type, fullName);
            if (!isPlugin && !isActivity)
            {
                if (steps.Count > 0) throw new InvalidOperationException($"{fullName} carries [PluginStep] but does not implement IPlugin.");
                continue;
            }
            types.Add(new PluginTypeInfo { FullName = fullName, IsWorkflowActivity = isActivity, Steps = steps });
        }
        return new PluginAssemblyInfo
        {
            Name = md.GetString(assembly.Name),
            Version = assembly.Version.ToString(),
            Culture = assembly.Culture.IsNil ? "neutral" : md.GetString(assembly.Culture),
            PublicKeyToken = PublicKeyToken(md.GetBlobBytes(assembly.PublicKey)),
            Bytes = bytes,
            Types = types.OrderBy(t => t.FullName, StringComparer.Ordinal).ToList(),
        };
    }

    private static string PublicKeyToken(byte[] publicKey)
    {
        if (publicKey.Length == 0) return "null";
        var hash = SHA1.HashData(publicKey);
        return Convert.ToHexStringLower(hash.AsSpan(hash.Length - 8).ToArray().Reverse().ToArray());
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        var ns = md.GetString(type.Namespace);
        var name = md.GetString(type.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static (string Namespace, string Name) NameOf(MetadataReader md, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => (md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)handle).Namespace), md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)handle).Name)),
        HandleKind.TypeReference => (md.GetString(md.GetTypeReference((TypeReferenceHandle)handle).Namespace), md.GetString(md.GetTypeReference((TypeReferenceHandle)handle).Name)),
        _ => ("", ""),
    };

    /// <summary>The type and its base types declared in this assembly (bases from other assemblies end the walk).</summary>
    private static IEnumerable<TypeDefinition> SelfAndLocalBases(MetadataReader md, TypeDefinitionHandle handle)
    {
        var current = md.GetTypeDefinition(handle);
        while (true)
        {
            yield return current;
            if (current.BaseType.Kind != HandleKind.TypeDefinition) yield break;
            current = md.GetTypeDefinition((TypeDefinitionHandle)current.BaseType);
        }
    }

    private static bool ImplementsPlugin(MetadataReader md, TypeDefinitionHandle handle) =>
        SelfAndLocalBases(md, handle).Any(t => t.GetInterfaceImplementations()
            .Select(i => NameOf(md, md.GetInterfaceImplementation(i).Interface))
            .Any(n => n is ("Microsoft.Xrm.Sdk", "IPlugin")));

    private static bool DerivesFromCodeActivity(MetadataReader md, TypeDefinitionHandle handle) =>
        SelfAndLocalBases(md, handle).Any(t => !t.BaseType.IsNil && NameOf(md, t.BaseType) is ("System.Activities", "CodeActivity"));

    private static List<StepRegistration> ReadSteps(MetadataReader md, TypeDefinition type, string pluginType)
    {
        var steps = new List<StepRegistration>();
        foreach (var handle in type.GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            var declaring = attribute.Constructor.Kind switch
            {
                HandleKind.MethodDefinition => (EntityHandle)md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
                HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
                _ => default,
            };
            if (declaring.IsNil || NameOf(md, declaring) != (StepAttributeNamespace, StepAttributeName)) continue;
            var value = attribute.DecodeValue(new EnumAsIntProvider());
            var named = value.NamedArguments.ToDictionary(a => a.Name!, a => a.Value);
            T Named<T>(string name, T fallback) => named.TryGetValue(name, out var v) && v is T t ? t : fallback;
            steps.Add(new StepRegistration
            {
                PluginType = pluginType,
                Message = (string)value.FixedArguments[0].Value!,
                PrimaryEntity = (string)value.FixedArguments[1].Value!,
                Stage = (int)value.FixedArguments[2].Value!,
                Mode = (int)value.FixedArguments[3].Value!,
                Rank = Named("Rank", 1),
                FilteringAttributes = Named<string?>("FilteringAttributes", null),
                PreImageAlias = Named<string?>("PreImageAlias", null),
                PreImageAttributes = Named<string?>("PreImageAttributes", null),
                PostImageAlias = Named<string?>("PostImageAlias", null),
                PostImageAttributes = Named<string?>("PostImageAttributes", null),
                UnsecureConfiguration = Named<string?>("UnsecureConfiguration", null),
                DeleteAsyncOperationOnSuccess = Named("DeleteAsyncOperationOnSuccess", true),
            });
        }
        return steps;
    }

    /// <summary>Decodes attribute arguments; the step attribute's enums (stage, mode) are int-backed.</summary>
    private sealed class EnumAsIntProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSystemType() => "System.Type";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
        public string GetTypeFromSerializedName(string name) => name;
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(string type) => type == "System.Type";
    }
}
