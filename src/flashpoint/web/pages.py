"""The dashboard's pages: one shared layout, a fixed body per page, rendered once.

A page is static HTML; its module script reads the URL and fills the page from the
API. The article page is the same HTML for every ``doc_id``: its script reads the id
from the path.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Final

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

__all__ = ["PAGES", "Page", "add_pages", "render"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    path: str  # the route
    name: str  # templates/<name>.html and static/js/<name>.js
    title: str
    nav: bool = True  # listed in the navigation bar
    charts: bool = False  # loads plotly.js


PAGES: Final = (
    Page(path="/", name="overview", title="Overview", charts=True),
    Page(path="/dyad", name="dyad", title="Dyad", charts=True),
    Page(path="/network", name="network", title="Network", charts=True),
    Page(path="/code", name="code", title="Code a text"),
    Page(path="/article/{doc_id}", name="article", title="Article", nav=False),
)
_NO_CACHE: Final = {"Cache-Control": "no-cache"}


def _template(name: str) -> str:
    return resources.files("flashpoint.web").joinpath("templates", name).read_text("utf-8")


def _nav(current: Page) -> str:
    items = []
    for page in PAGES:
        if not page.nav:
            continue
        here = ' aria-current="page"' if page is current else ""
        items.append(f'<li><a href="{page.path}"{here}>{html.escape(page.title)}</a></li>')
    items.append('<li><a href="/api/docs">API</a></li>')
    return "\n".join(items)


def render(page: Page) -> str:
    """The page's full HTML."""
    scripts = ['<script src="/static/plotly.min.js" defer></script>'] if page.charts else []
    scripts.append(f'<script type="module" src="/static/js/{page.name}.js"></script>')
    return Template(_template("layout.html")).substitute(
        title=html.escape(page.title),
        scripts="\n".join(scripts),
        nav=_nav(page),
        main=_template(f"{page.name}.html"),
    )


def add_pages(app: FastAPI) -> None:
    """Route every page of :data:`PAGES` on ``app``."""
    for page in PAGES:
        app.add_api_route(
            page.path,
            _endpoint(render(page)),
            methods=["GET"],
            response_class=HTMLResponse,
            include_in_schema=False,
            name=f"page-{page.name}",
        )


def _endpoint(body: str) -> Callable[[], Awaitable[HTMLResponse]]:
    # No parameters, not even the article's doc_id: the page's script reads the URL.
    async def page() -> HTMLResponse:
        return HTMLResponse(body, headers=_NO_CACHE)

    return page
