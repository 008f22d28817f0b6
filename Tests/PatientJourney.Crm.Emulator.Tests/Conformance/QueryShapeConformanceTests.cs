using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Conformance;

/// <summary>
/// Ordering, paging, top count, column sets, link entities and aliased values, as FakeXrmEasy (OrderByTests,
/// RetrieveMultipleTests, QueryLinkEntityTests) and XrmMockup (TestOrderByQueryExpression, TestRetrieveMultiple) assert them.
/// </summary>
public sealed class QueryShapeConformanceTests : ConformanceFixture
{
    private string[] Ordered(string attribute, OrderType type, string? then = null, OrderType thenType = OrderType.Ascending)
    {
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        query.AddOrder(attribute, type);
        if (then != null) query.AddOrder(then, thenType);
        return Names(query);
    }

    [Fact]
    public void Ordering_puts_nulls_first_ascending_and_last_descending_for_every_type()
    {
        // SQL Server sorts null lowest (https://learn.microsoft.com/sql/t-sql/queries/select-order-by-clause-transact-sql).
        Assert.Equal(["delta", "Epsilon", "alpha", "beta", "gamma"], Ordered("pj_waitdays", OrderType.Ascending, "pj_name"));
        Assert.Equal(["beta", "gamma", "alpha", "Epsilon", "delta"], Ordered("pj_waitdays", OrderType.Descending, "pj_name"));
        Assert.Equal(["gamma", "Epsilon", "delta", "alpha", "beta"], Ordered("pj_cost", OrderType.Ascending));
        Assert.Equal(["beta", "alpha", "delta", "Epsilon", "gamma"], Ordered("pj_cost", OrderType.Descending));
        Assert.Equal(["gamma", "alpha", "Epsilon", "delta", "beta"], Ordered("pj_distance", OrderType.Ascending));
        Assert.Equal(["delta", "Epsilon", "alpha", "gamma", "beta"], Ordered("pj_risk", OrderType.Ascending));
        Assert.Equal(["delta", "gamma", "beta", "alpha", "Epsilon"], Ordered("pj_receivedon", OrderType.Ascending));
        // A yes/no column left out on Create holds its default, false, so delta sorts with the false rows.
        Assert.Equal(["beta", "delta", "gamma", "alpha", "Epsilon"], Ordered("pj_urgent", OrderType.Ascending, "pj_name"));
        Assert.Equal(["alpha", "beta", "delta", "Epsilon", "gamma"], Ordered("pj_name", OrderType.Ascending));
    }

    [Fact]
    public void Two_orders_apply_in_turn_and_an_order_column_need_not_be_returned()
    {
        Assert.Equal(["gamma", "beta", "alpha", "Epsilon", "delta"], Ordered("pj_waitdays", OrderType.Descending, "pj_name", OrderType.Descending));
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_code") };
        query.AddOrder("pj_risk", OrderType.Descending);
        var first = Service.RetrieveMultiple(query).Entities[0];
        Assert.Equal("B-2", first["pj_code"]);
        Assert.False(first.Contains("pj_risk"));
    }

    [Fact]
    public void Lookups_order_by_name_and_choices_by_label_with_nulls_first()
    {
        // https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/order-rows; FakeXrmEasy's "entity
        // reference column with null names" case.
        Assert.Equal(["delta", "alpha", "gamma", "beta", "Epsilon"], Ordered("pj_pathwayid", OrderType.Ascending, "pj_name"));
        Assert.Equal(["delta", "gamma", "alpha", "Epsilon", "beta"], Ordered("pj_priority", OrderType.Ascending, "pj_name"));
    }

    [Fact]
    public void Paging_follows_pages_and_cookies_and_counts_the_total_when_asked()
    {
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1, ReturnTotalRecordCount = true } };
        query.AddOrder("pj_name", OrderType.Ascending);
        var seen = new System.Collections.Generic.List<string>();
        while (true)
        {
            var page = Service.RetrieveMultiple(query);
            Assert.Equal(5, page.TotalRecordCount);
            seen.AddRange(page.Entities.Select(e => e.GetAttributeValue<string>("pj_name")));
            if (!page.MoreRecords) break;
            Assert.NotNull(page.PagingCookie);
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
        Assert.Equal(["alpha", "beta", "delta", "Epsilon", "gamma"], seen);
        // A page past the end is empty and has no more records (FakeXrmEasy's TestAskingForEmptyPage).
        query.PageInfo = new PagingInfo { Count = 2, PageNumber = 9 };
        var empty = Service.RetrieveMultiple(query);
        Assert.Empty(empty.Entities);
        Assert.False(empty.MoreRecords);
        // Without ReturnTotalRecordCount the total is -1 (XrmMockup's RetrieveMultipleTotalRecordCountDefault).
        query.PageInfo = new PagingInfo { Count = 2, PageNumber = 1 };
        Assert.Equal(-1, Service.RetrieveMultiple(query).TotalRecordCount);
    }

    [Fact]
    public void Top_count_limits_rows_refuses_paging_and_total_counts_and_stays_within_5000()
    {
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name"), TopCount = 2 };
        query.AddOrder("pj_name", OrderType.Descending);
        Assert.Equal(["gamma", "Epsilon"], Names(query));
        Assert.False(Service.RetrieveMultiple(query).MoreRecords);
        query.PageInfo = new PagingInfo { Count = 1, PageNumber = 1 };
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.RetrieveMultiple(query)).ErrorCode);
        // The fetch element's top: "the maximum value is 5,000" (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/reference/fetch).
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.RetrieveMultiple(new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name"), TopCount = 5001 })).ErrorCode);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Fetch("<fetch top='5001'><entity name='pj_referral'><attribute name='pj_name' /></entity></fetch>")).ErrorCode);
        Assert.Equal(2, Fetch("<fetch top='2'><entity name='pj_referral'><attribute name='pj_name' /></entity></fetch>").Length);
        // "You can't use the QueryExpression.TopCount property together with ReturnTotalRecordCount" (count-rows pages).
        query.PageInfo = new PagingInfo { ReturnTotalRecordCount = true };
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.RetrieveMultiple(query)).ErrorCode);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Fetch("<fetch top='2' returntotalrecordcount='true'><entity name='pj_referral'><attribute name='pj_name' /></entity></fetch>")).ErrorCode);
        var counted = Service.RetrieveMultiple(new FetchExpression("<fetch returntotalrecordcount='true'><entity name='pj_referral'><attribute name='pj_name' /></entity></fetch>"));
        Assert.Equal(5, counted.TotalRecordCount);
    }

    [Fact]
    public void The_total_record_count_stops_at_5000_and_says_when_it_did()
    {
        // "TotalRecordCount: The total number of records up to 5000 … TotalRecordCountLimitExceeded: true if the results
        // of the query exceeds the total record count" (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/count-rows).
        var tags = new EntityCollection { EntityName = "pj_tag" };
        for (var i = 0; i < 5000; i++) tags.Entities.Add(new Entity("pj_tag") { ["pj_name"] = "t" });
        Service.Execute(new Microsoft.Xrm.Sdk.Messages.CreateMultipleRequest { Targets = tags });
        var query = new QueryExpression("pj_tag") { ColumnSet = new ColumnSet(false), PageInfo = new PagingInfo { Count = 10, PageNumber = 1, ReturnTotalRecordCount = true } };
        var exactly = Service.RetrieveMultiple(query);
        Assert.Equal((5000, false), (exactly.TotalRecordCount, exactly.TotalRecordCountLimitExceeded));
        Service.Create(new Entity("pj_tag") { ["pj_name"] = "one more" });
        var beyond = Service.RetrieveMultiple(query);
        Assert.Equal((5000, true), (beyond.TotalRecordCount, beyond.TotalRecordCountLimitExceeded));
        Assert.Equal(10, beyond.Entities.Count);
    }

    [Fact]
    public void Column_sets_return_the_id_alone_the_named_columns_or_all_of_them()
    {
        var none = Service.RetrieveMultiple(new QueryExpression("pj_referral") { ColumnSet = new ColumnSet(false) }).Entities[0];
        Assert.Equal(["pj_referralid"], none.Attributes.Keys.ToArray());
        Assert.NotEqual(Guid.Empty, none.Id);
        var some = Service.RetrieveMultiple(new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name", "pj_cost") }).Entities[0];
        Assert.Equal(["pj_cost", "pj_name", "pj_referralid"], some.Attributes.Keys.Order().ToArray());
        var all = Service.RetrieveMultiple(new QueryExpression("pj_referral") { ColumnSet = new ColumnSet(true) }).Entities[0];
        Assert.Contains("pj_needs", all.Attributes.Keys);
        Assert.Contains("ownerid", all.Attributes.Keys);
        // A null column is left out of the row, not returned as null.
        var delta = Service.Retrieve("pj_referral", Service.RetrieveMultiple(new QueryByAttribute("pj_referral") { ColumnSet = new ColumnSet("pj_name"), Attributes = { "pj_name" }, Values = { "delta" } }).Entities[0].Id, new ColumnSet(true));
        Assert.False(delta.Contains("pj_waitdays"));
    }

    [Fact]
    public void Outer_joins_keep_rows_without_a_match_and_leave_their_aliased_values_out()
    {
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        var link = query.AddLink("pj_carepathway", "pj_pathwayid", "pj_carepathwayid", JoinOperator.LeftOuter);
        link.EntityAlias = "pathway";
        link.Columns = new ColumnSet("pj_name");
        query.AddOrder("pj_name", OrderType.Ascending);
        var rows = Service.RetrieveMultiple(query).Entities;
        Assert.Equal(5, rows.Count);
        var alpha = rows.Single(r => (string)r["pj_name"] == "alpha");
        var aliased = Assert.IsType<AliasedValue>(alpha["pathway.pj_name"]);
        Assert.Equal(("pj_carepathway", "pj_name", "Hip"), (aliased.EntityLogicalName, aliased.AttributeLogicalName, (string)aliased.Value));
        Assert.False(rows.Single(r => (string)r["pj_name"] == "delta").Contains("pathway.pj_name"));
        // The same query as an inner join drops delta; a condition on the alias filters the root rows.
        link.JoinOperator = JoinOperator.Inner;
        Assert.Equal(4, Service.RetrieveMultiple(query).Entities.Count);
        link.JoinOperator = JoinOperator.LeftOuter;
        query.Criteria.AddCondition("pathway", "pj_carepathwayid", ConditionOperator.Null);
        Assert.Equal(["delta"], Names(query));
    }

    [Fact]
    public void Distinct_removes_repeated_rows_from_a_join()
    {
        // FakeXrmEasy's TestThatDistinctWorksWithLinkEntityFields; XrmMockup's RetrieveMultipleWithLinkEntitiesReturnDistinctResults.
        var query = new QueryExpression("pj_carepathway") { ColumnSet = new ColumnSet("pj_name"), Distinct = true };
        query.AddLink("pj_referral", "pj_carepathwayid", "pj_pathwayid");
        Assert.Equal(2, Service.RetrieveMultiple(query).Entities.Count);
        query.Distinct = false;
        Assert.Equal(4, Service.RetrieveMultiple(query).Entities.Count);
    }

    [Fact]
    public void Formatted_values_come_with_choices_lookups_money_and_yes_no()
    {
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_priority", "pj_pathwayid", "pj_urgent", "pj_needs") };
        query.Criteria.AddCondition("pj_name", ConditionOperator.Equal, "alpha");
        var alpha = Service.RetrieveMultiple(query).Entities.Single();
        Assert.Equal("Routine", alpha.FormattedValues["pj_priority"]);
        Assert.Equal("Hip", alpha.FormattedValues["pj_pathwayid"]);
        Assert.Equal("Hip", alpha.GetAttributeValue<EntityReference>("pj_pathwayid").Name);
        Assert.Equal("Yes", alpha.FormattedValues["pj_urgent"]);
        Assert.Equal("1; 2", alpha.FormattedValues["pj_needs"]);
    }
}
