using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

public sealed class PipelineTests
{
    [Fact]
    public void Steps_are_read_from_the_registration_attribute()
    {
        var step = PluginStep.FromType(typeof(TraceImages)).Single();
        Assert.Equal(("Update", "pj_journey", 40, 0), (step.Message, step.PrimaryEntity, step.Stage, step.Mode));
        Assert.Equal(["pj_score"], step.FilteringAttributes!);
        var image = Assert.Single(step.PreImages);
        Assert.Equal("pre", image.Alias);
        Assert.Equal(["pj_name", "pj_score"], image.Attributes!.Order());
        Assert.True(NewEmulator().RegisterPluginAssembly(typeof(TraceImages).Assembly) >= 20);
    }

    [Fact]
    public void PreOperation_change_to_Target_is_stored()
    {
        var emulator = NewEmulator(typeof(NotesOnPreOperation));
        emulator.CreateOrganizationService().NewJourney();
        Assert.Equal("set in pre-operation", emulator.Rows("pj_journey").Single()["pj_notes"]);
    }

    [Fact]
    public void PreValidation_change_to_Target_is_stored()
    {
        var emulator = NewEmulator(typeof(UppercaseNameOnPreValidation));
        emulator.CreateOrganizationService().Create(new Entity("pj_touchpoint") { ["pj_name"] = "call" });
        Assert.Equal("CALL", emulator.Rows("pj_touchpoint").Single()["pj_name"]);
    }

    [Fact]
    public void A_PostOperation_step_that_throws_leaves_no_row_and_no_nested_row()
    {
        var emulator = NewEmulator(typeof(TouchpointOnJourneyCreated), typeof(RejectJourneyOnPostOperation));
        var service = emulator.CreateOrganizationService();
        var patient = service.Patient();
        var fault = Fault(() => service.Create(Journey(patient)));
        Assert.Equal("The journey was rejected by policy.", fault.Message);
        Assert.Equal(ErrorCodes.IsvAborted, fault.ErrorCode);
        Assert.Empty(emulator.Rows("pj_journey"));
        Assert.Empty(emulator.Rows("pj_touchpoint"));
        Assert.Single(emulator.Rows("contact"));
        Assert.Empty(emulator.LastRequest.RowsWritten);
        Assert.Equal(2, emulator.LastRequest.PluginExecutions.Count(e => e.Depth == 1));
    }

    [Fact]
    public void Other_exceptions_surface_as_the_generic_isv_fault()
    {
        var emulator = NewEmulator(typeof(FailUnexpectedly));
        var fault = Fault(() => emulator.CreateOrganizationService().NewJourney());
        Assert.Equal(ErrorCodes.IsvUnExpected, fault.ErrorCode);
        Assert.Equal("An unexpected error occurred from ISV code.", fault.Message);
        Assert.IsType<InvalidOperationException>(fault.InnerException);
        Assert.Empty(emulator.Rows("pj_journey"));
    }

    [Fact]
    public void Steps_run_in_rank_order()
    {
        var emulator = NewEmulator(typeof(TraceRankTwenty), typeof(TraceRankTen));
        emulator.CreateOrganizationService().Create(new Entity("pj_tag") { ["pj_name"] = "t" });
        Assert.Equal(["rank 10", "rank 20"], emulator.TraceLines.Where(l => l.StartsWith("rank", StringComparison.Ordinal)));
    }

    [Fact]
    public void Update_step_with_filtering_attributes_fires_only_for_those_columns()
    {
        var emulator = NewEmulator(typeof(TraceStatusChange));
        var service = emulator.CreateOrganizationService();
        var id = service.NewJourney();
        service.Update(new Entity("pj_journey", id) { ["pj_score"] = 4 });
        Assert.DoesNotContain("status changed", emulator.TraceLines);
        service.Update(new Entity("pj_journey", id) { ["pj_status"] = new OptionSetValue(2) });
        Assert.Single(emulator.TraceLines, "status changed");
    }

    [Fact]
    public void Images_carry_exactly_the_registered_columns()
    {
        var emulator = NewEmulator(typeof(TraceImages));
        var service = emulator.CreateOrganizationService();
        var journey = Journey(service.Patient(), "Knee");
        journey["pj_score"] = 3;
        journey["pj_notes"] = "not in any image";
        var id = service.Create(journey);
        service.Update(new Entity("pj_journey", id) { ["pj_score"] = 9 });
        Assert.Contains("pre: pj_name=Knee,pj_score=3", emulator.TraceLines);
        Assert.Contains("post: pj_score=9", emulator.TraceLines);
    }

    [Fact]
    public void Create_has_a_post_image_but_no_pre_image()
    {
        var emulator = NewEmulator(typeof(TraceCreateImages));
        emulator.CreateOrganizationService().NewJourney();
        Assert.Contains("pre images: 0; post image: pj_name", emulator.TraceLines);
    }

    [Fact]
    public void PostOperation_sees_the_output_parameters()
    {
        var emulator = NewEmulator(typeof(TraceCreatedId));
        var id = emulator.CreateOrganizationService().Create(new Entity("pj_tag") { ["pj_name"] = "t" });
        Assert.Contains("id " + id, emulator.TraceLines);
    }

    [Fact]
    public void Shared_variables_flow_from_prevalidation_through_the_parent_context_and_between_later_stages()
    {
        var emulator = NewEmulator(typeof(SharePreValidation), typeof(SharePreOperation), typeof(ReadShared));
        emulator.CreateOrganizationService().Create(new Entity("pj_followup") { ["pj_name"] = "f" });
        Assert.Contains("parent: prevalidation; own: preoperation", emulator.TraceLines);
    }

    [Fact]
    public void Calls_from_a_plugin_run_one_level_deeper_and_are_counted()
    {
        var emulator = NewEmulator(typeof(TouchpointOnJourneyCreated), typeof(UppercaseNameOnPreValidation));
        emulator.CreateOrganizationService().NewJourney();
        var fired = emulator.LastRequest.PluginExecutions;
        Assert.Equal((nameof(TouchpointOnJourneyCreated), 40, 1, 1), (fired[0].PluginType.Split('.').Last(), fired[0].Stage, fired[0].Depth, fired[0].ServiceCalls));
        Assert.Equal((nameof(UppercaseNameOnPreValidation), "Create", 10, 2), (fired[1].PluginType.Split('.').Last(), fired[1].MessageName, fired[1].Stage, fired[1].Depth));
        Assert.Equal("JOURNEY STARTED", emulator.Rows("pj_touchpoint").Single()["pj_name"]);
    }

    [Fact]
    public void Service_calls_are_counted_per_execution()
    {
        var emulator = NewEmulator(typeof(CountingReads));
        var service = emulator.CreateOrganizationService();
        var id = service.NewJourney();
        service.Update(new Entity("pj_journey", id) { ["pj_name"] = "renamed" });
        Assert.Equal(2, emulator.FiredSteps.Single().ServiceCalls);
    }

    [Fact]
    public void An_endless_loop_stops_at_the_maximum_depth_and_rolls_back()
    {
        var emulator = NewEmulator(typeof(EndlessCounter));
        var service = emulator.CreateOrganizationService();
        var id = service.NewJourney();
        var fault = Fault(() => service.Update(new Entity("pj_journey", id) { ["pj_counter"] = 1 }));
        Assert.Contains("infinite loop", fault.Message);
        Assert.Equal(DataverseEmulator.MaxDepth, emulator.LastRequest.PluginExecutions.Max(e => e.Depth));
        Assert.False(emulator.Rows("pj_journey").Single().Contains("pj_counter"));
    }

    [Fact]
    public void Plugins_run_as_the_caller_and_can_switch_to_system()
    {
        var emulator = NewEmulator(typeof(CreateFollowUpAsSystem));
        var user = emulator.CreateUser("Front", "Desk");
        emulator.CreateOrganizationService().Associate("systemuser", user, new Relationship("systemuserroles_association"),
            [new EntityReference("role", emulator.RoleId("System Administrator"))]);
        emulator.CreateOrganizationService(user).Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" });
        Assert.Contains($"user {user} initiating {user}", emulator.TraceLines);
        var followUp = emulator.Rows("pj_followup").Single();
        Assert.Equal(emulator.SystemUserId, followUp.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(user, emulator.Rows("pj_stagevisit").Single().GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void Impersonated_calls_keep_the_initiating_user()
    {
        var emulator = NewEmulator(typeof(CreateFollowUpAsSystem), typeof(TraceInitiator));
        var user = emulator.CreateUser("Front", "Desk");
        emulator.CreateOrganizationService().Associate("systemuser", user, new Relationship("systemuserroles_association"),
            [new EntityReference("role", emulator.RoleId("System Administrator"))]);
        emulator.CreateOrganizationService(user).Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" });
        Assert.Contains($"followup by {emulator.SystemUserId} for {user}", emulator.TraceLines);
    }

    [Fact]
    public void Step_configuration_reaches_the_constructor()
    {
        var emulator = NewEmulator(typeof(TwoStringConfiguration), typeof(OneStringConfiguration));
        emulator.SetSecureConfiguration(typeof(TwoStringConfiguration), "secret");
        emulator.CreateOrganizationService().Create(new Entity("pj_tag") { ["pj_name"] = "t" });
        Assert.Contains("config unsecure-1/secret", emulator.TraceLines);
        Assert.Contains("config unsecure-2", emulator.TraceLines);
    }

    [Fact]
    public void SetState_fires_update_steps_filtered_on_statecode()
    {
        var emulator = NewEmulator(typeof(TraceStateChange));
        var service = emulator.CreateOrganizationService();
        var id = service.NewJourney();
        service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest { EntityMoniker = new EntityReference("pj_journey", id), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });
        Assert.Contains("state 1", emulator.TraceLines);
        Assert.Equal(2, emulator.Rows("pj_journey").Single().GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void A_nested_request_has_the_calling_step_as_parent_context()
    {
        var emulator = NewEmulator(typeof(TouchpointOnJourneyCreated), typeof(TraceParentContext));
        var service = emulator.CreateOrganizationService();
        service.Create(new Entity("pj_touchpoint") { ["pj_name"] = "direct" });
        service.NewJourney();
        Assert.Equal(["parent none none stage 0", "parent Create pj_journey stage 40"], emulator.TraceLines.Where(l => l.StartsWith("parent", StringComparison.Ordinal)));
    }

    [Fact]
    public void Registrations_the_platform_refuses_are_refused()
    {
        var emulator = NewEmulator();
        PluginStep Step(int stage, int mode, string message = "Update", string? pre = null, string? post = null) =>
            new()
            {
                PluginType = typeof(TraceStatusChange), Message = message, PrimaryEntity = "pj_journey", Stage = stage, Mode = mode,
                Images = [.. pre == null ? [] : new[] { new StepImage(StepImageKind.Pre, pre, null) }, .. post == null ? [] : new[] { new StepImage(StepImageKind.Post, post, null) }],
            };
        Assert.Contains("asynchronous", Assert.Throws<InvalidOperationException>(() => emulator.RegisterStep(Step(20, 1))).Message);
        Assert.Contains("post images", Assert.Throws<InvalidOperationException>(() => emulator.RegisterStep(Step(20, 0, post: "post"))).Message);
        Assert.Contains("no pre image", Assert.Throws<InvalidOperationException>(() => emulator.RegisterStep(Step(40, 0, "Create", pre: "pre"))).Message);
        Assert.Contains("stage", Assert.Throws<InvalidOperationException>(() => emulator.RegisterStep(Step(50, 0))).Message);
        Assert.Empty(emulator.RegisteredSteps);
    }

    [Fact]
    public void Delete_steps_get_the_pre_image_and_fire_for_cascaded_children()
    {
        var emulator = NewEmulator(typeof(TraceDeletedName));
        var service = emulator.CreateOrganizationService();
        var journey = service.NewJourney("Knee");
        service.Create(new Entity("pj_touchpoint") { ["pj_name"] = "call", ["pj_journeyid"] = new EntityReference("pj_journey", journey) });
        service.Delete("pj_journey", journey);
        Assert.Equal(["delete pj_journey Knee", "delete pj_touchpoint call"], emulator.TraceLines.Where(l => l.StartsWith("delete", StringComparison.Ordinal)));
        Assert.Equal([1, 1], emulator.LastRequest.PluginExecutions.Select(e => e.Depth));
    }

    [Fact]
    public void PostOperation_changes_to_OutputParameters_reach_the_caller()
    {
        var emulator = NewEmulator(typeof(HideInternalTags));
        var service = emulator.CreateOrganizationService();
        service.Create(new Entity("pj_tag") { ["pj_name"] = "internal" });
        service.Create(new Entity("pj_tag") { ["pj_name"] = "frail" });
        var tags = service.RetrieveMultiple(new QueryExpression("pj_tag") { ColumnSet = new ColumnSet("pj_name") });
        Assert.Equal("frail", tags.Entities.Single()["pj_name"]);
    }

    [Fact]
    public void An_outer_service_cannot_be_used_inside_a_running_request()
    {
        var emulator = NewEmulator();
        OuterServiceUser.Outer.Value = emulator.CreateOrganizationService();
        emulator.RegisterCustomApi("pj_MisuseOuterService", typeof(OuterServiceUser));
        var error = Assert.Throws<DataverseFaultException>(() => emulator.CreateOrganizationService().Execute(new OrganizationRequest("pj_MisuseOuterService")));
        Assert.Contains("IOrganizationServiceFactory", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
    }

    /// <summary>Misuses a service created outside the pipeline (handed over through an AsyncLocal, test-only).</summary>
    public sealed class OuterServiceUser : IPlugin
    {
        public static readonly System.Threading.AsyncLocal<IOrganizationService?> Outer = new();

        public void Execute(IServiceProvider serviceProvider) => Outer.Value!.Create(new Entity("pj_tag") { ["pj_name"] = "x" });
    }
}
