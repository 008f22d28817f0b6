using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    [KnownType(typeof(QueryExpression))]
    [KnownType(typeof(QueryByAttribute))]
    [KnownType(typeof(FetchExpression))]
    [DataContract(Name = "QueryBase", Namespace = ContractNamespaces.Xrm2011)]
    public abstract class QueryBase : IExtensibleDataObject
    {
        protected QueryBase()
        {
        }

        public ExtensionDataObject ExtensionData { get; set; }
    }
}
