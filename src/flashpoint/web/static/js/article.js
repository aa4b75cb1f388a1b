// Article page: the text with its coded sentences, actors, dates and places marked.
import { errorBox, getJSON } from "./api.js";
import { actorText, byId, fill, h, safeHref, table } from "./dom.js";
import { findIn, highlight } from "./highlight.js";

const docId = decodeURIComponent(window.location.pathname.split("/").pop());

function located(m) {
  return Number.isInteger(m.start) && Number.isInteger(m.end) && m.end > m.start;
}

function spansOf(article) {
  const actors = article.actors.map((a) => ({
    start: a.start,
    end: a.end,
    kind: "actor",
    title: `${actorText(a.code, a.name)}${a.role ? `, ${a.role}` : ""}`,
  }));
  const coded = article.mentions.filter(located);
  const dates = coded.map((m) => findIn(article.text, m.start, m.end, m.date_text, "date", `date: ${m.date_value ?? "unknown"}`));
  const places = coded.map((m) => findIn(article.text, m.start, m.end, m.location_name, "place", `place: ${placeOf(m)}`));
  return [...actors, ...dates, ...places].filter(Boolean);
}

function placeOf(m) {
  if (!m.location_name) return "–";
  return m.location_country ? `${m.location_name}, ${m.location_country}` : m.location_name;
}

function header(article) {
  document.title = `${article.title || article.doc_id} · flashpoint`;
  fill(byId("article-title"), article.title || `Article ${article.doc_id}`);
  const original = safeHref(article.url);
  const parts = [
    article.site,
    article.author ? `by ${article.author}` : null,
    article.published ? `published ${article.published}` : "publication date unknown",
    `id ${article.doc_id}`,
  ].filter(Boolean);
  fill(byId("article-meta"), parts.join(" · "), original ? [" · ", h("a", { href: original, rel: "noopener noreferrer" }, "original")] : null);
}

function actorsList(actors) {
  const seen = new Map();
  for (const a of actors) {
    const key = a.code;
    if (!seen.has(key)) seen.set(key, { ...a, count: 0, texts: new Set() });
    seen.get(key).count += 1;
    seen.get(key).texts.add(a.text);
  }
  const columns = [
    { label: "Actor", value: (a) => actorText(a.code, a.name) },
    { label: "Role", value: (a) => a.role ?? "–" },
    { label: "As written", value: (a) => [...a.texts].join("; ") },
    { label: "Times", num: true, value: (a) => a.count },
  ];
  if (!seen.size) return h("p", {}, "No actors found.");
  return table({ columns, rows: [...seen.values()] });
}

function eventsList(mentions, labels) {
  const columns = [
    { label: "#", num: true, value: (m) => mentions.indexOf(m) + 1 },
    { label: "Date", value: (m) => [m.date_value ?? "unknown", m.date_precision ? ` (${m.date_precision})` : "", m.date_text ? h("br") : null, m.date_text ? `“${m.date_text}”` : null] },
    { label: "Source", value: (m) => m.source_code ?? "–" },
    { label: "Event", value: (m) => `${m.cameo} ${labels.get(m.event_id) ?? ""}` },
    { label: "Target", value: (m) => m.target_code ?? "–" },
    { label: "Place", value: (m) => placeOf(m) },
    { label: "Modality", value: (m) => m.modality },
    { label: "Sentence", cls: "sentence", value: (m) => (located(m) ? h("a", { href: `#s-${m.start}` }, m.sentence) : m.sentence) },
  ];
  if (!mentions.length) return h("p", {}, "No events were coded in this article.");
  return table({ columns, rows: mentions });
}

// StoredMention has the CAMEO code but not its name; the event records have both.
async function cameoLabels(mentions) {
  const ids = [...new Set(mentions.map((m) => m.event_id))];
  const found = await Promise.all(ids.map((id) => getJSON(`/api/events/${encodeURIComponent(id)}`).catch(() => null)));
  return new Map(found.filter(Boolean).map((f) => [f.event.event_id, f.event.cameo_label]));
}

function focusHash() {
  const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (!target) return;
  for (const mark of document.querySelectorAll("mark.current")) mark.classList.remove("current");
  target.classList.add("current");
  target.focus();
}

async function load() {
  const article = await getJSON(`/api/articles/${encodeURIComponent(docId)}`);
  header(article);
  const sentences = article.mentions.filter(located).map((m) => ({ start: m.start, end: m.end, title: `CAMEO ${m.cameo}: ${m.source_code ?? "?"} → ${m.target_code ?? "?"}` }));
  byId("article-text").replaceChildren(highlight(article.text, sentences, spansOf(article)));
  fill(byId("article-actors"), actorsList(article.actors));
  const labels = await cameoLabels(article.mentions);
  fill(byId("article-events"), eventsList(article.mentions, labels));
  byId("article-status").replaceChildren();
  focusHash();
}

window.addEventListener("hashchange", focusHash);
load()
  .catch((error) => {
    fill(byId("article-status"), errorBox(error, "load the article"));
    if (error.name !== "ApiError") throw error;
  })
  .finally(() => byId("article").removeAttribute("aria-busy"));
