using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.AuditDetailCollection</c>
    /// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.auditdetailcollection): one page of audit details.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class AuditDetailCollection : IExtensibleDataObject
    {
        private ExtensionDataObject _extensionData;

        public AuditDetailCollection()
        {
            AuditDetails = new DataCollection<AuditDetail>();
        }

        [DataMember]
        public DataCollection<AuditDetail> AuditDetails { get; private set; }

        public int Count
        {
            get { return AuditDetails.Count; }
        }

        public AuditDetail this[int index]
        {
            get { return AuditDetails[index]; }
            set { AuditDetails[index] = value; }
        }

        [DataMember]
        public bool MoreRecords { get; set; }

        [DataMember]
        public string PagingCookie { get; set; }

        [DataMember]
        public int TotalRecordCount { get; set; }

        public void Add(AuditDetail auditDetail)
        {
            AuditDetails.Add(auditDetail);
        }

        public ExtensionDataObject ExtensionData
        {
            get { return _extensionData; }
            set { _extensionData = value; }
        }
    }
}
