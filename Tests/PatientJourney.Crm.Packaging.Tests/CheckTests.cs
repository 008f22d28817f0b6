using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>Each build-failing check rejects a planted fault and names the offender; the real source passes.</summary>
public class CheckTests
{
    private static PluginAssemblyInfo AssemblyWith(params StepRegistration[] steps) => new()
    {
        Name = "Planted", Version = "1.0.0.0", Culture = "neutral", PublicKeyToken = "null", Bytes = [],
        Types = steps.GroupBy(s => s.PluginType).Select(g => new PluginTypeInfo { FullName = g.Key, IsWorkflowActivity = false, Steps = g.ToList() }).ToList(),
    };

    private static StepRegistration Step(string message, string entity, string? filtering = null, string? preImage = null, string type = "Planted.Plugin") => new()
    {
        PluginType = type, Message = message, PrimaryEntity = entity, Stage = 20, Mode = 0, FilteringAttributes = filtering,
        PreImageAlias = preImage == null ? null : "PreImage", PreImageAttributes = preImage,
    };

    private static List<Finding> Errors(SolutionDefinition solution, params PluginAssemblyInfo[] assemblies) =>
        SourceChecks.Run(solution, assemblies).Where(f => f.Severity == Severity.Error).ToList();

    private static void AssertRejected(IEnumerable<Finding> errors, params string[] mentions) =>
        Assert.Contains(errors, e => mentions.All(m => e.Message.Contains(m, StringComparison.Ordinal)));

    [Fact]
    public void The_real_source_with_the_fixture_assembly_passes() => Assert.Empty(Errors(WithFixtureHandler(Solution), Fixture));

    [Fact]
    public void The_real_source_with_the_shipped_assemblies_passes() => Assert.Empty(Errors(Solution, Shipped.ToArray()));

    [Fact]
    public void A_filtering_column_that_does_not_exist_is_rejected() =>
        AssertRejected(Errors(Solution, AssemblyWith(Step("Update", "pj_journey", filtering: "pj_status,pj_nosuchcolumn"))), "pj_nosuchcolumn", "pj_journey");

    [Fact]
    public void An_image_column_that_does_not_exist_is_rejected() =>
        AssertRejected(Errors(Solution, AssemblyWith(Step("Update", "pj_journey", filtering: "pj_status", preImage: "pj_ghost"))), "pre-image column 'pj_ghost'");

    [Fact]
    public void An_update_step_without_filtering_attributes_is_rejected() =>
        AssertRejected(Errors(Solution, AssemblyWith(Step("Update", "pj_referral"))), "Planted.Plugin: Update of pj_referral", "filtering attributes");

    [Fact]
    public void A_duplicate_step_is_rejected() =>
        AssertRejected(Errors(Solution, AssemblyWith(Step("Create", "pj_touchpoint"), Step("Create", "pj_touchpoint"))), "duplicate step", "Create of pj_touchpoint");

    [Fact]
    public void A_custom_api_whose_plugin_type_does_not_exist_is_rejected()
    {
        AssertRejected(Errors(WithFixtureHandler(Solution), AssemblyWith(Step("Create", "pj_touchpoint"))), "pj_AdvanceJourney", "does not exist");
        // A pending handler that has been written must drop its flag, so the link cannot be forgotten.
        var stillPending = Copy(Solution, apis: Solution.CustomApis.Select(a => a.UniqueName == "pj_AdvanceJourney" ? WithPending(a, true) : a).ToList());
        AssertRejected(Errors(stillPending, Shipped.ToArray()), "pj_AdvanceJourney", "remove handlerPending");
    }

    [Fact]
    public void A_component_without_the_publisher_prefix_is_rejected()
    {
        var s = LoadEdited("customapis/pj_EvaluateReferralSlas.yaml", t => t.Replace("uniqueName: pj_EvaluateReferralSlas", "uniqueName: new_EvaluateReferralSlas"));
        AssertRejected(Errors(s), "new_EvaluateReferralSlas", "prefix");
        var t2 = LoadEdited("tables/pj_touchpoint.yaml", t => t.Replace("pj_Summary", "cr_Summary").Replace("pj_summary", "cr_summary"));
        AssertRejected(Errors(t2), "pj_touchpoint.cr_summary", "prefix");
    }

    [Fact]
    public void A_patient_column_not_audited_is_rejected()
    {
        var s = LoadEdited("tables/pj_referral.yaml", t => t.Replace("displayName: External id, classification: patient,", "displayName: External id, classification: patient, audit: false,"));
        AssertRejected(Errors(s), "pj_referral.pj_externalid", "not audited");
    }

    [Fact]
    public void A_clinical_column_outside_the_field_security_profile_is_rejected()
    {
        var s = LoadEdited("security/field-security.yaml", t => t.Replace("pj_touchpoint: { pj_notes: readwrite }", "pj_touchpoint: {}"));
        AssertRejected(Errors(s), "pj_touchpoint.pj_notes", "field security profile");
    }

    [Fact]
    public void A_choice_value_outside_the_publisher_range_names_file_and_element()
    {
        var e = Assert.Throws<SolutionSourceException>(() => LoadEdited("tables/pj_referral.yaml", t => t.Replace("value: 827410003, label: STAT", "value: 100000003, label: STAT")));
        Assert.Contains(e.Errors, x => x.File == "tables/pj_referral.yaml" && x.Element.Contains("pj_Priority") && x.Message.Contains("option-value range"));
    }

    [Fact]
    public void An_unknown_column_in_a_view_names_file_and_element()
    {
        var e = Assert.Throws<SolutionSourceException>(() => LoadEdited("tables/pj_followup.yaml", t => t.Replace("{ column: pj_dueon, operator: today }", "{ column: pj_duedate, operator: today }")));
        Assert.Contains(e.Errors, x => x.File == "tables/pj_followup.yaml" && x.Element == "view 'My follow-ups due today'" && x.Message.Contains("pj_duedate"));
    }

    [Fact]
    public void A_yaml_typo_names_file_and_line()
    {
        var e = Assert.Throws<SolutionSourceException>(() => LoadEdited("tables/pj_journey.yaml", t => t.Replace("pluralName: Journeys", "pluralNme: Journeys")));
        Assert.Contains(e.Errors, x => x.File == "tables/pj_journey.yaml" && x.Element.StartsWith("line ", StringComparison.Ordinal));
    }
}
