// Pure data shaping for the journey map: where each stage node and transition edge goes, how big, and what it says.
// No DOM here, so node's test runner checks it directly.
import type { JourneyMetrics, Ratio } from "./metrics";

export interface LaidOutNode {
  stageId: string;
  stage: string;
  x: number;
  y: number;
  radius: number;
  visits: number;
  journeys: number;
  rework: number;
  dropOffText: string;
  /** What a screen reader says for the node (and its tooltip). */
  description: string;
}

export interface LaidOutEdge {
  fromStageId: string;
  toStageId: string;
  isRework: boolean;
  frequency: number;
  width: number;
  /** SVG path: forward edges arc above the row of stages, rework (back) edges below it. */
  path: string;
  labelX: number;
  labelY: number;
  label: string;
  description: string;
}

export interface StageMapLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

export const MinRadius = 14;
export const MaxRadius = 34;
export const MinEdgeWidth = 1.5;
export const MaxEdgeWidth = 9;
const Spacing = 190;
const Margin = 70;
const LabelDepth = 36;

/** Hours as staff read them: under two days in hours, else days, one decimal at most. */
export function formatHours(hours: number): string {
  if (hours < 48) return `${trim(hours)} h`;
  return `${trim(hours / 24)} d`;
}

/** A share (0.1234) as a percentage with one decimal ("12.3%"); no data says so. */
export function formatShare(value: number | null): string {
  return value === null ? "no data" : `${trim(value * 100)}%`;
}

export function formatRatio(r: Ratio): string {
  return `${formatShare(r.value)} (${r.numerator} of ${r.denominator})`;
}

function trim(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Node area grows with visits: the radius with the square root, between MinRadius and MaxRadius. */
export function radiusFor(visits: number, maxVisits: number): number {
  if (maxVisits <= 0) return MinRadius;
  return MinRadius + (MaxRadius - MinRadius) * Math.sqrt(visits / maxVisits);
}

export function widthFor(frequency: number, maxFrequency: number): number {
  if (maxFrequency <= 0) return MinEdgeWidth;
  return MinEdgeWidth + (MaxEdgeWidth - MinEdgeWidth) * (frequency / maxFrequency);
}

/** Stages left to right in pathway order, on one row; edges as arcs whose height grows with the distance they span. */
export function layoutStageMap(metrics: JourneyMetrics): StageMapLayout {
  const nodes = [...metrics.stageMap.nodes].sort((a, b) => a.sequence - b.sequence || a.stage.localeCompare(b.stage));
  const maxVisits = Math.max(0, ...nodes.map((n) => n.visits));
  const stageIds = new Set(nodes.map((n) => n.stageId));
  // Edges are scaled among those drawn: one to a stage outside the map would shrink them all.
  const drawn = metrics.stageMap.edges.filter((e) => stageIds.has(e.fromStageId) && stageIds.has(e.toStageId));
  const maxFrequency = Math.max(0, ...drawn.map((e) => e.frequency));
  const arc = MaxRadius + 90;
  const rowY = Margin + arc;
  const laidOut: LaidOutNode[] = nodes.map((n, i) => {
    const dropOff = formatRatio(n.dropOff);
    return {
      stageId: n.stageId,
      stage: n.stage,
      x: Margin + i * Spacing,
      y: rowY,
      radius: radiusFor(n.visits, maxVisits),
      visits: n.visits,
      journeys: n.journeys,
      rework: n.rework,
      dropOffText: `drop-off ${formatShare(n.dropOff.value)}`,
      description: `${n.stage}: ${n.visits} visits by ${n.journeys} journeys, ${n.rework} rework, drop-off ${dropOff}`,
    };
  });
  const index = new Map(laidOut.map((n, i) => [n.stageId, i]));
  const edges: LaidOutEdge[] = [];
  for (const e of drawn) {
    const fromIndex = index.get(e.fromStageId)!;
    const toIndex = index.get(e.toStageId)!;
    const from = laidOut[fromIndex];
    const to = laidOut[toIndex];
    // Back edges and rework go below the row, forward edges above; the arc rises with the number of stages spanned.
    const below = e.isRework || toIndex < fromIndex;
    const span = Math.max(1, Math.abs(toIndex - fromIndex));
    const lift = (below ? 1 : -1) * Math.min(arc, 40 + 30 * span);
    // Below the row, edges leave under the stage's name and drop-off labels.
    const startY = from.y + (below ? from.radius + LabelDepth : -from.radius);
    const endY = to.y + (below ? to.radius + LabelDepth : -to.radius);
    const midX = (from.x + to.x) / 2;
    const controlY = (startY + endY) / 2 + lift * 2;
    const label = `${e.frequency}× · median ${formatHours(e.medianHours)}${e.isRework ? " · rework" : ""}`;
    edges.push({
      fromStageId: e.fromStageId,
      toStageId: e.toStageId,
      isRework: e.isRework,
      frequency: e.frequency,
      width: widthFor(e.frequency, maxFrequency),
      path: `M ${from.x} ${startY} Q ${midX} ${controlY} ${to.x} ${endY}`,
      labelX: midX,
      // A quadratic curve reaches half its control offset at the middle.
      labelY: (startY + endY) / 2 + lift + (below ? 14 : -6),
      label,
      description: `${e.isRework ? "Rework" : "Transition"} from ${e.from} to ${e.to}: ${e.frequency} times in ${e.caseFrequency} journeys, median ${formatHours(e.medianHours)}, mean ${formatHours(e.meanHours)}`,
    });
  }
  const width = Margin * 2 + Math.max(0, laidOut.length - 1) * Spacing;
  return { width: Math.max(width, 2 * Margin), height: rowY + arc + Margin, nodes: laidOut, edges };
}

export interface KpiTile {
  key: string;
  title: string;
  value: string;
  detail: string;
}

/** The four headline figures: NPS, no-show rate, referral SLA attainment and 30-day readmission. */
export function kpiTiles(metrics: JourneyMetrics): KpiTile[] {
  const k = metrics.kpis;
  const ratio = (key: string, title: string, r: Ratio): KpiTile => ({ key, title, value: formatShare(r.value), detail: `${r.numerator} of ${r.denominator}` });
  return [
    {
      key: "nps",
      title: "NPS",
      value: k.nps.score === null ? "no data" : trim(k.nps.score),
      detail: `${k.nps.responses} responses: ${k.nps.promoters} promoters, ${k.nps.passives} passives, ${k.nps.detractors} detractors`,
    },
    ratio("noShowRate", "No-show rate", k.noShowRate),
    ratio("slaAttainment", "Referral SLA attainment", k.referralSlaAttainment),
    ratio("readmission30Day", "30-day readmission", k.readmission30Day),
  ];
}

export interface FunnelBar {
  stage: string;
  journeys: number;
  /** 0–1 of the widest bar. */
  fraction: number;
  shareText: string;
}

export function funnelBars(metrics: JourneyMetrics): FunnelBar[] {
  const steps = [...metrics.funnel].sort((a, b) => a.sequence - b.sequence);
  const max = Math.max(0, ...steps.map((s) => s.journeys));
  return steps.map((s) => ({ stage: s.stage, journeys: s.journeys, fraction: max === 0 ? 0 : s.journeys / max, shareText: formatShare(s.share) }));
}

/** Periods the picker offers, as [from, to) in UTC relative to now; "all" has neither bound. */
export const Periods = [
  { key: "all", label: "All time", days: null },
  { key: "30", label: "Last 30 days", days: 30 },
  { key: "90", label: "Last 90 days", days: 90 },
  { key: "365", label: "Last 12 months", days: 365 },
] as const;

export function periodBounds(key: string, now: Date): { from: Date | null; to: Date | null } {
  const period = Periods.find((p) => p.key === key);
  if (!period || period.days === null) return { from: null, to: null };
  return { from: new Date(now.getTime() - period.days * 24 * 3600 * 1000), to: now };
}

/** The Web API function URL for pj_GetJourneyMetrics with the pathway as an entity reference parameter alias. */
export function metricsUrl(clientUrl: string, pathwayId: string | null, from: Date | null, to: Date | null): string {
  const args: string[] = [];
  const aliases: string[] = [];
  if (pathwayId) {
    args.push("Pathway=@p");
    aliases.push(`@p=${encodeURIComponent(JSON.stringify({ "@odata.id": `pj_carepathways(${pathwayId.replace(/[{}]/g, "")})` }))}`);
  }
  if (from) args.push(`From=${from.toISOString()}`);
  if (to) args.push(`To=${to.toISOString()}`);
  const query = aliases.length ? `?${aliases.join("&")}` : "";
  return `${clientUrl.replace(/\/$/, "")}/api/data/v9.2/pj_GetJourneyMetrics(${args.join(",")})${query}`;
}
