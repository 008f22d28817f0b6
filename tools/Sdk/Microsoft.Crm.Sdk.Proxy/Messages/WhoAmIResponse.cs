using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.WhoAmIResponse</c> (sdk-surface.md §4.2).
    /// Properties are get-only wrappers over <see cref="OrganizationResponse.Results"/>.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class WhoAmIResponse : OrganizationResponse
    {
        public WhoAmIResponse()
        {
        }

        public Guid UserId
        {
            get { return Results.Contains("UserId") ? (Guid)Results["UserId"] : default(Guid); }
        }

        public Guid BusinessUnitId
        {
            get { return Results.Contains("BusinessUnitId") ? (Guid)Results["BusinessUnitId"] : default(Guid); }
        }

        public Guid OrganizationId
        {
            get { return Results.Contains("OrganizationId") ? (Guid)Results["OrganizationId"] : default(Guid); }
        }
    }
}
