using System;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// Who works a staff task: the journey's care coordinator, else the journey's owner, so "My follow-ups" shows each
    /// coordinator their own work whoever triggered it. Messages (delivered by flows) and tasks outside a journey keep
    /// the default owner, the user whose action created them.
    /// </summary>
    public static class FollowUpOwnership
    {
        /// <summary>The user to own the follow-up, or null for the default owner.</summary>
        public static Guid? OwnerFor(FollowUpKind kind, Guid? careCoordinatorId, Guid? journeyOwnerId) =>
            kind == FollowUpKind.StaffTask ? careCoordinatorId ?? journeyOwnerId : null;
    }
}
