using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    [DataContract(Name = "QueryByAttribute", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class QueryByAttribute : QueryBase
    {
        private DataCollection<string> _attributes;
        private DataCollection<object> _values;
        private DataCollection<OrderExpression> _orders;

        public QueryByAttribute()
            : this(null)
        {
        }

        /// <summary>ColumnSet and PageInfo start non-null, like QueryExpression's.</summary>
        public QueryByAttribute(string entityName)
        {
            EntityName = entityName;
            ColumnSet = new ColumnSet();
            PageInfo = new PagingInfo();
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public DataCollection<string> Attributes
        {
            get { return _attributes ?? (_attributes = new DataCollection<string>()); }
            internal set { _attributes = value; }
        }

        [DataMember]
        public DataCollection<object> Values
        {
            get { return _values ?? (_values = new DataCollection<object>()); }
            internal set { _values = value; }
        }

        [DataMember]
        public PagingInfo PageInfo { get; set; }

        [DataMember]
        public ColumnSet ColumnSet { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get { return _orders ?? (_orders = new DataCollection<OrderExpression>()); }
            internal set { _orders = value; }
        }

        [DataMember(Order = 50)]
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        /// <summary>Appends to Attributes and Values in step.</summary>
        public void AddAttributeValue(string attributeName, object value)
        {
            Attributes.Add(attributeName);
            Values.Add(value);
        }
    }
}
