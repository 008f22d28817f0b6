using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk
{
    [DataContract(Name = "Entity", Namespace = ContractNamespaces.Xrm2011)]
    public class Entity : IExtensibleDataObject
    {
        private string _logicalName;
        private Guid _id;
        private AttributeCollection _attributes;
        private EntityState? _entityState;
        private FormattedValueCollection _formattedValues;
        private RelatedEntityCollection _relatedEntities;
        private string _rowVersion;
        private KeyAttributeCollection _keyAttributes;
        private ExtensionDataObject _extensionData;

        public Entity()
        {
        }

        public Entity(string entityName)
        {
            _logicalName = entityName;
        }

        public Entity(string entityName, Guid id)
        {
            _logicalName = entityName;
            _id = id;
        }

        public Entity(string entityName, string keyName, object keyValue)
        {
            _logicalName = entityName;
            KeyAttributes.Add(keyName, keyValue);
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
        {
            _logicalName = entityName;
            _keyAttributes = keyAttributes;
        }

        [DataMember]
        public string LogicalName
        {
            get { return _logicalName; }
            set { _logicalName = value; }
        }

        [DataMember]
        public virtual Guid Id
        {
            get { return _id; }
            set { _id = value; }
        }

        [DataMember]
        public AttributeCollection Attributes
        {
            get { return _attributes ?? (_attributes = new AttributeCollection()); }
            set { _attributes = value; }
        }

        [DataMember]
        public EntityState? EntityState
        {
            get { return _entityState; }
            set { _entityState = value; }
        }

        [DataMember]
        public FormattedValueCollection FormattedValues
        {
            get { return _formattedValues ?? (_formattedValues = new FormattedValueCollection()); }
            internal set { _formattedValues = value; }
        }

        [DataMember]
        public RelatedEntityCollection RelatedEntities
        {
            get { return _relatedEntities ?? (_relatedEntities = new RelatedEntityCollection()); }
            internal set { _relatedEntities = value; }
        }

        [DataMember]
        public string RowVersion
        {
            get { return _rowVersion; }
            set { _rowVersion = value; }
        }

        [DataMember]
        public KeyAttributeCollection KeyAttributes
        {
            get { return _keyAttributes ?? (_keyAttributes = new KeyAttributeCollection()); }
            set { _keyAttributes = value; }
        }

        public bool HasLazyFileAttribute { get; set; }

        public string LazyFileAttributeKey { get; set; }

        public Lazy<object> LazyFileAttributeValue { get; set; }

        public string LazyFileSizeAttributeKey { get; set; }

        public int LazyFileSizeAttributeValue { get; set; }

        public object this[string attributeName]
        {
            get { return Attributes[attributeName]; }
            set { Attributes[attributeName] = value; }
        }

        public ExtensionDataObject ExtensionData
        {
            get { return _extensionData; }
            set { _extensionData = value; }
        }

        public bool Contains(string attributeName)
        {
            return Attributes.Contains(attributeName);
        }

        /// <summary>
        /// Shallow copy into a new T (the Attributes instance is shared). T must be Entity or carry an
        /// [EntityLogicalName] equal to LogicalName, else NotSupportedException (sdk-surface.md §7).
        /// </summary>
        public T ToEntity<T>() where T : Entity
        {
            if (typeof(T) == typeof(Entity))
            {
                Entity copy = new Entity();
                ShallowCopyTo(copy);
                return (T)copy;
            }

            if (string.IsNullOrWhiteSpace(_logicalName))
            {
                throw new NotSupportedException("LogicalName must be set before calling ToEntity()");
            }

            string targetLogicalName = null;
            object[] attributes = typeof(T).GetCustomAttributes(typeof(EntityLogicalNameAttribute), true);
            if (attributes.Length > 0)
            {
                targetLogicalName = ((EntityLogicalNameAttribute)attributes[0]).LogicalName;
            }

            if (string.IsNullOrWhiteSpace(targetLogicalName))
            {
                throw new NotSupportedException("Cannot convert to type that is does not have EntityLogicalNameAttribute");
            }

            if (!string.Equals(_logicalName, targetLogicalName, StringComparison.Ordinal))
            {
                throw new NotSupportedException(string.Format(CultureInfo.InvariantCulture, "Cannot convert entity {0} to {1}", _logicalName, targetLogicalName));
            }

            T target = (T)Activator.CreateInstance(typeof(T));
            ShallowCopyTo(target);
            return target;
        }

        /// <summary>Name and KeyAttributes are not copied (sdk-surface.md §7).</summary>
        public EntityReference ToEntityReference()
        {
            return new EntityReference(LogicalName, Id) { RowVersion = RowVersion };
        }

        /// <summary>Direct cast: a missing or null value gives default(T), a wrong type throws InvalidCastException.</summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            object value = GetAttributeValueOrNull(attributeLogicalName);
            return value == null ? default(T) : (T)value;
        }

        /// <summary>False when missing or null; falls back to a TypeConverter, and returns false if conversion fails.</summary>
        public bool TryGetAttributeValue<T>(string attributeKey, out T result)
        {
            try
            {
                object value = GetAttributeValueOrNull(attributeKey);
                if (value != null)
                {
                    if (value is T typed)
                    {
                        result = typed;
                        return true;
                    }

                    result = (T)TypeDescriptor.GetConverter(typeof(T)).ConvertFrom(value);
                    return true;
                }
            }
            catch (Exception)
            {
                // Conversion failures (and a null/blank key) report false.
            }

            result = default(T);
            return false;
        }

        protected virtual void SetAttributeValue(string attributeLogicalName, object value)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName))
            {
                throw new ArgumentNullException(nameof(attributeLogicalName));
            }

            this[attributeLogicalName] = value;
        }

        protected virtual string GetFormattedAttributeValue(string attributeLogicalName)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName))
            {
                throw new ArgumentNullException(nameof(attributeLogicalName));
            }

            string value;
            return FormattedValues.TryGetValue(attributeLogicalName, out value) ? value : null;
        }

        protected virtual TEntity GetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole) where TEntity : Entity
        {
            EntityCollection related;
            if (!RelatedEntities.TryGetValue(RelationshipKey(relationshipSchemaName, primaryEntityRole), out related) || related == null)
            {
                return null;
            }

            return (TEntity)related.Entities.FirstOrDefault();
        }

        protected virtual void SetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, TEntity entity) where TEntity : Entity
        {
            Relationship key = RelationshipKey(relationshipSchemaName, primaryEntityRole);
            if (entity == null)
            {
                RelatedEntities.Remove(key);
                return;
            }

            if (string.IsNullOrWhiteSpace(entity.LogicalName))
            {
                throw new ArgumentException("The entity is missing a value for the 'LogicalName' property.", nameof(entity));
            }

            RelatedEntities[key] = new EntityCollection(new List<Entity> { entity }) { EntityName = entity.LogicalName };
        }

        protected virtual IEnumerable<TEntity> GetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole) where TEntity : Entity
        {
            EntityCollection related;
            if (!RelatedEntities.TryGetValue(RelationshipKey(relationshipSchemaName, primaryEntityRole), out related) || related == null)
            {
                return null;
            }

            return related.Entities.Cast<TEntity>();
        }

        protected virtual void SetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, IEnumerable<TEntity> entities) where TEntity : Entity
        {
            Relationship key = RelationshipKey(relationshipSchemaName, primaryEntityRole);
            if (entities == null)
            {
                RelatedEntities.Remove(key);
                return;
            }

            List<Entity> list = new List<Entity>(entities);
            if (list.Any(e => e == null || string.IsNullOrWhiteSpace(e.LogicalName)))
            {
                throw new ArgumentException("An entity is missing a value for the 'LogicalName' property.", nameof(entities));
            }

            RelatedEntities[key] = new EntityCollection(list) { EntityName = list.Count > 0 ? list[0].LogicalName : null };
        }

        private object GetAttributeValueOrNull(string attributeLogicalName)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName))
            {
                throw new ArgumentNullException(nameof(attributeLogicalName));
            }

            object value;
            return Attributes.TryGetValue(attributeLogicalName, out value) ? value : null;
        }

        private static Relationship RelationshipKey(string relationshipSchemaName, EntityRole? primaryEntityRole)
        {
            if (string.IsNullOrWhiteSpace(relationshipSchemaName))
            {
                throw new ArgumentNullException(nameof(relationshipSchemaName));
            }

            return new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
        }

        // Copies fields directly so that an early-bound Id override's side effects do not run on the shared Attributes.
        private void ShallowCopyTo(Entity target)
        {
            if (ReferenceEquals(target, this))
            {
                return;
            }

            target._logicalName = _logicalName;
            target._id = _id;
            target._attributes = Attributes;
            target._entityState = _entityState;
            target._formattedValues = FormattedValues;
            target._relatedEntities = RelatedEntities;
            target._rowVersion = _rowVersion;
            target._keyAttributes = KeyAttributes;
            target._extensionData = _extensionData;
            target.HasLazyFileAttribute = HasLazyFileAttribute;
            target.LazyFileAttributeKey = LazyFileAttributeKey;
            target.LazyFileAttributeValue = LazyFileAttributeValue;
            target.LazyFileSizeAttributeKey = LazyFileSizeAttributeKey;
            target.LazyFileSizeAttributeValue = LazyFileSizeAttributeValue;
        }
    }
}
