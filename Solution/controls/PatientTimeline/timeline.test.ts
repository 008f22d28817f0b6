import { test } from "node:test";
import assert from "node:assert/strict";
import { AxisLeft, RightMargin, layoutTimeline, parseTimeline, type TimelineEntry } from "./timeline";

const entry = (kind: string, id: string, start: string, end: string | null, extra: Partial<TimelineEntry> = {}): TimelineEntry =>
  ({ kind, table: "t", id, start, end, open: end === null, title: id, journeyId: null, overdue: false, ...extra });

// 1 to 11 January: a journey open until now (11 Jan), a closed stage visit from the 1st to the 6th, a touchpoint on the 6th.
const entries = [
  entry("touchpoint", "call", "2026-01-06T00:00:00Z", null, { open: false }),
  entry("journey", "hip", "2026-01-01T00:00:00Z", null),
  entry("stageVisit", "assessment", "2026-01-01T00:00:00Z", "2026-01-06T00:00:00Z", { overdue: true }),
];
const now = new Date("2026-01-11T00:00:00Z");
const all = new Set(["journey", "stageVisit", "touchpoint", "referral"]);

test("lanes follow the kind order and hold only kinds with entries", () => {
  const layout = layoutTimeline(entries, all, now, 1130);
  assert.deepEqual(layout.lanes.map((l) => [l.kind, l.label, l.count]), [["journey", "Journeys", 1], ["stageVisit", "Stage visits", 1], ["touchpoint", "Touchpoints", 1]]);
});

test("entries sit on one time axis: open spans run to now, instants are dots", () => {
  const layout = layoutTimeline(entries, all, now, AxisLeft + RightMargin + 1000);
  const byId = Object.fromEntries(layout.items.map((i) => [i.id, i]));
  assert.equal(byId.hip.x, AxisLeft);
  assert.equal(byId.hip.width, 1000);
  assert.equal(byId.assessment.width, 500);
  assert.equal(byId.call.x, AxisLeft + 500);
  assert.equal(byId.call.width, 0);
  assert.deepEqual(layout.ticks.map((t) => t.label), ["2026-01-01", "2026-01-03", "2026-01-06", "2026-01-08", "2026-01-11"]);
});

test("overdue entries say so in their label and description", () => {
  const item = layoutTimeline(entries, all, now, 800).items.find((i) => i.id === "assessment")!;
  assert.equal(item.overdue, true);
  assert.equal(item.label, "assessment (overdue)");
  assert.equal(item.description, "Stage visit: assessment, 2026-01-01 to 2026-01-06, overdue");
});

test("filtering by kind drops its lane and rescales the axis to what is shown", () => {
  const layout = layoutTimeline(entries, new Set(["touchpoint", "stageVisit"]), now, AxisLeft + RightMargin + 1000);
  assert.deepEqual(layout.lanes.map((l) => l.kind), ["stageVisit", "touchpoint"]);
  assert.equal(layout.items.find((i) => i.id === "call")!.x, AxisLeft + 1000);
  assert.equal(layout.items.every((i) => i.lane >= 0), true);
});

test("a timeline that is not a list is refused with a reason", () => {
  assert.throws(() => parseTimeline("{}"), /not a list of entries/);
  assert.equal(parseTimeline("[]").length, 0);
});
