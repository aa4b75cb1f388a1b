"""Extraction quality: flashpoint's article text against plain trafilatura, on two gold sets.

Both data sets are local copies described in their ``SOURCE.md``:

* ``scrapinghub-aeb``: the Zyte/Scrapinghub article-extraction benchmark. Each page is
  scored by token precision, recall and F1 against its human-checked article body, and on
  paywalled pages the overlay phrases each system leaves behind are counted.
* ``trafilatura-eval``: trafilatura's own test pages, with snippets that must and must not
  appear in the extracted text, and a gold publication date for some of them.

Both systems see the same decoded HTML of the same pages. Nothing here prints; the CLI
and ``to_markdown`` turn the reports into text.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

import trafilatura

from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.ingest.articles import extract_document
from flashpoint.ingest.decode import decode_bytes
from flashpoint.model import Article, Document, Skip

__all__ = [
    "OVERLAY_PHRASES",
    "ExtractionReport",
    "PageScores",
    "SnippetCounts",
    "SnippetPage",
    "SnippetReport",
    "TokenScores",
    "aeb_scores",
    "is_paywalled",
    "overlay_left",
    "run_all",
    "score_snippets",
    "to_markdown",
    "token_scores",
    "trafilatura_eval_scores",
]

_OUTCOMES = ("tp", "fn", "fp", "tn")
AEB_DIR = "scrapinghub-aeb"
TRAFILATURA_EVAL_DIR = "trafilatura-eval"

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
# The element between the property and its value may be JSON ('": "'), a meta tag
# ('" content="') or microdata; a comma or brace would mean another property's value.
_PAYWALL_MARKUP = re.compile(
    r"isAccessibleForFree[^<>{},]{0,20}?false|paywall|meteredContent", re.IGNORECASE
)

# Paywall and overlay wording, written here rather than taken from the cleaning rules:
# measuring the rules with their own patterns would be circular. Matched case-insensitively
# on word boundaries, with any run of spaces between words and an optional plural "s"
# ("subscribers", "paywalls").
OVERLAY_PHRASES: tuple[str, ...] = (
    "subscribe",
    "subscriber",
    "subscription",
    "already a subscriber",
    "log in",
    "sign in",
    "sign up",
    "to continue reading",
    "create a free account",
    "verify access",
    "your access",
    "unlimited access",
    "free articles",
    "register",
    "newsletter",
    "this article is for subscribers",
    "read entire article",
    "paywall",
    "metered",
)
_OVERLAY_PATTERNS = tuple(
    (phrase, re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"s?\b", re.I))
    for phrase in OVERLAY_PHRASES
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenScores:
    """Token precision, recall and F1 of one text against its gold text."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PageScores:
    """Both systems on one AEB page, for finding where one of them goes wrong."""

    item_id: str
    url: str
    paywalled: bool
    trafilatura: TokenScores
    flashpoint: TokenScores
    trafilatura_overlay: tuple[str, ...]
    flashpoint_overlay: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionReport:
    """AEB results: both systems' mean per-page scores over the same pages, and the overlay
    phrases each left on the paywalled ones (summed over pages)."""

    pages: int
    paywalled_pages: int
    trafilatura: TokenScores
    flashpoint: TokenScores
    trafilatura_overlay_left: int
    flashpoint_overlay_left: int
    details: tuple[PageScores, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SnippetCounts:
    """Snippet outcomes: wanted snippets found (tp) or missed (fn), unwanted found (fp) or not."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(**{k: getattr(self, k) + getattr(other, k) for k in _OUTCOMES})

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class SnippetPage:
    """Both systems on one trafilatura-eval page."""

    key: str
    file: str
    trafilatura: SnippetCounts
    flashpoint: SnippetCounts
    gold_date: str | None
    trafilatura_date: str | None
    flashpoint_date: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SnippetReport:
    """trafilatura-eval results: snippet counts and date accuracy for both systems."""

    pages: int
    trafilatura: SnippetCounts
    flashpoint: SnippetCounts
    dated_pages: int
    trafilatura_date_accuracy: float  # share of dated pages whose date is the gold one
    flashpoint_date_accuracy: float
    details: tuple[SnippetPage, ...]


def token_scores(predicted: str, gold: str) -> TokenScores:
    """Bag-of-words overlap of lower-cased ``\\w+`` tokens (each token counted as often as
    it occurs in both). Two empty texts agree perfectly; an empty prediction scores 0."""
    pred, ref = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    n_pred, n_ref = pred.total(), ref.total()
    if not n_pred and not n_ref:
        return TokenScores(precision=1.0, recall=1.0, f1=1.0)
    overlap = (pred & ref).total()
    precision = overlap / n_pred if n_pred else 0.0
    recall = overlap / n_ref if n_ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TokenScores(precision=precision, recall=recall, f1=f1)


def is_paywalled(html: str) -> bool:
    """Whether a page carries paywall or metering markup."""
    return _PAYWALL_MARKUP.search(html) is not None


def overlay_left(text: str, gold: str) -> tuple[str, ...]:
    """Overlay phrases present in ``text`` that the gold body does not contain."""
    return tuple(
        phrase
        for phrase, pattern in _OVERLAY_PATTERNS
        if pattern.search(text) and not pattern.search(gold)
    )


def _normalised(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def score_snippets(text: str, wanted: Iterable[str], unwanted: Iterable[str]) -> SnippetCounts:
    """Substring matching after NFC and whitespace folding, applied to text and snippets alike."""
    found = _normalised(text)
    hits = [_normalised(s) in found for s in wanted]
    wrong = [_normalised(s) in found for s in unwanted]
    return SnippetCounts(tp=sum(hits), fn=hits.count(False), fp=sum(wrong), tn=wrong.count(False))


def _decode(data: bytes) -> str:
    """The page as text, decoded as flashpoint decodes any file (``<meta charset>`` included)."""
    return decode_bytes(data) or data.decode("utf-8", errors="replace")


def _flashpoint(html: str, url: str | None, source: str, settings: Settings) -> Article | Skip:
    doc = Document(source=source, content=html, format="html", url=url)
    return extract_document(doc, settings)


def _article_text(result: Article | Skip, *, body_only: bool) -> str:
    """The scored text: every block, or (``body_only``) all but the headline."""
    if isinstance(result, Skip):
        return ""
    return "\n\n".join(
        block.span.text_of(result.text)
        for block in result.blocks
        if not (body_only and block.kind == "headline")
    )


def _gold(root: Path, name: str, index: str) -> tuple[Path, dict[str, Any]]:
    """A data set's folder and its parsed JSON index, or a ConfigError saying what is missing."""
    folder = root / name
    if not (folder / index).is_file():
        raise ConfigError(
            f"extraction benchmark data not found: {folder / index} is missing "
            f"(expected the {name!r} data set under {root})"
        )
    data: dict[str, Any] = json.loads((folder / index).read_text(encoding="utf-8"))
    return folder, data


def _aeb_page(item_id: str, gold: dict[str, Any], html: str, settings: Settings) -> PageScores:
    url, body = str(gold.get("url") or "") or None, str(gold["articleBody"])
    plain = trafilatura.extract(html, url=url) or ""
    ours = _article_text(_flashpoint(html, url, f"aeb:{item_id}", settings), body_only=True)
    paywalled = is_paywalled(html)
    return PageScores(
        item_id=item_id,
        url=url or "",
        paywalled=paywalled,
        trafilatura=token_scores(plain, body),
        flashpoint=token_scores(ours, body),
        trafilatura_overlay=overlay_left(plain, body) if paywalled else (),
        flashpoint_overlay=overlay_left(ours, body) if paywalled else (),
    )


def _mean(scores: list[TokenScores]) -> TokenScores:
    values = [(s.precision, s.recall, s.f1) for s in scores] or [(0.0, 0.0, 0.0)]
    precision, recall, f1 = (fmean(column) for column in zip(*values, strict=True))
    return TokenScores(precision=precision, recall=recall, f1=f1)


def aeb_scores(root: Path, settings: Settings) -> ExtractionReport:
    """Score both systems on every page of ``root/scrapinghub-aeb``.

    trafilatura is ``trafilatura.extract(html, url=url)`` with its default options.
    flashpoint is :func:`extract_document` scored on its article body (every block but
    the headline, since the gold body has none); a Skip scores as empty text. The
    ``languages`` setting is switched off and ``min_words`` set to 1 so that non-English
    and very short pages are scored rather than skipped. P, R and F1 are means over pages.
    """
    folder, truth = _gold(root, AEB_DIR, "ground-truth.json")
    ours = dataclasses.replace(settings, languages=(), min_words=1)
    pages = ((key, gold, folder / "html" / f"{key}.html.gz") for key, gold in sorted(truth.items()))
    details = tuple(
        _aeb_page(key, gold, _decode(gzip.decompress(path.read_bytes())), ours)
        for key, gold, path in pages
    )
    return ExtractionReport(
        pages=len(details),
        paywalled_pages=sum(page.paywalled for page in details),
        trafilatura=_mean([page.trafilatura for page in details]),
        flashpoint=_mean([page.flashpoint for page in details]),
        trafilatura_overlay_left=sum(len(page.trafilatura_overlay) for page in details),
        flashpoint_overlay_left=sum(len(page.flashpoint_overlay) for page in details),
        details=details,
    )


def _usable(folder: Path, data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Path]]:
    """The entries whose page was copied, under ``eval/`` or ``cache/``, with its path."""
    for key, entry in sorted(data.items()):
        paths = (folder / sub / str(entry.get("file", "")) for sub in ("eval", "cache"))
        path = next((p for p in paths if p.is_file()), None)
        if path is not None:
            yield key, entry, path


def _trafilatura_date(html: str, url: str | None) -> str | None:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    date = getattr(doc, "date", None)
    return date if isinstance(date, str) and date else None


def _snippet_page(key: str, entry: dict[str, Any], path: Path, settings: Settings) -> SnippetPage:
    html = _decode(path.read_bytes())
    url = None if key.startswith("hard::") else key
    wanted, unwanted = entry.get("with", []), entry.get("without", [])
    result = _flashpoint(html, url, f"trafilatura-eval:{path.name}", settings)
    published = result.published if isinstance(result, Article) else None
    gold_date = entry.get("date") or None
    return SnippetPage(
        key=key,
        file=f"{path.parent.name}/{path.name}",
        trafilatura=score_snippets(trafilatura.extract(html, url=url) or "", wanted, unwanted),
        flashpoint=score_snippets(_article_text(result, body_only=False), wanted, unwanted),
        gold_date=gold_date,
        trafilatura_date=_trafilatura_date(html, url) if gold_date else None,
        flashpoint_date=published.isoformat() if published else None,
    )


def _share(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def trafilatura_eval_scores(root: Path, settings: Settings) -> SnippetReport:
    """Score both systems on the pages of ``root/trafilatura-eval`` that are present.

    flashpoint is scored on its whole text (headline and captions too: a snippet can be in
    either), with ``languages`` off and ``min_words`` 1 as in :func:`aeb_scores`. Dates
    count as correct when the ISO date equals the gold one, for pages that have one.
    """
    folder, data = _gold(root, TRAFILATURA_EVAL_DIR, "evaldata.json")
    ours = dataclasses.replace(settings, languages=(), min_words=1)
    details = tuple(_snippet_page(k, entry, path, ours) for k, entry, path in _usable(folder, data))
    dated = [page for page in details if page.gold_date]
    return SnippetReport(
        pages=len(details),
        trafilatura=sum((page.trafilatura for page in details), SnippetCounts()),
        flashpoint=sum((page.flashpoint for page in details), SnippetCounts()),
        dated_pages=len(dated),
        trafilatura_date_accuracy=_share([p.trafilatura_date == p.gold_date for p in dated]),
        flashpoint_date_accuracy=_share([p.flashpoint_date == p.gold_date for p in dated]),
        details=details,
    )


def _row(name: str, scores: TokenScores | SnippetCounts, *more: object) -> tuple[object, ...]:
    return (name, scores.precision, scores.recall, scores.f1, *more)


def _table(title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    def line(cells: Iterable[object]) -> str:
        text = (f"{c:.3f}" if isinstance(c, float) else str(c) for c in cells)
        return f"| {' | '.join(text)} |"

    return "\n".join([title, "", line(header), line("---" for _ in header), *map(line, rows)])


def to_markdown(report: ExtractionReport | SnippetReport) -> str:
    """A Markdown table of either report, for RESULTS.md or the terminal."""
    if isinstance(report, ExtractionReport):
        return _table(
            f"Scrapinghub AEB: {report.pages} pages, {report.paywalled_pages} paywalled",
            ("system", "precision", "recall", "F1", "overlay phrases left (paywalled pages)"),
            [
                _row("trafilatura", report.trafilatura, report.trafilatura_overlay_left),
                _row("flashpoint", report.flashpoint, report.flashpoint_overlay_left),
            ],
        )
    t, f = report.trafilatura, report.flashpoint
    return _table(
        f"trafilatura-eval: {report.pages} pages, {report.dated_pages} with a gold date",
        ("system", "precision", "recall", "F1", "accuracy", "date accuracy"),
        [
            _row("trafilatura", t, t.accuracy, report.trafilatura_date_accuracy),
            _row("flashpoint", f, f.accuracy, report.flashpoint_date_accuracy),
        ],
    )


def run_all(root: Path, settings: Settings) -> str:
    """Both evaluations on ``root`` as Markdown, for ``flashpoint eval extraction``."""
    aeb, snippets = aeb_scores(root, settings), trafilatura_eval_scores(root, settings)
    return f"{to_markdown(aeb)}\n\n{to_markdown(snippets)}"
