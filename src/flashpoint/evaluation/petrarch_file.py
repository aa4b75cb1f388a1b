"""Read PETRARCH-2's validation files, which are not well-formed XML (banners, comments).

Shared by the actor and the event evaluations: each record gives its sentence, its date
and its expected (source, target, event) codings. Two files share the format: the GSR
(``universalpetrarch-gsr``, real news, held out) and PETRARCH-2's unit-test suite
(``petrarch2-unittest``, stylised sentences about fictional countries, a tuning set).

Unit-test records that test something flashpoint deliberately does not do are left out
(:func:`unit_test_records`):

- records the suite itself marks ``sentence="false"``: features PETRARCH never built;
- category ERROR: reactions to malformed Treebank parses and to PETRARCH's discard
  lists; flashpoint parses raw text itself and has no discard lists;
- category SYNSET: PETRARCH's verb-dictionary synsets, whose expected codes (9xx, 345,
  ...) are fictional codes of the suite's own verb dictionary, not CAMEO;
- codings (and records left with none) whose source or target is no dictionary actor:
  anonymous ``---`` sides and agents (``---GOV`` for "a senior official said"), the
  ``###`` discard code and quoted noun phrases are PETRARCH options (``require_dyad``
  off, ``new_actor_length``); flashpoint codes only actors it resolves;
- codings whose code has no CAMEO root (01-20): the toy verb dictionary's inventions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import ConfigError

__all__ = ["PetrarchRecord", "gold_day", "petrarch_records", "read_records", "unit_test_records"]

_SENTENCE = re.compile(r"<Sentence\s([^>]*)>(.*?)(?=<Sentence\s|</Sentences>)", re.DOTALL)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
# The GSR closes a coding with "/>", the unit tests with "></EventCoding>".
_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PIVOT = 30  # two-digit years up to this are 20xx
_UNIT_TESTS = Path("petrarch2-unittest") / "PETR.UnitTest.records.xml"
_SKIPPED_CATEGORIES = frozenset({"ERROR", "SYNSET"})
_DICTIONARY_CODE = re.compile(r"^[A-Z]{3}")
_CAMEO_ROOT = re.compile(r"^(0[1-9]|1\d|20)")


@dataclass(frozen=True, slots=True, kw_only=True)
class PetrarchRecord:
    text: str
    day: dt.date
    codings: tuple[dict[str, str], ...]  # attributes of each <EventCoding>
    attributes: Mapping[str, str]  # of the <Sentence>: id, category, date, ...


def gold_day(text: str) -> dt.date:
    """Most records are dated YYYYMMDD; a few use PETRARCH's two-digit-year YYMMDD."""
    if len(text) == 6:
        text = f"20{text}" if int(text[:2]) <= _PIVOT else f"19{text}"
    return dt.datetime.strptime(text, "%Y%m%d").date()


def _attributes(text: str) -> dict[str, str]:
    return {name: double or single for name, double, single in _ATTR.findall(text)}


def read_records(path: Path) -> Iterator[PetrarchRecord]:
    """Every record of a PETRARCH validation file that has a text."""
    if not path.exists():
        raise ConfigError(f"gold data not found: {path}")
    for attrs, body in _SENTENCE.findall(_COMMENT.sub("", path.read_text("utf-8"))):
        meta, text = _attributes(attrs), _TEXT.search(body)
        if text is not None:
            yield PetrarchRecord(
                text=" ".join(text.group(1).split()),
                day=gold_day(meta.get("date", "20000101")),
                codings=tuple(_attributes(c) for c in _CODING.findall(body)),
                attributes=meta,
            )


def petrarch_records(root: Path) -> Iterator[PetrarchRecord]:
    """The PETRARCH-2 GSR (held out)."""
    return read_records(root / "universalpetrarch-gsr" / "PETR2_GSR_validation.xml")


def _scorable(coding: Mapping[str, str]) -> bool:
    sides = (coding.get("sourcecode", ""), coding.get("targetcode", ""))
    return all(_DICTIONARY_CODE.match(s) for s in sides) and bool(
        _CAMEO_ROOT.match(coding.get("eventcode", ""))
    )


def unit_test_records(root: Path) -> Iterator[PetrarchRecord]:
    """PETRARCH-2's unit tests that flashpoint can be held to (see the module docstring)."""
    for record in read_records(root / _UNIT_TESTS):
        meta = record.attributes
        if meta.get("sentence") == "false" or meta.get("category") in _SKIPPED_CATEGORIES:
            continue
        if any("error" in c for c in record.codings):
            continue
        no_event = any(c.get("noevents", "").lower() == "true" for c in record.codings)
        kept = tuple(c for c in record.codings if "eventcode" in c and _scorable(c))
        if kept or no_event:
            yield PetrarchRecord(
                text=record.text, day=record.day, codings=kept, attributes=record.attributes
            )
