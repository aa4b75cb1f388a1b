// "Code a text": paste an article, see the actors and events flashpoint finds.
import { errorBox, postJSON } from "./api.js";
import { actorText, byId, fill, h, signed, table } from "./dom.js";
import { highlight } from "./highlight.js";

const form = byId("code-form");
const submit = byId("code-submit");
const status = byId("code-status");
const result = byId("code-result");

function place(location) {
  if (!location) return "–";
  return location.country ? `${location.name}, ${location.country}` : location.name;
}

function eventsTable(events) {
  const columns = [
    { label: "Date", cls: "nowrap", value: (e) => (e.date ? `${e.date} (${e.date_precision})` : "unknown") },
    { label: "Source", value: (e) => (e.source ? actorText(e.source.code, e.source.name) : "–") },
    { label: "Event", value: (e) => `${e.cameo} ${e.cameo_label}` },
    { label: "Target", value: (e) => (e.target ? actorText(e.target.code, e.target.name) : "–") },
    { label: "Goldstein", num: true, value: (e) => signed(e.goldstein) },
    { label: "Modality", value: (e) => e.modality },
    { label: "Place", value: (e) => place(e.location) },
    { label: "Sentence", cls: "sentence", value: (e) => e.sentence },
  ];
  return table({ caption: `${events.length} event${events.length === 1 ? "" : "s"}`, columns, rows: events });
}

function actorsTable(actors) {
  const columns = [
    { label: "As written", value: (a) => a.text },
    { label: "Actor", value: (a) => actorText(a.code, a.name) },
    { label: "Role", value: (a) => a.role ?? "–" },
  ];
  return table({ caption: `${actors.length} actor mention${actors.length === 1 ? "" : "s"}`, columns, rows: actors });
}

// The text as flashpoint cleaned it, which the offsets index, not as it was pasted.
function annotated(found) {
  const sentences = found.events.map((e) => ({ start: e.offsets[0], end: e.offsets[1], title: `${e.cameo} ${e.cameo_label}` }));
  const actors = found.actors.map((a) => ({ start: a.start, end: a.end, kind: "actor", title: actorText(a.code, a.name) }));
  return h("div", { class: "article-text" }, highlight(found.text, sentences, actors));
}

function show(found) {
  if (found.skip) {
    fill(status, `The text was skipped (${found.skip.reason}): ${found.skip.detail}`);
    result.replaceChildren();
    return;
  }
  fill(status, `Found ${found.events.length} event${found.events.length === 1 ? "" : "s"} and ${found.actors.length} actor mention${found.actors.length === 1 ? "" : "s"} (document ${found.doc_id}).`);
  fill(
    result,
    h("h2", {}, "Events"),
    found.events.length ? eventsTable(found.events) : h("p", {}, "No events were found in this text."),
    h("h2", {}, "Actors"),
    found.actors.length ? actorsTable(found.actors) : h("p", {}, "No actors were found."),
    h("h2", {}, "Text as coded"),
    h("p", { class: "hint legend" }, h("mark", {}, "coded sentence"), " ", h("span", { class: "actor" }, "actor")),
    annotated(found),
  );
}

async function code(event) {
  event.preventDefault();
  const body = { text: byId("code-text").value };
  if (byId("code-title").value.trim()) body.title = byId("code-title").value.trim();
  if (byId("code-published").value) body.published = byId("code-published").value;
  submit.disabled = true;
  fill(status, "Coding…");
  result.replaceChildren();
  try {
    show(await postJSON("/api/code", body));
  } catch (error) {
    status.replaceChildren();
    fill(result, errorBox(error, "code the text"));
    if (error.name !== "ApiError") throw error;
  } finally {
    submit.disabled = false;
  }
}

form.addEventListener("submit", code);
