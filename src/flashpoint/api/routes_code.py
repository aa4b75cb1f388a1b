"""``POST /api/code``: code one text, HTML page or allowed URL; store it only if asked.

The document goes through the pipeline ``flashpoint code`` uses (extract, then
:func:`flashpoint.pipeline.code_articles`), and its events come back in the shape that
command prints. Storing needs a server started writable; fetching a URL needs its host
in the ``fetch_allow`` setting (see :mod:`flashpoint.api.fetch`). Both refusals happen
before any work is done.
"""

from __future__ import annotations

from fastapi import APIRouter

from flashpoint.api.errors import ApiError
from flashpoint.api.fetch import allowed_fetch
from flashpoint.api.schemas import CodedActor, CodedEvent, CodeRequest, CodeResponse, SkipInfo
from flashpoint.api.state import ApiState, State
from flashpoint.config import Settings
from flashpoint.ingest import extract
from flashpoint.ingest.fetch import Fetched, decode_http
from flashpoint.model import Actor, Article, DocumentFormat, Skip, SkipReason
from flashpoint.pipeline import ArticleEvents, code_articles
from flashpoint.records import event_record
from flashpoint.store import Store, WriteReport, write_batch

__all__ = ["router"]

router = APIRouter(tags=["coding"])

_HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml"})


def _format_of(fetched: Fetched) -> DocumentFormat | None:
    # A server that does not say what it sent is most likely serving a web page.
    if fetched.content_type in _HTML_TYPES:
        return "html"
    return "text" if fetched.content_type == "text/plain" else None


def _from_url(body: CodeRequest, url: str, settings: Settings) -> Article | Skip:
    fetched = allowed_fetch(url, settings)
    if isinstance(fetched, Skip):
        return fetched
    kind = _format_of(fetched)
    if kind is None:
        detail = f"not HTML or plain text ({fetched.content_type})"
        return Skip(source=url, reason=SkipReason.UNSUPPORTED, detail=detail)
    return extract(
        decode_http(fetched),
        format=kind,
        url=fetched.url,
        title=body.title,
        published=body.published,
        settings=settings,
    )


def _article(body: CodeRequest, settings: Settings) -> Article | Skip:
    if body.url is not None:
        return _from_url(body, body.url, settings)
    kind: DocumentFormat = "text" if body.text is not None else "html"
    content = body.text if body.text is not None else body.html
    return extract(
        content or "", format=kind, title=body.title, published=body.published, settings=settings
    )


def _actor(actor: Actor) -> CodedActor:
    return CodedActor(
        text=actor.text,
        name=actor.name,
        code=actor.code,
        country=actor.country,
        role=actor.role,
        kb_id=actor.kb_id,
        reason=actor.reason,
        former=actor.former,
        start=actor.span.start,
        end=actor.span.end,
    )


def _write(state: ApiState, coded: ArticleEvents) -> WriteReport:
    with state.writing:
        cursor = state.store.con.cursor()
        try:
            item = (coded.article, coded.actors, coded.events)
            return write_batch(Store(cursor, state.store.path), [item])
        finally:
            cursor.close()


@router.post("/code", summary="Code one document into events; store it only if asked")
def code(body: CodeRequest, state: State) -> CodeResponse:
    """Exactly one of ``text``, ``html`` and ``url``. Offsets index the returned ``text``."""
    if body.store and not state.writable:
        raise ApiError(403, "this server was not started writable", code="store_forbidden")
    found = _article(body, state.settings)
    if isinstance(found, Skip):
        skip = SkipInfo(reason=found.reason.value, detail=found.detail)
        return CodeResponse(doc_id=None, skip=skip, actors=[], events=[])
    with state.coding:
        (coded,) = code_articles([found], state.settings)
    return CodeResponse(
        doc_id=found.id,
        skip=None,
        title=found.title,
        published=found.published,
        text=found.text,
        actors=[_actor(a) for a in coded.actors],
        events=[CodedEvent.model_validate(event_record(e)) for e in coded.events],
        stored=_write(state, coded) if body.store else None,
    )
