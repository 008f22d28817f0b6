using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RetrievePrincipalAccessResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieveprincipalaccessresponse):
    /// the principal's rights on the record, under the key "AccessRights".</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RetrievePrincipalAccessResponse : OrganizationResponse
    {
        public RetrievePrincipalAccessResponse()
        {
        }

        public AccessRights AccessRights
        {
            get { return Results.Contains("AccessRights") ? (AccessRights)Results["AccessRights"] : default(AccessRights); }
        }
    }
}
