// fetch() against the REST API, with its JSON error shape turned into ApiError.
import { h } from "./dom.js";

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one !== null && one !== undefined && one !== "") search.append(key, String(one));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function parse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) return body;
  const error = body?.error ?? {};
  throw new ApiError(
    error.status ?? response.status,
    error.code ?? "http_error",
    error.message ?? `${response.status} ${response.statusText}`,
    error.details ?? [],
  );
}

export async function getJSON(path, params = {}) {
  const response = await fetch(`${path}${query(params)}`, { headers: { Accept: "application/json" } });
  return parse(response);
}

export async function postJSON(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return parse(response);
}

function detailText(detail) {
  if (detail && typeof detail === "object") {
    const where = Array.isArray(detail.loc) ? detail.loc.join(".") : detail.field ?? "";
    const what = detail.msg ?? detail.message ?? JSON.stringify(detail);
    return where ? `${where}: ${what}` : what;
  }
  return String(detail);
}

// A visible, announced error; the message is the API's own when there is one.
export function errorBox(error, doing) {
  const message = error instanceof ApiError ? error.message : `the server could not be reached (${error.message})`;
  const details = error instanceof ApiError ? error.details : [];
  return h(
    "div",
    { class: "error", role: "alert" },
    h("strong", {}, doing ? `Could not ${doing}: ` : "Error: "),
    message,
    details.length ? h("ul", {}, details.map((d) => h("li", {}, detailText(d)))) : null,
  );
}

// Run one part of a page; if it fails, show why in its own container.
export async function section(container, doing, load) {
  try {
    await load();
  } catch (error) {
    container.replaceChildren(errorBox(error, doing));
    if (!(error instanceof ApiError)) throw error;
  }
}
