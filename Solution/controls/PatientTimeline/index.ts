// The patient-timeline code component: fetches pj_GetPatientTimeline for the form's patient and draws it by kind.
import { Kinds, LaneHeight, layoutTimeline, parseTimeline, type TimelineEntry } from "./timeline";

interface IInputs {
  patientName: ComponentFramework.PropertyTypes.StringProperty;
}
type IOutputs = Record<string, never>;

const SvgNs = "http://www.w3.org/2000/svg";
const Width = 960;

interface PageContext {
  page?: { getClientUrl?: () => string };
  mode: { contextInfo?: { entityId?: string } };
}

export class PatientTimeline implements ComponentFramework.StandardControl<IInputs, IOutputs> {
  private container!: HTMLDivElement;
  private filters!: HTMLFieldSetElement;
  private body!: HTMLDivElement;
  private entries: TimelineEntry[] = [];
  private hidden = new Set<string>();
  private started = false;
  private patientId: string | null = null;
  private clientUrl = "";

  public init(context: ComponentFramework.Context<IInputs>, _notify: () => void, _state: ComponentFramework.Dictionary, container: HTMLDivElement): void {
    this.container = container;
    container.classList.add("pj-timeline");
    const s = document.createElement("style");
    s.textContent = `.pj-timeline { font-family: "Segoe UI", sans-serif; color: #242424; overflow-x: auto; }
.pj-timeline fieldset { border: none; padding: 0; display: flex; gap: 12px; flex-wrap: wrap; }
.pj-item rect, .pj-item circle { fill: #0f6cbd; } .pj-item.pj-overdue rect, .pj-item.pj-overdue circle { fill: #c50f1f; stroke: #000; stroke-dasharray: 3 2; }
.pj-item text { font-size: 11px; } .pj-lane-label { font-size: 12px; font-weight: 600; } .pj-tick { font-size: 10px; fill: #484644; }
.pj-item:focus { outline: 2px solid #000; } .pj-message { padding: 12px; border: 1px solid #8a8886; } .pj-error { border-color: #c50f1f; }`;
    this.filters = document.createElement("fieldset");
    this.filters.setAttribute("aria-label", "Show kinds of record");
    this.body = document.createElement("div");
    this.body.setAttribute("aria-live", "polite");
    container.append(s, this.filters, this.body);
    const page = context as unknown as PageContext;
    this.clientUrl = (page.page?.getClientUrl?.() ?? "").replace(/\/$/, "");
    const id = page.mode.contextInfo?.entityId;
    this.patientId = id && id !== "00000000-0000-0000-0000-000000000000" ? id.replace(/[{}]/g, "") : null;
  }

  public updateView(_context: ComponentFramework.Context<IInputs>): void {
    if (this.started) return;
    this.started = true;
    void this.load();
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.container.replaceChildren();
  }

  private async load(): Promise<void> {
    if (!this.patientId) return this.message("empty", "Save the patient to see their timeline.");
    this.message("loading", "Loading the timeline…");
    const alias = encodeURIComponent(JSON.stringify({ "@odata.id": `contacts(${this.patientId})` }));
    try {
      const response = await fetch(`${this.clientUrl}/api/data/v9.2/pj_GetPatientTimeline(Patient=@p)?@p=${alias}`, {
        headers: { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
        credentials: "same-origin",
      });
      const body = (await response.json()) as { TimelineJson?: string; error?: { message?: string } };
      if (!response.ok || typeof body.TimelineJson !== "string") throw new Error(body.error?.message ?? `the server answered ${response.status}`);
      this.entries = parseTimeline(body.TimelineJson);
      this.renderFilters();
      this.render();
    } catch (e) {
      this.message("error", `The timeline could not be loaded: ${e instanceof Error ? e.message : String(e)} Try again, or ask your administrator to check that you may read this patient's records.`);
    }
  }

  private message(kind: "empty" | "error" | "loading", text: string): void {
    const p = document.createElement("p");
    p.className = `pj-message pj-${kind}`;
    p.setAttribute("role", kind === "error" ? "alert" : "status");
    p.textContent = text;
    this.body.replaceChildren(p);
  }

  private renderFilters(): void {
    const present = new Set(this.entries.map((e) => e.kind));
    this.filters.replaceChildren(...[...Kinds.map((k) => k.kind), ...[...present].filter((k) => !Kinds.some((x) => x.kind === k))].filter((k) => present.has(k)).map((kind) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = !this.hidden.has(kind);
      box.value = kind;
      box.addEventListener("change", () => {
        if (box.checked) this.hidden.delete(kind);
        else this.hidden.add(kind);
        this.render();
      });
      label.append(box, ` ${Kinds.find((k) => k.kind === kind)?.label ?? kind}`);
      return label;
    }));
  }

  private render(): void {
    const shown = new Set(this.entries.map((e) => e.kind).filter((k) => !this.hidden.has(k)));
    if (this.entries.length === 0) return this.message("empty", "Nothing on this patient's timeline yet: no journeys, referrals, appointments or touchpoints.");
    if (shown.size === 0) return this.message("empty", "Every kind is filtered out; tick a kind above to show it.");
    const layout = layoutTimeline(this.entries, shown, new Date(), Width);
    const height = 30 + layout.lanes.length * LaneHeight + 24;
    const svg = document.createElementNS(SvgNs, "svg");
    svg.setAttribute("viewBox", `0 0 ${Width} ${height}`);
    svg.setAttribute("width", String(Width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", `Timeline: ${layout.items.length} entries`);
    const add = (parent: Element, tag: string, attributes: Record<string, string>, text?: string) => {
      const e = document.createElementNS(SvgNs, tag);
      for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      parent.appendChild(e);
      return e;
    };
    layout.lanes.forEach((lane, i) => add(svg, "text", { x: "4", y: String(30 + i * LaneHeight + 18), class: "pj-lane-label" }, `${lane.label} (${lane.count})`));
    for (const t of layout.ticks) add(svg, "text", { x: String(t.x), y: String(height - 6), "text-anchor": "middle", class: "pj-tick" }, t.label);
    for (const item of layout.items) {
      const y = 30 + item.lane * LaneHeight;
      const g = add(svg, "g", { class: `pj-item${item.overdue ? " pj-overdue" : ""}`, "data-kind": item.kind, "data-id": item.id, tabindex: "0", role: "img", "aria-label": item.description });
      if (item.width > 0) add(g, "rect", { x: item.x.toFixed(1), y: String(y + 4), width: item.width.toFixed(1), height: "12", rx: "3" });
      else add(g, "circle", { cx: item.x.toFixed(1), cy: String(y + 10), r: "6" });
      // Overdue is written out, not only coloured.
      add(g, "text", { x: (item.x + 2).toFixed(1), y: String(y + 30) }, item.label);
      add(g, "title", {}, item.description);
    }
    this.body.replaceChildren(svg);
  }
}
