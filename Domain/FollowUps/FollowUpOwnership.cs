using System;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>A user or team who could own a follow-up, and whether it can work it (a disabled user cannot).</summary>
    public sealed class TaskOwner
    {
        public TaskOwner(Guid id, bool isTeam, bool usable = true)
        {
            Id = id;
            IsTeam = isTeam;
            Usable = usable;
        }

        public Guid Id { get; }

        public bool IsTeam { get; }

        public bool Usable { get; }
    }

    /// <summary>
    /// Who works a staff task: the journey's care coordinator, else the journey's (or, without a journey, the
    /// referral's) owner, else the organisation's default care team (environment variable pj_DefaultCareTeam), skipping
    /// anyone who cannot work it (a disabled user), so "My follow-ups" shows each coordinator their own work whoever
    /// triggered it. Messages (delivered by flows) keep the default owner, the user whose action created them, and so
    /// does a task nobody usable is found for.
    /// </summary>
    public static class FollowUpOwnership
    {
        /// <summary>The owner of the follow-up, or null for the default owner.</summary>
        public static TaskOwner? OwnerFor(FollowUpKind kind, TaskOwner? careCoordinator, TaskOwner? recordOwner, Guid? defaultCareTeamId)
        {
            return kind == FollowUpKind.StaffTask ? CareOwnership.FirstWhoCanWork(defaultCareTeamId, careCoordinator, recordOwner) : null;
        }
    }
}
