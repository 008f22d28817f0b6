using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Emulator.Tests.Plugins;

// Plug-ins that break a rule real Dataverse enforces: the emulator must refuse them as Dataverse does.

/// <summary>
/// Appointment automation, registered by the tests themselves (no attribute, so registering this assembly stays valid):
/// on CreateMultiple/UpdateMultiple of appointment it must be refused, as the table has neither message.
/// </summary>
public sealed class AppointmentAutomation : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("never runs");
}

/// <summary>Writes two touchpoints per tag with one CreateMultiple: bulk messages are not supported in plug-in code.</summary>
[PluginStep("Create", "pj_tag", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TouchpointsInBulk : PluginBase
{
    protected override void Execute(LocalPluginContext context) =>
        context.UserService.Execute(new CreateMultipleRequest { Targets = TagTouchpoints.For(context) });
}

/// <summary>Writes two touchpoints per tag with one ExecuteMultiple: batch requests are not for plug-ins either.</summary>
[PluginStep("Create", "pj_tag", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TouchpointsInBatch : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        var batch = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false } };
        batch.Requests.AddRange(TagTouchpoints.For(context).Entities.Select(e => new CreateRequest { Target = e }));
        context.UserService.Execute(batch);
    }
}

/// <summary>Writes the same two touchpoints with one Create each: what plug-in code should do.</summary>
[PluginStep("Create", "pj_tag", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TouchpointsOneByOne : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        foreach (var touchpoint in TagTouchpoints.For(context).Entities) context.UserService.Create(touchpoint);
    }
}

internal static class TagTouchpoints
{
    public static EntityCollection For(LocalPluginContext context) =>
        new(Enumerable.Range(1, 2).Select(i => new Entity("pj_touchpoint") { ["pj_name"] = $"tag touchpoint {i}" }).ToList()) { EntityName = "pj_touchpoint" };
}
