using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.ModifyAccessRequest</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.modifyaccessrequest).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class ModifyAccessRequest : OrganizationRequest
    {
        public ModifyAccessRequest()
        {
            RequestName = "ModifyAccess";
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
