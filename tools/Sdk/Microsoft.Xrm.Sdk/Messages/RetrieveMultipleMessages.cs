using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest()
        {
            RequestName = "RetrieveMultiple";
        }

        public QueryBase Query
        {
            get { return GetParameter<QueryBase>("Query"); }
            set { Parameters["Query"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public RetrieveMultipleResponse()
        {
        }

        public EntityCollection EntityCollection
        {
            get { return GetResult<EntityCollection>("EntityCollection"); }
        }
    }
}
