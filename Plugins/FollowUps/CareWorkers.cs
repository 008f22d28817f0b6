using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// Reads who may work a record for <see cref="CareOwnership"/>: a user column's systemuser joined (left outer) for its
    /// disabled flag, in the same query as the record, and the principal turned into a candidate.
    /// </summary>
    internal static class CareWorkers
    {
        private const string Disabled = "isdisabled";

        /// <summary>The user the column names, with its disabled flag, under <paramref name="alias"/>.</summary>
        public static LinkEntity UserState(string fromTable, string userColumn, string alias) =>
            new LinkEntity(fromTable, "systemuser", userColumn, "systemuserid", JoinOperator.LeftOuter) { EntityAlias = alias, Columns = new ColumnSet(Disabled) };

        /// <summary>A candidate: a team can always work what it owns; a user can unless disabled.</summary>
        public static TaskOwner? Candidate(EntityReference? principal, Entity row, string userAlias) =>
            principal == null ? null : new TaskOwner(principal.Id, principal.LogicalName == "team",
                usable: principal.LogicalName == "team" || row.Value<bool?>(userAlias, Disabled) != true);
    }
}
