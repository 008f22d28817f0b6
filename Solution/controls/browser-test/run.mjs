// Browser test of the journey-map control in headless Chromium (Debian's /usr/bin/chromium; no browser is downloaded).
// Loads the built bundle (out/) into a page with a small PCF context harness whose Web API answers with a recorded
// pj_GetJourneyMetrics response (journey-metrics.json, written by the scenario test
// JourneyMetricsScenarios.The_hip_pathway_response_is_the_journey_map_browser_tests_fixture), then checks the SVG's
// nodes, edges and labels against the metrics, the KPI tiles, keyboard focus, the error and empty states and the console.
// The timeline control is checked the same way on a recorded pj_GetPatientTimeline response (patient-timeline.json).
// Run: npm run build && npm run test:browser   (screenshots go to out/browser-test/)
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bundles = Object.fromEntries(["PatientJourney.JourneyMap", "PatientJourney.PatientTimeline"].map((c) => [c, readFileSync(join(root, "out", c, "bundle.js"), "utf8")]));
const fixture = readFileSync(join(import.meta.dirname, "journey-metrics.json"), "utf8");
const timelineFixture = readFileSync(join(import.meta.dirname, "patient-timeline.json"), "utf8");
const timeline = JSON.parse(timelineFixture);
const metrics = JSON.parse(fixture);
const pathwayId = metrics.filter.pathwayId;
const outDir = join(root, "out", "browser-test");
mkdirSync(outDir, { recursive: true });

const origin = "http://pj.test";
const harness = `<!doctype html><html><head><meta charset="utf-8"><title>Journey map harness</title></head><body>
<div id="control" style="width: 1100px"></div>
<script>
  // The part of the PCF runtime the control uses: registration, the bound property, the record id and the client URL.
  window.ComponentFramework = { registerControl: function (name, ctor) { (window.registered = window.registered || {})[name] = ctor; } };
</script>
<script src="/bundle.js"></script>
<script>
  const query = new URLSearchParams(location.search);
  const context = {
    parameters: { pathwayName: { raw: "Hip replacement", type: "SingleLine.Text" }, patientName: { raw: "Patient", type: "SingleLine.Text" } },
    mode: { contextInfo: { entityId: query.get("id"), entityTypeName: query.get("table") } },
    page: { getClientUrl: function () { return location.origin; } },
  };
  const control = new window.registered[query.get("control")]();
  control.init(context, function () {}, {}, document.getElementById("control"));
  control.updateView(context);
</script></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const failures = [];
async function scenario(name, answer, check, target = { control: "PatientJourney.JourneyMap", table: "pj_carepathway", id: pathwayId, api: "pj_GetJourneyMetrics" }) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  const calls = [];
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/harness") return route.fulfill({ contentType: "text/html", body: harness });
    if (url.pathname === "/bundle.js") return route.fulfill({ contentType: "text/javascript", body: bundles[target.control] });
    if (url.pathname.startsWith(`/api/data/v9.2/${target.api}(`)) {
      calls.push(decodeURIComponent(url.pathname + url.search));
      return route.fulfill(answer);
    }
    return route.fulfill({ status: 404, body: "" });
  });
  try {
    await page.goto(`${origin}/harness?control=${target.control}&table=${target.table}&id=${target.id}`);
    await check(page, calls, consoleErrors);
    await page.screenshot({ path: join(outDir, `${name}-end.png`), fullPage: true });
    console.log(`ok - ${name}`);
  } catch (e) {
    failures.push(name);
    console.log(`not ok - ${name}\n${e.stack}`);
    await page.screenshot({ path: join(outDir, `${name}-failed.png`), fullPage: true }).catch(() => {});
  } finally {
    await page.close();
  }
}

const ok = (body) => ({ status: 200, contentType: "application/json", body: JSON.stringify({ "@odata.context": `${origin}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.pj_GetJourneyMetricsResponse`, MetricsJson: body }) });

await scenario("journey-map", ok(fixture), async (page, calls, consoleErrors) => {
  await page.waitForSelector("svg .pj-node");
  assert.equal(calls.length, 1, "one call to the API");
  assert.ok(calls[0].includes(`Pathway=@p`) && calls[0].includes(`pj_carepathways(${pathwayId})`), `the call names the pathway: ${calls[0]}`);
  const nodes = await page.$$eval("svg .pj-node", (gs) => gs.map((g) => ({ id: g.dataset.stageId, visits: Number(g.dataset.visits), label: g.querySelector(".pj-node-label").textContent, count: g.querySelector(".pj-node-count").textContent, dropOff: g.querySelector(".pj-node-dropoff").textContent, r: Number(g.querySelector("circle").getAttribute("r")), tab: g.getAttribute("tabindex") })));
  const expectedNodes = [...metrics.stageMap.nodes].sort((a, b) => a.sequence - b.sequence);
  assert.deepEqual(nodes.map((n) => [n.id, n.label, n.visits, n.count]), expectedNodes.map((n) => [n.stageId, n.stage, n.visits, String(n.visits)]));
  for (const [i, n] of expectedNodes.entries()) {
    assert.equal(nodes[i].dropOff, `drop-off ${n.dropOff.value === null ? "no data" : `${Math.round(n.dropOff.value * 1000) / 10}%`}`);
    assert.equal(nodes[i].tab, "0", "nodes take keyboard focus");
  }
  // The most visited stage has the largest node.
  const most = expectedNodes.reduce((a, b) => (b.visits > a.visits ? b : a));
  assert.equal(Math.max(...nodes.map((n) => n.r)), nodes.find((n) => n.id === most.stageId).r);
  const edges = await page.$$eval("svg .pj-edge", (gs) => gs.map((g) => ({ from: g.dataset.from, to: g.dataset.to, frequency: Number(g.dataset.frequency), rework: g.classList.contains("pj-rework"), dashed: g.querySelector("path").getAttribute("stroke-dasharray"), label: g.querySelector(".pj-edge-label").textContent })));
  assert.equal(edges.length, metrics.stageMap.edges.length, "every transition is drawn");
  for (const e of metrics.stageMap.edges) {
    const drawn = edges.find((d) => d.from === e.fromStageId && d.to === e.toStageId);
    assert.ok(drawn, `edge ${e.from} -> ${e.to} is drawn`);
    assert.equal(drawn.frequency, e.frequency);
    assert.ok(drawn.label.startsWith(`${e.frequency}× · median `), `label of ${e.from} -> ${e.to}: ${drawn.label}`);
    assert.equal(drawn.rework, e.isRework);
    assert.equal(drawn.dashed !== null, e.isRework, "rework is dashed, not only coloured");
    assert.equal(drawn.label.endsWith(" · rework"), e.isRework);
  }
  assert.ok(metrics.stageMap.edges.some((e) => e.isRework), "the scenario has rework to show");
  const tiles = await page.$$eval(".pj-kpi", (ts) => Object.fromEntries(ts.map((t) => [t.dataset.kpi, t.querySelector(".pj-kpi-value").textContent])));
  const share = (r) => (r.value === null ? "no data" : `${Math.round(r.value * 1000) / 10}%`);
  assert.deepEqual(tiles, {
    nps: metrics.kpis.nps.score === null ? "no data" : String(Math.round(metrics.kpis.nps.score * 10) / 10),
    noShowRate: share(metrics.kpis.noShowRate),
    slaAttainment: share(metrics.kpis.referralSlaAttainment),
    readmission30Day: share(metrics.kpis.readmission30Day),
  });
  const funnel = await page.$$eval(".pj-funnel li .pj-funnel-stage", (s) => s.map((x) => x.textContent));
  assert.deepEqual(funnel, [...metrics.funnel].sort((a, b) => a.sequence - b.sequence).map((f) => f.stage));
  await page.screenshot({ path: join(outDir, "journey-map.png"), fullPage: true });
  // Keyboard: the period picker, then the KPI tiles, then the map's edges and nodes take focus in turn.
  await page.focus("select");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "pj-kpi");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  assert.match(await page.evaluate(() => document.activeElement.getAttribute("class")), /pj-edge/);
  // The period picker asks again with a From bound.
  await page.selectOption("select", "30");
  await page.waitForFunction(() => document.querySelectorAll("svg .pj-node").length > 0);
  await page.waitForTimeout(50);
  assert.equal(calls.length, 2);
  assert.match(calls[1], /From=\d{4}-\d\d-\d\dT[\d:.]+Z,To=/);
  await page.waitForSelector("svg .pj-node");
  assert.deepEqual(consoleErrors, [], "no console errors");
});

await scenario("journey-map-error", { status: 400, contentType: "application/json", body: JSON.stringify({ error: { code: "0x80040265", message: "The pathway has more than 50,000 stage visits in the period; use the offline journey map (journey-map report)." } }) },
  async (page, _calls, consoleErrors) => {
    const text = await page.textContent(".pj-message.pj-error", { timeout: 5000 });
    assert.match(text, /could not be loaded: The pathway has more than 50,000 stage visits.*offline journey map/);
    assert.equal(await page.getAttribute(".pj-message", "role"), "alert");
    // The browser logs the 400 response itself; the control logs nothing.
    assert.deepEqual(consoleErrors.filter((e) => !e.includes("400")), []);
  });

const empty = { ...metrics, totals: { journeys: 0, stageVisits: 0, patients: 0 }, stageMap: { ...metrics.stageMap, nodes: [], edges: [] }, funnel: [] };
await scenario("journey-map-empty", ok(JSON.stringify(empty)), async (page, _calls, consoleErrors) => {
  const text = await page.textContent(".pj-message.pj-empty", { timeout: 5000 });
  assert.match(text, /No journeys on this pathway in the chosen period/);
  assert.equal(await page.$$eval("svg", (s) => s.length), 0);
  assert.deepEqual(consoleErrors, []);
});

// The timeline on a recorded pj_GetPatientTimeline response (TimelineScenarios.The_timeline_response_is_the_timeline_browser_tests_fixture).
const patientId = "6f1c2a4e-0000-4000-8000-000000000001";
await scenario("patient-timeline", { status: 200, contentType: "application/json", body: JSON.stringify({ TimelineJson: timelineFixture }) }, async (page, calls, consoleErrors) => {
  await page.waitForSelector("svg .pj-item");
  assert.ok(calls[0].includes(`Patient=@p`) && calls[0].includes(`contacts(${patientId})`), `the call names the patient: ${calls[0]}`);
  const items = await page.$$eval("svg .pj-item", (gs) => gs.map((g) => ({ kind: g.dataset.kind, id: g.dataset.id, overdue: g.classList.contains("pj-overdue"), text: g.querySelector("text").textContent, tab: g.getAttribute("tabindex") })));
  assert.deepEqual(items.map((i) => i.id).sort(), timeline.map((e) => e.id).sort(), "every entry is drawn once");
  for (const e of timeline) {
    const item = items.find((i) => i.id === e.id);
    assert.equal(item.kind, e.kind);
    assert.equal(item.overdue, e.overdue);
    assert.equal(item.text.endsWith("(overdue)"), e.overdue, "overdue is written, not only coloured");
    assert.equal(item.tab, "0");
  }
  assert.ok(timeline.some((e) => e.overdue), "the scenario has an overdue entry to show");
  const lanes = await page.$$eval("svg .pj-lane-label", (ts) => ts.map((t) => t.textContent));
  const kinds = [...new Set(timeline.map((e) => e.kind))];
  assert.equal(lanes.length, kinds.length, "one lane per kind");
  await page.screenshot({ path: join(outDir, "patient-timeline.png"), fullPage: true });
  // Filtering a kind out removes its lane and its entries.
  await page.uncheck('input[value="touchpoint"]');
  const after = await page.$$eval("svg .pj-item", (gs) => gs.map((g) => g.dataset.kind));
  assert.equal(after.length, timeline.filter((e) => e.kind !== "touchpoint").length);
  assert.ok(!after.includes("touchpoint"));
  assert.equal(await page.$$eval("svg .pj-lane-label", (ts) => ts.length), kinds.length - 1);
  assert.deepEqual(consoleErrors, [], "no console errors");
}, { control: "PatientJourney.PatientTimeline", table: "contact", id: patientId, api: "pj_GetPatientTimeline" });

await browser.close();
if (failures.length) {
  console.log(`${failures.length} browser scenario(s) failed: ${failures.join(", ")}`);
  process.exit(1);
}
console.log(`browser test passed; screenshots in ${outDir}`);
