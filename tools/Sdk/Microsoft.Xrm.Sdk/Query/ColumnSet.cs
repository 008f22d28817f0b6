using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    // AttributeExpressions is omitted: its element type XrmAttributeExpression is outside this stand-in (sdk-surface.md §3 notes).
    [DataContract(Name = "ColumnSet", Namespace = ContractNamespaces.Xrm2011)]
    public sealed class ColumnSet : IExtensibleDataObject
    {
        private DataCollection<string> _columns;

        public ColumnSet()
        {
        }

        public ColumnSet(bool allColumns)
        {
            AllColumns = allColumns;
        }

        public ColumnSet(params string[] columns)
        {
            Columns.AddRange(columns);
        }

        [DataMember]
        public bool AllColumns { get; set; }

        [DataMember]
        public DataCollection<string> Columns
        {
            get { return _columns ?? (_columns = new DataCollection<string>()); }
            set { _columns = value; }
        }

        public bool HasLazyFileAttribute { get; set; }

        public string LazyFileAttributeEntityName { get; set; }

        public string LazyFileAttributeKey { get; set; }

        public Lazy<object> LazyFileAttributeValue { get; set; }

        public int LazyFileAttributeSizeLimit { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public void AddColumns(params string[] columns)
        {
            Columns.AddRange(columns);
        }

        public void AddColumn(string column)
        {
            Columns.Add(column);
        }
    }
}
