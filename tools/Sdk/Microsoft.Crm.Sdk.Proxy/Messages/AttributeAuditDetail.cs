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
        // Created on first read: deserialization runs no constructor or field initializer.
        private Dictionary<int, string> _deletedAttributes;
        private DataCollection<string> _invalidNewValueAttributes;

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
            get { return _invalidNewValueAttributes ?? (_invalidNewValueAttributes = new DataCollection<string>()); }
        }

        [DataMember(Order = 60)]
        public Dictionary<int, string> DeletedAttributes
        {
            get { return _deletedAttributes ?? (_deletedAttributes = new Dictionary<int, string>()); }
        }

        [DataMember(Order = 70)]
        public int LocLabelLanguageCode { get; set; }
    }
}
