using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest()
        {
            RequestName = "Create";
        }

        public Entity Target
        {
            get { return GetParameter<Entity>("Target"); }
            set { Parameters["Target"] = value; }
        }
    }

    // The genuine property really is lower-case 'id' (sdk-surface.md §4.1).
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class CreateResponse : OrganizationResponse
    {
        public CreateResponse()
        {
        }

        public Guid id
        {
            get { return GetResult<Guid>("id"); }
        }
    }
}
