using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Fuzz;

/// <summary>
/// One case per crash the fuzz runs found (each used to escape as an unhandled .NET exception or as "An unexpected error
/// occurred from ISV code"): now each gets the platform's fault, writes nothing and names no patient data.
/// </summary>
public sealed class FoundByFuzzingTests
{
    private readonly FuzzOrganisation organisation = new();

    private IOrganizationService Service => organisation.Service;

    private EntityReference Existing(string table) => organisation.Existing.First(r => r.LogicalName == table);

    private DataverseFaultException Refused(Action request, int code)
    {
        var fault = Fault(request);
        Assert.Equal(code, fault.ErrorCode);
        Assert.DoesNotContain("Zebulon", fault.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(organisation.Emulator.LastRequest.RowsWritten);
        return fault;
    }

    [Fact]
    public void A_row_or_query_without_a_table_name_is_an_unknown_table()
    {
        var fault = Refused(() => Service.Execute(new UpsertRequest { Target = new Entity((string)null!) }), ErrorCodes.InvalidArgument);
        Refused(() => Service.RetrieveMultiple(new QueryExpression()), ErrorCodes.InvalidArgument);
        Refused(() => Service.Create(new Entity((string)null!) { ["name"] = "x" }), ErrorCodes.InvalidArgument);
        Assert.Contains("was not found in the MetadataCache", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_set_holding_a_null_name_is_an_unknown_column()
    {
        var journey = Existing("pj_journey");
        Refused(() => Service.Retrieve(journey.LogicalName, journey.Id, new ColumnSet(null!, "pj_name")), ErrorCodes.QueryBuilderNoAttribute);
    }

    [Fact]
    public void A_choices_value_holding_a_null_item_is_refused_naming_the_column()
    {
        // The shipped tables have no choices column, so the value is also of the wrong type; it used to crash when copied.
        var fault = Refused(() => Service.Create(new Entity("pj_carepathway")
        {
            ["pj_name"] = new OptionSetValueCollection(new List<OptionSetValue> { null! }),
        }), ErrorCodes.InvalidArgument);
        Assert.Contains("pj_name", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_typed_owner_is_refused_before_the_security_checks_read_it()
    {
        var fault = Refused(() => Service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Knee", ["ownerid"] = 5e-324 }), ErrorCodes.InvalidArgument);
        Assert.Contains("Incorrect type of attribute value System.Double for column 'ownerid'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_typed_lookup_on_a_table_with_plug_ins_is_refused_by_the_plug_in_not_an_isv_error()
    {
        var journey = Existing("pj_journey");
        // The journey's plug-in reads the stage first and refuses it in its own words (InputTypeScenarios); either way no ISV crash.
        var fault = Refused(() => Service.Update(new Entity("pj_journey", journey.Id) { ["pj_currentstageid"] = FuzzOrganisation.PatientMarker }), ErrorCodes.IsvAborted);
        Assert.Contains("pj_currentstageid", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lookup_naming_no_table_is_refused_naming_the_column()
    {
        var fault = Refused(() => Service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Knee", ["ownerid"] = new EntityReference(null!, Guid.NewGuid()) }), ErrorCodes.InvalidArgument);
        Assert.Contains("'ownerid'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_outside_its_range_is_refused_naming_the_column_not_the_value()
    {
        var pathway = Existing("pj_carepathway");
        var fault = Refused(() => Service.Create(new Entity("pj_pathwaystage") { ["pj_name"] = "Late", ["pj_sequence"] = 5738, ["pj_pathwayid"] = pathway }), ErrorCodes.InvalidArgument);
        Assert.Contains("'pj_sequence'", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5738", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_operator_given_a_number_is_refused_as_dataverse_refuses_the_argument_type()
    {
        var query = new QueryExpression("pj_pathwaytransition") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition("pj_name", ConditionOperator.EndsWith, 0.0000000001m);
        var fault = Refused(() => Service.RetrieveMultiple(query), ErrorCodes.InvalidArgument);
        Assert.Equal("Condition for attribute 'pj_pathwaytransition.pj_name': expected argument(s) of type 'System.String' but received 'System.Decimal'.", fault.Message);
    }

    [Fact]
    public void Between_with_one_value_and_a_last_x_days_past_the_calendar_are_refused()
    {
        var between = new QueryExpression("pj_journey");
        between.Criteria.AddCondition("pj_touchpointcount", ConditionOperator.Between, 1);
        var lastDays = new QueryExpression("pj_journey");
        lastDays.Criteria.AddCondition("pj_startedon", ConditionOperator.LastXDays, int.MaxValue);

        Refused(() => Service.RetrieveMultiple(between), ErrorCodes.InvalidArgument);
        Refused(() => Service.RetrieveMultiple(lastDays), ErrorCodes.InvalidArgument);
    }

    [Fact]
    public void Comparing_a_number_column_with_NaN_or_infinity_answers_instead_of_overflowing()
    {
        // A decimal column takes any number (a whole-number column refuses a double: ConditionOperatorConformanceTests).
        var query = new QueryExpression("pj_riskassessment") { ColumnSet = new ColumnSet("pj_score") };
        query.Criteria.AddCondition("pj_score", ConditionOperator.GreaterThan, double.NaN);
        query.Criteria.AddCondition("pj_score", ConditionOperator.LessThan, double.PositiveInfinity);

        Assert.NotNull(Service.RetrieveMultiple(query));
    }

    [Fact]
    public void Two_link_entities_with_one_alias_are_refused()
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.AddLink("contact", "pj_patientid", "contactid").EntityAlias = "a";
        query.AddLink("pj_carepathway", "pj_pathwayid", "pj_carepathwayid").EntityAlias = "a";

        var fault = Refused(() => Service.RetrieveMultiple(query), ErrorCodes.InvalidArgument);
        Assert.Contains("alias a is not unique", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordering_by_a_column_the_table_lacks_is_an_unknown_column()
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.Orders.Add(new OrderExpression(null!, OrderType.Ascending));

        Refused(() => Service.RetrieveMultiple(query), ErrorCodes.QueryBuilderNoAttribute);
    }

    [Fact]
    public void A_fetchxml_value_that_is_not_of_the_columns_type_names_the_column_not_the_value()
    {
        var fetch = $"<fetch><entity name='contact'><filter><condition attribute='birthdate' operator='on' value='{FuzzOrganisation.PatientMarker}'/></filter></entity></fetch>";
        var number = $"<fetch><entity name='team'><filter><condition attribute='overriddencreatedon' operator='contain-values' value='{FuzzOrganisation.PatientMarker}'/></filter></entity></fetch>";

        var fault = Refused(() => Service.RetrieveMultiple(new FetchExpression(fetch)), ErrorCodes.InvalidArgument);
        Refused(() => Service.RetrieveMultiple(new FetchExpression(number)), ErrorCodes.InvalidArgument);
        Assert.Contains("'birthdate'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Journey_metrics_for_a_period_ending_at_the_end_of_the_calendar_answer()
    {
        var response = Service.Execute(new OrganizationRequest("pj_GetJourneyMetrics") { ["To"] = new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc), ["From"] = DateTime.MinValue });

        Assert.False(string.IsNullOrEmpty((string)response["MetricsJson"]));
    }
}
