using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>Decodes signatures from raw metadata into the same strings as <see cref="TypeNameFormatter"/>.</summary>
    internal sealed class MetadataSignatureProvider : ISignatureTypeProvider<string, object?>
    {
        public static readonly MetadataSignatureProvider Instance = new MetadataSignatureProvider();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Void => "void",
            PrimitiveTypeCode.Boolean => "bool",
            PrimitiveTypeCode.Char => "char",
            PrimitiveTypeCode.SByte => "sbyte",
            PrimitiveTypeCode.Byte => "byte",
            PrimitiveTypeCode.Int16 => "short",
            PrimitiveTypeCode.UInt16 => "ushort",
            PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.UInt32 => "uint",
            PrimitiveTypeCode.Int64 => "long",
            PrimitiveTypeCode.UInt64 => "ulong",
            PrimitiveTypeCode.Single => "float",
            PrimitiveTypeCode.Double => "double",
            PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Object => "object",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            _ => throw new NotSupportedException(typeCode.ToString()),
        };

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Name(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Name(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method " + signature.ReturnType + " *(" + string.Join(", ", signature.ParameterTypes) + ")";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            if (genericType == "System.Nullable`1")
            {
                return typeArguments[0] + "?";
            }

            return TypeNameFormatter.StripArity(genericType) + "<" + string.Join(", ", typeArguments) + ">";
        }

        /// <summary>Namespace-qualified name with arity, nested types joined with '+', primitives as keywords.</summary>
        public static string Name(MetadataReader reader, EntityHandle handle)
        {
            string name;
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    TypeDefinition def = reader.GetTypeDefinition((TypeDefinitionHandle)handle);
                    name = def.GetDeclaringType().IsNil
                        ? Qualified(reader.GetString(def.Namespace), reader.GetString(def.Name))
                        : Name(reader, def.GetDeclaringType()) + "+" + reader.GetString(def.Name);
                    break;
                case HandleKind.TypeReference:
                    TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)handle);
                    name = reference.ResolutionScope.Kind == HandleKind.TypeReference
                        ? Name(reader, (TypeReferenceHandle)reference.ResolutionScope) + "+" + reader.GetString(reference.Name)
                        : Qualified(reader.GetString(reference.Namespace), reader.GetString(reference.Name));
                    break;
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(Instance, null);
                default:
                    throw new NotSupportedException(handle.Kind.ToString());
            }

            return TypeNameFormatter.KeywordFor(name) ?? name;
        }

        private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>One MemberRef of a compiled assembly, formatted like sdk-surface.md Appendix A.</summary>
    internal sealed record MemberReferenceLine(string Line, string? ParentAssembly, string ParentDefinition, string ManifestKey);

    internal static class MetadataReading
    {
        /// <summary>Name, version and public key token of every AssemblyRef, e.g. "mscorlib 4.0.0.0 b77a5c561934e089".</summary>
        public static IReadOnlyList<string> AssemblyReferences(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            return md.AssemblyReferences
                .Select(h => md.GetAssemblyReference(h))
                .Select(r => md.GetString(r.Name) + " " + r.Version + " " + Convert.ToHexString(md.GetBlobBytes(r.PublicKeyOrToken)).ToLowerInvariant())
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>All MemberRefs with a type parent, formatted as "MEMBERREF [Assembly] Ns.Type::Name : ret (params)".</summary>
        public static IReadOnlyList<MemberReferenceLine> MemberReferences(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var result = new List<MemberReferenceLine>();
            foreach (MemberReferenceHandle handle in md.MemberReferences)
            {
                MemberReference member = md.GetMemberReference(handle);
                string parent;
                string definition;
                string? assembly;
                switch (member.Parent.Kind)
                {
                    case HandleKind.TypeReference:
                        definition = MetadataSignatureProvider.Name(md, member.Parent);
                        assembly = ScopeAssembly(md, (TypeReferenceHandle)member.Parent);
                        parent = (assembly == null ? string.Empty : "[" + assembly + "] ") + definition;
                        break;
                    case HandleKind.TypeSpecification:
                        parent = MetadataSignatureProvider.Name(md, member.Parent);
                        EntityHandle generic = GenericDefinition(md, (TypeSpecificationHandle)member.Parent);
                        definition = generic.IsNil ? parent : MetadataSignatureProvider.Name(md, generic);
                        assembly = generic.Kind == HandleKind.TypeReference ? ScopeAssembly(md, (TypeReferenceHandle)generic) : null;
                        break;
                    default:
                        continue; // MethodDef/ModuleRef parents (vararg, global functions) do not occur here.
                }

                string name = md.GetString(member.Name);
                string signature = Signature(md, member);
                result.Add(new MemberReferenceLine("MEMBERREF " + parent + "::" + name + " : " + signature, assembly, definition, definition + "::" + name + " : " + signature));
            }

            return result;
        }

        /// <summary>TypeRefs as "TYPEREF [Assembly] Ns.Type".</summary>
        public static IReadOnlyList<string> TypeReferences(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            return md.TypeReferences
                .Select(h => "TYPEREF [" + ScopeAssembly(md, h) + "] " + MetadataSignatureProvider.Name(md, h))
                .ToList();
        }

        private static string Signature(MetadataReader md, MemberReference member)
        {
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                return member.DecodeFieldSignature(MetadataSignatureProvider.Instance, null);
            }

            MethodSignature<string> sig = member.DecodeMethodSignature(MetadataSignatureProvider.Instance, null);
            return MethodSignatureText(sig);
        }

        public static string MethodSignatureText(MethodSignature<string> sig) =>
            sig.ReturnType + " (" + string.Join(", ", sig.ParameterTypes) + ")" + (sig.GenericParameterCount > 0 ? " `" + sig.GenericParameterCount : string.Empty);

        private static string? ScopeAssembly(MetadataReader md, TypeReferenceHandle handle)
        {
            TypeReference reference = md.GetTypeReference(handle);
            switch (reference.ResolutionScope.Kind)
            {
                case HandleKind.AssemblyReference:
                    return md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
                case HandleKind.TypeReference:
                    return ScopeAssembly(md, (TypeReferenceHandle)reference.ResolutionScope);
                default:
                    return null;
            }
        }

        private static EntityHandle GenericDefinition(MetadataReader md, TypeSpecificationHandle handle)
        {
            BlobReader blob = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
            if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
            {
                return default;
            }

            blob.ReadCompressedInteger(); // CLASS or VALUETYPE
            return blob.ReadTypeHandle();
        }
    }
}
