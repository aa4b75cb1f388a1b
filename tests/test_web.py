"""The dashboard in-process: pages, static files, plotly.js, headers, the `serve` command."""

from __future__ import annotations

import logging
import re
import sys
import types
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from flashpoint.cli.main import cli
from flashpoint.config import Settings
from flashpoint.store import open_store
from flashpoint.web import CONTENT_SECURITY_POLICY, create_app, loopback_hosts
from flashpoint.web.hardening import is_loopback
from flashpoint.web.pages import PAGES

WEB = Path(str(resources.files("flashpoint.web")))
ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


@pytest.fixture(scope="module")
def app(demo_store: Path) -> FastAPI:
    return create_app(demo_store, Settings())


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def doc_id(demo_store: Path) -> str:
    with open_store(demo_store, read_only=True) as store:
        row = store.con.execute("SELECT doc_id FROM event_mentions LIMIT 1").fetchone()
    assert row is not None
    return str(row[0])


def _url(path: str, doc_id: str) -> str:
    return path.replace("{doc_id}", doc_id)


def test_every_page_is_html_with_the_nav_and_its_script(client: TestClient, doc_id: str) -> None:
    for page in PAGES:
        response = client.get(_url(page.path, doc_id))
        assert response.status_code == 200, page.path
        assert response.headers["content-type"].startswith("text/html")
        body = response.text
        assert body.startswith("<!doctype html>") and '<html lang="en">' in body
        assert '<nav aria-label="Main">' in body and 'href="#main"' in body
        assert f'<script type="module" src="/static/js/{page.name}.js">' in body
        assert (f'href="{page.path}" aria-current="page"' in body) == page.nav
        assert ("/static/plotly.min.js" in body) == page.charts
        assert "$" not in body, "a template placeholder was left unfilled"


def test_every_asset_a_page_names_is_served(client: TestClient, doc_id: str) -> None:
    named = {a for page in PAGES for a in ASSET.findall(client.get(_url(page.path, doc_id)).text)}
    assert {"/static/style.css", "/static/plotly.min.js", "/static/js/dyad.js"} <= named
    for asset in named:
        response = client.get(asset)
        assert response.status_code == 200, asset
        kind = response.headers["content-type"]
        if asset.endswith(".js"):
            assert kind.startswith("text/javascript"), asset  # nosniff needs a script type
        elif asset.endswith(".css"):
            assert kind.startswith("text/css"), asset


def test_every_module_import_resolves() -> None:
    scripts = WEB / "static" / "js"
    imports = 0
    for module in scripts.glob("*.js"):
        for target in re.findall(r'from "\./([^"]+)"', module.read_text("utf-8")):
            assert (scripts / target).is_file(), f"{module.name} imports missing {target}"
            imports += 1
    assert imports > 10


def test_nothing_is_loaded_from_the_net() -> None:
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("static/**/*.*")]:
        text = path.read_text("utf-8")
        assert not re.search(r"(?:src|href|url)\s*[=(]\s*[\"']?(?:https?:)?//", text), path
        assert "@import" not in text and "fonts.googleapis" not in text, path


def test_plotly_comes_from_the_plotly_package(client: TestClient) -> None:
    bundle = resources.files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.content == bundle
    assert response.headers["content-type"].startswith("text/javascript")


def test_static_files_do_not_leave_their_folder(app: FastAPI) -> None:
    seen: list[str] = []

    async def spy(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["path"])
        await app(scope, receive, send)

    # httpx would resolve a literal "../" itself; encoded, it reaches the app as ".."
    # (as uvicorn hands the app a literal one).
    client = TestClient(spy)
    attempts = [
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/%2fetc%2fpasswd",
        "/static//etc/passwd",
        f"/static/{WEB / 'app.py'}",
    ]
    for attempt in attempts:
        response = client.get(attempt)
        assert response.status_code == 404, attempt
        assert response.json()["error"]["status"] == 404
        assert "create_app" not in response.text and "root:" not in response.text
    assert "/static/../app.py" in seen and "/static//etc/passwd" in seen
    assert client.get("/static/style.css").status_code == 200


def test_security_headers_on_pages_files_and_api(client: TestClient) -> None:
    for path in ("/", "/dyad", "/static/style.css", "/static/plotly.min.js", "/api/health"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert headers["x-content-type-options"] == "nosniff", path
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline, eval or remote scripts


def test_a_route_keeps_a_policy_of_its_own(client: TestClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] != CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_loopback_server_refuses_other_host_names(demo_store: Path) -> None:
    app = create_app(demo_store, Settings(), allowed_hosts=loopback_hosts("127.0.0.1"))
    with TestClient(app) as client:
        for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
            assert client.get("/api/health", headers={"host": host}).status_code == 200, host
        refused = client.get("/api/health", headers={"host": "attacker.example:8000"})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "bad_host"
    assert refused.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_which_hosts_are_loopback() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.4", "example.org"))
    assert loopback_hosts("0.0.0.0") is None
    assert set(loopback_hosts("127.0.0.2") or ()) == {"127.0.0.2", "127.0.0.1", "localhost", "::1"}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _FakeUvicorn:
    """Stands in for uvicorn: records what `serve` would run instead of listening."""

    def __init__(self) -> None:
        self.config: dict[str, Any] = {}
        self.ran = False
        self.module = types.ModuleType("uvicorn")
        self.module.Config = self._config  # type: ignore[attr-defined]
        self.module.Server = self._server  # type: ignore[attr-defined]

    def _config(self, app: object, **options: Any) -> dict[str, Any]:
        self.config = {"app": app, **options}
        return self.config

    def _server(self, config: dict[str, Any]) -> Any:
        fake = self

        class Server:
            def run(self) -> None:
                fake.ran = True

        return Server()


@pytest.fixture
def fake_uvicorn(monkeypatch: pytest.MonkeyPatch) -> _FakeUvicorn:
    fake = _FakeUvicorn()
    monkeypatch.setitem(sys.modules, "uvicorn", fake.module)
    return fake


def test_serve_defaults_to_loopback_port_8000(fake_uvicorn: _FakeUvicorn, demo_store: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_store)])
    assert result.exit_code == 0, result.output
    assert fake_uvicorn.ran
    assert fake_uvicorn.config["host"] == "127.0.0.1" and fake_uvicorn.config["port"] == 8000
    with TestClient(fake_uvicorn.config["app"]) as client:
        assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert client.get("/", headers={"host": "elsewhere.example"}).status_code == 400


def test_serve_warns_when_reachable_from_other_machines(
    fake_uvicorn: _FakeUvicorn, demo_store: Path
) -> None:
    handler = _Records()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        args = ["serve", "--db", str(demo_store), "--host", "0.0.0.0", "--port", "8123"]
        result = CliRunner().invoke(cli, args)
    finally:
        logger.removeHandler(handler)
    assert result.exit_code == 0, result.output
    assert fake_uvicorn.config["host"] == "0.0.0.0" and fake_uvicorn.config["port"] == 8123
    (warning,) = [r for r in handler.records if r.levelno == logging.WARNING]
    assert "0.0.0.0" in warning.getMessage() and "authentication" in warning.getMessage()
    with TestClient(fake_uvicorn.config["app"]) as client:
        assert client.get("/", headers={"host": "dashboard.example"}).status_code == 200


def test_serve_without_its_packages_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, demo_store: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # makes `import uvicorn` fail
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_store)])
    assert result.exit_code == 3
    assert "flashpoint[serve]" in result.stderr


def test_serve_without_a_store_is_a_config_error(
    fake_uvicorn: _FakeUvicorn, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 3 and "missing.duckdb" in result.stderr
    assert not fake_uvicorn.ran
