using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    // Accept(IQueryExpressionVisitor) is omitted: its parameter type is outside this stand-in (sdk-surface.md §3 notes).
    [DataContract(Name = "QueryExpression", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class QueryExpression : QueryBase
    {
        public static readonly QueryExpression Empty = new QueryExpression();

        private DataCollection<LinkEntity> _linkEntities;
        private DataCollection<OrderExpression> _orders;

        public QueryExpression()
            : this(null)
        {
        }

        /// <summary>ColumnSet, Criteria, Orders, LinkEntities and PageInfo start non-null.</summary>
        public QueryExpression(string entityName)
        {
            EntityName = entityName;
            ColumnSet = new ColumnSet();
            Criteria = new FilterExpression();
            PageInfo = new PagingInfo();
            _linkEntities = new DataCollection<LinkEntity>();
            _orders = new DataCollection<OrderExpression>();
        }

        [DataMember]
        public bool Distinct { get; set; }

        [DataMember(Order = 50)]
        public bool NoLock { get; set; }

        [DataMember(IsRequired = false, EmitDefaultValue = false)]
        public QueryExpression SubQueryExpression { get; set; }

        [DataMember]
        public PagingInfo PageInfo { get; set; }

        [DataMember(Order = 92, EmitDefaultValue = false)]
        public string QueryHints { get; set; }

        [DataMember(Order = 93, EmitDefaultValue = false)]
        public string DataSource { get; set; }

        [DataMember]
        public DataCollection<LinkEntity> LinkEntities
        {
            get { return _linkEntities ?? (_linkEntities = new DataCollection<LinkEntity>()); }
            internal set { _linkEntities = value; }
        }

        [DataMember]
        public FilterExpression Criteria { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get { return _orders ?? (_orders = new DataCollection<OrderExpression>()); }
            internal set { _orders = value; }
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public ColumnSet ColumnSet { get; set; }

        [DataMember(Order = 50, EmitDefaultValue = false)]
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName)
        {
            Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));
        }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        /// <summary>Creates a link from this query's EntityName, adds it to LinkEntities and returns it.</summary>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkEntity link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }
}
