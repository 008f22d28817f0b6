using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.AuditDetail</c>
    /// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.auditdetail): the base of the audit details. The known
    /// types are the three of the Dynamics 365 (v9.0) reference page
    /// (https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/gg327440(v=crm.8)); the current page adds
    /// ApplicationBasedAccessControlAuditDetail and IPFirewallAccessAuditDetail, which the stand-in does not declare.</summary>
    [KnownType(typeof(RelationshipAuditDetail))]
    [KnownType(typeof(AttributeAuditDetail))]
    [KnownType(typeof(ShareAuditDetail))]
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public class AuditDetail : IExtensibleDataObject
    {
        private ExtensionDataObject _extensionData;

        public AuditDetail()
        {
        }

        /// <summary>The audit row (logical name "audit") the details belong to.</summary>
        [DataMember]
        public Entity AuditRecord { get; set; }

        public ExtensionDataObject ExtensionData
        {
            get { return _extensionData; }
            set { _extensionData = value; }
        }
    }
}
