namespace Microsoft.Xrm.Sdk
{
    /// <summary>Data contract namespaces used by the genuine assembly (sdk-surface.md §2.7 table).</summary>
    internal static class ContractNamespaces
    {
        internal const string Xrm2011 = "http://schemas.microsoft.com/xrm/2011/Contracts";
        internal const string Xrm2012 = "http://schemas.microsoft.com/xrm/2012/Contracts";
        internal const string Xrm71 = "http://schemas.microsoft.com/xrm/7.1/Contracts";
        internal const string Xrm90 = "http://schemas.microsoft.com/xrm/9.0/Contracts";
    }
}
