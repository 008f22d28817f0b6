using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// Formats types the way sdk-surface.md Appendix A writes them: C# keywords for metadata primitives,
    /// <c>!n</c>/<c>!!n</c> for type/method generic parameters, <c>T?</c> for Nullable&lt;T&gt;, generic instances as
    /// <c>Name&lt;A, B&gt;</c>, generic definitions by full name with arity (<c>DataCollection`2</c>).
    /// <see cref="MetadataSignatureProvider"/> produces identical strings from raw metadata.
    /// </summary>
    internal static class TypeNameFormatter
    {
        private static readonly Dictionary<Type, string> Keywords = new Dictionary<Type, string>
        {
            [typeof(void)] = "void",
            [typeof(bool)] = "bool",
            [typeof(char)] = "char",
            [typeof(sbyte)] = "sbyte",
            [typeof(byte)] = "byte",
            [typeof(short)] = "short",
            [typeof(ushort)] = "ushort",
            [typeof(int)] = "int",
            [typeof(uint)] = "uint",
            [typeof(long)] = "long",
            [typeof(ulong)] = "ulong",
            [typeof(float)] = "float",
            [typeof(double)] = "double",
            [typeof(string)] = "string",
            [typeof(object)] = "object",
        };

        private static readonly Dictionary<string, string> KeywordsByName =
            Keywords.ToDictionary(k => k.Key.FullName!, k => k.Value, StringComparer.Ordinal);

        /// <summary>The keyword for a primitive full name (System.Int32 → int), or null.</summary>
        public static string? KeywordFor(string fullName) => KeywordsByName.TryGetValue(fullName, out string? k) ? k : null;

        public static string StripArity(string name) => Regex.Replace(name, "`[0-9]+", string.Empty);

        /// <summary>Namespace-qualified name with arity; nested types joined with '+'.</summary>
        public static string DefinitionName(Type type)
        {
            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                type = type.GetGenericTypeDefinition();
            }

            if (type.IsNested)
            {
                return DefinitionName(type.DeclaringType!) + "+" + type.Name;
            }

            return string.IsNullOrEmpty(type.Namespace) ? type.Name : type.Namespace + "." + type.Name;
        }

        /// <summary>A type as it appears in a signature.</summary>
        public static string Format(Type type)
        {
            if (type.IsGenericParameter)
            {
                return (type.DeclaringMethod != null ? "!!" : "!") + type.GenericParameterPosition;
            }

            if (type.IsByRef)
            {
                return Format(type.GetElementType()!) + "&";
            }

            if (type.IsPointer)
            {
                return Format(type.GetElementType()!) + "*";
            }

            if (type.IsArray)
            {
                return Format(type.GetElementType()!) + (type.IsSZArray ? "[]" : "[" + new string(',', type.GetArrayRank() - 1) + "]");
            }

            if (type.IsGenericType)
            {
                // A generic definition used inside its own signatures is an instance over its own parameters (!0, !1).
                Type definition = type.GetGenericTypeDefinition();
                string[] args = type.GetGenericArguments().Select(Format).ToArray();
                if (definition == typeof(Nullable<>))
                {
                    return args[0] + "?";
                }

                return StripArity(DefinitionName(definition)) + "<" + string.Join(", ", args) + ">";
            }

            return Keywords.TryGetValue(type, out string? keyword) ? keyword : DefinitionName(type);
        }
    }
}
