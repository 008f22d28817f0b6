using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrieveAttributeChangeHistoryRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieveattributechangehistoryrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveAttributeChangeHistoryRequest : OrganizationRequest
    {
        public RetrieveAttributeChangeHistoryRequest()
        {
            RequestName = "RetrieveAttributeChangeHistory";
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : default(EntityReference); }
            set { Parameters["Target"] = value; }
        }

        public string AttributeLogicalName
        {
            get { return Parameters.Contains("AttributeLogicalName") ? (string)Parameters["AttributeLogicalName"] : default(string); }
            set { Parameters["AttributeLogicalName"] = value; }
        }

        public PagingInfo PagingInfo
        {
            get { return Parameters.Contains("PagingInfo") ? (PagingInfo)Parameters["PagingInfo"] : default(PagingInfo); }
            set { Parameters["PagingInfo"] = value; }
        }
    }
}
