using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests.Query;

/// <summary>Date operators evaluated in the caller's time zone, and date-only and time-zone-independent columns compared as stored.</summary>
public sealed class DateOperatorTimeZoneTests
{
    private static readonly TimeZoneInfo Brisbane = TimeZoneInfo.CreateCustomTimeZone("UTC+10", TimeSpan.FromHours(10), "UTC+10", "UTC+10");
    private readonly DataverseEmulator emulator = new(FormattedValueTests.Schema);
    private readonly IOrganizationService service;

    public DateOperatorTimeZoneTests()
    {
        service = emulator.CreateOrganizationService();
        // 20:00 UTC on 6 January is 06:00 on 7 January in UTC+10.
        emulator.Clock.Set(new DateTime(2025, 1, 6, 20, 0, 0, DateTimeKind.Utc));
        Row("late-6th-utc", entered: new DateTime(2025, 1, 6, 15, 0, 0, DateTimeKind.Utc));  // 7 Jan 01:00 in UTC+10
        Row("noon-6th-utc", entered: new DateTime(2025, 1, 6, 12, 0, 0, DateTimeKind.Utc));  // 6 Jan 22:00 in UTC+10
        Row("5th-utc", entered: new DateTime(2025, 1, 5, 12, 0, 0, DateTimeKind.Utc));       // 5 Jan 22:00 in UTC+10
        Row("birthday-7th", birthday: new DateTime(2025, 1, 7));
        Row("clinic-7th-5am", clinic: new DateTime(2025, 1, 7, 5, 0, 0));
    }

    private void Row(string name, DateTime? entered = null, DateTime? birthday = null, DateTime? clinic = null) => service.Create(new Entity("pj_journey")
    {
        ["pj_name"] = name, ["pj_stageenteredon"] = entered, ["pj_birthday"] = birthday, ["pj_clinicopens"] = clinic,
    });

    private string[] Where(string column, ConditionOperator op, params object[] values)
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition(column, op, values);
        return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).Order().ToArray();
    }

    [Fact]
    public void Today_and_yesterday_are_the_callers_days()
    {
        Assert.Equal(["late-6th-utc", "noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.Today));
        emulator.SetTimeZone(emulator.CallerId, Brisbane);
        Assert.Equal(["late-6th-utc"], Where("pj_stageenteredon", ConditionOperator.Today));
        Assert.Equal(["noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.Yesterday));
        Assert.Empty(Where("pj_stageenteredon", ConditionOperator.Tomorrow));
        Assert.Equal(["5th-utc", "noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.OlderThanXHours, 7));
        Assert.Equal(["late-6th-utc", "noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.LastXDays, 1));
        Assert.Equal(["late-6th-utc"], Where("pj_stageenteredon", ConditionOperator.On, new DateTime(2025, 1, 7)));
        Assert.Equal(["5th-utc", "noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.OnOrBefore, new DateTime(2025, 1, 6)));
        Assert.Equal(["late-6th-utc", "noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.OnOrAfter, "2025-01-06"));
    }

    [Fact]
    public void Date_only_and_time_zone_independent_values_are_compared_as_stored()
    {
        Assert.Empty(Where("pj_birthday", ConditionOperator.Today));
        Assert.Equal(["birthday-7th"], Where("pj_birthday", ConditionOperator.Tomorrow));
        emulator.SetTimeZone(emulator.CallerId, Brisbane);
        Assert.Equal(["birthday-7th"], Where("pj_birthday", ConditionOperator.Today));
        Assert.Equal(["clinic-7th-5am"], Where("pj_clinicopens", ConditionOperator.Today));
        Assert.Equal(["clinic-7th-5am"], Where("pj_clinicopens", ConditionOperator.LastXHours, 2));
    }

    [Fact]
    public void Writes_store_user_local_times_in_utc_date_only_values_as_dates_and_independent_ones_as_given()
    {
        emulator.SetTimeZone(emulator.CallerId, Brisbane);
        var id = service.Create(new Entity("pj_journey")
        {
            ["pj_name"] = "written", ["pj_stageenteredon"] = new DateTime(2025, 1, 7, 9, 0, 0), ["pj_birthday"] = new DateTime(1990, 12, 10, 15, 45, 0),
            ["pj_clinicopens"] = new DateTime(2025, 1, 7, 8, 0, 0),
        });
        var stored = emulator.Rows("pj_journey").Single(r => r.Id == id);
        Assert.Equal(new DateTime(2025, 1, 6, 23, 0, 0), stored.GetAttributeValue<DateTime>("pj_stageenteredon"));
        Assert.Equal(DateTimeKind.Utc, stored.GetAttributeValue<DateTime>("pj_stageenteredon").Kind);
        Assert.Equal(new DateTime(1990, 12, 10), stored.GetAttributeValue<DateTime>("pj_birthday"));
        Assert.Equal(new DateTime(2025, 1, 7, 8, 0, 0), stored.GetAttributeValue<DateTime>("pj_clinicopens"));
        service.Update(new Entity("pj_journey", id) { ["pj_stageenteredon"] = new DateTime(2025, 1, 8, 9, 0, 0, DateTimeKind.Utc) });
        Assert.Equal(new DateTime(2025, 1, 8, 9, 0, 0), emulator.Rows("pj_journey").Single(r => r.Id == id).GetAttributeValue<DateTime>("pj_stageenteredon"));
    }

    [Fact]
    public void Months_turn_at_the_callers_midnight_in_queries_and_fetch()
    {
        emulator.Clock.Set(new DateTime(2025, 1, 31, 20, 0, 0, DateTimeKind.Utc)); // 1 February 06:00 in UTC+10
        Row("31st-late", entered: new DateTime(2025, 1, 31, 15, 0, 0, DateTimeKind.Utc));
        emulator.SetTimeZone(emulator.CallerId, Brisbane);
        Assert.Equal(["31st-late"], Where("pj_stageenteredon", ConditionOperator.ThisMonth));
        Assert.Equal(["5th-utc", "late-6th-utc", "noon-6th-utc"], Where("pj_stageenteredon", ConditionOperator.LastMonth));
        var fetched = service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='pj_journey'><attribute name='pj_name' /><filter><condition attribute='pj_stageenteredon' operator='this-month' /></filter></entity></fetch>"));
        Assert.Equal("31st-late", fetched.Entities.Single().GetAttributeValue<string>("pj_name"));
    }
}
