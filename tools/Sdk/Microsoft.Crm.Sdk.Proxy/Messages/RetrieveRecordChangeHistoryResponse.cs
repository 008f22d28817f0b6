using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrieveRecordChangeHistoryResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieverecordchangehistoryresponse):
    /// the record's audit details under the key "AuditDetailCollection".</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveRecordChangeHistoryResponse : OrganizationResponse
    {
        public RetrieveRecordChangeHistoryResponse()
        {
        }

        public AuditDetailCollection AuditDetailCollection
        {
            get { return Results.Contains("AuditDetailCollection") ? (AuditDetailCollection)Results["AuditDetailCollection"] : default(AuditDetailCollection); }
        }
    }
}
