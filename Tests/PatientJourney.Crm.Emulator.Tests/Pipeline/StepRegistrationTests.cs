using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using PatientJourney.Crm.Emulator.Tests.Security;
using PatientJourney.Crm.Schema;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

/// <summary>Several images per step (by alias), a step's run-as user, and step configuration.</summary>
public sealed class StepRegistrationTests
{
    private static HashSet<string> Columns(params string[] columns) => [.. columns];

    private static PluginStep UpdateStep(params StepImage[] images) => new()
    {
        PluginType = typeof(TraceAllImages), Message = "Update", PrimaryEntity = "pj_journey", Stage = 40, Mode = 0, Images = images,
    };

    [Fact]
    public void A_step_gets_every_pre_and_post_image_by_alias_with_its_own_columns()
    {
        var emulator = NewEmulator();
        emulator.RegisterStep(UpdateStep(
            new StepImage(StepImageKind.Pre, "names", Columns("pj_name")), new StepImage(StepImageKind.Pre, "scores", Columns("pj_score")),
            new StepImage(StepImageKind.Post, "after", Columns("pj_name", "pj_score")), new StepImage(StepImageKind.Post, "score", Columns("pj_score"))));
        var service = emulator.CreateOrganizationService();
        var id = service.Create(new Entity("pj_journey") { ["pj_name"] = "Hip", ["pj_score"] = 1, ["pj_patientid"] = new EntityReference("contact", service.Patient()) });
        service.Update(new Entity("pj_journey", id) { ["pj_score"] = 2 });
        Assert.Contains("pre names[pj_name] scores[pj_score]; post after[pj_name,pj_score] score[pj_score]", emulator.TraceLines);
    }

    [Fact]
    public void Two_images_of_one_kind_with_the_same_alias_are_refused()
    {
        var emulator = NewEmulator();
        var refusal = Assert.Throws<InvalidOperationException>(() => emulator.RegisterStep(UpdateStep(new StepImage(StepImageKind.Pre, "pre", null), new StepImage(StepImageKind.Pre, "pre", Columns("pj_name")))));
        Assert.Contains("two pre images are named 'pre'", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.RegisteredSteps);
    }

    [Fact]
    public void A_step_running_as_a_user_gets_that_user_and_its_user_service_is_checked_as_that_user()
    {
        var org = new Organisation(typeof(CreateFollowUpAsUser));
        var writer = org.Role("Visit writer", ("prvCreatepj_stagevisit", PrivilegeDepth.User));
        var followUps = org.Role("Follow-up writer", ("prvCreatepj_followup", PrivilegeDepth.User));
        var caller = org.User("Caller", org.North, writer);
        var service = org.User("Integration", org.North, followUps);
        var weak = org.User("Weak", org.North, writer);

        // As the caller, whose roles do not create follow-ups, the step's write is refused and nothing is kept.
        var refused = Fault(() => org.As(caller).Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" }));
        Assert.Equal(ErrorCodes.PrivilegeDenied, refused.ErrorCode);
        Assert.Contains("prvCreatepj_followup", refused.Message, StringComparison.Ordinal);

        org.Emulator.SetRunAsUser(typeof(CreateFollowUpAsUser), service);
        org.As(caller).Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" });
        Assert.Contains($"as user {service} initiating {caller}", org.Emulator.TraceLines);
        Assert.Equal(service, org.Emulator.Rows("pj_followup").Single().GetAttributeValue<EntityReference>("createdby").Id);

        // A run-as user without the privilege is refused like any caller.
        org.Emulator.SetRunAsUser(typeof(CreateFollowUpAsUser), weak);
        Assert.Equal(ErrorCodes.PrivilegeDenied, Fault(() => org.As(caller).Create(new Entity("pj_stagevisit") { ["pj_name"] = "w" })).ErrorCode);
        Assert.Single(org.Emulator.Rows("pj_followup"));
    }

    [Fact]
    public void A_run_as_user_named_in_the_registration_must_exist()
    {
        var emulator = NewEmulator();
        emulator.RegisterStep(new PluginStep { PluginType = typeof(CreateFollowUpAsUser), Message = "Create", PrimaryEntity = "pj_stagevisit", Stage = 40, Mode = 0, RunAsUserName = "Integration User" });
        var fault = Fault(() => emulator.CreateOrganizationService().Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" }));
        Assert.Contains("'Integration User', who is not a user of this organisation", fault.Message, StringComparison.Ordinal);

        var user = emulator.CreateUser("Integration", "User");
        emulator.CreateOrganizationService().Associate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", emulator.RoleId(PlatformRoles.SystemAdministratorName))]);
        emulator.CreateOrganizationService().Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" });
        Assert.Equal(user, emulator.Rows("pj_followup").Single().GetAttributeValue<EntityReference>("createdby").Id);
    }
}
