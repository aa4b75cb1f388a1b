"""Exporting events: CSV, Parquet, JSON lines, a GDELT 2.0 event table, PLOVER JSON.

Every format is written by DuckDB's ``COPY`` from one query, so an export of a
million events never loops over rows in Python. The events are those an
:class:`~flashpoint.store.EventFilter` selects, in its order.

``csv``, ``parquet``, ``jsonl``
    The :class:`~flashpoint.store.StoredEvent` fields plus the first article's ``url``.
``gdelt``
    A tab-separated file with a header and the 61 columns of the GDELT 2.0 event
    table, in GDELT's order. Columns flashpoint has no value for are blank (never 0):
    AvgTone, IsRootEvent, the known-group, ethnic and religion codes, all actor
    geography, and the geographic country, ADM and feature codes (GDELT's are FIPS
    10-4, flashpoint's ISO3 country is in the other exports). GLOBALEVENTID is the
    event id's first 15 hex digits as an integer; SQLDATE of a month- or
    year-precision event is its first day; NumArticles is the number of articles,
    NumSources the number of distinct sites; DATEADDED is when the event was first
    stored (UTC).
``plover``
    JSON lines with the field names of the PLOVER specification's JSON chapter
    (Open Event Data Alliance, *PLOVER: Event, Actor and Data Interchange
    Specification*, draft 0.7b1): ``id``, ``date``, ``event``, ``mode``,
    ``quad_code``, ``event_scale`` (the Goldstein value), ``source`` and ``recipient``
    (lists of actor objects with ``code``, ``sector``, ``actor_text``,
    ``identifier_text``, plus ``country``), ``event_loc``, ``event_text``,
    ``text_info``, ``cite_info``, ``coder`` and ``coded_date``; also ``event_type``
    (the single PLOVER type, as POLECAT names it) and flashpoint's own fields under
    ``flashpoint``. PLOVER drops CAMEO 01 statements, so events without a PLOVER
    type are left out. No ``context`` is coded, so there is none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from flashpoint.errors import ConfigError
from flashpoint.store import EventFilter, Store
from flashpoint.store.reader import EVENT_COLUMNS, event_select

__all__ = ["FORMATS", "GDELT_COLUMNS", "export_events"]


def _clean(column: str) -> str:
    """A text column with tabs and line breaks flattened, for the unquoted TSV."""
    return f"regexp_replace({column}, '[\\t\\r\\n]+', ' ', 'g')"


def _typed(side: str, offset: int) -> str:
    code, country = f"e.{side}_code", f"e.{side}_country"
    # A role-only actor ("---REB") has its role codes after the blank country.
    return (
        f"CASE WHEN starts_with({code}, coalesce({country}, '---')) "
        f"THEN nullif(substr({code}, {offset}, 3), '') END"
    )


_BLANK = "CAST(NULL AS VARCHAR)"


def _actor(n: int, side: str) -> list[tuple[str, str]]:
    return [
        (f"Actor{n}Code", f"e.{side}_code"),
        (f"Actor{n}Name", _clean(f"e.{side}_name")),
        (f"Actor{n}CountryCode", f"e.{side}_country"),
        (f"Actor{n}KnownGroupCode", _BLANK),
        (f"Actor{n}EthnicCode", _BLANK),
        (f"Actor{n}Religion1Code", _BLANK),
        (f"Actor{n}Religion2Code", _BLANK),
        (f"Actor{n}Type1Code", _typed(side, 4)),
        (f"Actor{n}Type2Code", _typed(side, 7)),
        (f"Actor{n}Type3Code", _typed(side, 10)),
    ]


_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long")


def _geo(prefix: str, action: bool) -> list[tuple[str, str]]:
    if not action:
        return [(f"{prefix}_{f}", _BLANK) for f in (*_GEO_FIELDS, "FeatureID")]
    usa = "e.location_country = 'USA'"
    kind = (
        "CASE e.location_precision WHEN 'country' THEN 1 "
        f"WHEN 'admin' THEN CASE WHEN {usa} THEN 2 ELSE 5 END "
        f"WHEN 'city' THEN CASE WHEN {usa} THEN 3 ELSE 4 END END"
    )
    return [
        (f"{prefix}_Type", kind),
        (f"{prefix}_FullName", _clean("e.location_name")),
        (f"{prefix}_CountryCode", _BLANK),
        (f"{prefix}_ADM1Code", _BLANK),
        (f"{prefix}_ADM2Code", _BLANK),
        (f"{prefix}_Lat", "e.location_lat"),
        (f"{prefix}_Long", "e.location_lon"),
        (f"{prefix}_FeatureID", _BLANK),
    ]


_SITES = (
    "(SELECT count(DISTINCT coalesce(x.site, x.source)) FROM event_mentions y "
    "JOIN articles x ON x.doc_id = y.doc_id WHERE y.event_id = e.event_id)"
)

#: GDELT 2.0 event table: column name → flashpoint expression, in GDELT's order.
_GDELT: Final = [
    ("GLOBALEVENTID", "CAST('0x' || substr(e.event_id, 1, 15) AS BIGINT)"),
    ("SQLDATE", "CAST(strftime(e.date, '%Y%m%d') AS INTEGER)"),
    ("MonthYear", "CAST(strftime(e.date, '%Y%m') AS INTEGER)"),
    ("Year", "year(e.date)"),
    ("FractionDate", "round(year(e.date) + (month(e.date) * 30 + day(e.date)) / 365, 4)"),
    *_actor(1, "source"),
    *_actor(2, "target"),
    ("IsRootEvent", _BLANK),
    ("EventCode", "e.cameo"),
    ("EventBaseCode", "substr(e.cameo, 1, 3)"),
    ("EventRootCode", "e.cameo_root"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "e.goldstein"),
    ("NumMentions", "e.mentions"),
    ("NumSources", _SITES),
    ("NumArticles", "e.sources"),
    ("AvgTone", _BLANK),
    *_geo("Actor1Geo", action=False),
    *_geo("Actor2Geo", action=False),
    *_geo("ActionGeo", action=True),
    ("DATEADDED", "CAST(strftime(e.first_seen, '%Y%m%d%H%M%S') AS BIGINT)"),
    ("SOURCEURL", _clean("a.url")),
]
GDELT_COLUMNS: Final = tuple(name for name, _ in _GDELT)


def _plover_actor(side: str) -> str:
    code = f"e.{side}_code"
    actor = (
        f"struct_pack(code := substr({code}, 1, 3), sector := nullif(substr({code}, 4), ''), "
        f"actor_text := m.{side}_text, identifier_text := e.{side}_name, "
        f"country := e.{side}_country)"
    )
    return f"CASE WHEN {code} IS NULL THEN [] ELSE [{actor}] END"


_PLOVER: Final = [
    ("id", "e.event_id"),
    ("date", "strftime(e.date, '%Y-%m-%d')"),
    ("event", "[e.plover]"),
    ("event_type", "e.plover"),
    ("mode", "e.plover_mode"),
    ("quad_code", "e.quad_class"),
    ("event_scale", "e.goldstein"),
    ("source", _plover_actor("source")),
    ("recipient", _plover_actor("target")),
    (
        "event_loc",
        "CASE WHEN e.location_name IS NOT NULL THEN struct_pack(name := e.location_name, "
        "latitude := e.location_lat, longitude := e.location_lon, "
        "cc3 := e.location_country, precision := e.location_precision) END",
    ),
    ("event_text", "[m.sentence]"),
    ("text_info", 'struct_pack("start" := m."start", "end" := m."end")'),
    (
        "cite_info",
        "struct_pack(url := a.url, title := a.title, language := a.language, "
        "publication := a.site, coder := e.coder)",
    ),
    ("coder", "e.coder"),
    ("coded_date", "strftime(e.first_seen, '%Y-%m-%d')"),
    (
        "flashpoint",
        "struct_pack(cameo := e.cameo, cameo_label := e.cameo_label, modality := e.modality, "
        "date_value := e.date_value, date_precision := e.date_precision, "
        "mentions := e.mentions, sources := e.sources, confidence := e.confidence, "
        "rule := e.rule, doc_id := m.doc_id)",
    ),
]


def _columns(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f'{expr} AS "{name}"' for name, expr in pairs)


#: Format → (columns, extra condition, COPY options).
_FORMATS: Final = {
    "csv": (f"{EVENT_COLUMNS}, a.url", None, "FORMAT csv, HEADER"),
    "jsonl": (f"{EVENT_COLUMNS}, a.url", None, "FORMAT json"),
    "parquet": (f"{EVENT_COLUMNS}, a.url", None, "FORMAT parquet"),
    "gdelt": (_columns(_GDELT), None, "FORMAT csv, DELIMITER '\t', HEADER, QUOTE ''"),
    "plover": (_columns(_PLOVER), "e.plover IS NOT NULL", "FORMAT json"),
}
FORMATS: Final = tuple(_FORMATS)


def export_events(
    store: Store,
    f: EventFilter | None,
    path: str | Path,
    format: str = "csv",
) -> Path:
    """Write the events ``f`` selects (default: all asserted) to ``path``; return it."""
    if format not in _FORMATS:
        raise ConfigError(f"unknown export format {format!r}: choose from {', '.join(FORMATS)}")
    columns, also, options = _FORMATS[format]
    query, params = event_select(f or EventFilter(), columns, also)
    target = Path(path)
    # The query and options come from the fixed tables above; values are parameters.
    store.con.execute(f"COPY ({query}) TO ? ({options})", [*params, str(target)])
    return target
