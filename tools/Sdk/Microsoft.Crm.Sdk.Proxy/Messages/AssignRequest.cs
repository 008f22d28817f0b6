using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>Stand-in for <c>Microsoft.Crm.Sdk.Messages.AssignRequest</c> (sdk-surface.md §4.2).
    /// The spec lists no <c>AssignResponse</c>, so the stand-in has none.</summary>
    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class AssignRequest : OrganizationRequest
    {
        public AssignRequest()
        {
            RequestName = "Assign";
        }

        public EntityReference Target
        {
            get { return Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : default(EntityReference); }
            set { Parameters["Target"] = value; }
        }

        public EntityReference Assignee
        {
            get { return Parameters.Contains("Assignee") ? (EntityReference)Parameters["Assignee"] : default(EntityReference); }
            set { Parameters["Assignee"] = value; }
        }
    }
}
