using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Messages;

/// <summary>
/// RetrieveRecordChangeHistory, sent as a plain OrganizationRequest("RetrieveRecordChangeHistory") with the documented
/// parameter "Target" (the record; "PagingInfo" is accepted and not applied)
/// (https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.retrieverecordchangehistoryrequest). The stand-in
/// SDK has no AuditDetail types, so the response's "AuditDetailCollection" is an EntityCollection of audit rows
/// (auditid, operation, action, objectid, objecttypecode, userid, createdon) whose "oldvalue" and "newvalue" are
/// entities holding the changed audited columns, as AttributeAuditDetail.OldValue/NewValue do. The caller needs
/// prvReadRecordAuditHistory ("RetrieveRecordChangeHistory message privileges",
/// https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/gg309409(v=crm.8)) and Read on the
/// record; secured columns the caller may not read are left out, as field security applies to auditing.
/// </summary>
internal sealed partial class MessageDispatcher
{
    private OrganizationResponse RetrieveRecordChangeHistory(CallScope scope, OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var table = emulator.Metadata.Table(target.LogicalName);
        var principal = Security.PrincipalOf(scope.UserId);
        Security.DemandPrivilege(principal, "prvReadRecordAuditHistory", "RetrieveRecordChangeHistory");
        if (emulator.Store.Get(table.LogicalName, target.Id) is { } row) Security.Demand(principal, table, PrivilegeAccess.Read, row);
        var details = new EntityCollection { EntityName = "audit" };
        foreach (var record in emulator.AuditHistory(table.LogicalName, target.Id))
        {
            var oldValue = AuditedValues(table.LogicalName, target.Id, record.OldValues);
            var newValue = AuditedValues(table.LogicalName, target.Id, record.NewValues);
            Security.HideUnreadable(principal, table.LogicalName, oldValue);
            Security.HideUnreadable(principal, table.LogicalName, newValue);
            details.Entities.Add(new Entity("audit", record.AuditId)
            {
                ["auditid"] = record.AuditId, ["operation"] = new OptionSetValue((int)record.Operation), ["action"] = new OptionSetValue((int)record.Operation),
                ["objectid"] = new EntityReference(table.LogicalName, target.Id), ["objecttypecode"] = table.LogicalName,
                ["userid"] = new EntityReference("systemuser", record.UserId), ["createdon"] = record.CreatedOn,
                ["oldvalue"] = oldValue, ["newvalue"] = newValue,
            });
        }
        var response = new OrganizationResponse { ResponseName = "RetrieveRecordChangeHistory" };
        response.Results["AuditDetailCollection"] = details;
        return response;
    }

    private static Entity AuditedValues(string table, Guid id, IReadOnlyDictionary<string, object?> values)
    {
        var entity = new Entity(table, id);
        foreach (var (column, value) in values) entity[column] = Store.Values.Copy(value);
        return entity;
    }
}
