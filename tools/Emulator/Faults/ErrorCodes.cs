namespace PatientJourney.Crm.Emulator.Faults;

/// <summary>
/// Dataverse error codes the emulator raises (values from Microsoft's "Web service error codes" list).
/// Where Dataverse has a more specific code that is not confirmed here, <see cref="InvalidArgument"/> is used and the
/// message carries the detail.
/// </summary>
public static class ErrorCodes
{
    /// <summary>0x80040203 InvalidArgument.</summary>
    public const int InvalidArgument = unchecked((int)0x80040203);

    /// <summary>0x80040216 UnExpected: "An unexpected error occurred."</summary>
    public const int UnExpected = unchecked((int)0x80040216);

    /// <summary>0x80040217 ObjectDoesNotExist: "{table} With Id = {id} Does Not Exist".</summary>
    public const int ObjectDoesNotExist = unchecked((int)0x80040217);

    /// <summary>0x80040224 IsvUnExpected: a plug-in threw something other than InvalidPluginExecutionException.</summary>
    public const int IsvUnExpected = unchecked((int)0x80040224);

    /// <summary>0x80040237 DuplicateRecord: "Cannot insert duplicate key" (a row with the same id exists).</summary>
    public const int DuplicateRecord = unchecked((int)0x80040237);

    /// <summary>
    /// 0x80060892 DuplicateRecordEntityKey: "Entity Key {0} violated. A record with the same value for {1} already
    /// exists." (listed on https://learn.microsoft.com/power-apps/developer/data-platform/org-service/web-service-error-codes;
    /// the text as public code quotes it from real organisations, with HTTP 412 over the Web API. Whatever the page adds
    /// after these two sentences was not confirmed, so the emulator stops there.)
    /// </summary>
    public const int DuplicateRecordEntityKey = unchecked((int)0x80060892);

    /// <summary>
    /// 0x80060891 RecordNotFoundByEntityKey: "A record with the specified key values does not exist in {0} entity"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/org-service/web-service-error-codes).
    /// </summary>
    public const int RecordNotFoundByEntityKey = unchecked((int)0x80060891);

    /// <summary>
    /// 0x80040239: a date-time outside 1753-01-01 … 9999-12-31. Dataverse answers "DateTime is less than minumum value
    /// supported by CrmDateTime. Actual value: 01/01/0001 00:00:00, Minimum value supported: 01/01/1753 00:00:00"
    /// (the platform's spelling, from a real organisation: https://github.com/microsoft/coe-starter-kit/issues/6417).
    /// The emulator names the column instead of echoing the value (it may be a patient's date of birth).
    /// </summary>
    public const int DateTimeOutOfRange = unchecked((int)0x80040239);

    /// <summary>0x80040265 IsvAborted: a plug-in threw InvalidPluginExecutionException.</summary>
    public const int IsvAborted = unchecked((int)0x80040265);

    /// <summary>0x80041103 QueryBuilderNoAttribute: a query or write names a column the table does not have.</summary>
    public const int QueryBuilderNoAttribute = unchecked((int)0x80041103);

    /// <summary>
    /// 0x80040800 SdkEntityDoesNotSupportMessage: the table has no sdkmessagefilter for the message. Dataverse answers
    /// "The 'Create' method does not support entities of type 'principalobjectaccess'. MessageProcessorCache returned
    /// MessageProcessor.Empty. " (seen in public test suites against real organisations, e.g. for principalobjectaccess
    /// and roleprivileges).
    /// </summary>
    public const int SdkEntityDoesNotSupportMessage = unchecked((int)0x80040800);

    /// <summary>
    /// 0x80040220 PrivilegeDenied: the caller lacks a privilege, or holds it at too small a depth for the record, or
    /// may not read or write a secured column.
    /// </summary>
    public const int PrivilegeDenied = unchecked((int)0x80040220);

    /// <summary>
    /// 0x8004E023 AggregateQueryRecordLimit: an aggregate fetch over more rows than its limit, "AggregateQueryRecordLimit
    /// exceeded. Cannot perform this operation." (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data#limitations).
    /// </summary>
    public const int AggregateQueryRecordLimit = unchecked((int)0x8004E023);

    /// <summary>The message of <see cref="IsvUnExpected"/>, as Dataverse shows it.</summary>
    public const string IsvUnExpectedMessage = "An unexpected error occurred from ISV code.";
}
