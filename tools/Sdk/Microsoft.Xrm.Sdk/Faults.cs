using System;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text;

namespace Microsoft.Xrm.Sdk
{
    // The genuine type also lists [KnownType] DiscoveryServiceFault, a type outside this stand-in's scope.
    [Serializable]
    [DataContract(Name = "BaseServiceFault", Namespace = ContractNamespaces.Xrm2011)]
    [KnownType(typeof(OrganizationServiceFault))]
    [KnownType(typeof(ExecuteTransactionFault))]
    public abstract class BaseServiceFault : IExtensibleDataObject
    {
        [NonSerialized]
        private ExtensionDataObject _extensionData;

        protected BaseServiceFault()
        {
        }

        [DataMember]
        public string Message { get; set; }

        [DataMember]
        public int ErrorCode { get; set; }

        [DataMember]
        public string HelpLink { get; set; }

        [DataMember]
        public DateTime Timestamp { get; set; }

        [DataMember]
        public Guid ActivityId { get; set; }

        [DataMember]
        public ErrorDetailCollection ErrorDetails { get; set; }

        public ExtensionDataObject ExtensionData
        {
            get { return _extensionData; }
            set { _extensionData = value; }
        }
    }

    [Serializable]
    [DataContract(Name = "OrganizationServiceFault", Namespace = ContractNamespaces.Xrm2011)]
    public class OrganizationServiceFault : BaseServiceFault
    {
        public OrganizationServiceFault()
        {
        }

        [DataMember]
        public string TraceText { get; set; }

        [DataMember]
        public OrganizationServiceFault InnerFault { get; set; }

        /// <summary>One "Exception details" block per fault in the InnerFault chain.</summary>
        public override string ToString()
        {
            StringBuilder text = new StringBuilder();
            for (OrganizationServiceFault fault = this; fault != null; fault = fault.InnerFault)
            {
                text.AppendLine("Exception details: ");
                text.AppendLine("ErrorCode: 0x" + fault.ErrorCode.ToString("X", CultureInfo.InvariantCulture));
                text.AppendLine("Message: " + fault.Message);
                object callStack;
                if (fault.ErrorDetails != null && fault.ErrorDetails.TryGetValue("CallStack", out callStack))
                {
                    text.AppendLine("StackTrace: ");
                    text.AppendLine(callStack as string);
                }

                text.AppendLine("TimeStamp: " + fault.Timestamp.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
                text.AppendLine("--");
            }

            return text.ToString();
        }
    }

    [Serializable]
    [DataContract(Name = "ExecuteTransactionFault", Namespace = ContractNamespaces.Xrm71)]
    public sealed class ExecuteTransactionFault : OrganizationServiceFault
    {
        public ExecuteTransactionFault()
        {
        }

        [DataMember]
        public int FaultedRequestIndex { get; set; }
    }
}
