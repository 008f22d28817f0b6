using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.GrantAccessRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.grantaccessrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class GrantAccessRequest : OrganizationRequest
    {
        public GrantAccessRequest()
        {
            RequestName = "GrantAccess";
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : default(EntityReference); }
            set { Parameters["Target"] = value; }
        }

        public PrincipalAccess PrincipalAccess
        {
            get { return Parameters.Contains("PrincipalAccess") ? (PrincipalAccess)Parameters["PrincipalAccess"] : default(PrincipalAccess); }
            set { Parameters["PrincipalAccess"] = value; }
        }
    }
}
