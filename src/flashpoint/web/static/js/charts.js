// plotly.js, loaded by the page as /static/plotly.min.js, with one look for every chart.

export const COLOURS = {
  1: "#67a9cf",
  2: "#2166ac",
  3: "#ef8a62",
  4: "#b2182b",
  tension: "#14325c",
  goldstein: "#6a3d9a",
  neutral: "#8c8c8c",
};
// Cooperation and conflict differ in shape as well as colour.
export const SYMBOLS = { 1: "circle", 2: "circle", 3: "triangle-up", 4: "triangle-up" };

const CONFIG = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ["lasso2d", "select2d"],
};

function layout(extra) {
  return {
    margin: { l: 60, r: 60, t: 16, b: 48 },
    font: { family: "system-ui, sans-serif", size: 13, color: "#1c2430" },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    hovermode: "closest",
    hoverlabel: { align: "left" },
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", traceorder: "normal" },
    ...extra,
  };
}

export function plot(node, traces, extra = {}) {
  return window.Plotly.react(node, traces, layout(extra), CONFIG);
}

// Plotly reads a few tags (<br>, <a>, <b>) in the text it draws, so text from the store
// loses its angle brackets before it gets there.
export function plain(text) {
  return String(text ?? "").replaceAll("<", "‹").replaceAll(">", "›");
}

// Hover text: plain, cut when long, and wrapped.
export function hoverText(text, width = 80) {
  const flat = plain(text);
  const cut = flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
  const lines = [];
  let line = "";
  for (const word of cut.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join("<br>");
}
