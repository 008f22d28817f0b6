using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrieveRecordChangeHistoryRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieverecordchangehistoryrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveRecordChangeHistoryRequest : OrganizationRequest
    {
        public RetrieveRecordChangeHistoryRequest()
        {
            RequestName = "RetrieveRecordChangeHistory";
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : default(EntityReference); }
            set { Parameters["Target"] = value; }
        }

        public PagingInfo PagingInfo
        {
            get { return Parameters.Contains("PagingInfo") ? (PagingInfo)Parameters["PagingInfo"] : default(PagingInfo); }
            set { Parameters["PagingInfo"] = value; }
        }
    }
}
