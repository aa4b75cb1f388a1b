// Building the page from API data. Every string goes in as a text node or an
// attribute value, never as HTML: the strings come from news articles.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// An article's URL is data: only http(s) may become a link, never javascript:.
export function safeHref(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function number(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number(value).toLocaleString("en", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function signed(value, digits = 1) {
  const text = number(value, digits);
  return value > 0 ? `+${text}` : text.replace("-", "−");
}

export const QUADS = {
  1: "Verbal cooperation",
  2: "Material cooperation",
  3: "Verbal conflict",
  4: "Material conflict",
};

export function actorText(code, name) {
  if (!code) return "–";
  return name && name !== code ? `${name} (${code})` : code;
}

// columns: [{label, value: row => node or text, num?: bool, cls?: string}]
export function table({ caption, columns, rows, scroll = false, rowAttrs }) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.num ? "num" : null }, c.label)));
  const body = rows.map((row) =>
    h(
      "tr",
      rowAttrs ? rowAttrs(row) : {},
      columns.map((c) => h("td", { class: c.num ? "num" : c.cls ?? null }, c.value(row))),
    ),
  );
  const node = h("table", {}, caption ? h("caption", {}, caption) : null, h("thead", {}, head), h("tbody", {}, body));
  return h("div", { class: scroll ? "table-wrap scroll" : "table-wrap" }, node);
}

export function dyadHref(a, b, extra = {}) {
  const params = new URLSearchParams({ a, b, ...extra });
  return `/dyad?${params}`;
}

export function articleHref(docId, start) {
  const path = `/article/${encodeURIComponent(docId)}`;
  return start === null || start === undefined ? path : `${path}#s-${start}`;
}
