"""``/api/docs``: a plain page listing the endpoints, written from the OpenAPI document.

FastAPI's own documentation pages load their scripts from a CDN, and no installed
package ships those assets, so the server has a page of its own instead: static HTML,
no scripts, built from the same OpenAPI document ``/api/openapi.json`` serves.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["render", "router"]

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")
_STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "code{background:#f3f3f3;padding:0 .25em}table{border-collapse:collapse}"
    "td,th{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}"
    "h2{margin-top:2rem;font-size:1.1rem}"
)


def _parameters(operation: dict[str, Any]) -> str:
    rows = []
    for param in operation.get("parameters", []):
        schema = param.get("schema", {})
        kind = schema.get("type") or " | ".join(
            str(s.get("type", "")) for s in schema.get("anyOf", []) if s.get("type") != "null"
        )
        choices = schema.get("enum")
        note = param.get("description") or schema.get("description") or ""
        if choices:
            note = f"{note} One of: {', '.join(map(str, choices))}.".strip()
        rows.append(
            f"<tr><td><code>{escape(param['name'])}</code></td><td>{escape(param['in'])}</td>"
            f"<td>{escape(kind)}</td><td>{'yes' if param.get('required') else ''}</td>"
            f"<td>{escape(note)}</td></tr>"
        )
    if not rows:
        return ""
    head = "<tr><th>parameter</th><th>in</th><th>type</th><th>required</th><th></th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def render(spec: dict[str, Any]) -> str:
    """The documentation page for an OpenAPI document."""
    info = spec.get("info", {})
    title = f"{info.get('title', 'API')} {info.get('version', '')}".strip()
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}"
        f"</title><style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>"
        "<p>The machine-readable document is <a href='/api/openapi.json'>/api/openapi.json</a>."
        ' Every error is <code>{"error": {"status", "code", "message", "details"}}'
        "</code>.</p>"
    ]
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parts.append(
                f"<h2><code>{method.upper()} {escape(path)}</code> "
                f"{escape(operation.get('summary', ''))}</h2>"
                f"<p>{escape(operation.get('description', ''))}</p>{_parameters(operation)}"
            )
    parts.append("</body></html>")
    return "".join(parts)


@router.get("/api/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    page = render(request.app.openapi())
    # Nothing on the page runs or loads from elsewhere; say so to the browser.
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    return HTMLResponse(page, headers={"Content-Security-Policy": policy})
