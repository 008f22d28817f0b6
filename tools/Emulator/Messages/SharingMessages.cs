using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Messages;

/// <summary>
/// GrantAccess, ModifyAccess, RevokeAccess and RetrievePrincipalAccess
/// (https://learn.microsoft.com/power-apps/developer/data-platform/security-sharing-assigning). Sharing, changing or
/// revoking a share needs the Share privilege at a depth that reaches the record ("To perform this action, the caller
/// must have privileges on the specified entity in the Target property and access rights on the specified record",
/// https://learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.grantaccessrequest); reading a principal's
/// access needs Read on the record.
/// </summary>
internal sealed partial class MessageDispatcher
{
    private OrganizationResponse ShareAccess(CallScope scope, OrganizationRequest request, bool replace)
    {
        var (target, table, id) = SharedRecord(request);
        var access = Parameter<PrincipalAccess>(request, "PrincipalAccess");
        var principal = SharePrincipal(access.Principal, request, "PrincipalAccess.Principal");
        const AccessRights known = AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.AppendAccess | AccessRights.AppendToAccess
            | AccessRights.CreateAccess | AccessRights.DeleteAccess | AccessRights.ShareAccess | AccessRights.AssignAccess;
        if ((access.AccessMask & ~known) != 0)
        {
            throw DataverseFaultException.InvalidArgument($"The {request.RequestName} request's AccessMask {(int)access.AccessMask} has bits that are not AccessRights values.");
        }
        RunSharing(scope, request, table, id, () =>
        {
            Security.Demand(Security.PrincipalOf(scope.UserId), table, PrivilegeAccess.Share, emulator.Store.Get(table.LogicalName, id));
            var record = new EntityReference(table.LogicalName, id);
            var (before, after) = Security.Shares.Set(record, principal, access.AccessMask, replace);
            emulator.AuditLog.Shared(record, principal, before, after, replace ? AuditAction.ModifyShare : AuditAction.Share, scope.UserId);
        });
        return replace ? Respond<ModifyAccessResponse>(request) : Respond<GrantAccessResponse>(request);
    }

    private OrganizationResponse RevokeAccess(CallScope scope, OrganizationRequest request)
    {
        var (_, table, id) = SharedRecord(request);
        var revokee = SharePrincipal(Parameter<EntityReference>(request, "Revokee"), request, "Revokee");
        RunSharing(scope, request, table, id, () =>
        {
            Security.Demand(Security.PrincipalOf(scope.UserId), table, PrivilegeAccess.Share, emulator.Store.Get(table.LogicalName, id));
            var record = new EntityReference(table.LogicalName, id);
            // Revoking a share that does not exist changes nothing and leaves no audit record.
            if (Security.Shares.Revoke(record, revokee) is { } before) emulator.AuditLog.Shared(record, revokee, before, AccessRights.None, AuditAction.Unshare, scope.UserId);
        });
        return Respond<RevokeAccessResponse>(request);
    }

    private OrganizationResponse RetrievePrincipalAccess(CallScope scope, OrganizationRequest request)
    {
        var (_, table, id) = SharedRecord(request);
        var of = SharePrincipal(Parameter<EntityReference>(request, "Principal"), request, "Principal");
        var rights = AccessRights.None;
        RunSharing(scope, request, table, id, () =>
        {
            var row = emulator.Store.Get(table.LogicalName, id)!;
            Security.Demand(Security.PrincipalOf(scope.UserId), table, PrivilegeAccess.Read, row);
            var principal = of.LogicalName == "team" ? Security.PrincipalOfTeam(of.Id) : Security.PrincipalOf(of.Id);
            rights = Security.RightsOn(principal, table, row);
        });
        return Respond<RetrievePrincipalAccessResponse>(request, ("AccessRights", rights));
    }

    private (EntityReference Target, Metadata.TableMetadata Table, Guid Id) SharedRecord(OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        // RetrievePrincipalAccess asks about any record (the Web API function takes a crmbaseentity Target,
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/retrieveprincipalaccess); the others are table messages.
        if (request.RequestName != "RetrievePrincipalAccess") Available(request.RequestName, target.LogicalName);
        var table = emulator.Metadata.Table(target.LogicalName);
        if (!table.IsUserOwned)
        {
            throw DataverseFaultException.InvalidArgument($"{request.RequestName}: records of '{table.LogicalName}' are organization-owned and cannot be shared.");
        }
        var id = Data.Resolve(target.LogicalName, target.Id, target.KeyAttributes) ?? throw NotFound(target.LogicalName, new Entity(target.LogicalName, target.Id));
        return (target, table, id);
    }

    // Records are shared with users and teams. The organization principal is not modelled: GrantAccessRequest's class page
    // names "user, team, or organization", but its PrincipalAccess page says "team or user" and RetrievePrincipalAccess's
    // Principal page says the reference "must be a SystemUser or Team entity"; no page says what an organization share grants.
    private EntityReference SharePrincipal(EntityReference? principal, OrganizationRequest request, string parameter)
    {
        if (principal == null || principal.LogicalName is not ("systemuser" or "team"))
        {
            throw DataverseFaultException.InvalidArgument($"The {request.RequestName} request's {parameter} must be a systemuser or team reference.");
        }
        if (emulator.Store.Get(principal.LogicalName, principal.Id) == null) throw DataverseFaultException.DoesNotExist(principal.LogicalName, principal.Id);
        return new EntityReference(principal.LogicalName, principal.Id);
    }

    private void RunSharing(CallScope scope, OrganizationRequest request, Metadata.TableMetadata table, Guid id, Action main)
    {
        var operation = new PipelineOperation
        {
            MessageName = request.RequestName, PrimaryEntityName = table.LogicalName, InputParameters = Inputs(request),
            MainOperation = _ => main(),
        };
        operation.Items.Add(new PipelineItem { Table = table.LogicalName, Id = id });
        emulator.Pipeline.Run(operation, scope);
    }
}
