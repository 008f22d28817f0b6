using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrieveAuditDetailsRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieveauditdetailsrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrieveAuditDetailsRequest : OrganizationRequest
    {
        public RetrieveAuditDetailsRequest()
        {
            RequestName = "RetrieveAuditDetails";
        }

        public Guid AuditId
        {
            get { return Parameters.Contains("AuditId") ? (Guid)Parameters["AuditId"] : default(Guid); }
            set { Parameters["AuditId"] = value; }
        }
    }
}
