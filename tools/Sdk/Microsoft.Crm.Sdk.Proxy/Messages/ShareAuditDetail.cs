using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.ShareAuditDetail</c>
    /// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.shareauditdetail): a share granted, changed or revoked.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class ShareAuditDetail : AuditDetail
    {
        public ShareAuditDetail()
        {
        }

        [DataMember]
        public EntityReference Principal { get; set; }

        [DataMember]
        public AccessRights OldPrivileges { get; set; }

        [DataMember]
        public AccessRights NewPrivileges { get; set; }
    }
}
