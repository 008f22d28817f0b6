using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Conformance;

/// <summary>
/// Condition operators as FakeXrmEasy (ConditionExpressionTests, StringOperatorsTests, DateTimeOperatorsTests,
/// MultiSelectOptionSetTests, BusinessIdTests), XrmMockup (TestRetrieveMultiple, TestFetchConditionOperators) and
/// XrmUnitTest assert them, held to Dataverse's documentation where they differ.
/// </summary>
public sealed class ConditionOperatorConformanceTests : ConformanceFixture
{
    [Fact]
    public void Text_operators_ignore_case_and_treat_like_wildcards_as_sql_does()
    {
        Assert.Equal(["alpha"], Where("pj_name", ConditionOperator.Equal, "ALPHA"));
        Assert.Equal(["Epsilon"], Where("pj_name", ConditionOperator.BeginsWith, "eps"));
        Assert.Equal(["alpha", "beta", "delta", "gamma"], Where("pj_name", ConditionOperator.EndsWith, "A"));
        Assert.Equal(["beta", "delta"], Where("pj_name", ConditionOperator.Like, "%E%TA"));
        Assert.Equal(["beta"], Where("pj_name", ConditionOperator.Like, "b_ta"));
        Assert.Equal(["alpha", "Epsilon", "gamma"], Where("pj_name", ConditionOperator.NotLike, "%t%"));
        Assert.Equal(["Epsilon"], Where("pj_name", ConditionOperator.DoesNotEndWith, "a"));
    }

    [Fact]
    public void Null_values_match_only_null_and_not_null_never_the_comparisons()
    {
        Assert.Equal(["delta"], Where("pj_waitdays", ConditionOperator.Null));
        Assert.Equal(["alpha", "beta", "Epsilon", "gamma"], Where("pj_waitdays", ConditionOperator.NotNull));
        // SQL's three-valued logic: a null column is neither equal nor unequal to a value, nor in or out of a set
        // (XrmMockup's NotEqualExcludesNull, NotInExcludesNull, DoesNotBeginWithExcludesNull).
        Assert.Equal(["alpha", "Epsilon"], Where("pj_waitdays", ConditionOperator.NotEqual, 10));
        Assert.Equal(["alpha", "Epsilon"], Where("pj_waitdays", ConditionOperator.NotIn, 10, 11));
        Assert.Equal(["alpha", "beta", "delta", "gamma"], Where("pj_name", ConditionOperator.DoesNotBeginWith, "e"));
        Assert.Equal(["beta", "gamma"], Where("pj_waitdays", ConditionOperator.GreaterEqual, 5));
        Assert.Equal(["alpha", "beta", "delta", "gamma"], Where("pj_code", ConditionOperator.NotEqual, "X"));
    }

    [Fact]
    public void In_between_and_comparisons_work_on_every_column_type()
    {
        Assert.Equal(["alpha", "Epsilon"], Where("pj_priority", ConditionOperator.In, 1, 9));
        Assert.Equal(["beta", "gamma"], Where("pj_waitdays", ConditionOperator.Between, 5, 10));
        Assert.Equal(["alpha", "beta"], Where("pj_cost", ConditionOperator.GreaterThan, 50m));
        Assert.Equal(["beta", "delta"], Where("pj_distance", ConditionOperator.Between, 7m, 12.25m));
        Assert.Equal(["beta"], Where("pj_risk", ConditionOperator.GreaterThan, 0.5));
        Assert.Equal(["alpha", "Epsilon"], Where("pj_urgent", ConditionOperator.Equal, true));
        Assert.Equal(["alpha", "gamma"], Where("pj_pathwayid", ConditionOperator.Equal, Hip));
        Assert.Equal(["alpha", "beta", "Epsilon", "gamma"], Where("pj_pathwayid", ConditionOperator.In, Hip, Knee));
        Assert.Equal(["beta"], Where("pj_receivedon", ConditionOperator.Between, Now.AddDays(-11), Now.AddDays(-9)));
    }

    [Fact]
    public void Trailing_spaces_do_not_count_in_equality_as_in_sql_server()
    {
        // SQL Server pads strings to the same length before = compares them, so 'A-1' = 'A-1  '
        // (https://learn.microsoft.com/sql/t-sql/queries/how-sql-server-compares-strings-with-trailing-spaces); Dataverse
        // passes the condition to SQL Server. LIKE keeps the pattern's trailing spaces significant.
        Assert.Equal(["alpha"], Where("pj_code", ConditionOperator.Equal, "a-1  "));
        Assert.Equal(["alpha"], Where("pj_code", ConditionOperator.In, "A-1 ", "Z-9"));
        Assert.Empty(Where("pj_code", ConditionOperator.Like, "A-1 "));
    }

    [Fact]
    public void Condition_values_must_have_the_columns_type()
    {
        // Dataverse refuses a condition value of another type instead of comparing text: "Condition for attribute
        // 'contact.parentcustomerid': expected argument(s) of type 'System.Guid' but received 'System.Int32'." (a real
        // organisation's fault, https://github.com/daryllabar/XrmUnitTest/issues/246; the EntityReference case,
        // https://github.com/jordimontana82/fake-xrm-easy/issues/258). FakeXrmEasy and XrmMockup compare anyway.
        var reference = Fault(() => Where("pj_pathwayid", ConditionOperator.Equal, new EntityReference("pj_carepathway", Hip)));
        Assert.Equal(ErrorCodes.InvalidArgument, reference.ErrorCode);
        Assert.Equal("Condition for attribute 'pj_referral.pj_pathwayid': expected argument(s) of type 'System.Guid' but received 'Microsoft.Xrm.Sdk.EntityReference'.", reference.Message);
        var option = Fault(() => Where("pj_priority", ConditionOperator.In, new OptionSetValue(1)));
        Assert.Contains("expected argument(s) of type 'System.Int32' but received 'Microsoft.Xrm.Sdk.OptionSetValue'", option.Message);
        Assert.Contains("but received 'System.String'", Fault(() => Where("pj_waitdays", ConditionOperator.Equal, "10")).Message);
        Assert.Contains("but received 'System.Int32'", Fault(() => Where("pj_name", ConditionOperator.Equal, 1)).Message);
        Assert.Contains("but received 'Microsoft.Xrm.Sdk.Money'", Fault(() => Where("pj_cost", ConditionOperator.Equal, new Money(100m))).Message);
        // An array handed to params object[] arrives as one value, and Dataverse does not unpack it.
        Assert.Contains("expected argument(s) of type 'System.Int32' but received 'System.Int32[]'", Fault(() => Where("pj_waitdays", ConditionOperator.In, (object)new[] { 3, 10 })).Message);
        // What Dataverse converts: a whole number for a decimal, money or float column, a Guid's text for a lookup.
        Assert.Equal(["alpha"], Where("pj_cost", ConditionOperator.Equal, 100));
        Assert.Equal(["alpha", "gamma"], Where("pj_pathwayid", ConditionOperator.Equal, Hip.ToString()));
    }

    [Fact]
    public void Conditions_need_their_values_and_no_nulls()
    {
        // A null value: "Condition for attribute 'businessunit.name': null is not a valid value for an attribute. Use
        // 'Null' or 'NotNull' conditions instead." (Dataverse's wording as XrmMockup's CreateRequestHandler quotes it;
        // FakeXrmEasy issue 102 is the same mistake).
        Assert.Equal("Condition for attribute 'pj_referral.pj_code': null is not a valid value for an attribute. Use 'Null' or 'NotNull' conditions instead.",
            Fault(() => Where("pj_code", ConditionOperator.Equal, [null!])).Message);
        Assert.Contains("null is not a valid value", Fault(() => Where("pj_pathwayid", ConditionOperator.In, Hip, null!)).Message);
        // FetchXML text that is not of the column's type is refused by name, not thrown as a parse error.
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Fetch("<fetch><entity name='pj_referral'><filter><condition attribute='pj_waitdays' operator='eq' value='ten' /></filter></entity></fetch>")).ErrorCode);
        // XrmMockup returns no rows (In) or every row (NotIn) for an empty list; Dataverse refuses the condition.
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Where("pj_waitdays", ConditionOperator.In, Array.Empty<object>())).ErrorCode);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Where("pj_waitdays", ConditionOperator.Equal)).ErrorCode);
    }

    [Fact]
    public void Multi_select_choices_match_exactly_with_equal_and_in_and_partly_with_contain_values()
    {
        // https://learn.microsoft.com/power-apps/developer/data-platform/multi-select-picklist lists ContainValues,
        // DoesNotContainValues, Equal, NotEqual, Null, NotNull, In and NotIn for choices columns. ContainValues matches rows
        // holding any of the values. The page does not say what Equal and In mean for a set; FakeXrmEasy's
        // MultiSelectOptionSetTests (the only suite that asserts it) match the exact set: Equal one option, In the
        // options given, in any order; an OptionSetValue or several values for Equal are refused.
        Assert.Equal(["alpha", "beta"], Where("pj_needs", ConditionOperator.ContainValues, 2));
        Assert.Equal(["alpha", "Epsilon", "gamma"], Where("pj_needs", ConditionOperator.ContainValues, 1, 4));
        Assert.Equal(["beta", "delta"], Where("pj_needs", ConditionOperator.DoesNotContainValues, 1, 4));
        Assert.Equal(["beta"], Where("pj_needs", ConditionOperator.Equal, 2));
        Assert.Equal(["alpha", "Epsilon", "gamma"], Where("pj_needs", ConditionOperator.NotEqual, 2));
        Assert.Equal(["alpha"], Where("pj_needs", ConditionOperator.In, 2, 1));
        Assert.Equal(["beta", "Epsilon", "gamma"], Where("pj_needs", ConditionOperator.NotIn, 1, 2));
        Assert.Equal(["delta"], Where("pj_needs", ConditionOperator.Null));
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Where("pj_needs", ConditionOperator.Equal, 1, 2)).ErrorCode);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Where("pj_needs", ConditionOperator.ContainValues, new OptionSetValue(1))).ErrorCode);
    }

    [Fact]
    public void Date_operators_read_days_and_months_at_the_emulator_clock()
    {
        // XrmMockup's Yesterday/Today/Tomorrow and OlderThanX theories; FakeXrmEasy's DateTimeOperatorsTests.
        Assert.Equal(["alpha"], Where("pj_receivedon", ConditionOperator.Yesterday));
        Assert.Equal(["alpha"], Where("pj_receivedon", ConditionOperator.On, Now.Date.AddDays(-1)));
        Assert.Equal(["alpha", "beta", "gamma"], Where("pj_receivedon", ConditionOperator.OnOrBefore, Now.Date.AddDays(-1)));
        Assert.Equal(["alpha", "Epsilon"], Where("pj_receivedon", ConditionOperator.OnOrAfter, Now.Date.AddDays(-1)));
        Assert.Equal(["alpha", "beta"], Where("pj_receivedon", ConditionOperator.LastXDays, 10));
        Assert.Equal(["Epsilon"], Where("pj_receivedon", ConditionOperator.NextXDays, 2));
        Assert.Equal(["alpha", "beta", "gamma"], Where("pj_receivedon", ConditionOperator.LastXMonths, 2));
        Assert.Equal(["alpha", "beta"], Where("pj_receivedon", ConditionOperator.LastXWeeks, 2));
        Assert.Equal(["Epsilon"], Where("pj_receivedon", ConditionOperator.NextXWeeks, 1));
        Assert.Equal(["alpha", "Epsilon"], Where("pj_receivedon", ConditionOperator.ThisMonth));
        Assert.Equal(["beta"], Where("pj_receivedon", ConditionOperator.LastMonth));
        Assert.Equal(["beta", "gamma"], Where("pj_receivedon", ConditionOperator.OlderThanXDays, 5));
    }

    [Fact]
    public void User_and_business_unit_operators_compare_with_the_caller()
    {
        // FakeXrmEasy's BusinessIdTests; EqualUserId as the Dataverse docs' "eq-userid" (the calling user).
        var other = Emulator.CreateUser("Other", "User");
        Service.Associate("systemuser", other, new Relationship("systemuserroles_association"),
            [new EntityReference("role", Emulator.RoleId("System Administrator"))]);
        var gamma = Service.RetrieveMultiple(new QueryByAttribute("pj_referral") { Attributes = { "pj_name" }, Values = { "gamma" } }).Entities.Single().Id;
        Service.Execute(new Microsoft.Crm.Sdk.Messages.AssignRequest { Target = new EntityReference("pj_referral", gamma), Assignee = new EntityReference("systemuser", other) });
        Assert.Equal(["alpha", "beta", "delta", "Epsilon"], Where("ownerid", ConditionOperator.EqualUserId));
        Assert.Equal(["gamma"], Where("ownerid", ConditionOperator.NotEqualUserId));
        Assert.Equal(5, Where("owningbusinessunit", ConditionOperator.EqualBusinessId).Length);
        Assert.Empty(Where("owningbusinessunit", ConditionOperator.NotEqualBusinessId));
        var asOther = Emulator.CreateOrganizationService(other);
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition("ownerid", ConditionOperator.EqualUserId);
        Assert.Equal(["gamma"], asOther.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).ToArray());
    }

    [Fact]
    public void Or_filters_and_nested_filters_combine_as_written()
    {
        // FakeXrmEasy's FilterExpressionTests: two filters under an Or, and a condition beside an Or filter.
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.FilterOperator = LogicalOperator.Or;
        var first = query.Criteria.AddFilter(LogicalOperator.And);
        first.AddCondition("pj_priority", ConditionOperator.Equal, 1);
        first.AddCondition("pj_waitdays", ConditionOperator.GreaterThan, 2);
        var second = query.Criteria.AddFilter(LogicalOperator.And);
        second.AddCondition("pj_priority", ConditionOperator.Equal, 3);
        Assert.Equal(["alpha", "gamma"], Names(query).Order().ToArray());

        var mixed = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        mixed.Criteria.AddCondition("pj_urgent", ConditionOperator.Equal, false);
        var either = mixed.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("pj_waitdays", ConditionOperator.Equal, 10);
        either.AddCondition("pj_name", ConditionOperator.Equal, "alpha");
        Assert.Equal(["beta", "gamma"], Names(mixed).Order().ToArray());
    }

    [Fact]
    public void Attribute_names_are_logical_names_and_case_sensitive()
    {
        // XrmMockup's TestRetrieveMultipleFilterAttributeLookupIsCaseSensitive and TestRetrieveMultipleFailWithNonExistentAttribute.
        var upper = Fault(() => Where("PJ_Name", ConditionOperator.Equal, "alpha"));
        Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, upper.ErrorCode);
        Assert.Contains("'pj_referral' entity doesn't contain attribute with Name = 'PJ_Name'", upper.Message);
        Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Fault(() => Service.RetrieveMultiple(new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("x") })).ErrorCode);
        var linked = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        linked.AddLink("pj_carepathway", "pj_pathwayid", "pj_carepathwayid").LinkCriteria.AddCondition("nope", ConditionOperator.Null);
        Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Fault(() => Service.RetrieveMultiple(linked)).ErrorCode);
    }

    [Fact]
    public void FetchXml_operators_match_their_query_expression_twins()
    {
        string[] Condition(string condition) => Fetch($"<fetch><entity name='pj_referral'><attribute name='pj_name' /><filter>{condition}</filter></entity></fetch>")
            .Order(StringComparer.OrdinalIgnoreCase).ToArray();
        Assert.Equal(["alpha", "Epsilon"], Condition("<condition attribute='pj_priority' operator='in'><value>1</value><value>9</value></condition>"));
        Assert.Equal(["beta", "gamma"], Condition("<condition attribute='pj_waitdays' operator='between'><value>5</value><value>10</value></condition>"));
        Assert.Equal(["beta", "delta"], Condition("<condition attribute='pj_name' operator='like' value='%e%ta' />"));
        Assert.Equal(["alpha", "beta"], Condition("<condition attribute='pj_needs' operator='contain-values'><value>2</value></condition>"));
        Assert.Equal(["alpha", "gamma"], Condition($"<condition attribute='pj_pathwayid' operator='eq' value='{Hip}' />"));
        Assert.Equal(["alpha"], Condition("<condition attribute='pj_receivedon' operator='yesterday' />"));
        Assert.Equal(["alpha", "beta"], Condition("<condition attribute='pj_receivedon' operator='last-x-days' value='10' />"));
        Assert.Equal(["delta"], Condition("<condition attribute='pj_waitdays' operator='null' />"));
    }
}
