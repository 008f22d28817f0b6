using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.ModifyAccessResponse</c> (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.modifyaccessresponse).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class ModifyAccessResponse : OrganizationResponse
    {
        public ModifyAccessResponse()
        {
        }
    }
}
