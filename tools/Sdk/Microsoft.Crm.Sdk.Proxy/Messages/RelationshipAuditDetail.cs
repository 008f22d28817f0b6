using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RelationshipAuditDetail</c>
    /// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.relationshipauditdetail): the records a many-to-many
    /// associate or disassociate added or removed.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RelationshipAuditDetail : AuditDetail
    {
        // Created on first read: deserialization runs no constructor or field initializer.
        private DataCollection<EntityReference> _targetRecords;

        public RelationshipAuditDetail()
        {
        }

        [DataMember]
        public string RelationshipName { get; set; }

        [DataMember]
        public DataCollection<EntityReference> TargetRecords
        {
            get { return _targetRecords ?? (_targetRecords = new DataCollection<EntityReference>()); }
        }
    }
}
