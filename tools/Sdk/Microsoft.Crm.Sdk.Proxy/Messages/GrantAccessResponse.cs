using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.GrantAccessResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.grantaccessresponse).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class GrantAccessResponse : OrganizationResponse
    {
        public GrantAccessResponse()
        {
        }
    }
}
