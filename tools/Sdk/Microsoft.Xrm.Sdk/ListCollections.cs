using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    [CollectionDataContract(Name = "EntityReferenceCollection", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list)
        {
        }
    }

    [CollectionDataContract(Name = "OptionSetValueCollection", Namespace = ContractNamespaces.Xrm90)]
    public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
    {
        public OptionSetValueCollection()
        {
        }

        public OptionSetValueCollection(IList<OptionSetValue> list)
            : base(list)
        {
        }
    }

    [CollectionDataContract(Name = "OrganizationRequestCollection", Namespace = ContractNamespaces.Xrm2012)]
    [KnownType(typeof(EntityImageCollection))]
    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
    {
        public OrganizationRequestCollection()
        {
        }
    }

    [CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = ContractNamespaces.Xrm71)]
    public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
    {
        public OrganizationResponseCollection()
        {
        }
    }

    // The genuine contract name really is "OrganizationResponseCollection" (2012 namespace), sdk-surface.md §2.8.
    [CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = ContractNamespaces.Xrm2012)]
    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
    {
        public ExecuteMultipleResponseItemCollection()
        {
        }
    }
}
