// Network page: the signed actor graph, its ties as a table, and the triad check.
import { errorBox, getJSON, section } from "./api.js";
import { COLOURS, hoverText, plain, plot } from "./charts.js";
import { byId, dyadHref, fill, h, number, signed, table } from "./dom.js";
import { forceLayout } from "./graph.js";

const params = new URLSearchParams(window.location.search);
const form = { from: byId("net-from"), to: byId("net-to"), level: byId("net-level"), min_events: byId("net-min") };
for (const [name, input] of Object.entries(form)) {
  if (params.get(name)) input.value = params.get(name);
}

const TIES = {
  1: { name: "Cooperative tie", colour: COLOURS[2], dash: "solid", word: "cooperative" },
  "-1": { name: "Hostile tie", colour: COLOURS[4], dash: "dash", word: "hostile" },
  0: { name: "Even tie", colour: COLOURS.neutral, dash: "dot", word: "even" },
};
const WIDTHS = [1.5, 3.5, 6];

function widthOf(edge, most) {
  return WIDTHS[Math.min(WIDTHS.length - 1, Math.floor((edge.events / most) * WIDTHS.length))];
}

// One trace per (sign, width): plotly gives a whole trace one line style.
function edgeTraces(edges, at) {
  const most = Math.max(...edges.map((e) => e.events), 1);
  const groups = new Map();
  for (const edge of edges) {
    const key = `${Math.sign(edge.sign)}|${widthOf(edge, most)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(edge);
  }
  const shown = new Set();
  return [...groups.entries()].map(([key, group]) => {
    const [sign, width] = key.split("|");
    const tie = TIES[sign];
    const first = !shown.has(sign);
    shown.add(sign);
    return {
      type: "scatter",
      mode: "lines",
      name: tie.name,
      legendgroup: sign,
      showlegend: first,
      hoverinfo: "skip",
      x: group.flatMap((e) => [at.get(e.a).x, at.get(e.b).x, null]),
      y: group.flatMap((e) => [at.get(e.a).y, at.get(e.b).y, null]),
      line: { color: tie.colour, width: Number(width), dash: tie.dash },
    };
  });
}

function tieText(e) {
  return `${e.a}–${e.b}: ${e.events} events (${e.cooperation} cooperative, ${e.conflict} hostile), mean Goldstein ${signed(e.goldstein_mean)}`;
}

function midpointTrace(edges, at) {
  return {
    type: "scatter",
    mode: "markers",
    name: "Tie midpoints",
    showlegend: false,
    x: edges.map((e) => (at.get(e.a).x + at.get(e.b).x) / 2),
    y: edges.map((e) => (at.get(e.a).y + at.get(e.b).y) / 2),
    customdata: edges.map((e) => [e.a, e.b]),
    text: edges.map((e) => hoverText(tieText(e))),
    hovertemplate: "%{text}<extra></extra>",
    marker: { size: 9, color: "rgba(255,255,255,0.9)", line: { color: "#4d5866", width: 1 } },
  };
}

function nodeTrace(nodes, at) {
  const most = Math.max(...nodes.map((n) => n.events), 1);
  return {
    type: "scatter",
    mode: "markers+text",
    name: "Actors",
    showlegend: false,
    x: nodes.map((n) => at.get(n.code).x),
    y: nodes.map((n) => at.get(n.code).y),
    text: nodes.map((n) => plain(n.code)),
    textposition: "top center",
    hovertext: nodes.map((n) => hoverText(`${n.label} (${n.code}): ${n.events} events`)),
    hovertemplate: "%{hovertext}<extra></extra>",
    marker: { size: nodes.map((n) => 8 + 16 * Math.sqrt(n.events / most)), color: "#14325c", opacity: 0.85, line: { color: "#fff", width: 1.5 } },
  };
}

async function graph(net) {
  const at = forceLayout(net.nodes, net.edges);
  const node = byId("network-chart");
  byId("network-figure").hidden = false;
  // The picture fills the wide chart: a graph's layout has no meaningful aspect ratio.
  const hidden = { visible: false, range: [-1.15, 1.15] };
  await plot(node, [...edgeTraces(net.edges, at), midpointTrace(net.edges, at), nodeTrace(net.nodes, at)], {
    xaxis: hidden,
    yaxis: hidden,
    margin: { l: 16, r: 16, t: 16, b: 16 },
  });
  node.on("plotly_click", (click) => {
    const point = click.points.find((p) => Array.isArray(p.customdata));
    if (point) window.location.assign(dyadHref(point.customdata[0], point.customdata[1], { by: "week" }));
  });
}

function tiesTable(edges) {
  const sorted = [...edges].sort((p, q) => q.events - p.events || p.a.localeCompare(q.a));
  const columns = [
    { label: "Tie", value: (e) => h("a", { href: dyadHref(e.a, e.b, { by: "week" }) }, `${e.a}–${e.b}`) },
    { label: "Events", num: true, value: (e) => e.events },
    { label: "Cooperative", num: true, value: (e) => e.cooperation },
    { label: "Hostile", num: true, value: (e) => e.conflict },
    { label: "Mean Goldstein", num: true, value: (e) => signed(e.goldstein_mean) },
    { label: "Sign", value: (e) => h("span", { class: signClass(e.sign) }, TIES[Math.sign(e.sign)].word) },
  ];
  fill(byId("network-ties"), table({ caption: `${edges.length} ties, most events first`, columns, rows: sorted, scroll: true }));
}

function signClass(sign) {
  if (sign > 0) return "sign-coop";
  return sign < 0 ? "sign-conflict" : null;
}

function prefillTriad(nodes) {
  fill(byId("node-codes"), nodes.map((n) => h("option", { value: n.code }, n.label)));
  const biggest = [...nodes].sort((p, q) => q.events - p.events).slice(0, 3);
  const inputs = [byId("triad-a"), byId("triad-b"), byId("triad-c")];
  inputs.forEach((input, i) => {
    if (!input.value && biggest[i]) input.value = biggest[i].code;
  });
}

async function load() {
  const net = await getJSON("/api/network", {
    from: form.from.value,
    to: form.to.value,
    level: form.level.value,
    min_events: form.min_events.value,
  });
  if (!net.edges.length) {
    fill(byId("network-status"), h("p", {}, "No ties in this window."));
    return;
  }
  await graph(net);
  tiesTable(net.edges);
  prefillTriad(net.nodes);
}

function triadResult(t) {
  const verdict = t.balanced ? "Balanced" : "Unbalanced";
  const columns = [
    { label: "Tie", value: (e) => `${e.a}–${e.b}` },
    { label: "Events", num: true, value: (e) => e.events },
    { label: "Mean Goldstein", num: true, value: (e) => (e.events ? signed(e.goldstein_mean) : "–") },
    { label: "Sign", value: (e) => h("span", { class: signClass(e.sign) }, e.events ? TIES[Math.sign(e.sign)].word : "no events") },
  ];
  return [
    h("p", { class: "verdict" }, `${verdict}: ${t.nodes.join(", ")} (sign product ${number(t.product, 0)})`),
    h("p", {}, t.middle ? `In the middle: ${t.middle}. ` : "", t.explanation),
    table({ columns, rows: t.edges }),
  ];
}

async function triad(event) {
  event.preventDefault();
  const result = byId("triad-result");
  const [a, b, c] = ["triad-a", "triad-b", "triad-c"].map((id) => byId(id).value.trim().toUpperCase());
  fill(result, h("p", { class: "status" }, "Checking…"));
  try {
    const t = await getJSON("/api/triad", { a, b, c, from: form.from.value, to: form.to.value });
    fill(result, triadResult(t));
  } catch (error) {
    fill(result, errorBox(error, "check the triad"));
  }
}

byId("triad-form").addEventListener("submit", triad);
section(byId("network-status"), "load the network", load);
