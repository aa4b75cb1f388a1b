// Dyad page: tension and Goldstein over time, every event a marker, its evidence on demand.
import { errorBox, getJSON, section } from "./api.js";
import { COLOURS, SYMBOLS, hoverText, plot } from "./charts.js";
import { QUADS, byId, fill, h, signed, table } from "./dom.js";
import { showEvidence } from "./evidence.js";

const EVENT_LIMIT = 500;
const params = new URLSearchParams(window.location.search);
const form = {
  a: byId("dyad-a"),
  b: byId("dyad-b"),
  by: byId("dyad-by"),
  from: byId("dyad-from"),
  to: byId("dyad-to"),
};
for (const [name, input] of Object.entries(form)) {
  if (params.get(name)) input.value = name === "a" || name === "b" ? params.get(name).toUpperCase() : params.get(name);
}
const panel = byId("evidence");
const panelBody = byId("evidence-body");

function markRow(eventId) {
  for (const row of document.querySelectorAll("#dyad-events tr[data-event]")) {
    row.classList.toggle("current", row.dataset.event === eventId);
  }
}

async function evidence(eventId) {
  markRow(eventId);
  try {
    await showEvidence(panel, panelBody, eventId);
  } catch (error) {
    panel.hidden = false;
    panelBody.replaceChildren(errorBox(error, "load the evidence"));
  }
}

function seriesTraces(points) {
  const x = points.map((p) => p.period);
  return [
    {
      type: "scatter",
      mode: "lines",
      name: "Tension",
      x,
      y: points.map((p) => p.tension),
      line: { color: COLOURS.tension, width: 3, shape: "hv" },
      hovertemplate: "%{x|%Y-%m-%d}: tension %{y:.2f}<extra></extra>",
    },
    {
      type: "scatter",
      mode: "lines",
      name: "Mean Goldstein",
      x,
      y: points.map((p) => p.goldstein_mean),
      yaxis: "y2",
      connectgaps: false,
      line: { color: COLOURS.goldstein, width: 2, dash: "dot", shape: "hv" },
      hovertemplate: "%{x|%Y-%m-%d}: mean Goldstein %{y:.1f}<extra></extra>",
    },
  ];
}

function markerTraces(events) {
  const dated = events.filter((e) => e.date);
  return [1, 2, 3, 4].map((q) => {
    const mine = dated.filter((e) => e.quad_class === q);
    return {
      type: "scatter",
      mode: "markers",
      name: QUADS[q],
      x: mine.map((e) => e.date),
      y: mine.map((e) => e.goldstein),
      yaxis: "y2",
      customdata: mine.map((e) => e.event_id),
      text: mine.map((e) => hoverText(`${e.cameo_label} (${e.source_code ?? "?"} → ${e.target_code ?? "?"}): ${e.sentence}`)),
      hovertemplate: "%{x|%Y-%m-%d} · Goldstein %{y}<br>%{text}<extra></extra>",
      marker: { color: COLOURS[q], symbol: SYMBOLS[q], size: 10, line: { color: "#ffffff", width: 1 } },
    };
  });
}

// Without a chosen start the series spans a year; open it where the pair's events begin
// (the autoscale button shows the whole year).
function xRange(points) {
  const first = points.findIndex((p) => p.events > 0);
  if (form.from.value || first < 2) return undefined;
  return [points[first - 2].period, points.at(-1).period];
}

async function chart(points, events) {
  const node = byId("dyad-chart");
  byId("dyad-figure").hidden = false;
  await plot(node, [...seriesTraces(points), ...markerTraces(events)], {
    xaxis: { type: "date", range: xRange(points) },
    yaxis: { title: { text: "tension" }, range: [-1.05, 1.05], zeroline: true },
    yaxis2: { title: { text: "Goldstein" }, overlaying: "y", side: "right", range: [-10.5, 10.5], showgrid: false },
  });
  node.on("plotly_click", (click) => {
    const point = click.points.find((p) => p.customdata);
    if (point) evidence(point.customdata);
  });
}

function eventsTable(events, total, a, b) {
  const columns = [
    { label: "Date", cls: "nowrap", value: (e) => e.date_value ?? "unknown" },
    { label: "Source", value: (e) => e.source_code ?? "–" },
    {
      label: "Event",
      value: (e) => h("button", { type: "button", class: "linklike", "aria-controls": "evidence", onclick: () => evidence(e.event_id) }, e.cameo_label),
    },
    { label: "Target", value: (e) => e.target_code ?? "–" },
    { label: "Goldstein", num: true, value: (e) => signed(e.goldstein) },
    { label: "Mentions", num: true, value: (e) => e.mentions },
  ];
  const shown = total > events.length ? `the first ${events.length} of ${total}` : `${total}`;
  const caption = `${shown} events between ${a} and ${b}; choose one to see its evidence`;
  byId("events-section").hidden = false;
  panel.hidden = false;
  fill(byId("dyad-events"), table({ caption, columns, rows: events, scroll: true, rowAttrs: (e) => ({ "data-event": e.event_id }) }));
}

async function load() {
  const a = form.a.value.trim().toUpperCase();
  const b = form.b.value.trim().toUpperCase();
  document.title = `${a}–${b} · flashpoint`;
  fill(byId("dyad-heading"), `Dyad ${a}–${b}`);
  const series = await getJSON("/api/dyad", { a, b, by: form.by.value, from: form.from.value, to: form.to.value });
  const from = form.from.value || series.points[0]?.period;
  const found = await getJSON("/api/events", {
    dyad: `${a},${b}`,
    from,
    to: form.to.value,
    order: "date",
    limit: EVENT_LIMIT,
  });
  const status = byId("dyad-status");
  if (!found.total) fill(status, h("p", {}, `No events between ${a} and ${b} in this window.`));
  else status.replaceChildren();
  await chart(series.points, found.items);
  eventsTable(found.items, found.total, a, b);
  if (params.get("event")) await evidence(params.get("event"));
}

async function actorCodes() {
  const { items } = await getJSON("/api/actors", { limit: 200 });
  const codes = [...new Set(items.map((item) => item.country).filter(Boolean)), ...items.map((item) => item.code)];
  fill(byId("actor-codes"), [...new Set(codes)].map((code) => h("option", { value: code })));
}

section(byId("dyad-form-status"), "list the actors", actorCodes);
if (form.a.value && form.b.value) section(byId("dyad-status"), "load the dyad", load);
else fill(byId("dyad-status"), h("p", {}, "Choose two actors, for example CHN and JPN."));
