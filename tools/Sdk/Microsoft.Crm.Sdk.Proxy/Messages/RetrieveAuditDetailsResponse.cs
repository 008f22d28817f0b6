using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrieveAuditDetailsResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieveauditdetailsresponse):
    /// one audit row's details under the key "AuditDetail".</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveAuditDetailsResponse : OrganizationResponse
    {
        public RetrieveAuditDetailsResponse()
        {
        }

        public AuditDetail AuditDetail
        {
            get { return Results.Contains("AuditDetail") ? (AuditDetail)Results["AuditDetail"] : default(AuditDetail); }
        }
    }
}
