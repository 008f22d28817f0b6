using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.PrincipalAccess</c>
    /// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.principalaccess): the principal and the rights it gets.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class PrincipalAccess : IExtensibleDataObject
    {
        private ExtensionDataObject _extensionData;

        public PrincipalAccess()
        {
        }

        [DataMember]
        public AccessRights AccessMask { get; set; }

        [DataMember]
        public EntityReference Principal { get; set; }

        public ExtensionDataObject ExtensionData
        {
            get { return _extensionData; }
            set { _extensionData = value; }
        }
    }
}
