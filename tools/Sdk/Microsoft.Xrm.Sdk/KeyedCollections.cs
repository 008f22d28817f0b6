using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

// The genuine sealed collections expose 'protected internal' constructors (sdk-surface.md §2.6).
#pragma warning disable CS0628

namespace Microsoft.Xrm.Sdk
{
    [KnownType("GetKnownParameterTypes")]
    [CollectionDataContract(Name = "AttributeCollection", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class AttributeCollection : DataCollection<string, object>
    {
        public AttributeCollection()
        {
        }

        protected internal AttributeCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }

        private static IEnumerable<Type> GetKnownParameterTypes()
        {
            return KnownTypes.ParameterTypes();
        }
    }

    [CollectionDataContract(Name = "FormattedValueCollection", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
        public FormattedValueCollection()
        {
        }

        protected internal FormattedValueCollection(IDictionary<string, string> collection)
            : base(collection)
        {
        }
    }

    [Serializable]
    [CollectionDataContract(Name = "KeyAttributeCollection", Namespace = ContractNamespaces.Xrm71)]
    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        public KeyAttributeCollection()
        {
        }

        protected internal KeyAttributeCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }
    }

    [KnownType("GetKnownParameterTypes")]
    [CollectionDataContract(Name = "ParameterCollection", Namespace = ContractNamespaces.Xrm2011)]
    public class ParameterCollection : DataCollection<string, object>
    {
        public ParameterCollection()
        {
        }

        protected ParameterCollection(IDictionary<string, object> collection)
            : base(collection)
        {
        }

        /// <summary>Sets <c>this[key] = obj</c> only when <paramref name="obj"/> is not null (sdk-surface.md §7).</summary>
        public void AddOrUpdateIfNotNull(string key, object obj)
        {
            if (obj != null)
            {
                this[key] = obj;
            }
        }

        public bool TryGetValue<T>(string key, out T value)
        {
            object raw;
            if (TryGetValue(key, out raw) && raw is T typed)
            {
                value = typed;
                return true;
            }

            value = default(T);
            return false;
        }

        private static IEnumerable<Type> GetKnownParameterTypes()
        {
            return KnownTypes.ParameterTypes();
        }
    }

    [CollectionDataContract(Name = "EntityImageCollection", Namespace = ContractNamespaces.Xrm2011)]
    public class EntityImageCollection : DataCollection<string, Entity>
    {
        public EntityImageCollection()
        {
        }

        protected internal EntityImageCollection(IDictionary<string, Entity> collection)
            : base(collection)
        {
        }
    }

    [CollectionDataContract(Name = "RelatedEntityCollection", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        public RelatedEntityCollection()
        {
        }

        public override bool IsReadOnly
        {
            get { return base.IsReadOnly; }
            internal set { base.IsReadOnly = value; }
        }
    }

    [CollectionDataContract(Name = "RelationshipQueryCollection", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class RelationshipQueryCollection : DataCollection<Relationship, QueryBase>
    {
        public RelationshipQueryCollection()
        {
        }
    }

    [Serializable]
    [CollectionDataContract(Name = "ErrorDetailCollection", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class ErrorDetailCollection : DataCollection<string, object>
    {
        public ErrorDetailCollection()
        {
        }
    }
}
