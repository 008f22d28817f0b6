using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// The public/protected surface of an assembly read from raw metadata (no loading), so a stand-in can be compared
    /// with a genuine reference assembly of another runtime (here: .NET Framework's System.Activities).
    /// </summary>
    internal static class MetadataSurface
    {
        public static IReadOnlyList<string> Lines(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var lines = new List<string>();
            foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(typeHandle);
                if (!IsVisible(md, type))
                {
                    continue;
                }

                string name = MetadataSignatureProvider.Name(md, typeHandle);
                TypeAttributes attributes = type.Attributes;
                string kind = (attributes & TypeAttributes.Interface) != 0 ? "interface" : "class";
                string modifiers = ((attributes & TypeAttributes.Abstract) != 0 ? " abstract" : string.Empty) + ((attributes & TypeAttributes.Sealed) != 0 ? " sealed" : string.Empty);
                string baseType = type.BaseType.IsNil ? "none" : MetadataSignatureProvider.Name(md, type.BaseType);
                lines.Add(name + " | type | " + kind + modifiers + Constraints(md, type.GetGenericParameters()) + " | base: " + baseType + " | usage: " + AttributeUsageBlob(md, type));

                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(methodHandle);
                    MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                    if (access != MethodAttributes.Public && access != MethodAttributes.Family && access != MethodAttributes.FamORAssem)
                    {
                        continue;
                    }

                    MethodSignature<string> sig = method.DecodeSignature(MetadataSignatureProvider.Instance, null);
                    lines.Add(name + "::" + md.GetString(method.Name) + " : " + MetadataReading.MethodSignatureText(sig)
                        + " | " + access + Flags(method.Attributes) + Constraints(md, method.GetGenericParameters()));
                }

                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fieldHandle);
                    FieldAttributes access = field.Attributes & FieldAttributes.FieldAccessMask;
                    if (access == FieldAttributes.Public || access == FieldAttributes.Family || access == FieldAttributes.FamORAssem)
                    {
                        lines.Add(name + "::" + md.GetString(field.Name) + " : " + field.DecodeSignature(MetadataSignatureProvider.Instance, null) + " | field " + field.Attributes);
                    }
                }
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        private static bool IsVisible(MetadataReader md, TypeDefinition type)
        {
            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility == TypeAttributes.Public)
            {
                return true;
            }

            return (visibility == TypeAttributes.NestedPublic || visibility == TypeAttributes.NestedFamily || visibility == TypeAttributes.NestedFamORAssem)
                && IsVisible(md, md.GetTypeDefinition(type.GetDeclaringType()));
        }

        private static string Flags(MethodAttributes attributes)
        {
            var flags = new List<string>();
            void Add(MethodAttributes flag, string text)
            {
                if ((attributes & flag) != 0)
                {
                    flags.Add(text);
                }
            }

            Add(MethodAttributes.Static, "static");
            Add(MethodAttributes.Abstract, "abstract");
            Add(MethodAttributes.Virtual, "virtual");
            Add(MethodAttributes.Final, "final");
            Add(MethodAttributes.NewSlot, "newslot");
            Add(MethodAttributes.SpecialName, "specialname");
            return flags.Count == 0 ? string.Empty : " " + string.Join(" ", flags);
        }

        private static string Constraints(MetadataReader md, GenericParameterHandleCollection parameters)
        {
            var parts = new List<string>();
            foreach (GenericParameterHandle handle in parameters)
            {
                GenericParameter parameter = md.GetGenericParameter(handle);
                var constraints = parameter.GetConstraints()
                    .Select(c => MetadataSignatureProvider.Name(md, md.GetGenericParameterConstraint(c).Type))
                    .OrderBy(s => s, StringComparer.Ordinal)
                    .ToList();
                parts.Add("<" + parameter.Attributes + (constraints.Count == 0 ? string.Empty : ": " + string.Join(", ", constraints)) + ">");
            }

            return parts.Count == 0 ? string.Empty : " " + string.Join(string.Empty, parts);
        }

        /// <summary>The raw value blob of [AttributeUsage] on the type (hex), or "none".</summary>
        private static string AttributeUsageBlob(MetadataReader md, TypeDefinition type)
        {
            foreach (CustomAttributeHandle handle in type.GetCustomAttributes())
            {
                CustomAttribute attribute = md.GetCustomAttribute(handle);
                EntityHandle attributeType = attribute.Constructor.Kind == HandleKind.MemberReference
                    ? md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                    : md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                if (MetadataSignatureProvider.Name(md, attributeType) == "System.AttributeUsageAttribute")
                {
                    return Convert.ToHexString(md.GetBlobBytes(attribute.Value));
                }
            }

            return "none";
        }
    }
}
