using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Plugins.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Plugins.Tests.Infrastructure;

public class PluginBaseTests
{
    private const string PatientMarker = "Zebulon Quartermaine";

    private sealed class ProbePlugin(Action<LocalPluginContext> body, string? unsecure = null, string? secure = null) : PluginBase(unsecure, secure)
    {
        public string? Unsecure => UnsecureConfiguration;
        public string? Secure => SecureConfiguration;

        protected override void Execute(LocalPluginContext context) => body(context);
    }

    private readonly FakeExecutionContext context = new();
    private readonly RecordingTracingService tracing = new();
    private readonly RecordingServiceFactory factory = new();

    private FakeServiceProvider Platform() => new(context, tracing, factory);

    [Fact]
    public void Hands_the_step_its_context_target_and_images()
    {
        var target = new Entity("contact", Guid.NewGuid());
        var before = new Entity("contact", target.Id);
        context.InputParameters["Target"] = target;
        context.PreEntityImages["pre"] = before;
        Entity? seenTarget = null, seenPre = null, seenMissingPost = new Entity();
        IPluginExecutionContext? seenContext = null;

        new ProbePlugin(c => { seenContext = c.ExecutionContext; seenTarget = c.Target; seenPre = c.PreImage("pre"); seenMissingPost = c.PostImage("post"); })
            .Execute(Platform());

        Assert.Same(context, seenContext);
        Assert.Same(target, seenTarget);
        Assert.Same(before, seenPre);
        Assert.Null(seenMissingPost);
    }

    [Fact]
    public void Creates_organization_services_only_when_used_and_as_the_right_user()
    {
        IOrganizationService? user = null, system = null;
        new ProbePlugin(_ => { }).Execute(Platform());
        Assert.Empty(factory.RequestedUsers);

        new ProbePlugin(c => { user = c.UserService; system = c.SystemService; _ = c.UserService; }).Execute(Platform());

        Assert.Equal(new Guid?[] { context.UserId, null }, factory.RequestedUsers);
        Assert.Equal(context.UserId, ((UnusedOrganizationService)user!).RunsAs);
        Assert.Null(((UnusedOrganizationService)system!).RunsAs);
    }

    [Fact]
    public void Passes_step_configuration_to_the_plugin()
    {
        var plugin = new ProbePlugin(_ => { }, "unsecure-value", "secure-value");
        Assert.Equal("unsecure-value", plugin.Unsecure);
        Assert.Equal("secure-value", plugin.Secure);
    }

    [Fact]
    public void Business_rule_errors_reach_the_user_unchanged()
    {
        var error = new InvalidPluginExecutionException("Choose a stage that follows the current one.");

        var thrown = Assert.Throws<InvalidPluginExecutionException>(() => new ProbePlugin(_ => throw error).Execute(Platform()));

        Assert.Same(error, thrown);
        Assert.Contains(tracing.Lines, l => l.Contains("business-rule error"));
    }

    [Fact]
    public void Domain_rule_violations_become_platform_errors_with_the_same_message()
    {
        var violation = new BusinessRuleViolation("A referral cannot move from Completed to Submitted.");

        var thrown = Assert.Throws<InvalidPluginExecutionException>(() => new ProbePlugin(_ => throw violation).Execute(Platform()));

        Assert.Equal(violation.Message, thrown.Message);
        Assert.Equal(OperationStatus.Failed, thrown.Status);
    }

    [Fact]
    public void Unexpected_errors_are_rethrown_and_traced_by_type_without_their_message()
    {
        var error = new FormatException("Could not parse " + PatientMarker);

        var thrown = Assert.Throws<FormatException>(() => new ProbePlugin(_ => throw error).Execute(Platform()));

        Assert.Same(error, thrown);
        Assert.Contains(tracing.Lines, l => l.Contains("System.FormatException"));
        Assert.DoesNotContain(tracing.Lines, l => l.Contains(PatientMarker));
    }

    [Fact]
    public void A_step_on_a_message_without_a_target_gets_a_clear_error()
    {
        context.MessageName = "Delete";

        var error = Assert.Throws<InvalidPluginExecutionException>(() => new ProbePlugin(c => _ = c.Target).Execute(Platform()));

        Assert.Contains("Delete of contact carries no record", error.Message);
    }

    [Fact]
    public void Bulk_steps_read_their_targets()
    {
        var targets = new EntityCollection(new[] { new Entity("contact"), new Entity("contact") }.ToList()) { EntityName = "contact" };
        context.MessageName = "CreateMultiple";
        context.InputParameters["Targets"] = targets;
        EntityCollection? seen = null;

        new ProbePlugin(c => seen = c.Targets).Execute(Platform());

        Assert.Same(targets, seen);
    }

    [Fact]
    public void A_missing_platform_service_is_named()
    {
        var error = Assert.Throws<InvalidPluginExecutionException>(() => new ProbePlugin(_ => { }).Execute(new FakeServiceProvider(context, factory)));

        Assert.Contains(nameof(ITracingService), error.Message);
    }
}
