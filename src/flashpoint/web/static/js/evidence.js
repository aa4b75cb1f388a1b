// The evidence behind one event: what it is, and every sentence that reported it.
import { getJSON } from "./api.js";
import { QUADS, actorText, articleHref, h, safeHref, signed } from "./dom.js";

function facts(event) {
  const rows = [
    ["Date", event.date_value ? `${event.date_value} (${event.date_precision})` : "unknown"],
    ["Source", actorText(event.source_code, event.source_name)],
    ["Target", actorText(event.target_code, event.target_name)],
    ["CAMEO", `${event.cameo} ${event.cameo_label}`],
    ["Goldstein", signed(event.goldstein)],
    ["Quad class", `${event.quad_class} ${QUADS[event.quad_class] ?? ""}`],
    ["Modality", event.modality],
    ["Place", event.location_name ? `${event.location_name}${event.location_country ? `, ${event.location_country}` : ""}` : "–"],
    ["Mentions", `${event.mentions} in ${event.sources} article${event.sources === 1 ? "" : "s"}`],
  ];
  return h("dl", { class: "facts" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

function mention(m) {
  const original = safeHref(m.url);
  return h(
    "li",
    {},
    h("blockquote", { class: "evidence-sentence" }, m.sentence),
    h(
      "p",
      {},
      h("a", { href: articleHref(m.doc_id, m.start) }, m.title || m.doc_id),
      m.published ? ` · published ${m.published}` : "",
      original ? [" · ", h("a", { href: original, rel: "noopener noreferrer" }, "original")] : null,
    ),
  );
}

// Fill the panel with the event's evidence and move focus there, so a keyboard
// user lands on what they asked for.
export async function showEvidence(panel, body, eventId) {
  const { event, mentions } = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  body.replaceChildren(
    h("h3", {}, event.cameo_label),
    facts(event),
    h("h3", {}, `Reported in ${mentions.length} sentence${mentions.length === 1 ? "" : "s"}`),
    h("ul", { class: "mentions" }, mentions.map(mention)),
  );
  panel.hidden = false;
  panel.querySelector("h2").focus();
  return event;
}
