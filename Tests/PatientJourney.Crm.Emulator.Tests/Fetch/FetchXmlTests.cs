using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Fetch;

public sealed class FetchXmlTests
{
    private readonly DataverseEmulator emulator = NewEmulator();
    private readonly IOrganizationService service;
    private readonly Guid alpha;

    public FetchXmlTests()
    {
        service = emulator.CreateOrganizationService();
        alpha = service.NewJourney("Alpha");
        var beta = service.NewJourney("Beta");
        var jan = new DateTime(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        var feb = new DateTime(2025, 2, 10, 0, 0, 0, DateTimeKind.Utc);
        (Guid Journey, int Sentiment, DateTime On)[] rows = [(alpha, 4, jan), (alpha, 2, feb), (alpha, 3, feb), (beta, 5, jan)];
        foreach (var (journey, sentiment, on) in rows)
        {
            service.Create(new Entity("pj_touchpoint")
            {
                ["pj_name"] = "t" + sentiment, ["pj_sentiment"] = sentiment, ["pj_occurredon"] = on,
                ["pj_journeyid"] = new EntityReference("pj_journey", journey), ["pj_channel"] = new OptionSetValue(sentiment % 2 + 1),
            });
        }
    }

    private DataCollection<Entity> Fetch(string xml) => service.RetrieveMultiple(new FetchExpression(xml)).Entities;

    [Fact]
    public void Filters_links_orders_and_top()
    {
        var rows = Fetch($"""
            <fetch top="2">
              <entity name="pj_touchpoint">
                <attribute name="pj_name" />
                <order attribute="pj_sentiment" descending="true" />
                <filter type="and">
                  <condition attribute="pj_sentiment" operator="ge" value="3" />
                  <condition attribute="pj_channel" operator="in"><value>1</value><value>2</value></condition>
                </filter>
                <link-entity name="pj_journey" from="pj_journeyid" to="pj_journeyid" alias="j">
                  <attribute name="pj_name" />
                  <filter><condition attribute="pj_journeyid" operator="eq" value="{alpha}" /></filter>
                </link-entity>
              </entity>
            </fetch>
            """);
        Assert.Equal(["t4", "t3"], rows.Select(r => (string)r["pj_name"]));
        Assert.Equal("Alpha", ((AliasedValue)rows[0]["j.pj_name"]).Value);
    }

    [Fact]
    public void Count_and_page_return_pages()
    {
        const string Page = """<fetch count="3" page="{0}"><entity name="pj_touchpoint"><attribute name="pj_name" /><order attribute="pj_name" /></entity></fetch>""";
        var first = service.RetrieveMultiple(new FetchExpression(string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, 1)));
        Assert.Equal(["t2", "t3", "t4"], first.Entities.Select(r => (string)r["pj_name"]));
        Assert.True(first.MoreRecords);
        Assert.Equal(["t5"], Fetch(string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, 2)).Select(r => (string)r["pj_name"]));
    }

    [Fact]
    public void Aggregates_with_groupby_on_a_link()
    {
        var rows = Fetch("""
            <fetch aggregate="true">
              <entity name="pj_touchpoint">
                <attribute name="pj_touchpointid" alias="n" aggregate="count" />
                <attribute name="pj_sentiment" alias="total" aggregate="sum" />
                <attribute name="pj_sentiment" alias="mean" aggregate="avg" />
                <attribute name="pj_sentiment" alias="low" aggregate="min" />
                <attribute name="pj_sentiment" alias="high" aggregate="max" />
                <attribute name="pj_channel" alias="channels" aggregate="countcolumn" distinct="true" />
                <link-entity name="pj_journey" from="pj_journeyid" to="pj_journeyid" alias="j">
                  <attribute name="pj_name" alias="journey" groupby="true" />
                </link-entity>
                <order alias="journey" />
              </entity>
            </fetch>
            """);
        Assert.Equal(2, rows.Count);
        object Value(Entity e, string alias) => ((AliasedValue)e[alias]).Value;
        Assert.Equal(("Alpha", 3, 9, 3m, 2, 4, 2), ((string)Value(rows[0], "journey"), (int)Value(rows[0], "n"), (int)Value(rows[0], "total"), (decimal)Value(rows[0], "mean"), (int)Value(rows[0], "low"), (int)Value(rows[0], "high"), (int)Value(rows[0], "channels")));
        Assert.Equal(("Beta", 1, 5), ((string)Value(rows[1], "journey"), (int)Value(rows[1], "n"), (int)Value(rows[1], "total")));
    }

    [Fact]
    public void Aggregates_group_by_date()
    {
        var rows = Fetch("""
            <fetch aggregate="true">
              <entity name="pj_touchpoint">
                <attribute name="pj_occurredon" alias="month" groupby="true" dategrouping="month" />
                <attribute name="pj_touchpointid" alias="n" aggregate="count" />
                <order alias="month" descending="true" />
              </entity>
            </fetch>
            """);
        Assert.Equal([(2, 2), (1, 2)], rows.Select(r => ((int)((AliasedValue)r["month"]).Value, (int)((AliasedValue)r["n"]).Value)));
    }

    [Fact]
    public void Unsupported_fetch_parts_fail_by_name()
    {
        Assert.Contains("not-a-real-op", Fault(() => Fetch("""<fetch><entity name="pj_touchpoint"><filter><condition attribute="pj_name" operator="not-a-real-op" value="x" /></filter></entity></fetch>""")).Message);
        Assert.Contains("median", Fault(() => Fetch("""<fetch aggregate="true"><entity name="pj_touchpoint"><attribute name="pj_sentiment" alias="m" aggregate="median" /></entity></fetch>""")).Message);
        Assert.Contains("pj_missing", Fault(() => Fetch("""<fetch><entity name="pj_touchpoint"><attribute name="pj_missing" /></entity></fetch>""")).Message);
    }
}
