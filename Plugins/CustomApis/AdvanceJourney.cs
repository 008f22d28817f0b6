using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Operations;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.AdvanceJourney;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_AdvanceJourney: moves a journey to a stage, exactly as a user changing the stage on the form would (the
    /// journey-progress rules run on the update), and returns the stage visit opened. The operation is shared with the
    /// classic-workflow activity "Advance journey stage" (<see cref="JourneyOperations"/>).
    /// </summary>
    public sealed class AdvanceJourney : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var opened = JourneyOperations.Advance(
                context.UserService,
                context.Input<EntityReference>(Api.InJourney),
                context.Input<EntityReference>(Api.InTargetStage),
                context.OptionalInput<string>(Api.InReason));
            context.ExecutionContext.OutputParameters[Api.OutStageHistory] = opened;
        }
    }
}
