using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Faults;

/// <summary>
/// What the emulator throws where Dataverse throws <c>FaultException&lt;OrganizationServiceFault&gt;</c>.
/// System.ServiceModel is not part of .NET 10, so the fault travels in <see cref="Fault"/> instead of <c>Detail</c>;
/// code that catches the real type in production catches this one under test.
/// </summary>
public sealed class DataverseFaultException : Exception
{
    public DataverseFaultException(OrganizationServiceFault fault, Exception? innerException = null)
        : base(fault.Message, innerException)
    {
        Fault = fault;
        HResult = fault.ErrorCode;
    }

    /// <summary>The fault, as <c>FaultException&lt;OrganizationServiceFault&gt;.Detail</c> carries it.</summary>
    public OrganizationServiceFault Fault { get; }

    public int ErrorCode => Fault.ErrorCode;

    internal static DataverseFaultException Create(int errorCode, string message, Exception? inner = null, string? traceText = null) =>
        new(new OrganizationServiceFault
        {
            ErrorCode = errorCode,
            Message = message,
            Timestamp = DateTime.UtcNow,
            TraceText = traceText,
            ErrorDetails = new ErrorDetailCollection(),
        }, inner);

    internal static DataverseFaultException InvalidArgument(string message) => Create(ErrorCodes.InvalidArgument, message);

    /// <summary>A table name the organisation does not have (or none at all).</summary>
    internal static DataverseFaultException UnknownTable(string? logicalName) =>
        Create(ErrorCodes.InvalidArgument, $"The entity with a name = '{logicalName}' was not found in the MetadataCache.");

    internal static DataverseFaultException DoesNotExist(string table, Guid id) =>
        Create(ErrorCodes.ObjectDoesNotExist, $"{table} With Id = {id} Does Not Exist");

    /// <summary>A second row with the same alternate-key values. The message names the key and its columns, never the values (they may be patient identifiers).</summary>
    internal static DataverseFaultException DuplicateKey(string keyName, IEnumerable<string> columns) =>
        Create(ErrorCodes.DuplicateRecordEntityKey, $"Entity Key {keyName} violated. A record with the same value for {string.Join(", ", columns)} already exists.");

    /// <summary>An update, retrieve or delete that names a row by an alternate key no row has.</summary>
    internal static DataverseFaultException NotFoundByKey(string table) =>
        Create(ErrorCodes.RecordNotFoundByEntityKey, $"A record with the specified key values does not exist in {table} entity");

    internal static DataverseFaultException MessageNotSupported(string message, string table) =>
        Create(ErrorCodes.SdkEntityDoesNotSupportMessage, $"The '{message}' method does not support entities of type '{table}'. MessageProcessorCache returned MessageProcessor.Empty. ");

    internal static DataverseFaultException NoAttribute(string table, string column) =>
        Create(ErrorCodes.QueryBuilderNoAttribute, $"'{table}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'.");
}
