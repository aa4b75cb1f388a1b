"""The dashboard in a real browser, used as a person would use it.

uvicorn serves the demo store on a free loopback port in a thread; Debian's Chromium,
driven by Playwright, visits every page, clicks and types, and checks what is shown
against the store. Any console error fails a test, and so does any request that
leaves 127.0.0.1. Screenshots go to build/screenshots/.

Without Chromium these tests skip, except under CI (the CI environment variable set),
where a missing browser is a failure: CI installs it.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    expect,
    sync_playwright,
)

from flashpoint.analytics import network, triad
from flashpoint.config import Settings
from flashpoint.store import (
    EventFilter,
    StoredArticle,
    count_events,
    evidence,
    get_article,
    open_store,
)
from flashpoint.store.records import MODALITIES
from flashpoint.web import create_app

from .conftest import ROOT

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = ROOT / "build" / "screenshots"
VIEWPORT = {"width": 1366, "height": 768}
# A report written for this test; no news outlet's text.
PARAGRAPH = (
    "TOKYO — Japan's foreign minister met his Chinese counterpart in Beijing on Monday and "
    "the two governments agreed to resume talks on fishing rights in the East China Sea, "
    "officials said. Japan also protested the presence of Chinese coast guard ships near "
    "the Senkaku Islands, calling it a violation of its territorial waters."
)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; CI must install it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    return path


@pytest.fixture(scope="session")
def base_url(demo_store: Path) -> Iterator[str]:
    """The dashboard over the demo store, served by uvicorn in a thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port, and it stays ours
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(demo_store, Settings()), log_config=None, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


# One browser for the module. Module, not session: Playwright's sync API keeps an event
# loop running on the main thread, which would break later tests that start their own.
@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    playwright: Playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield launched
        launched.close()
    finally:
        playwright.stop()


@dataclass(slots=True)
class Tab:
    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def expect_error(self, text: str) -> None:
        """A console error this test provokes on purpose (a 404 it asked for)."""
        self.expected.append(text)

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(x in e for x in self.expected)]


@pytest.fixture
def tab(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    page = context.new_page()
    found = Tab(page=page, base=base_url)

    def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            found.offsite.append(route.request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.errors.append(f"{page.url}: {message.text}")

    context.route("**/*", only_loopback)
    page.on("console", console)
    page.on("pageerror", lambda error: found.errors.append(f"{page.url}: {error}"))
    yield found
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=SCREENSHOTS / f"{request.node.name.removeprefix('test_')}.png", full_page=True
    )
    context.close()
    assert found.unexpected() == [], "console errors"
    assert found.offsite == [], "requests left the machine"


def _count_all(demo_store: Path) -> int:
    with open_store(demo_store, read_only=True) as store:
        return int(count_events(store, EventFilter(modality=MODALITIES)))


def test_overview_shows_tense_dyads_alerts_and_the_timeline(tab: Tab, demo_store: Path) -> None:
    page = tab.open("/")
    expect(page.locator("#store-summary")).to_contain_text(
        f"{_count_all(demo_store):,} events in demo.duckdb"
    )
    tense = page.locator("#tense-dyads table")
    first = tense.locator("tbody tr").first.locator("a")
    assert first.inner_text() == "CHN–JPN"
    alerts = page.locator("#alerts .alerts > li")
    alerts.first.wait_for()
    assert any("CHN–JPN" in text for text in alerts.all_inner_texts())
    assert "Driven by:" in alerts.first.inner_text()
    page.locator("#timeline-chart .bars .point").first.wait_for(state="attached")
    first.click()
    page.wait_for_url(re.compile(r"/dyad\?a=CHN&b=JPN"))
    assert page.locator("h1").inner_text() == "Dyad CHN–JPN"


def _evidence_sentences(page: Page) -> set[str]:
    page.locator("#evidence-body blockquote").first.wait_for()
    return set(page.locator("#evidence-body blockquote").all_inner_texts())


def _stored_sentences(demo_store: Path, event_id: str) -> set[str]:
    with open_store(demo_store, read_only=True) as store:
        return {m.sentence for m in evidence(store, event_id)}


def test_dyad_chart_markers_and_evidence(tab: Tab, demo_store: Path) -> None:
    page = tab.open("/dyad?a=CHN&b=JPN&by=week")
    assert page.locator("#dyad-a").input_value() == "CHN"
    assert page.locator("#dyad-b").input_value() == "JPN"
    assert page.locator("#dyad-by").input_value() == "week"
    rows = page.locator("#dyad-events tbody tr")
    rows.first.wait_for()
    page.locator("#dyad-chart .main-svg").first.wait_for()
    dated = [r for r in rows.all() if r.locator("td").first.inner_text() != "unknown"]
    assert page.locator("#dyad-chart .scatterlayer .point").count() == len(dated) > 0

    # A cooperative event first, so that the conflict marker below is another event.
    row = rows.filter(has=page.locator("td.num", has_text="+")).first
    row.get_by_role("button").click()
    event_id = row.get_attribute("data-event") or ""
    assert _evidence_sentences(page) == _stored_sentences(demo_store, event_id)
    assert "current" in (row.get_attribute("class") or "")

    # A marker of the "Material conflict" trace (the last one): its evidence replaces it.
    marker = page.locator("#dyad-chart .scatterlayer .trace").last.locator(".point").first
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None
    # Plotly picks the point under the mouse as it moves, then reports the click.
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=5)
    page.mouse.click(x, y)
    current = page.locator(f"#dyad-events tr.current:not([data-event='{event_id}'])")
    current.wait_for()
    clicked = current.get_attribute("data-event") or ""
    page.wait_for_function(
        "n => document.querySelector('#evidence-body h3') && "
        "document.querySelectorAll('#evidence-body blockquote').length === n",
        arg=len(_stored_sentences(demo_store, clicked)),
    )
    assert _evidence_sentences(page) == _stored_sentences(demo_store, clicked)
    assert "Material conflict" in page.locator("#evidence-body dl").inner_text()


def test_evidence_by_keyboard_and_on_to_the_article(tab: Tab, demo_store: Path) -> None:
    page = tab.open("/dyad?a=CHN&b=JPN")
    button = page.locator("#dyad-events tbody tr").first.get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    page.locator("#evidence-body blockquote").first.wait_for()
    assert page.evaluate("document.activeElement.id") == "evidence-heading"

    link = page.locator("#evidence-body .mentions a").first
    sentence = page.locator("#evidence-body blockquote").first.inner_text()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/article/[0-9a-f]+#s-\d+$"))
    page.locator("mark.current").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    assert page.locator("mark.current").inner_text() == sentence


def _busiest_article(demo_store: Path) -> StoredArticle:
    with open_store(demo_store, read_only=True) as store:
        row = store.con.execute(
            "SELECT doc_id FROM event_mentions GROUP BY doc_id ORDER BY count(*) DESC, doc_id"
        ).fetchone()
        assert row is not None
        found = get_article(store, row[0])
    assert found is not None
    return found


def test_article_marks_coded_sentences_actors_and_lists_events(tab: Tab, demo_store: Path) -> None:
    article = _busiest_article(demo_store)
    page = tab.open(f"/article/{article.doc_id}")
    page.locator("#article-events tbody tr").first.wait_for()
    assert page.locator("h1").inner_text() == article.title
    marks = set(page.locator("#article-text mark").all_inner_texts())
    assert marks == {m.sentence for m in article.mentions}
    assert marks == {article.text[m.start : m.end] for m in article.mentions if m.start is not None}
    actors = page.locator("#article-text .actor").all_inner_texts()
    assert set(actors) == {a.text for a in article.actors}
    assert page.locator("#article-events tbody tr").count() == len(article.mentions)
    listed = page.locator("#article-events").inner_text()
    for mention in article.mentions:
        assert (mention.date_value or "unknown") in listed
        if mention.location_name:
            assert mention.location_name in listed
    assert page.locator("#article-actors tbody tr").count() == len({a.code for a in article.actors})


def test_article_text_never_becomes_markup_and_offsets_count_code_points(tab: Tab) -> None:
    # Python offsets count code points; the emoji before the sentence is two UTF-16 units.
    text = "🙂 <img src=x onerror=alert(1)> Tokyo protested the move. 𝔸 The end."
    sentence = "Tokyo protested the move."
    start = text.index(sentence)
    actor = {"start": start, "end": start + len("Tokyo"), "kind": "actor", "title": "JPN"}
    tab.open("/code")
    result = tab.page.evaluate(
        """async ([text, start, end, actor]) => {
            const { highlight } = await import("/static/js/highlight.js");
            const box = document.createElement("div");
            box.append(highlight(text, [{ start, end, title: "t" }], [actor]));
            return {
                mark: box.querySelector("mark").textContent,
                id: box.querySelector("mark").id,
                actor: box.querySelector(".actor").textContent,
                elements: box.querySelectorAll("*").length,
                all: box.textContent,
            };
        }""",
        [text, start, start + len(sentence), actor],
    )
    # The mark's id is the API's offset: evidence links to #s-<start> find it.
    expected = {"mark": sentence, "id": f"s-{start}", "actor": "Tokyo", "elements": 2, "all": text}
    assert result == expected


def test_unknown_article_says_so(tab: Tab) -> None:
    tab.expect_error("404")
    page = tab.open("/article/0000000000000000")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "no article '0000000000000000'" in alert.inner_text()


def test_network_graph_ties_and_triad(tab: Tab, demo_store: Path) -> None:
    with open_store(demo_store, read_only=True) as store:
        net = network(store)
        expected = triad(store, "CHN", "JPN", "USA")
    page = tab.open("/network")
    page.locator("#network-ties tbody tr").first.wait_for()  # drawn after the graph
    labels = set(page.locator("#network-chart .textpoint").all_text_contents())
    assert labels == {node.code for node in net.nodes}
    ties = page.locator("#network-ties tbody tr")
    assert ties.count() == len(net.edges)
    chn_jpn = next(e for e in net.edges if {e.a, e.b} == {"CHN", "JPN"})
    row = ties.filter(has=page.get_by_role("link", name="CHN–JPN", exact=True))
    assert row.locator("td").last.inner_text() == ("hostile" if chn_jpn.sign < 0 else "cooperative")

    for field_id, code in (("#triad-a", "CHN"), ("#triad-b", "JPN"), ("#triad-c", "USA")):
        page.locator(field_id).fill(code)
    page.locator("#triad-c").press("Enter")
    verdict = page.locator("#triad-result .verdict")
    verdict.wait_for()
    assert verdict.inner_text().startswith("Balanced" if expected.balanced else "Unbalanced")
    assert expected.explanation in page.locator("#triad-result").inner_text()

    tab.expect_error("422")
    page.locator("#triad-b").fill("CHN")
    page.get_by_role("button", name="Check balance").click()
    page.locator("#triad-result [role=alert]").wait_for()
    assert "three different nodes" in page.locator("#triad-result").inner_text()


def test_code_page_codes_a_pasted_paragraph(tab: Tab) -> None:
    page = tab.open("/code")
    page.get_by_label("Article text").fill(PARAGRAPH)
    page.get_by_label("Published").fill("2025-11-24")
    page.get_by_role("button", name="Code it").click()
    page.locator("#code-result table").first.wait_for(timeout=60_000)
    status = page.locator("#code-status").inner_text()
    found = int(re.search(r"Found (\d+) event", status).group(1))  # type: ignore[union-attr]
    assert found >= 1
    events = page.locator("#code-result table").first.locator("tbody tr")
    assert events.count() == found
    assert "JPN" in events.all_inner_texts()[0] or "CHN" in events.all_inner_texts()[0]
    assert page.locator("#code-result mark").count() >= 1


def test_code_page_shows_the_api_error(tab: Tab) -> None:
    def refuse(route: Route) -> None:
        error = {"status": 413, "code": "payload_too_large", "message": "too big", "details": []}
        route.fulfill(status=413, json={"error": error})

    tab.expect_error("413")
    tab.page.route("**/api/code", refuse)
    page = tab.open("/code")
    page.get_by_label("Article text").fill(PARAGRAPH)
    page.get_by_role("button", name="Code it").click()
    alert = page.locator("#code-result [role=alert]")
    alert.wait_for()
    assert "Could not code the text: too big" in alert.inner_text()
    assert page.get_by_role("button", name="Code it").is_enabled()


def test_keyboard_reaches_the_nav_and_enter_follows_it(tab: Tab) -> None:
    page = tab.open("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Network":
            break
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.closest('nav') !== null, s.outlineStyle, s.outlineWidth]; })()"
    )
    assert focused[0] is True and focused[1] != "none" and focused[2] != "0px"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/network$"))
    assert page.locator("h1").inner_text() == "Network"


def test_static_files_refuse_traversal_over_a_socket(base_url: str) -> None:
    # http.client sends the path as written; a browser or httpx would resolve "..".
    where = urlsplit(base_url)
    for path, status in (
        ("/static/style.css", 200),
        ("/static/../app.py", 404),
        ("/static/../../../../pyproject.toml", 404),
        ("/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml", 404),
        ("/static//etc/passwd", 404),
    ):
        connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.status == status, path
        assert b"[project]" not in body and b"root:" not in body and b"create_app" not in body
