using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using PatientJourney.Crm.Domain.Timeline;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Timeline;

public class PatientTimelineTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private static TimelineEntry Entry(TimelineEntryKind kind, DateTime start, DateTime? end = null, bool open = false, Guid? id = null) =>
        new(kind, "pj_table", id ?? Guid.NewGuid(), start) { End = end, IsOpen = open };

    [Fact]
    public void Entries_are_ordered_by_start_then_kind_then_id()
    {
        var touchpoint = Entry(TimelineEntryKind.Touchpoint, Now);
        var journey = Entry(TimelineEntryKind.Journey, Now, open: true);
        var visit = Entry(TimelineEntryKind.StageVisit, Now, open: true);
        var referral = Entry(TimelineEntryKind.Referral, Now.AddDays(-3));
        var a = Entry(TimelineEntryKind.Appointment, Now.AddDays(2), id: new Guid("00000000-0000-0000-0000-000000000002"));
        var b = Entry(TimelineEntryKind.Appointment, Now.AddDays(2), id: new Guid("00000000-0000-0000-0000-000000000001"));

        var ordered = PatientTimeline.Arrange(new[] { a, touchpoint, b, visit, journey, referral }, null, null);

        Assert.Equal(new[] { referral, journey, visit, touchpoint, b, a }, ordered);
    }

    [Fact]
    public void The_window_keeps_entries_whose_span_touches_it()
    {
        var before = Entry(TimelineEntryKind.Touchpoint, Now.AddDays(-10));
        var spanningIn = Entry(TimelineEntryKind.StageVisit, Now.AddDays(-10), Now.AddDays(-4));
        var stillOpen = Entry(TimelineEntryKind.Journey, Now.AddDays(-30), open: true);
        var onTheEdge = Entry(TimelineEntryKind.Touchpoint, Now.AddDays(-5));
        var inside = Entry(TimelineEntryKind.Appointment, Now, Now.AddHours(1));
        var after = Entry(TimelineEntryKind.Touchpoint, Now.AddDays(1).AddSeconds(1));
        var closedBefore = Entry(TimelineEntryKind.Referral, Now.AddDays(-20), Now.AddDays(-6));

        var kept = PatientTimeline.Arrange(new[] { before, spanningIn, stillOpen, onTheEdge, inside, after, closedBefore }, Now.AddDays(-5), Now.AddDays(1));

        Assert.Equal(new[] { stillOpen, spanningIn, onTheEdge, inside }, kept);
    }

    [Fact]
    public void Either_end_of_the_window_may_be_left_open()
    {
        var old = Entry(TimelineEntryKind.Touchpoint, Now.AddYears(-2));
        var recent = Entry(TimelineEntryKind.Touchpoint, Now);

        Assert.Equal(new[] { recent }, PatientTimeline.Arrange(new[] { old, recent }, Now.AddDays(-1), null));
        Assert.Equal(new[] { old }, PatientTimeline.Arrange(new[] { old, recent }, null, Now.AddDays(-1)));
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused()
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => PatientTimeline.Arrange(Array.Empty<TimelineEntry>(), Now, Now.AddDays(-1)));

        Assert.Contains("From must not be later than its To", error.Message);
    }

    [Fact]
    public void The_json_is_an_array_of_entries_with_the_documented_shape()
    {
        var journeyId = Guid.NewGuid();
        var entry = new TimelineEntry(TimelineEntryKind.StageVisit, "pj_journeystagehistory", Guid.NewGuid(), Now)
        {
            End = Now.AddHours(36), Title = "Assessment", JourneyId = journeyId, Overdue = true,
        }.With("durationHours", 36.5m).With("stageId", journeyId).With("sequence", 20).With("note", null).With("exitedOn", Now.AddHours(36));

        using var json = JsonDocument.Parse(PatientTimeline.ToJson(new[] { entry }));

        var item = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("stageVisit", item.GetProperty("kind").GetString());
        Assert.Equal("pj_journeystagehistory", item.GetProperty("table").GetString());
        Assert.Equal(entry.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("2026-11-26T09:00:00Z", item.GetProperty("start").GetString());
        Assert.Equal("2026-11-27T21:00:00Z", item.GetProperty("end").GetString());
        Assert.False(item.GetProperty("open").GetBoolean());
        Assert.Equal("Assessment", item.GetProperty("title").GetString());
        Assert.Equal(journeyId, item.GetProperty("journeyId").GetGuid());
        Assert.True(item.GetProperty("overdue").GetBoolean());
        Assert.Equal(36.5m, item.GetProperty("durationHours").GetDecimal());
        Assert.Equal(20, item.GetProperty("sequence").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("note").ValueKind);
        Assert.Equal(new[] { "kind", "table", "id", "start", "end", "open", "title", "journeyId", "overdue", "durationHours", "stageId", "sequence", "note", "exitedOn" },
            item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void No_entries_make_an_empty_array_and_missing_values_are_null()
    {
        Assert.Equal("[]", PatientTimeline.ToJson(Array.Empty<TimelineEntry>()));
        using var json = JsonDocument.Parse(PatientTimeline.ToJson(new[] { Entry(TimelineEntryKind.Touchpoint, Now) }));
        var item = json.RootElement[0];
        Assert.Equal(JsonValueKind.Null, item.GetProperty("end").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("journeyId").ValueKind);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"")]
    [InlineData("line\nbreak\r\ttab\b\f", "\"line\\nbreak\\r\\ttab\\b\\f\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("</script><b>&'", "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u0027\"")]
    [InlineData("a\u2028b\u2029", "\"a\\u2028b\\u2029\"")]
    [InlineData("Zoë – 😀", "\"Zoë – 😀\"")]
    public void Text_is_escaped(string text, string expected)
    {
        var json = new StringBuilder();
        JsonText.WriteString(json, text);

        Assert.Equal(expected, json.ToString());
        Assert.Equal(text, JsonDocument.Parse(json.ToString()).RootElement.GetString());
    }

    [Fact]
    public void Unpaired_surrogates_are_escaped_so_the_text_stays_valid()
    {
        var json = new StringBuilder();
        JsonText.WriteString(json, "x\ud800y\udc00");

        Assert.Equal("\"x\\ud800y\\udc00\"", json.ToString());
        Assert.True(Encoding.UTF8.GetByteCount(json.ToString()) == json.Length);
    }

    [Fact]
    public void Instants_are_written_in_utc_and_unspecified_ones_are_taken_as_utc()
    {
        Assert.Equal("2026-11-26T09:00:00Z", JsonText.FormatInstant(new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal("2026-11-26T09:00:00Z", JsonText.FormatInstant(new DateTime(2026, 11, 26, 9, 0, 0, 999, DateTimeKind.Utc)));
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var json = new StringBuilder();
            JsonText.WriteValue(json, 1234.5m);
            json.Append(',');
            JsonText.WriteValue(json, 0.25d);
            Assert.Equal("1234.5,0.25", json.ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Values_of_other_types_are_refused()
    {
        Assert.Throws<ArgumentException>(() => JsonText.WriteValue(new StringBuilder(), new object()));
    }
}
