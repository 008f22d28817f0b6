using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Query;

public sealed class QueryExpressionTests
{
    private readonly DataverseEmulator emulator = NewEmulator();
    private readonly IOrganizationService service;
    private readonly Guid journeyA;
    private readonly Guid journeyB;

    public QueryExpressionTests()
    {
        service = emulator.CreateOrganizationService();
        journeyA = service.NewJourney("Alpha");
        journeyB = service.NewJourney("Beta");
        service.NewJourney("Gamma");
        var now = emulator.Clock.UtcNow;
        Touchpoint("call", journeyA, 1, now.AddHours(-3), 4);
        Touchpoint("email", journeyA, 2, now.AddDays(-3), 2);
        Touchpoint("visit", journeyB, 3, now.AddDays(-40), null);
        Touchpoint("sms", null, 4, now.AddHours(5), 5);
    }

    private void Touchpoint(string name, Guid? journey, int channel, DateTime occurred, int? sentiment)
    {
        var row = new Entity("pj_touchpoint") { ["pj_name"] = name, ["pj_channel"] = new OptionSetValue(channel), ["pj_occurredon"] = occurred, ["pj_sentiment"] = sentiment };
        if (journey != null) row["pj_journeyid"] = new EntityReference("pj_journey", journey.Value);
        service.Create(row);
    }

    private string[] Names(QueryExpression query) =>
        service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).Order().ToArray();

    private string[] Where(string attribute, ConditionOperator op, params object[] values)
    {
        var query = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition(attribute, op, values);
        return Names(query);
    }

    [Fact]
    public void Comparison_text_set_and_null_operators()
    {
        Assert.Equal(["call"], Where("pj_name", ConditionOperator.Equal, "CALL"));
        Assert.Equal(["email", "sms", "visit"], Where("pj_name", ConditionOperator.NotEqual, "call"));
        Assert.Equal(["call", "sms"], Where("pj_sentiment", ConditionOperator.GreaterThan, 2));
        Assert.Equal(["email"], Where("pj_sentiment", ConditionOperator.LessEqual, 2));
        Assert.Equal(["email", "sms"], Where("pj_name", ConditionOperator.Like, "%m%"));
        Assert.Equal(["visit"], Where("pj_name", ConditionOperator.BeginsWith, "vi"));
        Assert.Equal(["email"], Where("pj_name", ConditionOperator.EndsWith, "ail"));
        Assert.Equal(["call", "email", "sms"], Where("pj_name", ConditionOperator.DoesNotBeginWith, "v"));
        Assert.Equal(["call", "visit"], Where("pj_channel", ConditionOperator.In, 1, 3));
        Assert.Equal(["email", "sms"], Where("pj_channel", ConditionOperator.NotIn, 1, 3));
        Assert.Equal(["call", "email"], Where("pj_channel", ConditionOperator.Between, 1, 2));
        Assert.Equal(["visit"], Where("pj_sentiment", ConditionOperator.Null));
        Assert.Equal(["sms"], Where("pj_journeyid", ConditionOperator.Null));
        Assert.Equal(["call", "email"], Where("pj_journeyid", ConditionOperator.Equal, journeyA));
    }

    [Fact]
    public void Date_operators_use_the_emulator_clock()
    {
        Assert.Equal(["call"], Where("pj_occurredon", ConditionOperator.LastXHours, 4));
        Assert.Equal(["call", "email"], Where("pj_occurredon", ConditionOperator.LastXDays, 7));
        Assert.Equal(["sms"], Where("pj_occurredon", ConditionOperator.NextXHours, 6));
        Assert.Equal(["visit"], Where("pj_occurredon", ConditionOperator.OlderThanXDays, 30));
        Assert.Equal(["call", "sms"], Where("pj_occurredon", ConditionOperator.Today));
        Assert.Equal(["email"], Where("pj_occurredon", ConditionOperator.On, emulator.Clock.UtcNow.AddDays(-3)));
        Assert.Equal(["email", "visit"], Where("pj_occurredon", ConditionOperator.OnOrBefore, emulator.Clock.UtcNow.AddDays(-1)));
        emulator.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty(Where("pj_occurredon", ConditionOperator.LastXHours, 4));
        Assert.Equal(["call", "email", "sms"], Where("pj_occurredon", ConditionOperator.OnOrAfter, emulator.Clock.UtcNow.AddDays(-5)));
    }

    [Fact]
    public void Nested_and_or_filters()
    {
        var query = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition("pj_journeyid", ConditionOperator.NotNull);
        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("pj_name", ConditionOperator.Equal, "visit");
        either.AddCondition("pj_sentiment", ConditionOperator.GreaterEqual, 4);
        Assert.Equal(["call", "visit"], Names(query));
    }

    [Fact]
    public void Inner_and_outer_links_return_aliased_values()
    {
        var query = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        var journey = query.AddLink("pj_journey", "pj_journeyid", "pj_journeyid");
        journey.EntityAlias = "j";
        journey.Columns = new ColumnSet("pj_name");
        journey.LinkCriteria.AddCondition("pj_name", ConditionOperator.Equal, "Alpha");
        var inner = service.RetrieveMultiple(query).Entities;
        Assert.Equal(2, inner.Count);
        var aliased = Assert.IsType<AliasedValue>(inner[0]["j.pj_name"]);
        Assert.Equal(("pj_journey", "pj_name", "Alpha"), (aliased.EntityLogicalName, aliased.AttributeLogicalName, aliased.Value));

        journey.JoinOperator = JoinOperator.LeftOuter;
        var outer = service.RetrieveMultiple(query).Entities;
        Assert.Equal(4, outer.Count);
        Assert.Equal(2, outer.Count(e => e.Contains("j.pj_name")));
    }

    [Fact]
    public void Conditions_on_a_linked_alias_filter_the_root_rows()
    {
        var query = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        query.AddLink("pj_journey", "pj_journeyid", "pj_journeyid", JoinOperator.LeftOuter).EntityAlias = "j";
        query.Criteria.AddCondition("j", "pj_name", ConditionOperator.Equal, "Beta");
        Assert.Equal(["visit"], Names(query));
    }

    [Fact]
    public void Orders_top_count_and_distinct()
    {
        var query = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name"), TopCount = 2 };
        query.AddOrder("pj_sentiment", OrderType.Descending);
        Assert.Equal(["sms", "call"], service.RetrieveMultiple(query).Entities.Select(e => (string)e["pj_name"]));

        var distinct = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_journeyid"), Distinct = true };
        Assert.Equal(3, service.RetrieveMultiple(distinct).Entities.Count);
    }

    [Fact]
    public void Paging_returns_pages_with_cookie_and_more_records()
    {
        var query = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name"), PageInfo = new PagingInfo { Count = 3, PageNumber = 1, ReturnTotalRecordCount = true } };
        query.AddOrder("pj_name", OrderType.Ascending);
        var first = service.RetrieveMultiple(query);
        Assert.Equal(["call", "email", "sms"], first.Entities.Select(e => (string)e["pj_name"]));
        Assert.True(first.MoreRecords);
        Assert.Contains("page=\"1\"", first.PagingCookie);
        Assert.Equal(4, first.TotalRecordCount);
        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;
        var second = service.RetrieveMultiple(query);
        Assert.Equal(["visit"], second.Entities.Select(e => (string)e["pj_name"]));
        Assert.False(second.MoreRecords);
    }

    [Fact]
    public void TopCount_with_paging_is_rejected_and_unknown_columns_fault()
    {
        Assert.Contains("TopCount", Fault(() => service.RetrieveMultiple(new QueryExpression("pj_touchpoint") { TopCount = 1, PageInfo = new PagingInfo { Count = 1, PageNumber = 1 } })).Message);
        Assert.Contains("pj_nope", Fault(() => Where("pj_nope", ConditionOperator.Null)).Message);
    }

    [Fact]
    public void QueryByAttribute_matches_all_given_values()
    {
        var query = new QueryByAttribute("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        query.AddAttributeValue("pj_journeyid", journeyA);
        query.AddAttributeValue("pj_channel", 2);
        Assert.Equal("email", service.RetrieveMultiple(query).Entities.Single()["pj_name"]);
        Assert.NotEqual(journeyA, journeyB);
    }
}
