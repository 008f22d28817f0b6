using System;
using System.Globalization;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    [DataContract(Name = "Relationship", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class Relationship : IExtensibleDataObject
    {
        public Relationship()
        {
        }

        public Relationship(string schemaName)
        {
            SchemaName = schemaName;
        }

        [DataMember]
        public string SchemaName { get; set; }

        [DataMember]
        public EntityRole? PrimaryEntityRole { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Equal when SchemaName (ordinal) and PrimaryEntityRole are equal (sdk-surface.md brief/§7).</summary>
        public override bool Equals(object obj)
        {
            Relationship other = obj as Relationship;
            return other != null
                && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal)
                && PrimaryEntityRole == other.PrimaryEntityRole;
        }

        public override int GetHashCode()
        {
            int hash = (SchemaName ?? string.Empty).GetHashCode();
            return PrimaryEntityRole.HasValue ? hash ^ PrimaryEntityRole.Value.GetHashCode() : hash;
        }

        /// <summary>"SchemaName.Role" (role empty when not set).</summary>
        public override string ToString()
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}.{1}", SchemaName ?? string.Empty, PrimaryEntityRole.HasValue ? PrimaryEntityRole.Value.ToString() : string.Empty);
        }
    }
}
