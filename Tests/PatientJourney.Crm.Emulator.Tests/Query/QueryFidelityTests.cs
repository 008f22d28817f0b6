using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests.Query;

/// <summary>Query behaviours Dataverse has: semi-join link types, column comparison, LIKE sets, ordering by name and label, aliases.</summary>
public sealed class QueryFidelityTests
{
    private readonly DataverseEmulator emulator = new(FormattedValueTests.Schema);
    private readonly IOrganizationService service;
    private readonly Guid hip;
    private readonly Guid knee;

    public QueryFidelityTests()
    {
        service = emulator.CreateOrganizationService();
        hip = service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Hip" });
        knee = service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Knee" });
        // Ada: one urgent and one routine journey; Bob: one routine; Cy: none.
        var ada = Patient("Ada");
        var bob = Patient("Bob");
        Patient("Cy");
        Journey("ada-1", ada, knee, priority: 2);
        Journey("ada-2", ada, hip, priority: 1);
        Journey("bob-1", bob, hip, priority: 1);
    }

    private Guid Patient(string name) => service.Create(new Entity("contact") { ["firstname"] = name, ["lastname"] = "Test" });

    private void Journey(string name, Guid patient, Guid pathway, int priority) => service.Create(new Entity("pj_journey")
    {
        ["pj_name"] = name, ["pj_patientid"] = new EntityReference("contact", patient), ["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway),
        ["pj_priority"] = new OptionSetValue(priority),
    });

    private string[] Patients(JoinOperator join, params ConditionExpression[] linkConditions)
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("firstname") };
        query.Criteria.AddCondition("lastname", ConditionOperator.Equal, "Test");
        var link = query.AddLink("pj_journey", "contactid", "pj_patientid", join);
        foreach (var condition in linkConditions) link.LinkCriteria.AddCondition(condition);
        return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("firstname")).Order().ToArray();
    }

    private static ConditionExpression Urgent => new("pj_priority", ConditionOperator.Equal, 2);

    [Fact]
    public void Semi_join_link_types_filter_parents_without_repeating_them()
    {
        Assert.Equal(["Ada", "Ada", "Bob"], Patients(JoinOperator.Inner));
        Assert.Equal(["Ada", "Bob"], Patients(JoinOperator.In));
        Assert.Equal(["Ada", "Bob"], Patients(JoinOperator.Exists));
        Assert.Equal(["Ada"], Patients(JoinOperator.Any, Urgent));
        Assert.Equal(["Bob", "Cy"], Patients(JoinOperator.NotAny, Urgent));
        // all: related rows exist and none meets the filter; not all: the same rows as any.
        Assert.Equal(["Bob"], Patients(JoinOperator.All, Urgent));
        Assert.Equal(["Ada"], Patients(JoinOperator.NotAll, Urgent));
        Assert.Equal(["Ada", "Bob"], Patients(JoinOperator.MatchFirstRowUsingCrossApply));
    }

    [Fact]
    public void FetchXml_filter_link_types_sit_in_the_filter()
    {
        string[] Fetch(string type) => service.RetrieveMultiple(new FetchExpression($"""
            <fetch><entity name='contact'><attribute name='firstname' />
              <filter><condition attribute='lastname' operator='eq' value='Test' />
                <link-entity name='pj_journey' from='pj_patientid' to='contactid' link-type='{type}'>
                  <filter><condition attribute='pj_priority' operator='eq' value='2' /></filter>
                </link-entity>
              </filter>
            </entity></fetch>
            """)).Entities.Select(e => e.GetAttributeValue<string>("firstname")).Order().ToArray();
        Assert.Equal(["Ada"], Fetch("any"));
        Assert.Equal(["Bob", "Cy"], Fetch("not any"));
        Assert.Equal(["Bob"], Fetch("all"));
        Assert.Equal(["Ada"], Fetch("not all"));
        var misplaced = Assert.Throws<DataverseFaultException>(() => service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='contact'><link-entity name='pj_journey' from='pj_patientid' to='contactid' link-type='any' /></entity></fetch>")));
        Assert.Contains("must be placed in a filter", misplaced.Message);
    }

    [Fact]
    public void Columns_compare_with_each_other_in_QueryExpression_and_FetchXml()
    {
        service.Create(new Entity("pj_journey") { ["pj_name"] = "same", ["pj_priority"] = new OptionSetValue(1) });
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition(new ConditionExpression("pj_name", ConditionOperator.Equal, true, "pj_name"));
        Assert.Equal(4, service.RetrieveMultiple(query).Entities.Count);
        var fetched = service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='pj_journey'><attribute name='pj_name' /><filter><condition attribute='pj_name' operator='ne' valueof='pj_name' /></filter></entity></fetch>"));
        Assert.Empty(fetched.Entities);
        var wrongType = new QueryExpression("pj_journey");
        wrongType.Criteria.AddCondition(new ConditionExpression("pj_name", ConditionOperator.Equal, true, "pj_priority"));
        Assert.Contains("different types", Assert.Throws<DataverseFaultException>(() => service.RetrieveMultiple(wrongType)).Message);
        var wrongOperator = new QueryExpression("pj_journey");
        wrongOperator.Criteria.AddCondition(new ConditionExpression("pj_name", ConditionOperator.Like, true, "pj_name"));
        Assert.Contains("cannot compare columns", Assert.Throws<DataverseFaultException>(() => service.RetrieveMultiple(wrongOperator)).Message);
    }

    [Theory]
    [InlineData("[a]%", new[] { "ada-1", "ada-2" })]
    [InlineData("[a-b]__-1", new[] { "ada-1", "bob-1" })]
    [InlineData("[^a-b]%", new string[0])]
    [InlineData("%-[^1]", new[] { "ada-2" })]
    [InlineData("_o_-%", new[] { "bob-1" })]
    [InlineData("%[%]%", new string[0])]
    public void Like_understands_sets_ranges_and_negated_sets(string pattern, string[] expected)
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition("pj_name", ConditionOperator.Like, pattern);
        Assert.Equal(expected, service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).Order().ToArray());
    }

    [Fact]
    public void A_condition_may_name_the_root_table()
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.AddLink("pj_carepathway", "pj_pathwayid", "pj_carepathwayid").EntityAlias = "pathway";
        query.Criteria.AddCondition("pj_journey", "pj_priority", ConditionOperator.Equal, 2);
        Assert.Equal("ada-1", service.RetrieveMultiple(query).Entities.Single().GetAttributeValue<string>("pj_name"));
    }

    [Fact]
    public void Ordering_by_a_lookup_uses_the_name_and_by_a_choice_the_label()
    {
        string[] Ordered(string column)
        {
            var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
            query.AddOrder(column, OrderType.Ascending);
            query.AddOrder("pj_name", OrderType.Ascending);
            return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).ToArray();
        }
        // By the pathway's name (Hip < Knee), whatever the ids; renaming the pathway reorders.
        Assert.Equal(["ada-2", "bob-1", "ada-1"], Ordered("pj_pathwayid"));
        service.Update(new Entity("pj_carepathway", hip) { ["pj_name"] = "Zimmer hip" });
        Assert.Equal(["ada-1", "ada-2", "bob-1"], Ordered("pj_pathwayid"));
        // Labels: Emergency (3) < Routine (1) < Urgent (2).
        service.Create(new Entity("pj_journey") { ["pj_name"] = "cy-1", ["pj_priority"] = new OptionSetValue(3) });
        Assert.Equal(["cy-1", "ada-2", "bob-1", "ada-1"], Ordered("pj_priority"));
    }

    [Fact]
    public void A_count_over_no_rows_without_group_by_is_one_row_with_zero()
    {
        var result = service.RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='pj_journey'><attribute name='pj_journeyid' alias='n' aggregate='count' />" +
            "<filter><condition attribute='pj_name' operator='eq' value='nobody' /></filter></entity></fetch>"));
        Assert.Equal(0, (int)result.Entities.Single().GetAttributeValue<AliasedValue>("n").Value);
        var grouped = service.RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='pj_journey'><attribute name='pj_journeyid' alias='n' aggregate='count' /><attribute name='pj_priority' alias='p' groupby='true' />" +
            "<filter><condition attribute='pj_name' operator='eq' value='nobody' /></filter></entity></fetch>"));
        Assert.Empty(grouped.Entities);
    }

    [Fact]
    public void Unaliased_link_entities_are_numbered_per_table()
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition("pj_name", ConditionOperator.Equal, "ada-1");
        query.AddLink("contact", "pj_patientid", "contactid").Columns = new ColumnSet("firstname");
        query.AddLink("pj_carepathway", "pj_pathwayid", "pj_carepathwayid").Columns = new ColumnSet("pj_name");
        query.AddLink("contact", "createdby", "contactid", JoinOperator.LeftOuter).Columns = new ColumnSet("firstname");
        var row = service.RetrieveMultiple(query).Entities.Single();
        Assert.Equal("Ada", row.GetAttributeValue<AliasedValue>("contact1.firstname").Value);
        Assert.Equal("Knee", row.GetAttributeValue<AliasedValue>("pj_carepathway1.pj_name").Value);
        Assert.False(row.Contains("contact2.firstname"));
    }
}
