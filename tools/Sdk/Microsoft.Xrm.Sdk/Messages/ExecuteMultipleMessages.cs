using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest()
        {
            RequestName = "ExecuteMultiple";
        }

        public OrganizationRequestCollection Requests
        {
            get { return GetParameter<OrganizationRequestCollection>("Requests"); }
            set { Parameters["Requests"] = value; }
        }

        public ExecuteMultipleSettings Settings
        {
            get { return GetParameter<ExecuteMultipleSettings>("Settings"); }
            set { Parameters["Settings"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        public ExecuteMultipleResponse()
        {
        }

        public bool IsFaulted
        {
            get { return GetResult<bool>("IsFaulted"); }
        }

        public ExecuteMultipleResponseItemCollection Responses
        {
            get { return GetResult<ExecuteMultipleResponseItemCollection>("Responses"); }
        }
    }
}
