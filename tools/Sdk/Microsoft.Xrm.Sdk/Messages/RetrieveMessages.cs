using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest()
        {
            RequestName = "Retrieve";
        }

        public EntityReference Target
        {
            get { return GetParameter<EntityReference>("Target"); }
            set { Parameters["Target"] = value; }
        }

        public ColumnSet ColumnSet
        {
            get { return GetParameter<ColumnSet>("ColumnSet"); }
            set { Parameters["ColumnSet"] = value; }
        }

        public RelationshipQueryCollection RelatedEntitiesQuery
        {
            get { return GetParameter<RelationshipQueryCollection>("RelatedEntitiesQuery"); }
            set { Parameters["RelatedEntitiesQuery"] = value; }
        }

        public bool ReturnNotifications
        {
            get { return GetParameter<bool>("ReturnNotifications"); }
            set { Parameters["ReturnNotifications"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class RetrieveResponse : OrganizationResponse
    {
        public RetrieveResponse()
        {
        }

        public Entity Entity
        {
            get { return GetResult<Entity>("Entity"); }
        }

        public object Notifications
        {
            get { return GetResult<object>("Notifications"); }
        }
    }
}
