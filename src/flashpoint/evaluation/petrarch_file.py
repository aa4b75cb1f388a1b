"""Read PETRARCH-2's validation file, which is not well-formed XML (banners, comments).

Shared by the actor and the event evaluations: each record gives its sentence, its date
and its expected (source, target, event) codings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import ConfigError

__all__ = ["PetrarchRecord", "gold_day", "petrarch_records"]

_SENTENCE = re.compile(r"<Sentence\s([^>]*)>(.*?)(?=<Sentence\s|</Sentences>)", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_CODING = re.compile(r"<EventCoding\s([^>]*)/>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PIVOT = 30  # two-digit years up to this are 20xx


@dataclass(frozen=True, slots=True, kw_only=True)
class PetrarchRecord:
    text: str
    day: dt.date
    codings: tuple[dict[str, str], ...]  # attributes of each <EventCoding/>


def gold_day(text: str) -> dt.date:
    """Most records are dated YYYYMMDD; a few use PETRARCH's two-digit-year YYMMDD."""
    if len(text) == 6:
        text = f"20{text}" if int(text[:2]) <= _PIVOT else f"19{text}"
    return dt.datetime.strptime(text, "%Y%m%d").date()


def petrarch_records(root: Path) -> Iterator[PetrarchRecord]:
    path = root / "universalpetrarch-gsr" / "PETR2_GSR_validation.xml"
    if not path.exists():
        raise ConfigError(f"gold data not found: {path}")
    for attrs, body in _SENTENCE.findall(_COMMENT.sub("", path.read_text("utf-8"))):
        meta, text = dict(_ATTR.findall(attrs)), _TEXT.search(body)
        if text is not None:
            yield PetrarchRecord(
                text=" ".join(text.group(1).split()),
                day=gold_day(meta.get("date", "20000101")),
                codings=tuple(dict(_ATTR.findall(c)) for c in _CODING.findall(body)),
            )
