using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.JourneyMap.Engine;

namespace PatientJourney.Crm.JourneyMap.Report;

/// <summary>A month's NPS and no-show counts, for the trend charts (not part of metrics.json).</summary>
public sealed record MonthTrend(string Month, int Responses, int Promoters, int Detractors, int NoShows, int CameDue);

/// <summary>
/// journey-map.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) drawn from the metrics
/// model. Every chart carries its numbers as text and tells series apart by pattern and marker shape, so it reads
/// printed in black and white.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<MonthTrend> Trends(ResultSets results)
    {
        var nps = results["npsByMonth"].ToDictionary(r => r.Text("month"));
        var noShow = results["noShowByMonth"].ToDictionary(r => r.Text("month"));
        return nps.Keys.Union(noShow.Keys).OrderBy(m => m, StringComparer.Ordinal).Select(m => new MonthTrend(m,
            nps.TryGetValue(m, out var n) ? n.Int("responses") : 0, n?.Int("promoters") ?? 0, n?.Int("detractors") ?? 0,
            noShow.TryGetValue(m, out var a) ? a.Int("no_shows") : 0, a?.Int("came_due") ?? 0)).ToList();
    }

    public static string Write(JourneyMetrics metrics, IReadOnlyList<MonthTrend> trends, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        // Markers and the hatch pattern every chart shares (ids are global across a page's inline SVGs).
        html.Append("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>")
            .Append("<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#111\"/></marker>")
            .Append("<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#111\" stroke-width=\"2\"/></pattern>")
            .Append("</defs></svg>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        html.Append("<p class=\"scope\">").Append(E(Scope(metrics))).Append("</p>");
        Section(html, "kpis", "Key indicators", () => Kpis(html, metrics));
        Section(html, "stage-map", "Stage map", () => StageMapSvg(html, metrics.StageMap));
        Section(html, "variants", "Variants", () => Variants(html, metrics.Variants));
        Section(html, "durations", "Time in stage against target", () => Durations(html, metrics));
        Section(html, "funnel", "Funnel", () => Funnel(html, metrics.Funnel));
        Section(html, "trends", "NPS and no-shows by month", () => TrendCharts(html, trends));
        Section(html, "pain-points", "Pain points by stage", () => PainPoints(html, metrics.Kpis.PainPoints));
        html.Append("</body></html>");
        return html.ToString();
    }

    private const string Css =
        "body{font-family:system-ui,sans-serif;margin:24px;color:#111;max-width:1200px}h1{font-size:22px}h2{font-size:17px;border-bottom:2px solid #111;padding-bottom:2px;margin-top:28px}" +
        "table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #888;padding:3px 6px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}" +
        ".kpi{display:inline-block;border:1px solid #111;padding:6px 10px;margin:4px;min-width:150px;vertical-align:top}.kpi b{display:block;font-size:20px}.kpi small{color:#333}" +
        ".side{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}svg text{font-size:11px;fill:#111}.scope{color:#333}section{page-break-inside:avoid}@media print{body{margin:0}h2{break-after:avoid}}";

    private static void Section(StringBuilder html, string id, string heading, Action body)
    {
        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(heading)).Append("</h2>");
        body();
        html.Append("</section>");
    }

    private static string Scope(JourneyMetrics m)
    {
        var parts = new List<string> { m.Filter.PathwayId is { } p ? "pathway " + p.ToString("D") : "all pathways" };
        if (m.Filter.From is { } f) parts.Add("from " + f.ToString("yyyy-MM-dd HH:mm'Z'", Invariant));
        if (m.Filter.To is { } t) parts.Add("to " + t.ToString("yyyy-MM-dd HH:mm'Z'", Invariant));
        parts.Add($"{m.Totals.Journeys:N0} journeys, {m.Totals.StageVisits:N0} stage visits, {m.Totals.Patients:N0} patients");
        return string.Join(" · ", parts);
    }

    // ---- KPIs -------------------------------------------------------------------------------------------------------

    private static void Kpis(StringBuilder html, JourneyMetrics m)
    {
        var k = m.Kpis;
        html.Append("<div class=\"kpis\">");
        Card(html, "NPS", k.Nps.Score is { } s ? Round(s, 1).ToString("0.0", Invariant) : "–",
            $"{k.Nps.Promoters} promoters − {k.Nps.Detractors} detractors of {k.Nps.Responses} responses");
        RatioCard(html, "Top-box (9–10)", k.TopBox, "responses");
        RatioCard(html, "No-show rate", k.NoShowRate, "appointments that came due");
        RatioCard(html, "Referrals accepted", k.ReferralConversion.Accepted, "referrals submitted");
        RatioCard(html, "Referral SLA met", k.ReferralSlaAttainment, "referrals answered");
        RatioCard(html, "30-day readmission", k.Readmission30Day, "discharges with a closed window");
        RatioCard(html, "Follow-up retention", k.FollowUpRetention, "patients discharged");
        RatioCard(html, "Follow-ups completed", k.FollowUpCompletion, "follow-ups that came due");
        RatioCard(html, "Messages suppressed", k.FollowUpSuppressed, "message follow-ups");
        RatioCard(html, "Stage visits overdue", k.StageEfficiency.Overdue, "closed stage visits");
        Card(html, "Touchpoints per journey", k.Engagement.TouchpointsPerJourney.Value is { } v ? Round(v, 2).ToString("0.00", Invariant) : "–",
            $"{k.Engagement.TouchpointsPerJourney.Numerator} touchpoints ÷ {k.Engagement.TouchpointsPerJourney.Denominator} journeys");
        Card(html, "New patients", k.NewPatients.ToString("N0", Invariant), "first journey in the period");
        Card(html, "Median journey", Hours(m.Durations.Journeys.MedianHours), $"{m.Durations.Journeys.Count} completed journeys; p90 {Hours(m.Durations.Journeys.P90Hours)}");
        Card(html, "Median first response", Hours(m.Durations.ReferralFirstResponse.MedianBusinessHours) + " business",
            $"{Hours(m.Durations.ReferralFirstResponse.MedianCalendarHours)} calendar; {m.Durations.ReferralFirstResponse.Count} referrals");
        html.Append("</div>");

        html.Append("<div class=\"side\"><table><caption>Referrals by source</caption><tr><th>Source</th><th>Referrals</th></tr>");
        foreach (var source in k.ReferralsBySource) html.Append("<tr><td>").Append(E(source.Source)).Append("</td><td class=\"n\">").Append(source.Referrals).Append("</td></tr>");
        html.Append("</table><table><caption>Touchpoints by channel</caption><tr><th>Channel</th><th>Direction</th><th>Touchpoints</th></tr>");
        foreach (var c in k.Engagement.ByChannel)
        {
            html.Append("<tr><td>").Append(E(JourneyMetricsJson.ChoiceName(c.Channel))).Append("</td><td>").Append(E(JourneyMetricsJson.ChoiceName(c.Direction)))
                .Append("</td><td class=\"n\">").Append(c.Touchpoints).Append("</td></tr>");
        }
        html.Append("</table></div>");
    }

    private static void Card(StringBuilder html, string label, string value, string basis) =>
        html.Append("<div class=\"kpi\"><small>").Append(E(label)).Append("</small><b>").Append(E(value)).Append("</b><small>").Append(E(basis)).Append("</small></div>");

    private static void RatioCard(StringBuilder html, string label, Ratio ratio, string denominator) =>
        Card(html, label, Percent(ratio.Value), $"{ratio.Numerator} of {ratio.Denominator} {denominator}");

    // ---- the stage map ----------------------------------------------------------------------------------------------

    private static void StageMapSvg(StringBuilder html, StageMap map)
    {
        if (map.Nodes.Count == 0)
        {
            html.Append("<p>No stage visits in scope.</p>");
            return;
        }
        // Columns by sequence; rows by connected part of the graph (a pathway), so pathways that share sequence
        // numbers lie on rows of their own; stages of one part with the same sequence are stacked.
        var columns = map.Nodes.Select(n => n.Sequence).Distinct().OrderBy(s => s).ToList();
        const int columnWidth = 250, rowHeight = 130, top = 150, left = 20;
        var part = map.Nodes.ToDictionary(n => n.StageId, n => n.StageId);
        Guid Root(Guid id) => part[id] == id ? id : part[id] = Root(part[id]);
        foreach (var edge in map.Edges) part[Root(edge.FromStageId)] = Root(edge.ToStageId);
        var position = new Dictionary<Guid, (double X, double Y)>();
        var rows = 0;
        foreach (var component in map.Nodes.GroupBy(n => Root(n.StageId)))
        {
            var depth = 0;
            foreach (var group in component.GroupBy(n => n.Sequence))
            {
                var i = 0;
                foreach (var node in group) position[node.StageId] = (left + columns.IndexOf(group.Key) * columnWidth + 90, top + (rows + i++) * rowHeight);
                depth = Math.Max(depth, i);
            }
            rows += depth;
        }
        var maxVisits = map.Nodes.Max(n => n.Visits);
        var maxFrequency = map.Edges.Count == 0 ? 1 : map.Edges.Max(e => e.Frequency);
        var width = Math.Max(700, left * 2 + columns.Count * columnWidth);
        var size = map.Nodes.ToDictionary(n => n.StageId, n =>
        {
            var scale = Math.Sqrt((double)n.Visits / maxVisits);
            return (W: Math.Max(120 + 50 * scale, 7.0 * n.Stage.Length + 16), H: 40 + 16 * scale);
        });
        var height = top + rows * rowHeight + 40;

        html.Append("<p>Boxes: stages, larger for more visits. Solid arrows: moves forward; dashed arrows above: rework (back to an earlier stage); thicker for more moves; labels: moves × median hours. Hatched bar under a stage: its drop-off share.</p>");
        html.Append(Invariant, $"<svg id=\"stage-map-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Stage map\">");

        foreach (var edge in map.Edges)
        {
            var (x1, y1) = position[edge.FromStageId];
            var (x2, y2) = position[edge.ToStageId];
            var stroke = 1 + 5.0 * edge.Frequency / maxFrequency;
            double cx, cy;
            if (edge.IsRework || x2 <= x1)
            {
                var lift = Math.Min(90, 40 + Math.Abs(x1 - x2) / 6);
                cx = (x1 + x2) / 2; cy = Math.Min(y1, y2) - 30 - lift;
            }
            else
            {
                cx = (x1 + x2) / 2; cy = (y1 + y2) / 2 + (y1 == y2 ? 0 : 10);
            }
            var (sx, sy) = Border(x1, y1, size[edge.FromStageId], cx, cy);
            var (ex, ey) = Border(x2, y2, size[edge.ToStageId], cx, cy);
            var label = $"{edge.Frequency}× · {Hours(edge.MedianHours)}";
            html.Append(Invariant, $"<g class=\"edge{(edge.IsRework ? " rework" : string.Empty)}\" data-from=\"{edge.FromStageId:D}\" data-to=\"{edge.ToStageId:D}\" data-frequency=\"{edge.Frequency}\">");
            html.Append(Invariant, $"<title>{E(edge.From)} → {E(edge.To)}: {edge.Frequency} moves in {edge.CaseFrequency} journeys, mean {Hours(edge.MeanHours)}, median {Hours(edge.MedianHours)}</title>");
            html.Append(Invariant, $"<path d=\"M{sx:0.#},{sy:0.#} Q{cx:0.#},{cy:0.#} {ex:0.#},{ey:0.#}\" fill=\"none\" stroke=\"#111\" stroke-width=\"{stroke:0.#}\"{(edge.IsRework ? " stroke-dasharray=\"6 4\"" : string.Empty)} marker-end=\"url(#arrow)\"/>");
            var lx = (sx + 2 * cx + ex) / 4;
            var ly = (sy + 2 * cy + ey) / 4 - 6 - stroke / 2;
            html.Append(Invariant, $"<text x=\"{lx:0.#}\" y=\"{ly:0.#}\" text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">{E(label)}</text></g>");
        }

        foreach (var node in map.Nodes)
        {
            var (x, y) = position[node.StageId];
            var (w, h) = size[node.StageId];
            var drop = node.DropOff.Value ?? 0m;
            html.Append(Invariant, $"<g class=\"node\" data-stage-id=\"{node.StageId:D}\" data-visits=\"{node.Visits}\">");
            html.Append(Invariant, $"<title>{E(node.Stage)}: {node.Visits} visits by {node.Journeys} journeys; rework {node.Rework}; drop-off {node.DropOff.Numerator} of {node.DropOff.Denominator}</title>");
            html.Append(Invariant, $"<rect x=\"{x - w / 2:0.#}\" y=\"{y - h / 2:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" rx=\"6\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"2\"/>");
            html.Append(Invariant, $"<text x=\"{x:0.#}\" y=\"{y - 3:0.#}\" text-anchor=\"middle\" font-weight=\"bold\">{E(node.Stage)}</text>");
            html.Append(Invariant, $"<text x=\"{x:0.#}\" y=\"{y + 11:0.#}\" text-anchor=\"middle\">{node.Visits} visits · rework {node.Rework}</text>");
            html.Append(Invariant, $"<rect x=\"{x - w / 2:0.#}\" y=\"{y + h / 2 + 3:0.#}\" width=\"{(double)drop * w:0.#}\" height=\"7\" fill=\"url(#hatch)\" stroke=\"#111\" stroke-width=\"0.5\"/>");
            html.Append(Invariant, $"<text x=\"{x:0.#}\" y=\"{y + h / 2 + 22:0.#}\" text-anchor=\"middle\">drop-off {Percent(node.DropOff.Value)} ({node.DropOff.Numerator}/{node.DropOff.Denominator})</text></g>");
        }
        html.Append("</svg>");

        html.Append("<table><caption>Start and end stages</caption><tr><th>Stage</th><th>Started here</th><th>Ended here (by journey status)</th></tr>");
        foreach (var node in map.Nodes)
        {
            var starts = map.StartStages.Where(s => s.StageId == node.StageId).Sum(s => s.Journeys);
            var ends = string.Join(", ", map.EndStages.Where(s => s.StageId == node.StageId).Select(s => $"{JourneyMetricsJson.ChoiceName<PatientJourney.Crm.Domain.Journeys.JourneyStatus>(s.Status)} {s.Journeys}"));
            html.Append("<tr><td>").Append(E(node.Stage)).Append("</td><td class=\"n\">").Append(starts).Append("</td><td>").Append(E(ends)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    /// <summary>Where the line from a node's centre toward a point leaves the node's box.</summary>
    private static (double X, double Y) Border(double x, double y, (double W, double H) box, double towardX, double towardY)
    {
        var dx = towardX - x;
        var dy = towardY - y;
        if (dx == 0 && dy == 0) return (x, y);
        var t = Math.Min(dx == 0 ? double.MaxValue : (box.W / 2 + 3) / Math.Abs(dx), dy == 0 ? double.MaxValue : (box.H / 2 + 3) / Math.Abs(dy));
        return (x + dx * Math.Min(t, 1), y + dy * Math.Min(t, 1));
    }

    // ---- variants, durations, funnel ----------------------------------------------------------------------------

    private static void Variants(StringBuilder html, IReadOnlyList<VariantMetric> variants)
    {
        html.Append("<table><tr><th>Variant (stages in order)</th><th>Journeys</th><th>Share</th><th></th></tr>");
        foreach (var v in variants)
        {
            html.Append("<tr class=\"variant\"><td>").Append(E(v.Sequence)).Append("</td><td class=\"n\">").Append(v.Journeys).Append("</td><td class=\"n\">")
                .Append(Percent(v.Share)).Append("</td><td>").Append(Bar(v.Share, 200)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Durations(StringBuilder html, JourneyMetrics m)
    {
        var efficiency = m.Kpis.StageEfficiency.Stages.ToDictionary(s => s.StageId);
        var scale = m.Durations.Stages.Select(s => Math.Max(s.P90Hours ?? 0, efficiency[s.StageId].TargetHours ?? 0)).DefaultIfEmpty(1).Max();
        if (scale <= 0) scale = 1;
        html.Append("<p>Bar: median to 90th percentile (hatched), tick: median; dashed line: target.</p>");
        html.Append("<table><tr><th>Stage</th><th>Closed visits</th><th>Mean h</th><th>Median h</th><th>p90 h</th><th>Target h</th><th>Median ÷ target</th><th>Overdue</th><th>Distribution</th></tr>");
        foreach (var s in m.Durations.Stages)
        {
            var e = efficiency[s.StageId];
            html.Append("<tr><td>").Append(E(s.Stage)).Append("</td><td class=\"n\">").Append(s.Count).Append("</td><td class=\"n\">").Append(Hours(s.MeanHours))
                .Append("</td><td class=\"n\">").Append(Hours(s.MedianHours)).Append("</td><td class=\"n\">").Append(Hours(s.P90Hours))
                .Append("</td><td class=\"n\">").Append(Hours(e.TargetHours)).Append("</td><td class=\"n\">").Append(e.MedianToTarget is { } r ? Round(r, 2).ToString("0.00", Invariant) : "–")
                .Append("</td><td class=\"n\">").Append(Percent(s.Overdue.Value)).Append(Invariant, $" ({s.Overdue.Numerator}/{s.Overdue.Denominator})").Append("</td><td>");
            const int w = 240;
            double X(decimal? hours) => hours is { } h ? (double)(h / scale) * w : 0;
            html.Append(Invariant, $"<svg width=\"{w + 10}\" height=\"18\" class=\"duration\"><line x1=\"0\" y1=\"9\" x2=\"{w}\" y2=\"9\" stroke=\"#bbb\"/>");
            html.Append(Invariant, $"<rect x=\"{X(s.MedianHours):0.#}\" y=\"3\" width=\"{Math.Max(0, X(s.P90Hours) - X(s.MedianHours)):0.#}\" height=\"12\" fill=\"url(#hatch)\" stroke=\"#111\"/>");
            html.Append(Invariant, $"<line x1=\"{X(s.MedianHours):0.#}\" y1=\"0\" x2=\"{X(s.MedianHours):0.#}\" y2=\"18\" stroke=\"#111\" stroke-width=\"3\"/>");
            if (e.TargetHours is { } target) html.Append(Invariant, $"<line x1=\"{X(target):0.#}\" y1=\"0\" x2=\"{X(target):0.#}\" y2=\"18\" stroke=\"#111\" stroke-dasharray=\"3 2\" stroke-width=\"2\"/>");
            html.Append("</svg></td></tr>");
        }
        html.Append("</table>");
    }

    private static void Funnel(StringBuilder html, IReadOnlyList<FunnelStep> funnel)
    {
        html.Append("<table><tr><th>Stage</th><th>Sequence</th><th>Journeys</th><th>Share of journeys</th><th></th></tr>");
        foreach (var f in funnel)
        {
            html.Append("<tr><td>").Append(E(f.Stage)).Append("</td><td class=\"n\">").Append(f.Sequence).Append("</td><td class=\"n\">").Append(f.Journeys)
                .Append("</td><td class=\"n\">").Append(Percent(f.Share)).Append("</td><td>").Append(Bar(f.Share ?? 0, 300)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    // ---- trends -------------------------------------------------------------------------------------------------

    private static void TrendCharts(StringBuilder html, IReadOnlyList<MonthTrend> trends)
    {
        if (trends.Count == 0)
        {
            html.Append("<p>No surveys or appointments in scope.</p>");
            return;
        }
        var nps = trends.Select(t => t.Responses == 0 ? (double?)null : 100.0 * (t.Promoters - t.Detractors) / t.Responses).ToList();
        var noShow = trends.Select(t => t.CameDue == 0 ? (double?)null : 100.0 * t.NoShows / t.CameDue).ToList();
        LineChart(html, "nps-trend", "NPS (−100 to 100), circles", trends, nps, -100, 100, "circle");
        LineChart(html, "no-show-trend", "No-show rate %, squares", trends, noShow, 0, Math.Max(10, Math.Ceiling((noShow.Max() ?? 0) / 10) * 10), "square");
        html.Append("<table><tr><th>Month</th><th>Responses</th><th>NPS</th><th>Appointments due</th><th>No-shows</th><th>No-show rate</th></tr>");
        for (var i = 0; i < trends.Count; i++)
        {
            var t = trends[i];
            html.Append("<tr><td>").Append(t.Month).Append("</td><td class=\"n\">").Append(t.Responses).Append("</td><td class=\"n\">").Append(nps[i] is { } n ? n.ToString("0.0", Invariant) : "–")
                .Append("</td><td class=\"n\">").Append(t.CameDue).Append("</td><td class=\"n\">").Append(t.NoShows).Append("</td><td class=\"n\">")
                .Append(noShow[i] is { } r ? r.ToString("0.0", Invariant) + " %" : "–").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void LineChart(StringBuilder html, string id, string label, IReadOnlyList<MonthTrend> trends, IReadOnlyList<double?> values, double min, double max, string marker)
    {
        const int w = 560, h = 160, pad = 34;
        double X(int i) => pad + (trends.Count == 1 ? (w - 2 * pad) / 2.0 : i * (w - 2.0 * pad) / (trends.Count - 1));
        double Y(double v) => h - pad + (v - min) / (max - min) * -(h - 2.0 * pad);
        html.Append(Invariant, $"<svg id=\"{id}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{E(label)}\"><text x=\"{pad}\" y=\"14\">{E(label)}</text>");
        html.Append(Invariant, $"<line x1=\"{pad}\" y1=\"{Y(min):0.#}\" x2=\"{w - pad}\" y2=\"{Y(min):0.#}\" stroke=\"#111\"/><line x1=\"{pad}\" y1=\"{Y(max):0.#}\" x2=\"{pad}\" y2=\"{Y(min):0.#}\" stroke=\"#111\"/>");
        html.Append(Invariant, $"<text x=\"2\" y=\"{Y(max) + 4:0.#}\">{max:0}</text><text x=\"2\" y=\"{Y(min) + 4:0.#}\">{min:0}</text>");
        var points = values.Select((v, i) => (v, i)).Where(p => p.v.HasValue).Select(p => $"{X(p.i):0.#},{Y(p.v!.Value):0.#}").ToList();
        if (points.Count > 1) html.Append("<polyline fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\" points=\"").Append(string.Join(" ", points)).Append("\"/>");
        for (var i = 0; i < trends.Count; i++)
        {
            if (i % Math.Max(1, trends.Count / 12) == 0) html.Append(Invariant, $"<text x=\"{X(i):0.#}\" y=\"{h - 8}\" text-anchor=\"middle\">{trends[i].Month}</text>");
            if (values[i] is not { } v) continue;
            html.Append(marker == "circle"
                ? string.Format(Invariant, "<circle cx=\"{0:0.#}\" cy=\"{1:0.#}\" r=\"3.5\" fill=\"#fff\" stroke=\"#111\"/>", X(i), Y(v))
                : string.Format(Invariant, "<rect x=\"{0:0.#}\" y=\"{1:0.#}\" width=\"7\" height=\"7\" fill=\"#111\"/>", X(i) - 3.5, Y(v) - 3.5));
        }
        html.Append("</svg>");
    }

    private static void PainPoints(StringBuilder html, IReadOnlyList<PainPointMetric> painPoints)
    {
        var max = painPoints.Select(p => p.Touchpoints).DefaultIfEmpty(1).Max();
        html.Append("<table><tr><th>Stage</th><th>Category</th><th>Touchpoints</th><th>Negative sentiment</th><th>Detractor responses</th><th></th></tr>");
        foreach (var p in painPoints)
        {
            html.Append("<tr><td>").Append(E(p.Stage ?? "(no stage)")).Append("</td><td>").Append(E(JourneyMetricsJson.ChoiceName<PainPointCategory>(p.Category)))
                .Append("</td><td class=\"n\">").Append(p.Touchpoints).Append("</td><td class=\"n\">").Append(Percent(p.NegativeSentiment.Value))
                .Append(Invariant, $" ({p.NegativeSentiment.Numerator}/{p.NegativeSentiment.Denominator})</td><td class=\"n\">").Append(p.DetractorResponses)
                .Append("</td><td>").Append(Bar((decimal)p.Touchpoints / max, 160)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static string Bar(decimal share, int width) =>
        string.Format(Invariant, "<svg width=\"{0}\" height=\"12\"><rect x=\"0\" y=\"1\" width=\"{1:0.#}\" height=\"10\" fill=\"url(#hatch)\" stroke=\"#111\"/></svg>", width, (double)share * width);

    private static decimal Round(decimal value, int decimals) => JourneyMetricsJson.Round(value, decimals);

    private static string Percent(decimal? share) => share is { } s ? Round(s * 100, 1).ToString("0.0", Invariant) + " %" : "–";

    private static string Hours(decimal? hours) => hours is { } h ? Round(h, 2).ToString("0.##", Invariant) + " h" : "–";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
