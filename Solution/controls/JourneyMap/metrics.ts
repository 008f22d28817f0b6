// The pj_GetJourneyMetrics response (schemaVersion 1), as far as the journey map reads it. The full shape is in the
// README, section "Journey metrics".

export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface StageNode {
  stageId: string;
  stage: string;
  sequence: number;
  visits: number;
  journeys: number;
  rework: number;
  dropOff: Ratio;
}

export interface StageEdge {
  fromStageId: string;
  from: string;
  toStageId: string;
  to: string;
  frequency: number;
  caseFrequency: number;
  meanHours: number;
  medianHours: number;
  isRework: boolean;
}

export interface FunnelStep {
  stageId: string;
  stage: string;
  sequence: number;
  journeys: number;
  share: number | null;
}

export interface JourneyMetrics {
  schemaVersion: number;
  totals: { journeys: number; stageVisits: number; patients: number };
  stageMap: { nodes: StageNode[]; edges: StageEdge[] };
  funnel: FunnelStep[];
  kpis: {
    nps: { score: number | null; responses: number; promoters: number; passives: number; detractors: number };
    noShowRate: Ratio;
    referralSlaAttainment: Ratio;
    readmission30Day: Ratio;
  };
}

/** Parses the API's MetricsJson, refusing a shape this control does not know (a newer schemaVersion). */
export function parseMetrics(json: string): JourneyMetrics {
  const value = JSON.parse(json) as JourneyMetrics;
  if (value.schemaVersion !== 1) throw new Error(`the metrics have schema version ${String(value.schemaVersion)}; this control reads version 1`);
  if (!value.stageMap || !Array.isArray(value.stageMap.nodes) || !Array.isArray(value.stageMap.edges)) throw new Error("the metrics have no stage map");
  return value;
}
