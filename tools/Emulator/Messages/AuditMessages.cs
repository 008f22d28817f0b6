using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Query;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Messages;

/// <summary>
/// The audit history messages, answered with the SDK's types ("Retrieve the history of audited data changes",
/// https://learn.microsoft.com/power-apps/developer/data-platform/auditing/retrieve-audit-data):
/// RetrieveRecordChangeHistory (Target, PagingInfo) and RetrieveAttributeChangeHistory (Target, AttributeLogicalName,
/// PagingInfo) return an <see cref="AuditDetailCollection"/>, RetrieveAuditDetails (AuditId) one <see cref="AuditDetail"/>.
/// A change of columns is an <see cref="AttributeAuditDetail"/> whose OldValue and NewValue hold only the audited columns
/// that changed (empty OldValue on create, empty NewValue on delete), a many-to-many association a
/// <see cref="RelationshipAuditDetail"/>, a share a <see cref="ShareAuditDetail"/>; each carries its audit row in
/// AuditRecord. The caller needs prvReadRecordAuditHistory ("RetrieveRecordChangeHistory message privileges",
/// https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/gg309409(v=crm.8); RetrieveAuditDetails
/// lists it first of three, https://learn.microsoft.com/previous-versions/dynamicscrm-2016/developers-guide/gg334639(v=crm.8))
/// and Read on the record while it exists; secured columns the caller may not read are left out, as field security
/// applies to auditing.
/// </summary>
internal sealed partial class MessageDispatcher
{
    private OrganizationResponse RetrieveRecordChangeHistory(CallScope scope, OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var (table, principal) = DemandAuditHistory(scope, target.LogicalName, target.Id, request.RequestName);
        var details = emulator.AuditHistory(table.LogicalName, target.Id).Select(r => Detail(scope, principal, table, r, column: null)).ToList();
        return Respond<RetrieveRecordChangeHistoryResponse>(request, ("AuditDetailCollection", Page(details, Paging(request))));
    }

    /// <summary>The changes of one column: only the column-change records that name it, with only that column's values.</summary>
    private OrganizationResponse RetrieveAttributeChangeHistory(CallScope scope, OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var column = Parameter<string>(request, "AttributeLogicalName");
        var (table, principal) = DemandAuditHistory(scope, target.LogicalName, target.Id, request.RequestName);
        if (!table.HasColumn(column))
        {
            throw DataverseFaultException.InvalidArgument($"RetrieveAttributeChangeHistory: '{table.LogicalName}' has no column '{column}'.");
        }
        var details = emulator.AuditHistory(table.LogicalName, target.Id)
            .Where(r => r.OldValues.ContainsKey(column) || r.NewValues.ContainsKey(column))
            .Select(r => Detail(scope, principal, table, r, column))
            .ToList();
        return Respond<RetrieveAttributeChangeHistoryResponse>(request, ("AuditDetailCollection", Page(details, Paging(request))));
    }

    private OrganizationResponse RetrieveAuditDetails(CallScope scope, OrganizationRequest request)
    {
        if (!request.Parameters.TryGetValue("AuditId", out var value) || value is not Guid auditId)
        {
            throw DataverseFaultException.InvalidArgument("Required field 'AuditId' is missing or of the wrong type in the RetrieveAuditDetails request.");
        }
        var record = emulator.AuditRecords.FirstOrDefault(r => r.AuditId == auditId) ?? throw DataverseFaultException.DoesNotExist("audit", auditId);
        var (table, principal) = DemandAuditHistory(scope, record.Table, record.RecordId, request.RequestName);
        return Respond<RetrieveAuditDetailsResponse>(request, ("AuditDetail", Detail(scope, principal, table, record, column: null)));
    }

    private (TableMetadata Table, Principal Principal) DemandAuditHistory(CallScope scope, string tableName, Guid id, string message)
    {
        var table = emulator.Metadata.Table(tableName);
        var principal = Security.PrincipalOf(scope.UserId);
        Security.DemandPrivilege(principal, "prvReadRecordAuditHistory", message);
        if (emulator.Store.Get(table.LogicalName, id) is { } row) Security.Demand(principal, table, PrivilegeAccess.Read, row);
        return (table, principal);
    }

    private static PagingInfo? Paging(OrganizationRequest request) =>
        request.Parameters.TryGetValue("PagingInfo", out var value) ? value as PagingInfo : null;

    /// <summary>
    /// One page by PagingInfo's PageNumber (from 1) and Count (0: all); TotalRecordCount when ReturnTotalRecordCount is
    /// set, else -1 as RetrieveMultiple gives. Pages are counted by number only: no paging cookie is written or read.
    /// </summary>
    private static AuditDetailCollection Page(List<AuditDetail> details, PagingInfo? paging)
    {
        var size = paging?.Count > 0 ? paging.Count : details.Count;
        var skip = (Math.Max(paging?.PageNumber ?? 1, 1) - 1) * size;
        var collection = new AuditDetailCollection
        {
            MoreRecords = skip + size < details.Count,
            TotalRecordCount = paging?.ReturnTotalRecordCount == true ? details.Count : -1,
        };
        foreach (var detail in details.Skip(skip).Take(size)) collection.Add(detail);
        return collection;
    }

    private AuditDetail Detail(CallScope scope, Principal principal, TableMetadata table, AuditRecord record, string? column)
    {
        var zone = emulator.TimeZoneOf(scope.UserId);
        AuditDetail detail;
        if (record.Relationship is { } relationship)
        {
            var related = new RelationshipAuditDetail { RelationshipName = relationship.RelationshipName };
            foreach (var other in relationship.Records) related.TargetRecords.Add(Named(other));
            detail = related;
        }
        else if (record.Share is { } share)
        {
            detail = new ShareAuditDetail { Principal = Named(share.Principal), OldPrivileges = share.OldRights, NewPrivileges = share.NewRights };
        }
        else
        {
            detail = new AttributeAuditDetail
            {
                OldValue = AuditedValues(principal, table, record.RecordId, record.OldValues, column, zone),
                NewValue = AuditedValues(principal, table, record.RecordId, record.NewValues, column, zone),
            };
        }
        detail.AuditRecord = AuditRow(record, zone);
        return detail;
    }

    private Entity AuditedValues(Principal principal, TableMetadata table, Guid id, IReadOnlyDictionary<string, object?> values, string? only, TimeZoneInfo zone)
    {
        var entity = new Entity(table.LogicalName, id);
        foreach (var (column, value) in values.Where(v => only == null || v.Key == only)) entity[column] = Store.Values.Copy(value);
        Security.HideUnreadable(principal, table.LogicalName, entity);
        emulator.Formatting.Complete(entity, zone);
        return entity;
    }

    /// <summary>The audit row as the audit table gives it, with the formatted values the documentation's samples read (action, operation, createdon, userid).</summary>
    private Entity AuditRow(AuditRecord record, TimeZoneInfo zone)
    {
        var user = Named(new EntityReference("systemuser", record.UserId));
        var row = new Entity("audit", record.AuditId)
        {
            ["auditid"] = record.AuditId, ["action"] = new OptionSetValue((int)record.Action), ["operation"] = new OptionSetValue((int)record.Operation),
            ["objectid"] = Named(new EntityReference(record.Table, record.RecordId)), ["objecttypecode"] = record.Table,
            ["userid"] = user, ["createdon"] = record.CreatedOn,
        };
        row.FormattedValues["action"] = AuditLabels.Of(record.Action);
        row.FormattedValues["operation"] = AuditLabels.Of((AuditAction)(int)record.Operation);
        row.FormattedValues["createdon"] = FormattedValues.DateTime(record.CreatedOn, zone);
        if (user.Name != null) row.FormattedValues["userid"] = user.Name;
        return row;
    }

    private EntityReference Named(EntityReference reference) =>
        new(reference.LogicalName, reference.Id) { Name = emulator.Formatting.NameOf(reference) };
}
