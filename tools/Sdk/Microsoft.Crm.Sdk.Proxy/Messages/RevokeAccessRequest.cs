using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RevokeAccessRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.revokeaccessrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RevokeAccessRequest : OrganizationRequest
    {
        public RevokeAccessRequest()
        {
            RequestName = "RevokeAccess";
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : default(EntityReference); }
            set { Parameters["Target"] = value; }
        }

        public EntityReference Revokee
        {
            get { return Parameters.Contains("Revokee") ? (EntityReference)Parameters["Revokee"] : default(EntityReference); }
            set { Parameters["Revokee"] = value; }
        }
    }
}
