// The journey-map code component: fetches pj_GetJourneyMetrics for the form's care pathway and draws the map.
import { parseMetrics, type JourneyMetrics } from "./metrics";
import { funnelBars, kpiTiles, layoutStageMap, metricsUrl, periodBounds, Periods } from "./layout";

interface IInputs {
  pathwayName: ComponentFramework.PropertyTypes.StringProperty;
}
type IOutputs = Record<string, never>;

const SvgNs = "http://www.w3.org/2000/svg";

interface PageContext {
  page?: { getClientUrl?: () => string };
  mode: { contextInfo?: { entityId?: string } };
}

export class JourneyMap implements ComponentFramework.StandardControl<IInputs, IOutputs> {
  private container!: HTMLDivElement;
  private body!: HTMLDivElement;
  private period = "all";
  private pathwayId: string | null = null;
  private clientUrl = "";
  private request = 0;

  public init(context: ComponentFramework.Context<IInputs>, _notify: () => void, _state: ComponentFramework.Dictionary, container: HTMLDivElement): void {
    this.container = container;
    container.classList.add("pj-journey-map");
    container.appendChild(style());
    const picker = document.createElement("label");
    picker.className = "pj-period";
    picker.textContent = "Period ";
    const select = document.createElement("select");
    select.setAttribute("aria-label", "Period of the journey map");
    for (const p of Periods) {
      const option = document.createElement("option");
      option.value = p.key;
      option.textContent = p.label;
      select.appendChild(option);
    }
    select.addEventListener("change", () => {
      this.period = select.value;
      void this.load();
    });
    picker.appendChild(select);
    container.appendChild(picker);
    this.body = document.createElement("div");
    this.body.setAttribute("aria-live", "polite");
    container.appendChild(this.body);
    const page = context as unknown as PageContext;
    this.clientUrl = page.page?.getClientUrl?.() ?? "";
    const id = page.mode.contextInfo?.entityId;
    this.pathwayId = id && id !== "00000000-0000-0000-0000-000000000000" ? id : null;
  }

  public updateView(_context: ComponentFramework.Context<IInputs>): void {
    if (this.request === 0) void this.load();
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.container.replaceChildren();
  }

  private async load(): Promise<void> {
    const request = ++this.request;
    if (!this.pathwayId) {
      this.message("empty", "Save the care pathway to see its journey map.");
      return;
    }
    this.message("loading", "Loading the journey map…");
    const { from, to } = periodBounds(this.period, new Date());
    try {
      const response = await fetch(metricsUrl(this.clientUrl, this.pathwayId, from, to), {
        headers: { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
        credentials: "same-origin",
      });
      const body = (await response.json()) as { MetricsJson?: string; error?: { message?: string } };
      if (request !== this.request) return;
      if (!response.ok || typeof body.MetricsJson !== "string") throw new Error(body.error?.message ?? `the server answered ${response.status}`);
      this.render(parseMetrics(body.MetricsJson));
    } catch (e) {
      if (request !== this.request) return;
      const reason = e instanceof Error ? e.message : String(e);
      this.message("error", `The journey map could not be loaded: ${reason} Try again, or ask your administrator to check that you may read journeys and stage history.`);
    }
  }

  private message(kind: "empty" | "error" | "loading", text: string): void {
    const p = document.createElement("p");
    p.className = `pj-message pj-${kind}`;
    p.setAttribute("role", kind === "error" ? "alert" : "status");
    p.textContent = text;
    this.body.replaceChildren(p);
  }

  private render(metrics: JourneyMetrics): void {
    if (metrics.totals.journeys === 0 || metrics.stageMap.nodes.length === 0) {
      this.message("empty", "No journeys on this pathway in the chosen period. Choose a longer period, or start journeys on the pathway.");
      return;
    }
    const tiles = document.createElement("div");
    tiles.className = "pj-kpis";
    for (const t of kpiTiles(metrics)) {
      const tile = document.createElement("div");
      tile.className = "pj-kpi";
      tile.dataset.kpi = t.key;
      tile.tabIndex = 0;
      tile.setAttribute("aria-label", `${t.title}: ${t.value}, ${t.detail}`);
      tile.append(el("div", "pj-kpi-title", t.title), el("div", "pj-kpi-value", t.value), el("div", "pj-kpi-detail", t.detail));
      tiles.appendChild(tile);
    }
    this.body.replaceChildren(tiles, this.map(metrics), this.funnel(metrics));
  }

  private map(metrics: JourneyMetrics): SVGSVGElement {
    const layout = layoutStageMap(metrics);
    const svg = document.createElementNS(SvgNs, "svg");
    svg.setAttribute("viewBox", `0 0 ${layout.width} ${layout.height}`);
    svg.setAttribute("width", String(layout.width));
    svg.setAttribute("height", String(layout.height));
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", `Stage map: ${layout.nodes.length} stages, ${layout.edges.length} transitions`);
    svg.innerHTML = `<defs><marker id="pj-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#444"/></marker></defs>`;
    for (const e of layout.edges) {
      const g = svgEl("g", { class: `pj-edge${e.isRework ? " pj-rework" : ""}`, "data-from": e.fromStageId, "data-to": e.toStageId, "data-frequency": String(e.frequency), tabindex: "0", role: "img", "aria-label": e.description });
      // Rework is dashed as well as coloured, so it reads without colour.
      g.append(
        svgEl("path", { d: e.path, fill: "none", "stroke-width": e.width.toFixed(2), "marker-end": "url(#pj-arrow)", ...(e.isRework ? { "stroke-dasharray": "6 4" } : {}) }),
        svgText(e.label, { x: String(e.labelX), y: String(e.labelY), "text-anchor": "middle", class: "pj-edge-label" }),
        svgTitle(e.description),
      );
      svg.appendChild(g);
    }
    for (const n of layout.nodes) {
      const g = svgEl("g", { class: "pj-node", "data-stage-id": n.stageId, "data-visits": String(n.visits), tabindex: "0", role: "img", "aria-label": n.description });
      g.append(
        svgEl("circle", { cx: String(n.x), cy: String(n.y), r: n.radius.toFixed(2) }),
        svgText(String(n.visits), { x: String(n.x), y: String(n.y + 4), "text-anchor": "middle", class: "pj-node-count" }),
        svgText(n.stage, { x: String(n.x), y: String(n.y + n.radius + 16), "text-anchor": "middle", class: "pj-node-label" }),
        svgText(n.dropOffText, { x: String(n.x), y: String(n.y + n.radius + 30), "text-anchor": "middle", class: "pj-node-dropoff" }),
        svgTitle(n.description),
      );
      svg.appendChild(g);
    }
    return svg;
  }

  private funnel(metrics: JourneyMetrics): HTMLElement {
    const list = document.createElement("ol");
    list.className = "pj-funnel";
    list.setAttribute("aria-label", "Funnel: journeys reaching each stage");
    for (const b of funnelBars(metrics)) {
      const item = document.createElement("li");
      const bar = el("span", "pj-bar", "");
      bar.style.width = `${Math.round(b.fraction * 100)}%`;
      item.append(el("span", "pj-funnel-stage", b.stage), bar, el("span", "pj-funnel-value", `${b.journeys} journeys (${b.shareText})`));
      list.appendChild(item);
    }
    return list;
  }
}

function el(tag: string, className: string, text: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  e.textContent = text;
  return e;
}

function svgEl(tag: string, attributes: Record<string, string>): SVGElement {
  const e = document.createElementNS(SvgNs, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

function svgText(text: string, attributes: Record<string, string>): SVGElement {
  const t = svgEl("text", attributes);
  t.textContent = text;
  return t;
}

function svgTitle(text: string): SVGElement {
  const t = document.createElementNS(SvgNs, "title");
  t.textContent = text;
  return t;
}

function style(): HTMLStyleElement {
  const s = document.createElement("style");
  s.textContent = `
.pj-journey-map { font-family: "Segoe UI", sans-serif; color: #242424; overflow-x: auto; }
.pj-kpis { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0; }
.pj-kpi { border: 1px solid #8a8886; border-radius: 4px; padding: 8px 12px; min-width: 150px; }
.pj-kpi-title { font-size: 12px; } .pj-kpi-value { font-size: 24px; font-weight: 600; } .pj-kpi-detail { font-size: 11px; color: #484644; }
.pj-node circle { fill: #deecf9; stroke: #0f6cbd; stroke-width: 2; }
.pj-node-count { font-weight: 600; font-size: 12px; } .pj-node-label { font-size: 13px; } .pj-node-dropoff { font-size: 11px; fill: #484644; }
.pj-edge path { stroke: #605e5c; } .pj-edge.pj-rework path { stroke: #c50f1f; } .pj-edge-label { font-size: 11px; fill: #323130; }
.pj-node:focus, .pj-edge:focus, .pj-kpi:focus { outline: 2px solid #000; outline-offset: 2px; }
.pj-funnel { list-style: none; padding: 0; } .pj-funnel li { display: grid; grid-template-columns: 140px 1fr 170px; gap: 8px; align-items: center; margin: 2px 0; }
.pj-bar { display: block; height: 12px; background: #0f6cbd; border: 1px solid #000; }
.pj-message { padding: 12px; border: 1px solid #8a8886; } .pj-error { border-color: #c50f1f; }`;
  return s;
}
