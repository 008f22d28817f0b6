using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    [Serializable]
    [DataContract(Name = "EntityReference", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class EntityReference : IExtensibleDataObject
    {
        private KeyAttributeCollection _keyAttributes;

        [NonSerialized]
        private ExtensionDataObject _extensionData;

        public EntityReference()
        {
        }

        public EntityReference(string logicalName)
        {
            LogicalName = logicalName;
        }

        public EntityReference(string logicalName, Guid id)
        {
            LogicalName = logicalName;
            Id = id;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
        {
            LogicalName = logicalName;
            KeyAttributes.Add(keyName, keyValue);
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        {
            LogicalName = logicalName;
            _keyAttributes = keyAttributeCollection;
        }

        [DataMember]
        public Guid Id { get; set; }

        [DataMember]
        public string LogicalName { get; set; }

        [DataMember]
        public string Name { get; set; }

        [DataMember]
        public KeyAttributeCollection KeyAttributes
        {
            get { return _keyAttributes ?? (_keyAttributes = new KeyAttributeCollection()); }
            set { _keyAttributes = value; }
        }

        [DataMember]
        public string RowVersion { get; set; }

        public ExtensionDataObject ExtensionData
        {
            get { return _extensionData; }
            set { _extensionData = value; }
        }

        /// <summary>Same Id, ordinal-equal LogicalName and equal key attribute sets; Name is ignored (sdk-surface.md §7).</summary>
        public override bool Equals(object obj)
        {
            EntityReference other = obj as EntityReference;
            if (other == null)
            {
                return false;
            }

            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (Id != other.Id || !string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal))
            {
                return false;
            }

            KeyAttributeCollection mine = KeyAttributes;
            KeyAttributeCollection theirs = other.KeyAttributes;
            if (mine.Count != theirs.Count)
            {
                return false;
            }

            foreach (KeyValuePair<string, object> pair in mine)
            {
                object value;
                if (!theirs.TryGetValue(pair.Key, out value) || !Equals(pair.Value, value))
                {
                    return false;
                }
            }

            return true;
        }

        public override int GetHashCode()
        {
            int hash = Id.GetHashCode() ^ (LogicalName == null ? 0 : LogicalName.GetHashCode());
            foreach (KeyValuePair<string, object> pair in KeyAttributes)
            {
                hash ^= (pair.Key == null ? 0 : pair.Key.GetHashCode()) ^ (pair.Value == null ? 0 : pair.Value.GetHashCode());
            }

            return hash;
        }
    }
}
