extern alias activities;

using System;
using System.Activities;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using activities::PatientJourney.Crm.WorkflowActivities.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Plugins.Tests.Infrastructure;

public class WorkflowActivityBaseTests
{
    private sealed class EchoActivity : WorkflowActivityBase
    {
        public static Action<LocalWorkflowContext>? Probe;

        [RequiredArgument]
        public InArgument<string> Text { get; set; } = new();

        public OutArgument<string> Echo { get; set; } = new();

        protected override void Execute(LocalWorkflowContext context)
        {
            Probe?.Invoke(context);
            context.Set(Echo, context.Get(Text) + "!");
        }
    }

    private readonly FakeExecutionContext workflowContext = new();
    private readonly RecordingTracingService tracing = new();
    private readonly RecordingServiceFactory factory = new();

    private IDictionary<string, object> Run(Action<LocalWorkflowContext>? probe = null, bool withTracing = true)
    {
        EchoActivity.Probe = probe;
        var invoker = new WorkflowInvoker(new EchoActivity());
        invoker.Extensions.Add(workflowContext);
        invoker.Extensions.Add(factory);
        if (withTracing) invoker.Extensions.Add(tracing);
        return invoker.Invoke(new Dictionary<string, object> { ["Text"] = "ready" });
    }

    [Fact]
    public void Reads_inputs_and_writes_outputs_through_the_activity_context()
    {
        var outputs = Run();

        Assert.Equal("ready!", outputs["Echo"]);
        Assert.Contains(tracing.Lines, l => l.Contains("EchoActivity: done"));
    }

    [Fact]
    public void Gets_platform_services_through_extensions_and_runs_as_the_workflow_user()
    {
        IOrganizationService? user = null;
        Run(c => user = c.UserService);

        Assert.Equal(new Guid?[] { workflowContext.UserId }, factory.RequestedUsers);
        Assert.Equal(workflowContext.UserId, ((UnusedOrganizationService)user!).RunsAs);
    }

    [Fact]
    public void Business_rule_errors_pass_through_unchanged()
    {
        var error = new InvalidPluginExecutionException("The journey is closed.");

        var thrown = Assert.Throws<InvalidPluginExecutionException>(() => Run(_ => throw error));

        Assert.Same(error, thrown);
    }

    [Fact]
    public void A_missing_host_service_is_named()
    {
        var error = Assert.Throws<InvalidPluginExecutionException>(() => Run(withTracing: false));

        Assert.Contains(nameof(ITracingService), error.Message);
    }
}
