using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class AssociateRequest : OrganizationRequest
    {
        public AssociateRequest()
        {
            RequestName = "Associate";
        }

        public EntityReference Target
        {
            get { return GetParameter<EntityReference>("Target"); }
            set { Parameters["Target"] = value; }
        }

        public Relationship Relationship
        {
            get { return GetParameter<Relationship>("Relationship"); }
            set { Parameters["Relationship"] = value; }
        }

        public EntityReferenceCollection RelatedEntities
        {
            get { return GetParameter<EntityReferenceCollection>("RelatedEntities"); }
            set { Parameters["RelatedEntities"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class AssociateResponse : OrganizationResponse
    {
        public AssociateResponse()
        {
        }
    }
}
