using System.Collections.Generic;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.AttributeAuditDetail</c>
    /// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.attributeauditdetail): the old and new values of the
    /// audited columns a create, update or delete changed.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class AttributeAuditDetail : AuditDetail
    {
        private readonly Dictionary<int, string> _deletedAttributes = new Dictionary<int, string>();
        private readonly DataCollection<string> _invalidNewValueAttributes = new DataCollection<string>();

        public AttributeAuditDetail()
        {
        }

        [DataMember]
        public Entity OldValue { get; set; }

        [DataMember]
        public Entity NewValue { get; set; }

        [DataMember]
        public DataCollection<string> InvalidNewValueAttributes
        {
            get { return _invalidNewValueAttributes; }
        }

        [DataMember(Order = 60)]
        public Dictionary<int, string> DeletedAttributes
        {
            get { return _deletedAttributes; }
        }

        [DataMember(Order = 70)]
        public int LocLabelLanguageCode { get; set; }
    }
}
