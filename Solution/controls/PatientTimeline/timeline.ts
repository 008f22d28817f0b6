// Pure data shaping for the patient timeline: one lane per kind of record on a shared time axis. No DOM here.

export interface TimelineEntry {
  kind: string;
  table: string;
  id: string;
  start: string;
  end: string | null;
  open: boolean;
  title: string | null;
  journeyId: string | null;
  overdue: boolean;
}

/** The kinds in lane order, with the names staff know them by. Kinds the API adds later get a lane after these. */
export const Kinds: ReadonlyArray<{ kind: string; label: string }> = [
  { kind: "journey", label: "Journeys" },
  { kind: "stageVisit", label: "Stage visits" },
  { kind: "referral", label: "Referrals" },
  { kind: "appointment", label: "Appointments" },
  { kind: "touchpoint", label: "Touchpoints" },
  { kind: "followUp", label: "Follow-ups" },
  { kind: "survey", label: "Surveys" },
];

export interface TimelineItem {
  id: string;
  kind: string;
  lane: number;
  x: number;
  /** Zero for an instant (a dot); the span's length otherwise. Open spans run to now. */
  width: number;
  overdue: boolean;
  label: string;
  description: string;
}

export interface TimelineLane {
  kind: string;
  label: string;
  count: number;
}

export interface TimelineLayout {
  width: number;
  lanes: TimelineLane[];
  items: TimelineItem[];
  ticks: { x: number; label: string }[];
}

export const LaneHeight = 36;
export const AxisLeft = 130;
/** Room right of the axis for the last date label. */
export const RightMargin = 40;

export function parseTimeline(json: string): TimelineEntry[] {
  const value = JSON.parse(json) as unknown;
  if (!Array.isArray(value)) throw new Error("the timeline is not a list of entries");
  return value as TimelineEntry[];
}

function labelOf(kind: string): string {
  return Kinds.find((k) => k.kind === kind)?.label ?? kind;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * Lays the shown kinds out as lanes (only kinds with entries), entries placed by time between the earliest start and
 * the latest end (or now, for open spans) over the given pixel width.
 */
export function layoutTimeline(entries: TimelineEntry[], shownKinds: ReadonlySet<string>, now: Date, width: number): TimelineLayout {
  const order = (kind: string) => {
    const i = Kinds.findIndex((k) => k.kind === kind);
    return i < 0 ? Kinds.length : i;
  };
  const present = [...new Set(entries.map((e) => e.kind))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const lanes = present.filter((k) => shownKinds.has(k)).map((k) => ({ kind: k, label: labelOf(k), count: entries.filter((e) => e.kind === k).length }));
  const shown = entries.filter((e) => shownKinds.has(e.kind));
  const endOf = (e: TimelineEntry) => (e.end ? Date.parse(e.end) : e.open ? now.getTime() : Date.parse(e.start));
  const min = Math.min(...shown.map((e) => Date.parse(e.start)));
  const max = Math.max(...shown.map(endOf));
  const span = Math.max(1, max - min);
  const plot = Math.max(1, width - AxisLeft - RightMargin);
  const x = (t: number) => AxisLeft + ((t - min) / span) * plot;
  const items = shown.map((e) => {
    const start = Date.parse(e.start);
    const end = endOf(e);
    const title = e.title ?? labelOf(e.kind).replace(/s$/, "");
    const when = e.end ? `${day(e.start)} to ${day(e.end)}` : e.open && e.kind !== "touchpoint" ? `${day(e.start)}, still open` : day(e.start);
    return {
      id: e.id,
      kind: e.kind,
      lane: lanes.findIndex((l) => l.kind === e.kind),
      x: x(start),
      width: end > start ? x(end) - x(start) : 0,
      overdue: e.overdue,
      label: e.overdue ? `${title} (overdue)` : title,
      description: `${labelOf(e.kind).replace(/s$/, "")}: ${title}, ${when}${e.overdue ? ", overdue" : ""}`,
    };
  });
  const ticks = shown.length === 0 ? [] : [0, 0.25, 0.5, 0.75, 1].map((f) => ({ x: AxisLeft + f * plot, label: day(new Date(min + f * span).toISOString()) }));
  return { width, lanes, items, ticks };
}
