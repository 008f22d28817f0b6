using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    [DataContract(Name = "OrganizationRequest", Namespace = ContractNamespaces.Xrm2011)]
    public class OrganizationRequest : IExtensibleDataObject
    {
        private ParameterCollection _parameters;

        public OrganizationRequest()
        {
        }

        public OrganizationRequest(string requestName)
        {
            RequestName = requestName;
        }

        [DataMember]
        public string RequestName { get; set; }

        public object this[string parameterName]
        {
            get { return Parameters[parameterName]; }
            set { Parameters[parameterName] = value; }
        }

        [DataMember]
        public ParameterCollection Parameters
        {
            get { return _parameters ?? (_parameters = new ParameterCollection()); }
            set { _parameters = value; }
        }

        [DataMember]
        public Guid? RequestId { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Typed getter used by message classes: default(T) when the key is missing (sdk-surface.md §4.1).</summary>
        internal T GetParameter<T>(string key)
        {
            return Parameters.Contains(key) ? (T)Parameters[key] : default(T);
        }
    }

    [DataContract(Name = "OrganizationResponse", Namespace = ContractNamespaces.Xrm2011)]
    public class OrganizationResponse : IExtensibleDataObject
    {
        private ParameterCollection _results;

        public OrganizationResponse()
        {
        }

        [DataMember]
        public string ResponseName { get; set; }

        public object this[string parameterName]
        {
            get { return Results[parameterName]; }
            set { Results[parameterName] = value; }
        }

        [DataMember]
        public ParameterCollection Results
        {
            get { return _results ?? (_results = new ParameterCollection()); }
            set { _results = value; }
        }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Typed getter used by message classes: default(T) when the key is missing (sdk-surface.md §4.1).</summary>
        internal T GetResult<T>(string key)
        {
            return Results.Contains(key) ? (T)Results[key] : default(T);
        }
    }
}
