using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrieveAttributeChangeHistoryResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieveattributechangehistoryresponse):
    /// one column's audit details under the key "AuditDetailCollection".</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveAttributeChangeHistoryResponse : OrganizationResponse
    {
        public RetrieveAttributeChangeHistoryResponse()
        {
        }

        public AuditDetailCollection AuditDetailCollection
        {
            get { return Results.Contains("AuditDetailCollection") ? (AuditDetailCollection)Results["AuditDetailCollection"] : default(AuditDetailCollection); }
        }
    }
}
