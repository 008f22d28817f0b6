using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrievePrincipalAccessRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieveprincipalaccessrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrievePrincipalAccessRequest : OrganizationRequest
    {
        public RetrievePrincipalAccessRequest()
        {
            RequestName = "RetrievePrincipalAccess";
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : default(EntityReference); }
            set { Parameters["Target"] = value; }
        }

        public EntityReference Principal
        {
            get { return Parameters.Contains("Principal") ? (EntityReference)Parameters["Principal"] : default(EntityReference); }
            set { Parameters["Principal"] = value; }
        }
    }
}
