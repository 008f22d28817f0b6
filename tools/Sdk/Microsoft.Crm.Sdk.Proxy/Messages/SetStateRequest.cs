using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.SetStateRequest</c> (sdk-surface.md §4.2).</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class SetStateRequest : OrganizationRequest
    {
        public SetStateRequest()
        {
            RequestName = "SetState";
        }

        public EntityReference EntityMoniker
        {
            get { return Parameters.Contains("EntityMoniker") ? (EntityReference)Parameters["EntityMoniker"] : default(EntityReference); }
            set { Parameters["EntityMoniker"] = value; }
        }

        public OptionSetValue State
        {
            get { return Parameters.Contains("State") ? (OptionSetValue)Parameters["State"] : default(OptionSetValue); }
            set { Parameters["State"] = value; }
        }

        public OptionSetValue Status
        {
            get { return Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : default(OptionSetValue); }
            set { Parameters["Status"] = value; }
        }
    }
}
