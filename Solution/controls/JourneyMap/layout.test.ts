import { test } from "node:test";
import assert from "node:assert/strict";
import type { JourneyMetrics } from "./metrics";
import { parseMetrics } from "./metrics";
import { formatHours, funnelBars, kpiTiles, layoutStageMap, MaxEdgeWidth, MaxRadius, metricsUrl, MinEdgeWidth, MinRadius, periodBounds } from "./layout";

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000 });

// Three stages, worked by hand: A visited 4 times, B 1 time, C 2 times (sequence order C=30, A=10, B=20 in the input).
function metrics(): JourneyMetrics {
  return {
    schemaVersion: 1,
    totals: { journeys: 4, stageVisits: 7, patients: 3 },
    stageMap: {
      nodes: [
        { stageId: "c", stage: "Recovery", sequence: 30, visits: 2, journeys: 2, rework: 0, dropOff: ratio(0, 2) },
        { stageId: "a", stage: "Referral", sequence: 10, visits: 4, journeys: 4, rework: 1, dropOff: ratio(1, 4) },
        { stageId: "b", stage: "Assessment", sequence: 20, visits: 1, journeys: 1, rework: 0, dropOff: ratio(0, 1) },
      ],
      edges: [
        { fromStageId: "a", from: "Referral", toStageId: "b", to: "Assessment", frequency: 3, caseFrequency: 3, meanHours: 50, medianHours: 72, isRework: false },
        { fromStageId: "b", from: "Assessment", toStageId: "a", to: "Referral", frequency: 1, caseFrequency: 1, meanHours: 4, medianHours: 4, isRework: true },
        { fromStageId: "a", from: "Referral", toStageId: "c", to: "Recovery", frequency: 2, caseFrequency: 2, meanHours: 12.25, medianHours: 12.25, isRework: false },
        { fromStageId: "x", from: "Elsewhere", toStageId: "a", to: "Referral", frequency: 9, caseFrequency: 9, meanHours: 1, medianHours: 1, isRework: false },
      ],
    },
    funnel: [
      { stageId: "b", stage: "Assessment", sequence: 20, journeys: 2, share: 0.5 },
      { stageId: "a", stage: "Referral", sequence: 10, journeys: 4, share: 1 },
    ],
    kpis: {
      nps: { score: 33.3, responses: 3, promoters: 2, passives: 0, detractors: 1 },
      noShowRate: ratio(1, 2),
      referralSlaAttainment: ratio(0, 0),
      readmission30Day: ratio(1, 3),
    },
  };
}

test("nodes go left to right in pathway order, sized by the square root of visits", () => {
  const layout = layoutStageMap(metrics());
  assert.deepEqual(layout.nodes.map((n) => n.stage), ["Referral", "Assessment", "Recovery"]);
  const [a, b, c] = layout.nodes;
  assert.ok(a.x < b.x && b.x < c.x);
  assert.equal(a.radius, MaxRadius);
  assert.equal(b.radius, MinRadius + (MaxRadius - MinRadius) * 0.5); // sqrt(1/4)
  assert.equal(a.dropOffText, "drop-off 25%");
  assert.match(a.description, /Referral: 4 visits by 4 journeys, 1 rework, drop-off 25% \(1 of 4\)/);
});

test("edges are as wide as their frequency, labelled with count and median, rework below the row and marked", () => {
  const layout = layoutStageMap(metrics());
  // The edge from a stage outside the map is left out.
  assert.equal(layout.edges.length, 3);
  const forward = layout.edges.find((e) => e.fromStageId === "a" && e.toStageId === "b")!;
  const rework = layout.edges.find((e) => e.isRework)!;
  const skip = layout.edges.find((e) => e.toStageId === "c")!;
  assert.equal(forward.width, MaxEdgeWidth);
  assert.equal(rework.width, MinEdgeWidth + (MaxEdgeWidth - MinEdgeWidth) / 3);
  assert.equal(forward.label, "3× · median 3 d");
  assert.equal(rework.label, "1× · median 4 h · rework");
  assert.equal(skip.label, "2× · median 12.3 h");
  const rowY = layout.nodes[0].y;
  assert.ok(forward.labelY < rowY, "forward edges arc above the stages");
  assert.ok(rework.labelY > rowY, "rework arcs below the stages");
  assert.ok(skip.labelY < forward.labelY, "an edge spanning two stages arcs higher than one spanning one");
});

test("KPI tiles say the value and its numerator and denominator, and say when there is no data", () => {
  const tiles = kpiTiles(metrics());
  assert.deepEqual(tiles.map((t) => [t.title, t.value, t.detail]), [
    ["NPS", "33.3", "3 responses: 2 promoters, 0 passives, 1 detractors"],
    ["No-show rate", "50%", "1 of 2"],
    ["Referral SLA attainment", "no data", "0 of 0"],
    ["30-day readmission", "33.3%", "1 of 3"],
  ]);
});

test("the funnel lists stages in order with bars relative to the widest", () => {
  assert.deepEqual(funnelBars(metrics()), [
    { stage: "Referral", journeys: 4, fraction: 1, shareText: "100%" },
    { stage: "Assessment", journeys: 2, fraction: 0.5, shareText: "50%" },
  ]);
});

test("hours under two days read as hours, longer as days", () => {
  assert.equal(formatHours(47.94), "47.9 h");
  assert.equal(formatHours(48), "2 d");
  assert.equal(formatHours(0), "0 h");
});

test("the period picker's bounds are [now - days, now), and all time has none", () => {
  const now = new Date("2026-03-31T00:00:00Z");
  assert.deepEqual(periodBounds("30", now), { from: new Date("2026-03-01T00:00:00Z"), to: now });
  assert.deepEqual(periodBounds("all", now), { from: null, to: null });
});

test("the function URL passes the pathway as an entity reference alias and the period as literals", () => {
  const url = metricsUrl("https://org.crm.dynamics.com/", "{1A2B}", new Date("2026-01-01T00:00:00Z"), null);
  assert.equal(url, "https://org.crm.dynamics.com/api/data/v9.2/pj_GetJourneyMetrics(Pathway=@p,From=2026-01-01T00:00:00.000Z)?@p=" +
    encodeURIComponent('{"@odata.id":"pj_carepathways(1A2B)"}'));
  assert.equal(metricsUrl("", null, null, null), "/api/data/v9.2/pj_GetJourneyMetrics()");
});

test("an empty map lays out no nodes or edges", () => {
  const m = metrics();
  m.stageMap = { nodes: [], edges: [] };
  const layout = layoutStageMap(m);
  assert.equal(layout.nodes.length + layout.edges.length, 0);
});

test("a metrics document of another schema version is refused with a reason", () => {
  assert.throws(() => parseMetrics(JSON.stringify({ ...metrics(), schemaVersion: 2 })), /schema version 2; this control reads version 1/);
});
