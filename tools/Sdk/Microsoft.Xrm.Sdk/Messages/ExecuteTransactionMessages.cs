using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class ExecuteTransactionRequest : OrganizationRequest
    {
        public ExecuteTransactionRequest()
        {
            RequestName = "ExecuteTransaction";
        }

        public OrganizationRequestCollection Requests
        {
            get { return GetParameter<OrganizationRequestCollection>("Requests"); }
            set { Parameters["Requests"] = value; }
        }

        public bool? ReturnResponses
        {
            get { return GetParameter<bool?>("ReturnResponses"); }
            set { Parameters["ReturnResponses"] = value; }
        }
    }

    [DataContract(Namespace = ContractNamespaces.Xrm2011)]
    public sealed class ExecuteTransactionResponse : OrganizationResponse
    {
        public ExecuteTransactionResponse()
        {
        }

        public OrganizationResponseCollection Responses
        {
            get { return GetResult<OrganizationResponseCollection>("Responses"); }
        }
    }
}
