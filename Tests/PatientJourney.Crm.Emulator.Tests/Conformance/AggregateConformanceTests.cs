using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Conformance;

/// <summary>
/// FetchXML aggregates as FakeXrmEasy's AggregateTests assert them, held to "Aggregate data using FetchXml"
/// (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data).
/// </summary>
public sealed class AggregateConformanceTests : ConformanceFixture
{
    private Entity[] Aggregate(string body, string fetchAttributes = "") =>
        Service.RetrieveMultiple(new FetchExpression($"<fetch aggregate='true' {fetchAttributes}><entity name='pj_referral'>{body}</entity></fetch>")).Entities.ToArray();

    private static object? Value(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias)?.Value;

    [Fact]
    public void Aggregates_leave_nulls_out_and_count_distinct_values()
    {
        var row = Aggregate("""
            <attribute name='pj_waitdays' alias='count' aggregate='count' />
            <attribute name='pj_waitdays' alias='column' aggregate='countcolumn' />
            <attribute name='pj_waitdays' alias='distinct' aggregate='countcolumn' distinct='true' />
            <attribute name='pj_waitdays' alias='sum' aggregate='sum' />
            <attribute name='pj_waitdays' alias='min' aggregate='min' />
            <attribute name='pj_waitdays' alias='max' aggregate='max' />
            <attribute name='pj_cost' alias='money' aggregate='sum' />
            <attribute name='pj_cost' alias='avgmoney' aggregate='avg' />
            <attribute name='pj_receivedon' alias='first' aggregate='min' />
            """).Single();
        Assert.Equal(5, Value(row, "count"));
        Assert.Equal(4, Value(row, "column"));
        Assert.Equal(3, Value(row, "distinct"));
        Assert.Equal(24, Value(row, "sum"));
        Assert.Equal(1, Value(row, "min"));
        Assert.Equal(10, Value(row, "max"));
        Assert.Equal(410m, Assert.IsType<Money>(Value(row, "money")).Value);
        Assert.Equal(102.5m, Assert.IsType<Money>(Value(row, "avgmoney")).Value);
        Assert.Equal(Now.AddDays(-40), Value(row, "first"));
    }

    [Fact]
    public void Group_by_makes_a_row_per_value_including_null_and_orders_by_alias()
    {
        var rows = Aggregate("""
            <attribute name='pj_pathwayid' alias='pathway' groupby='true' />
            <attribute name='pj_referralid' alias='count' aggregate='count' />
            <attribute name='pj_cost' alias='cost' aggregate='sum' />
            <order alias='count' descending='true' />
            """);
        Assert.Equal(3, rows.Length);
        Assert.Equal([2, 2, 1], rows.Select(r => (int)Value(r, "count")!).ToArray());
        var none = rows.Single(r => !r.Contains("pathway"));
        Assert.Equal(50m, ((Money)Value(none, "cost")!).Value);
        var hip = rows.Single(r => r.Contains("pathway") && ((EntityReference)Value(r, "pathway")!).Id == Hip);
        Assert.Equal(100m, ((Money)Value(hip, "cost")!).Value);
    }

    [Fact]
    public void Date_grouping_by_week_counts_weeks_from_sunday_as_sql_servers_datepart()
    {
        // The page's example groups 2023-08-27 (a Sunday) into week 35 and 2023-03-25 into week 12: SQL Server's
        // DATEPART(week), where week 1 holds January 1st and weeks start on Sunday (ISO 8601 would say 34 and 12).
        Referral("sunday", "S-1", 1, null, null, null, null, new DateTime(2023, 8, 27, 12, 0, 0, DateTimeKind.Utc), null, null, null);
        Referral("saturday", "S-2", 1, null, null, null, null, new DateTime(2023, 3, 25, 12, 0, 0, DateTimeKind.Utc), null, null, null);
        var rows = Aggregate("""
            <attribute name='pj_receivedon' alias='week' groupby='true' dategrouping='week' />
            <attribute name='pj_receivedon' alias='year' groupby='true' dategrouping='year' />
            <attribute name='pj_receivedon' alias='quarter' groupby='true' dategrouping='quarter' />
            <attribute name='pj_referralid' alias='count' aggregate='count' />
            <filter><condition attribute='pj_code' operator='like' value='S-%' /></filter>
            <order alias='week' />
            """);
        Assert.Equal([12, 35], rows.Select(r => (int)Value(r, "week")!).ToArray());
        Assert.Equal([2023, 2023], rows.Select(r => (int)Value(r, "year")!).ToArray());
        Assert.Equal([1, 3], rows.Select(r => (int)Value(r, "quarter")!).ToArray());
        // January 1st is in week 1 even when it is a Saturday; the next day starts week 2.
        Referral("newyear", "S-3", 1, null, null, null, null, new DateTime(2022, 1, 1, 12, 0, 0, DateTimeKind.Utc), null, null, null);
        Referral("newyear2", "S-4", 1, null, null, null, null, new DateTime(2022, 1, 2, 12, 0, 0, DateTimeKind.Utc), null, null, null);
        var january = Aggregate("""
            <attribute name='pj_receivedon' alias='week' groupby='true' dategrouping='week' />
            <attribute name='pj_referralid' alias='count' aggregate='count' />
            <filter><condition attribute='pj_code' operator='in'><value>S-3</value><value>S-4</value></condition></filter>
            <order alias='week' />
            """);
        Assert.Equal([1, 2], january.Select(r => (int)Value(r, "week")!).ToArray());
    }

    [Fact]
    public void No_rows_without_group_by_still_give_one_row()
    {
        var row = Aggregate("""
            <attribute name='pj_referralid' alias='count' aggregate='count' />
            <attribute name='pj_waitdays' alias='avg' aggregate='avg' />
            <filter><condition attribute='pj_name' operator='eq' value='nobody' /></filter>
            """).Single();
        Assert.Equal(0, Value(row, "count"));
        Assert.True(row.Contains("avg"));
        Assert.Null(Value(row, "avg"));
    }

    [Fact]
    public void Aggregates_stop_at_the_record_limit()
    {
        // "Queries that return aggregate values are limited to 50,000 records … 8004E023 AggregateQueryRecordLimit
        // exceeded. Cannot perform this operation." and aggregatelimit lowers the limit for one query (same page).
        var fault = Fault(() => Aggregate("<attribute name='pj_referralid' alias='count' aggregate='count' />", "aggregatelimit='4'"));
        Assert.Equal(unchecked((int)0x8004E023), fault.ErrorCode);
        Assert.Equal("AggregateQueryRecordLimit exceeded. Cannot perform this operation.", fault.Message);
        Assert.Equal(5, Value(Aggregate("<attribute name='pj_referralid' alias='count' aggregate='count' />", "aggregatelimit='5'").Single(), "count"));
        // "The per query limit can't exceed default aggregate limit."
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Aggregate("<attribute name='pj_referralid' alias='count' aggregate='count' />", "aggregatelimit='50001'")).ErrorCode);
    }
}
