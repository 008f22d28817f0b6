using System;
using System.Linq;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// Who works a piece of a patient's care that a person must act on or watch (a staff task, a no-show risk
    /// assessment): the first candidate, in the order the caller ranks them, who can work it (a disabled user cannot),
    /// else the organisation's default care team (environment variable pj_DefaultCareTeam), else nobody (null). One
    /// rule for every such record, so a leaver is skipped the same way whatever the record.
    /// </summary>
    public static class CareOwnership
    {
        public static TaskOwner? FirstWhoCanWork(Guid? defaultCareTeamId, params TaskOwner?[] candidates)
        {
            var usable = candidates.FirstOrDefault(c => c != null && c.Usable);
            if (usable != null) return usable;
            return defaultCareTeamId.HasValue ? new TaskOwner(defaultCareTeamId.Value, isTeam: true) : null;
        }
    }
}
