using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class CreateMultipleRequest : OrganizationRequest
    {
        public CreateMultipleRequest()
        {
            RequestName = "CreateMultiple";
        }

        public EntityCollection Targets
        {
            get { return GetParameter<EntityCollection>("Targets"); }
            set { Parameters["Targets"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class CreateMultipleResponse : OrganizationResponse
    {
        public CreateMultipleResponse()
        {
        }

        public Guid[] Ids
        {
            get { return GetResult<Guid[]>("Ids"); }
        }
    }
}
