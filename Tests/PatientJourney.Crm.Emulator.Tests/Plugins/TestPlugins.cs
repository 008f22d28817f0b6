using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Emulator.Tests.Plugins;

// Plug-ins registered with the real PluginStepAttribute; each does one observable thing the tests assert on.
// They report through the trace, the way the solution's plug-ins report diagnostics.

[PluginStep("Create", "pj_journey", PipelineStage.PreOperation, ExecutionMode.Synchronous)]
public sealed class NotesOnPreOperation : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Target["pj_notes"] = "set in pre-operation";
}

[PluginStep("Create", "pj_touchpoint", PipelineStage.PreValidation, ExecutionMode.Synchronous)]
public sealed class UppercaseNameOnPreValidation : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Target["pj_name"] = context.Target.GetAttributeValue<string>("pj_name").ToUpperInvariant();
}

[PluginStep("Create", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, Rank = 1)]
public sealed class TouchpointOnJourneyCreated : PluginBase
{
    protected override void Execute(LocalPluginContext context) =>
        context.UserService.Create(new Entity("pj_touchpoint") { ["pj_name"] = "Journey started", ["pj_journeyid"] = new EntityReference("pj_journey", context.ExecutionContext.PrimaryEntityId) });
}

[PluginStep("Create", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, Rank = 2)]
public sealed class RejectJourneyOnPostOperation : PluginBase
{
    protected override void Execute(LocalPluginContext context) => throw new InvalidPluginExecutionException("The journey was rejected by policy.");
}

[PluginStep("Create", "pj_journey", PipelineStage.PreOperation, ExecutionMode.Synchronous)]
public sealed class FailUnexpectedly : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => throw new InvalidOperationException("internal detail that must not reach the user");
}

[PluginStep("Create", "pj_tag", PipelineStage.PreOperation, ExecutionMode.Synchronous, Rank = 20)]
public sealed class TraceRankTwenty : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("rank 20");
}

[PluginStep("Create", "pj_tag", PipelineStage.PreOperation, ExecutionMode.Synchronous, Rank = 10)]
public sealed class TraceRankTen : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("rank 10");
}

[PluginStep("Update", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, FilteringAttributes = "pj_status")]
public sealed class TraceStatusChange : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("status changed");
}

[PluginStep("Update", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, FilteringAttributes = "pj_score",
    PreImageAlias = "pre", PreImageAttributes = "pj_name,pj_score", PostImageAlias = "post", PostImageAttributes = "pj_score")]
public sealed class TraceImages : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        string Describe(Entity? image) => image == null ? "none" : string.Join(",", image.Attributes.OrderBy(a => a.Key).Select(a => a.Key + "=" + a.Value));
        context.Trace("pre: " + Describe(context.PreImage("pre")));
        context.Trace("post: " + Describe(context.PostImage("post")));
    }
}

[PluginStep("Create", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, PostImageAlias = "post", PostImageAttributes = "pj_name")]
public sealed class TraceCreateImages : PluginBase
{
    protected override void Execute(LocalPluginContext context) =>
        context.Trace("pre images: " + context.ExecutionContext.PreEntityImages.Count + "; post image: " + string.Join(",", context.PostImage("post")!.Attributes.Keys));
}

[PluginStep("Create", "pj_tag", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TraceCreatedId : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("id " + context.ExecutionContext.OutputParameters["id"]);
}

[PluginStep("Create", "pj_followup", PipelineStage.PreValidation, ExecutionMode.Synchronous)]
public sealed class SharePreValidation : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.ExecutionContext.SharedVariables["from10"] = "prevalidation";
}

[PluginStep("Create", "pj_followup", PipelineStage.PreOperation, ExecutionMode.Synchronous)]
public sealed class SharePreOperation : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.ExecutionContext.SharedVariables["from20"] = "preoperation";
}

[PluginStep("Create", "pj_followup", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class ReadShared : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        var execution = context.ExecutionContext;
        context.Trace("parent: " + execution.ParentContext.SharedVariables["from10"] + "; own: " + execution.SharedVariables["from20"]);
    }
}

[PluginStep("Update", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, FilteringAttributes = "pj_counter")]
public sealed class EndlessCounter : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        var counter = context.Target.GetAttributeValue<int>("pj_counter");
        context.UserService.Update(new Entity("pj_journey", context.Target.Id) { ["pj_counter"] = counter + 1 });
    }
}

[PluginStep("Create", "pj_stagevisit", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class CreateFollowUpAsSystem : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.Trace("user {0} initiating {1}", context.ExecutionContext.UserId, context.ExecutionContext.InitiatingUserId);
        context.SystemService.Create(new Entity("pj_followup") { ["pj_name"] = "as system" });
    }
}

[PluginStep("Create", "pj_tag", PipelineStage.PreOperation, ExecutionMode.Synchronous, UnsecureConfiguration = "unsecure-1")]
public sealed class TwoStringConfiguration(string unsecure, string secure) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) =>
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("config " + unsecure + "/" + secure);
}

[PluginStep("Create", "pj_tag", PipelineStage.PreOperation, ExecutionMode.Synchronous, UnsecureConfiguration = "unsecure-2")]
public sealed class OneStringConfiguration(string unsecure) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) =>
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("config " + unsecure);
}

[PluginStep("Create", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Asynchronous)]
public sealed class AsyncFollowUp : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.Trace("mode {0} in transaction {1}", context.ExecutionContext.Mode, context.ExecutionContext.IsInTransaction);
        context.UserService.Create(new Entity("pj_followup") { ["pj_name"] = "async", ["pj_journeyid"] = new EntityReference("pj_journey", context.ExecutionContext.PrimaryEntityId) });
    }
}

[PluginStep("Create", "pj_tag", PipelineStage.PostOperation, ExecutionMode.Asynchronous, DeleteAsyncOperationOnSuccess = false)]
public sealed class AsyncFailing : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.UserService.Create(new Entity("pj_followup") { ["pj_name"] = "written before the failure" });
        throw new InvalidPluginExecutionException("The external system is down.");
    }
}

[PluginStep("Create", "pj_touchpoint", PipelineStage.PreOperation, ExecutionMode.Synchronous)]
public sealed class PerItemCreate : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.Trace("single {0}", context.ExecutionContext.MessageName);
        context.Target["pj_sentiment"] = 5;
    }
}

[PluginStep("CreateMultiple", "pj_touchpoint", PipelineStage.PreOperation, ExecutionMode.Synchronous)]
public sealed class BulkCreate : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.Trace("multiple {0} x{1}", context.ExecutionContext.MessageName, context.Targets.Entities.Count);
        foreach (var target in context.Targets.Entities) target["pj_channel"] = new OptionSetValue(2);
    }
}

[PluginStep("UpdateMultiple", "pj_touchpoint", PipelineStage.PostOperation, ExecutionMode.Synchronous, FilteringAttributes = "pj_sentiment", PreImageAlias = "pre", PreImageAttributes = "pj_sentiment")]
public sealed class BulkUpdate : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext4)serviceProvider.GetService(typeof(IPluginExecutionContext4))!;
        var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var targets = (EntityCollection)context.InputParameters["Targets"];
        tracing.Trace("bulk update x{0}, images {1}", targets.Entities.Count, context.PreEntityImagesCollection.Count(i => i.Contains("pre")));
    }
}

[PluginStep("Update", "pj_journey", PipelineStage.PostOperation, ExecutionMode.Synchronous, FilteringAttributes = "statecode")]
public sealed class TraceStateChange : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.Trace("state " + context.Target.GetAttributeValue<OptionSetValue>("statecode").Value);
}

[PluginStep("Update", "pj_journey", PipelineStage.PreOperation, ExecutionMode.Synchronous, FilteringAttributes = "pj_name")]
public sealed class CountingReads : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.UserService.Retrieve("pj_journey", context.Target.Id, new ColumnSet("pj_name"));
        context.UserService.RetrieveMultiple(new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") });
    }
}

[PluginStep("Create", "pj_followup", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TraceInitiator : PluginBase
{
    protected override void Execute(LocalPluginContext context) =>
        context.Trace("followup by {0} for {1}", context.ExecutionContext.UserId, context.ExecutionContext.InitiatingUserId);
}

[PluginStep("Create", "pj_touchpoint", PipelineStage.PreValidation, ExecutionMode.Synchronous)]
public sealed class TraceParentContext : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        var parent = context.ExecutionContext.ParentContext;
        context.Trace("parent {0} {1} stage {2}", parent?.MessageName ?? "none", parent?.PrimaryEntityName ?? "none", parent?.Stage ?? 0);
    }
}

[PluginStep("Delete", "none", PipelineStage.PreOperation, ExecutionMode.Synchronous, PreImageAlias = "pre", PreImageAttributes = "pj_name")]
public sealed class TraceDeletedName : PluginBase
{
    protected override void Execute(LocalPluginContext context) =>
        context.Trace("delete {0} {1}", context.ExecutionContext.PrimaryEntityName, context.PreImage("pre")?.GetAttributeValue<string>("pj_name") ?? "-");
}

[PluginStep("RetrieveMultiple", "pj_tag", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class HideInternalTags : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        var results = (EntityCollection)context.ExecutionContext.OutputParameters["BusinessEntityCollection"];
        foreach (var tag in results.Entities.Where(e => e.GetAttributeValue<string>("pj_name") == "internal").ToList()) results.Entities.Remove(tag);
    }
}

/// <summary>A custom API handler registered through <see cref="DataverseEmulator.RegisterCustomApi"/>.</summary>
public sealed class RiskBandApi : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        var score = (int)context.ExecutionContext.InputParameters["Score"];
        if (score < 0) throw new InvalidPluginExecutionException("Score must not be negative.");
        context.ExecutionContext.OutputParameters["Band"] = score >= 10 ? "high" : "low";
    }
}

/// <summary>A custom API handler that names its API through the step attribute's main operation.</summary>
[PluginStep("pj_Ping", "none", PipelineStage.MainOperation, ExecutionMode.Synchronous)]
public sealed class PingApi : PluginBase
{
    protected override void Execute(LocalPluginContext context) => context.ExecutionContext.OutputParameters["Pong"] = context.ExecutionContext.Stage;
}

[PluginStep("Create", "pj_stagevisit", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class CreateFollowUpAsUser : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        context.Trace("as user {0} initiating {1}", context.ExecutionContext.UserId, context.ExecutionContext.InitiatingUserId);
        context.UserService.Create(new Entity("pj_followup") { ["pj_name"] = "as user" });
    }
}

/// <summary>Traces every image the step was given, by alias, with its columns.</summary>
public sealed class TraceAllImages : PluginBase
{
    protected override void Execute(LocalPluginContext context)
    {
        static string Describe(EntityImageCollection images) =>
            string.Join(" ", images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Key + "[" + string.Join(",", i.Value.Attributes.Keys.Order(StringComparer.Ordinal)) + "]"));
        context.Trace("pre " + Describe(context.ExecutionContext.PreEntityImages) + "; post " + Describe(context.ExecutionContext.PostEntityImages));
    }
}
