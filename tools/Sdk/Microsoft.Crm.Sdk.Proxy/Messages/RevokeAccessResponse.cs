using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.RevokeAccessResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.revokeaccessresponse).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class RevokeAccessResponse : OrganizationResponse
    {
        public RevokeAccessResponse()
        {
        }
    }
}
