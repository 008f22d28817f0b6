using System;
using PatientJourney.Crm.Domain.Risk;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// An event that may call for follow-ups: what happened (<see cref="Trigger"/>), to which record
    /// (<see cref="SourceId"/>: the appointment, journey, referral or survey response), and the instant offsets are
    /// counted from (<see cref="AnchorOn"/>: the appointment's start, the discharge, the no-show…).
    /// </summary>
    public sealed class FollowUpEvent
    {
        public FollowUpEvent(FollowUpTrigger trigger, Guid sourceId, DateTime anchorOn, Guid? pathwayId = null, Guid? stageId = null, RiskBand? riskBand = null)
        {
            Trigger = trigger;
            SourceId = sourceId;
            AnchorOn = anchorOn;
            PathwayId = pathwayId;
            StageId = stageId;
            RiskBand = riskBand;
        }

        public FollowUpTrigger Trigger { get; }
        public Guid SourceId { get; }
        public DateTime AnchorOn { get; }
        public Guid? PathwayId { get; }
        public Guid? StageId { get; }
        /// <summary>The risk band that rule filters compare with (no-show risk for appointments, readmission risk for discharges).</summary>
        public RiskBand? RiskBand { get; }
    }
}
