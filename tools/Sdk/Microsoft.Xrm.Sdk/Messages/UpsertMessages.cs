using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest()
        {
            RequestName = "Upsert";
        }

        public Entity Target
        {
            get { return GetParameter<Entity>("Target"); }
            set { Parameters["Target"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class UpsertResponse : OrganizationResponse
    {
        public UpsertResponse()
        {
        }

        public bool RecordCreated
        {
            get { return GetResult<bool>("RecordCreated"); }
        }

        public EntityReference Target
        {
            get { return GetResult<EntityReference>("Target"); }
        }
    }
}
