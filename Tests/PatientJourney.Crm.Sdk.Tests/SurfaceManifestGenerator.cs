using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// Writes the public/protected surface of the SDK stand-ins (their net10.0 builds, as loaded by this test project)
    /// as one sorted line per type and member, so any surface change shows up as a diff of tools/Sdk/surface-manifest.txt.
    /// </summary>
    /// <remarks>
    /// Line formats (columns separated by " | "):
    /// <code>
    /// assembly | Type                      | type     | visibility kind modifiers &lt;generic params&gt; | base: … | implements: … | attributes: …
    /// assembly | Type::Name : ret (params) `arity | method | visibility flags [| constraints: …] [| parameters: …] [| attributes: …]
    /// assembly | Type::.ctor : void (params)   | ctor     | visibility [| parameters: …]
    /// assembly | Type::Name : type [index]    | property | get: visibility set: visibility [| attributes: …]
    /// assembly | Type::Name : type            | field    | visibility static literal = value [| attributes: …]
    /// assembly | Type::Name : handler type    | event    | add: visibility remove: visibility
    /// </code>
    /// "Type::Name : signature" is written exactly like an Appendix A MEMBERREF (declaring type by definition name
    /// with arity), so a member reference emitted by a compiled plug-in can be looked up in the manifest.
    /// </remarks>
    public static class SurfaceManifestGenerator
    {
        private const BindingFlags Declared =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        /// <summary>The three SDK stand-ins (System.Activities is a .NET Framework stand-in, not part of the SDK spec).</summary>
        public static IReadOnlyList<Assembly> SdkAssemblies { get; } = new[]
        {
            typeof(Microsoft.Xrm.Sdk.IPlugin).Assembly,
            typeof(Microsoft.Xrm.Sdk.Workflow.IWorkflowContext).Assembly,
            typeof(Microsoft.Crm.Sdk.Messages.WhoAmIRequest).Assembly,
        };

        public static IReadOnlyList<string> Generate() => Generate(SdkAssemblies);

        public static IReadOnlyList<string> Generate(IEnumerable<Assembly> assemblies)
        {
            var lines = new List<string>();
            foreach (Assembly assembly in assemblies)
            {
                string asm = assembly.GetName().Name!;
                foreach (Type type in assembly.GetTypes().Where(IsVisible))
                {
                    string typeName = TypeNameFormatter.DefinitionName(type);
                    lines.Add(Join(asm, typeName, "type", TypeDescription(type)));
                    foreach (MemberInfo member in type.GetMembers(Declared))
                    {
                        string? line = MemberLine(asm, typeName, member);
                        if (line != null)
                        {
                            lines.Add(line);
                        }
                    }
                }
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        /// <summary>Public, or nested public/protected/protected internal inside a visible type.</summary>
        public static bool IsVisible(Type type)
        {
            if (!type.IsNested)
            {
                return type.IsPublic;
            }

            return (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!);
        }

        private static string? MemberLine(string asm, string typeName, MemberInfo member)
        {
            switch (member)
            {
                case ConstructorInfo ctor when IsVisible(ctor):
                    return Join(asm, typeName + "::" + ctor.Name + " : void " + Parameters(ctor), "ctor", Visibility(ctor) + ParameterNotes(ctor));
                case MethodInfo method when IsVisible(method):
                    return Join(
                        asm,
                        typeName + "::" + MethodSignature(method),
                        "method",
                        Visibility(method) + MethodFlags(method) + Constraints(method.IsGenericMethodDefinition ? method.GetGenericArguments() : Type.EmptyTypes) + ParameterNotes(method) + Attributes(method));
                case PropertyInfo property when IsVisible(property.GetMethod) || IsVisible(property.SetMethod):
                    string index = property.GetIndexParameters().Length == 0
                        ? string.Empty
                        : " [" + string.Join(", ", property.GetIndexParameters().Select(p => TypeNameFormatter.Format(p.ParameterType))) + "]";
                    return Join(
                        asm,
                        typeName + "::" + property.Name + " : " + TypeNameFormatter.Format(property.PropertyType) + index,
                        "property",
                        "get: " + AccessorVisibility(property.GetMethod) + " set: " + AccessorVisibility(property.SetMethod) + Attributes(property));
                case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                    if (field.IsSpecialName)
                    {
                        return null; // enum value__
                    }

                    string fieldMods = (field.IsPublic ? "public" : field.IsFamily ? "protected" : "protected internal")
                        + (field.IsStatic ? " static" : string.Empty)
                        + (field.IsLiteral ? " literal = " + Value(field.GetRawConstantValue()) : string.Empty)
                        + (field.IsInitOnly ? " readonly" : string.Empty);
                    return Join(asm, typeName + "::" + field.Name + " : " + TypeNameFormatter.Format(field.FieldType), "field", fieldMods + Attributes(field));
                case EventInfo evt when IsVisible(evt.AddMethod) || IsVisible(evt.RemoveMethod):
                    return Join(
                        asm,
                        typeName + "::" + evt.Name + " : " + TypeNameFormatter.Format(evt.EventHandlerType!),
                        "event",
                        "add: " + AccessorVisibility(evt.AddMethod) + " remove: " + AccessorVisibility(evt.RemoveMethod));
                default:
                    return null;
            }
        }

        /// <summary>"Name : ret (p1, p2) `arity" — the Appendix A MEMBERREF form.</summary>
        public static string MethodSignature(MethodInfo method)
        {
            string arity = method.IsGenericMethodDefinition ? " `" + method.GetGenericArguments().Length : string.Empty;
            return method.Name + " : " + TypeNameFormatter.Format(method.ReturnType) + " " + Parameters(method) + arity;
        }

        private static string Parameters(MethodBase method) =>
            "(" + string.Join(", ", method.GetParameters().Select(p => TypeNameFormatter.Format(p.ParameterType))) + ")";

        private static string TypeDescription(Type type)
        {
            string visibility = type.IsNested
                ? (type.IsNestedPublic ? "nested public" : type.IsNestedFamily ? "nested protected" : "nested protected internal")
                : "public";
            string kind;
            string modifiers = string.Empty;
            if (type.IsInterface)
            {
                kind = "interface";
            }
            else if (type.IsEnum)
            {
                kind = "enum " + TypeNameFormatter.Format(Enum.GetUnderlyingType(type));
            }
            else if (type.IsValueType)
            {
                kind = "struct";
            }
            else if (typeof(MulticastDelegate).IsAssignableFrom(type.BaseType))
            {
                kind = "delegate";
            }
            else
            {
                kind = "class";
                modifiers = type.IsAbstract && type.IsSealed ? " static" : type.IsAbstract ? " abstract" : type.IsSealed ? " sealed" : string.Empty;
            }

            string generics = type.IsGenericTypeDefinition
                ? "<" + string.Join(", ", type.GetGenericArguments().Select(g => g.Name)) + ">" + Constraints(type.GetGenericArguments())
                : string.Empty;
            string baseType = type.BaseType == null ? "none" : TypeNameFormatter.Format(type.BaseType);
            string interfaces = string.Join(", ", type.GetInterfaces().Select(TypeNameFormatter.Format).OrderBy(s => s, StringComparer.Ordinal));

            var attributes = new List<string>();
#pragma warning disable SYSLIB0050 // reading the [Serializable] metadata flag, not using formatter serialization
            bool serializable = (type.Attributes & TypeAttributes.Serializable) != 0;
#pragma warning restore SYSLIB0050
            if (serializable && !typeof(MulticastDelegate).IsAssignableFrom(type.BaseType))
            {
                attributes.Add("[Serializable]");
            }

            attributes.AddRange(type.GetCustomAttributesData()
                .Where(a => a.AttributeType == typeof(DataContractAttribute)
                    || a.AttributeType == typeof(CollectionDataContractAttribute)
                    || a.AttributeType == typeof(AttributeUsageAttribute)
                    || a.AttributeType == typeof(FlagsAttribute)
                    || a.AttributeType == typeof(ObsoleteAttribute))
                .Select(FormatAttribute)
                .OrderBy(s => s, StringComparer.Ordinal));

            return visibility + " " + kind + modifiers + (generics.Length == 0 ? string.Empty : " " + generics)
                + " | base: " + baseType
                + " | implements: " + (interfaces.Length == 0 ? "none" : interfaces)
                + " | attributes: " + (attributes.Count == 0 ? "none" : string.Join(" ", attributes));
        }

        private static string Constraints(Type[] genericParameters)
        {
            var parts = new List<string>();
            foreach (Type g in genericParameters)
            {
                var c = new List<string>();
                GenericParameterAttributes flags = g.GenericParameterAttributes;
                if ((flags & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
                {
                    c.Add("class");
                }

                if ((flags & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0)
                {
                    c.Add("struct");
                }

                c.AddRange(g.GetGenericParameterConstraints().Select(TypeNameFormatter.Format).Where(s => s != "System.ValueType").OrderBy(s => s, StringComparer.Ordinal));
                if ((flags & GenericParameterAttributes.DefaultConstructorConstraint) != 0 && (flags & GenericParameterAttributes.NotNullableValueTypeConstraint) == 0)
                {
                    c.Add("new()");
                }

                if ((flags & GenericParameterAttributes.VarianceMask) == GenericParameterAttributes.Covariant)
                {
                    c.Add("out");
                }
                else if ((flags & GenericParameterAttributes.VarianceMask) == GenericParameterAttributes.Contravariant)
                {
                    c.Add("in");
                }

                if (c.Count > 0)
                {
                    parts.Add(TypeNameFormatter.Format(g) + ": " + string.Join(", ", c));
                }
            }

            return parts.Count == 0 ? string.Empty : " | constraints: " + string.Join("; ", parts);
        }

        private static string ParameterNotes(MethodBase method)
        {
            var notes = new List<string>();
            foreach (ParameterInfo p in method.GetParameters())
            {
                if (p.IsDefined(typeof(ParamArrayAttribute), false))
                {
                    notes.Add("#" + p.Position + " params");
                }

                if (p.ParameterType.IsByRef)
                {
                    notes.Add("#" + p.Position + (p.IsOut ? " out" : p.IsIn ? " in" : " ref"));
                }

                if (p.HasDefaultValue)
                {
                    notes.Add("#" + p.Position + " = " + Value(p.RawDefaultValue));
                }
            }

            return notes.Count == 0 ? string.Empty : " | parameters: " + string.Join("; ", notes);
        }

        private static string MethodFlags(MethodInfo method)
        {
            var flags = new List<string>();
            if (method.IsStatic)
            {
                flags.Add("static");
            }

            if (method.IsAbstract)
            {
                flags.Add("abstract");
            }

            if (method.IsVirtual)
            {
                flags.Add("virtual");
            }

            if (method.IsFinal)
            {
                flags.Add("final");
            }

            if ((method.Attributes & MethodAttributes.NewSlot) != 0)
            {
                flags.Add("newslot");
            }

            if (method.IsSpecialName)
            {
                flags.Add("specialname");
            }

            return flags.Count == 0 ? string.Empty : " " + string.Join(" ", flags);
        }

        private static string Attributes(MemberInfo member)
        {
            string[] attributes = member.GetCustomAttributesData()
                .Where(a => a.AttributeType == typeof(DataMemberAttribute)
                    || a.AttributeType == typeof(EnumMemberAttribute)
                    || a.AttributeType == typeof(ObsoleteAttribute))
                .Select(FormatAttribute)
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();
            return attributes.Length == 0 ? string.Empty : " | attributes: " + string.Join(" ", attributes);
        }

        private static string FormatAttribute(CustomAttributeData attribute)
        {
            string name = attribute.AttributeType.Name;
            if (name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Attribute".Length);
            }

            IEnumerable<string> args = attribute.ConstructorArguments.Select(TypedValue)
                .Concat(attribute.NamedArguments.OrderBy(n => n.MemberName, StringComparer.Ordinal).Select(n => n.MemberName + " = " + TypedValue(n.TypedValue)));
            return "[" + name + "(" + string.Join(", ", args) + ")]";
        }

        private static string TypedValue(CustomAttributeTypedArgument argument)
        {
            if (argument.ArgumentType.IsEnum && argument.Value != null)
            {
                return argument.ArgumentType.Name + "." + (Enum.ToObject(argument.ArgumentType, argument.Value).ToString() ?? string.Empty).Replace(", ", "|", StringComparison.Ordinal);
            }

            return Value(argument.Value);
        }

        private static string Value(object? value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            Type t => "typeof(" + TypeNameFormatter.Format(t) + ")",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        private static bool IsVisible(MethodBase? method) => method != null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

        private static string Visibility(MethodBase method) => method.IsPublic ? "public" : method.IsFamily ? "protected" : "protected internal";

        private static string AccessorVisibility(MethodBase? method) => method == null ? "none" : IsVisible(method) ? Visibility(method) : "non-public";

        private static string Join(params string[] columns) => string.Join(" | ", columns);
    }
}
