// An article's text as DOM nodes, with its coded sentences in <mark> and its actors,
// dates and places in spans, all placed by character offsets into the text. The text
// only ever becomes text nodes: an article is data, never markup.
import { h } from "./dom.js";

// The API's offsets count code points, as Python does; JavaScript strings count UTF-16
// units. The two differ after any character beyond the Basic Multilingual Plane.
export function offsets(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return { unit: (i) => i, point: (u) => u };
  const units = [0];
  for (const char of text) units.push(units.at(-1) + char.length);
  const points = new Map(units.map((u, i) => [u, i]));
  return { unit: (i) => units[Math.min(Math.max(i, 0), units.length - 1)], point: (u) => points.get(u) ?? 0 };
}

function overlaps(p, q) {
  return p.start < q.end && q.start < p.end;
}

// Sentences told twice (two events in one sentence) get one mark; sentences that
// overlap are joined, so every coded character is highlighted exactly once.
export function mergeRanges(ranges) {
  const sorted = [...ranges].sort((p, q) => p.start - q.start || q.end - p.end);
  const merged = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start < last.end) {
      last.end = Math.max(last.end, range.end);
      last.titles.push(range.title);
    } else {
      merged.push({ start: range.start, end: range.end, at: range.at, titles: [range.title] });
    }
  }
  return merged;
}

// Earlier spans in the list win: a word that is both an actor and a place is an actor.
function disjoint(spans) {
  const kept = [];
  for (const span of spans) {
    if (span.end > span.start && !kept.some((k) => overlaps(k, span))) kept.push(span);
  }
  return kept.sort((p, q) => p.start - q.start);
}

function appendSpans(parent, text, from, to, spans) {
  let pos = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (start > pos) parent.append(text.slice(pos, start));
    parent.append(h("span", { class: span.kind, title: span.title }, text.slice(start, end)));
    pos = end;
  }
  if (to > pos) parent.append(text.slice(pos, to));
}

// sentences: [{start, end, title}]; spans: [{start, end, kind, title}], most important
// first; offsets in code points.
export function highlight(text, sentences, spans) {
  const { unit } = offsets(text);
  // `at` keeps the code-point start: links to a sentence (#s-123) use the API's offsets.
  const inUnits = (r) => ({ ...r, start: unit(r.start), end: unit(r.end), at: r.start });
  sentences = sentences.map(inUnits);
  const fragment = document.createDocumentFragment();
  const leaves = disjoint(spans.map(inUnits));
  let pos = 0;
  for (const range of mergeRanges(sentences)) {
    appendSpans(fragment, text, pos, range.start, leaves);
    const mark = h("mark", { id: `s-${range.at}`, tabindex: "-1", title: range.titles.join("\n") });
    appendSpans(mark, text, range.start, range.end, leaves);
    fragment.append(mark);
    pos = range.end;
  }
  appendSpans(fragment, text, pos, text.length, leaves);
  return fragment;
}

// Where `needle` first occurs, ignoring case, inside text[start:end] (code points), or null.
export function findIn(text, start, end, needle, kind, title) {
  if (!needle) return null;
  const { unit, point } = offsets(text);
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu");
  const found = pattern.exec(text.slice(unit(start), unit(end)));
  if (!found) return null;
  const at = unit(start) + found.index;
  return { start: point(at), end: point(at + found[0].length), kind, title };
}
