using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Security;

/// <summary>
/// Records shared with a user or a team, kept as Dataverse keeps them: one principalobjectaccess row per (record, principal)
/// with the access rights mask. The rows live in the store, so a failed request's shares roll back with its other writes.
/// A user's shared rights are the union of those shared with them and with their teams
/// (https://learn.microsoft.com/power-apps/developer/data-platform/security-sharing-assigning). The rows are indexed by
/// record and by (record, principal), so every access check probes them instead of scanning the shares.
/// </summary>
internal sealed class Sharing
{
    public const string Table = "principalobjectaccess";

    private readonly DataStore store;

    public Sharing(DataStore store)
    {
        this.store = store;
        store.DeclareIndexes(Table, ["objectid"], ["objectid", "principalid"]);
    }

    /// <summary>The accesses that are granted per record (Create is not: there is no record yet).</summary>
    public static readonly PrivilegeAccess[] RecordAccesses =
        [PrivilegeAccess.Read, PrivilegeAccess.Write, PrivilegeAccess.Append, PrivilegeAccess.AppendTo, PrivilegeAccess.Delete, PrivilegeAccess.Share, PrivilegeAccess.Assign];

    public static AccessRights Right(PrivilegeAccess access) => access switch
    {
        PrivilegeAccess.Create => AccessRights.CreateAccess,
        PrivilegeAccess.Read => AccessRights.ReadAccess,
        PrivilegeAccess.Write => AccessRights.WriteAccess,
        PrivilegeAccess.Delete => AccessRights.DeleteAccess,
        PrivilegeAccess.Append => AccessRights.AppendAccess,
        PrivilegeAccess.AppendTo => AccessRights.AppendToAccess,
        PrivilegeAccess.Assign => AccessRights.AssignAccess,
        PrivilegeAccess.Share => AccessRights.ShareAccess,
        _ => AccessRights.None,
    };

    /// <summary>The rights shared on the record with the principal itself or with one of its teams.</summary>
    public AccessRights RightsOf(Principal principal, Guid objectId)
    {
        if (store.Count(Table) == 0) return AccessRights.None;
        var rights = AccessRights.None;
        foreach (var to in principal.Teams.Prepend(principal.UserId))
        {
            if (Find(objectId, to) is { } share) rights |= (AccessRights)share.GetAttributeValue<int>("accessrightsmask");
        }
        return rights;
    }

    private Entity? Find(Guid objectId, Guid principalId) =>
        store.WithValues(Table, ["objectid", "principalid"], [objectId, principalId]).FirstOrDefault();

    private Entity? Find(EntityReference record, EntityReference principal) => Find(record.Id, principal.Id);

    /// <summary>
    /// GrantAccess adds the rights to what the principal already has on the record; ModifyAccess replaces them.
    /// Returns the principal's shared rights before and after.
    /// </summary>
    public (AccessRights Before, AccessRights After) Set(EntityReference record, EntityReference principal, AccessRights rights, bool replace)
    {
        if (Find(record, principal) is { } existing)
        {
            var before = (AccessRights)existing.GetAttributeValue<int>("accessrightsmask");
            var mask = replace ? rights : before | rights;
            var updated = new Entity(Table, existing.Id);
            foreach (var attribute in existing.Attributes) updated[attribute.Key] = attribute.Value;
            updated["accessrightsmask"] = (int)mask;
            store.Replace(updated);
            return (before, mask);
        }
        var id = Guid.NewGuid();
        store.Insert(new Entity(Table, id)
        {
            ["principalobjectaccessid"] = id, ["objectid"] = record.Id, ["objecttypecode"] = record.LogicalName,
            ["principalid"] = principal.Id, ["principaltypecode"] = principal.LogicalName, ["accessrightsmask"] = (int)rights,
        });
        return (AccessRights.None, rights);
    }

    /// <summary>Removes the principal's share of the record; the rights it had, null when there was no share.</summary>
    public AccessRights? Revoke(EntityReference record, EntityReference principal)
    {
        if (Find(record, principal) is not { } existing) return null;
        store.Remove(Table, existing.Id);
        return (AccessRights)existing.GetAttributeValue<int>("accessrightsmask");
    }

    /// <summary>A deleted record is shared with nobody.</summary>
    public void Forget(Guid objectId)
    {
        foreach (var share in store.WithValues(Table, ["objectid"], [objectId]).ToList()) store.Remove(Table, share.Id);
    }
}
