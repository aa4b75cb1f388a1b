// Overview: the store at a glance, the most tense dyads, the latest alerts, events over time.
import { getJSON, section } from "./api.js";
import { COLOURS, plot } from "./charts.js";
import { QUADS, byId, dyadHref, fill, h, number, signed, table } from "./dom.js";

async function summary() {
  const health = await getJSON("/api/health");
  fill(
    byId("store-summary"),
    `${health.events.toLocaleString("en")} events in `,
    h("code", {}, health.store),
    ` · flashpoint ${health.version}`,
  );
}

async function tenseDyads() {
  const { items, date_from: from, date_to: to } = await getJSON("/api/dyads/top", { limit: 10, by: "week", periods: 8 });
  if (from && to) fill(byId("tense-window"), `From ${from} to ${to}, the eight weeks up to the latest event.`);
  const node = byId("tense-dyads");
  if (!items.length) {
    fill(node, h("p", {}, "No dyad has events in the last eight weeks."));
    return;
  }
  const columns = [
    { label: "Dyad", value: (d) => h("a", { href: dyadHref(d.a, d.b, { by: "week" }) }, `${d.a}–${d.b}`) },
    { label: "Events", num: true, value: (d) => d.events },
    { label: "Conflict", num: true, value: (d) => number(d.conflict) },
    { label: "Cooperation", num: true, value: (d) => number(d.cooperation) },
    { label: "Tension", num: true, value: (d) => signed(d.tension, 2) },
  ];
  fill(node, table({ columns, rows: items }));
}

function driver(alert, d) {
  const link = h("a", { href: dyadHref(alert.a, alert.b, { by: "week", event: d.event_id }) }, d.cameo_label);
  return h(
    "li",
    {},
    h("time", { datetime: d.date }, d.date),
    " ",
    link,
    ` (${d.source_code ?? "?"} → ${d.target_code ?? "?"}, Goldstein ${signed(d.goldstein)}): `,
    d.sentence,
  );
}

function alertItem(alert) {
  const head = h(
    "p",
    { class: "alert-head" },
    h("a", { href: dyadHref(alert.a, alert.b, { by: "week" }) }, `${alert.a}–${alert.b}`),
    `, week of ${alert.period}`,
  );
  const numbers = h(
    "p",
    {},
    `Conflict ${number(alert.value)} against a baseline of ${number(alert.baseline)} ` +
      `(z = ${number(alert.z)}); ${alert.events} events, tension ${signed(alert.tension, 2)}.`,
  );
  const drivers = alert.drivers.length
    ? [h("p", {}, "Driven by:"), h("ol", {}, alert.drivers.map((d) => driver(alert, d)))]
    : [];
  return h("li", {}, head, numbers, drivers);
}

async function latestAlerts() {
  const { items } = await getJSON("/api/alerts", { limit: 5 });
  const node = byId("alerts");
  if (!items.length) {
    fill(node, h("p", {}, "No alerts: no week stands out from its pair's baseline."));
    return;
  }
  fill(node, h("ul", { class: "alerts" }, items.map(alertItem)));
}

async function timeline() {
  const { points } = await getJSON("/api/timeline", { by: "week" });
  const chart = byId("timeline-chart");
  const x = points.map((p) => p.period);
  const traces = [1, 2, 3, 4].map((q) => ({
    type: "bar",
    name: QUADS[q],
    x,
    y: points.map((p) => p[`quad${q}`]),
    marker: { color: COLOURS[q] },
    hovertemplate: `%{x|%Y-%m-%d}: %{y} ${QUADS[q].toLowerCase()}<extra></extra>`,
  }));
  await plot(chart, traces, { barmode: "stack", yaxis: { title: { text: "events" } }, xaxis: { type: "date" } });
  const busy = points.filter((p) => p.events > 0);
  const columns = [
    { label: "Week of", value: (p) => p.period },
    { label: "Events", num: true, value: (p) => p.events },
    ...[1, 2, 3, 4].map((q) => ({ label: QUADS[q], num: true, value: (p) => p[`quad${q}`] })),
  ];
  fill(byId("timeline-table"), table({ caption: "Weeks with at least one event", columns, rows: busy, scroll: true }));
}

section(byId("store-summary"), "read the store", summary);
section(byId("tense-dyads"), "load the tense dyads", tenseDyads);
section(byId("alerts"), "load the alerts", latestAlerts);
section(byId("timeline-table"), "load the timeline", timeline);
