using System;

namespace Microsoft.Xrm.Sdk.Client
{
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class ProxyTypesAssemblyAttribute : Attribute
    {
        public ProxyTypesAssemblyAttribute()
        {
        }

        /// <summary>Used only by this assembly to mark itself, as the genuine SDK does (sdk-surface.md §2.10).</summary>
        internal ProxyTypesAssemblyAttribute(bool containsSharedContracts)
        {
            ContainsSharedContracts = containsSharedContracts;
        }

        internal bool ContainsSharedContracts { get; }
    }
}
