using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class UpdateMultipleRequest : OrganizationRequest
    {
        public UpdateMultipleRequest()
        {
            RequestName = "UpdateMultiple";
        }

        public EntityCollection Targets
        {
            get { return GetParameter<EntityCollection>("Targets"); }
            set { Parameters["Targets"] = value; }
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get { return GetParameter<ConcurrencyBehavior>("ConcurrencyBehavior"); }
            set { Parameters["ConcurrencyBehavior"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class UpdateMultipleResponse : OrganizationResponse
    {
        public UpdateMultipleResponse()
        {
        }
    }
}
