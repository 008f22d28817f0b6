namespace PatientJourney.Crm.Schema;

/// <summary>Column data types, named after Dataverse's attribute types (the XML name is in the comment).</summary>
public enum ColumnType
{
    /// <summary>primarykey: the table's id column (Guid).</summary>
    PrimaryKey,
    /// <summary>uniqueidentifier (Guid).</summary>
    UniqueIdentifier,
    /// <summary>nvarchar: single line of text (string).</summary>
    String,
    /// <summary>ntext: multiple lines of text (string).</summary>
    Memo,
    /// <summary>int: whole number (int).</summary>
    Integer,
    /// <summary>bigint (long).</summary>
    BigInt,
    /// <summary>decimal (decimal).</summary>
    Decimal,
    /// <summary>float (double).</summary>
    Double,
    /// <summary>money (Money).</summary>
    Money,
    /// <summary>bit: yes/no (bool).</summary>
    Boolean,
    /// <summary>datetime (DateTime, stored as UTC).</summary>
    DateTime,
    /// <summary>picklist: choice (OptionSetValue).</summary>
    Choice,
    /// <summary>multiselectpicklist: choices (OptionSetValueCollection).</summary>
    MultiChoice,
    /// <summary>lookup (EntityReference to one of <see cref="ColumnDefinition.Targets"/>).</summary>
    Lookup,
    /// <summary>customer: lookup to account or contact (EntityReference).</summary>
    Customer,
    /// <summary>owner: systemuser or team (EntityReference).</summary>
    Owner,
    /// <summary>state: statecode (OptionSetValue).</summary>
    State,
    /// <summary>status: statuscode (OptionSetValue), each value belonging to one state.</summary>
    Status,
}
