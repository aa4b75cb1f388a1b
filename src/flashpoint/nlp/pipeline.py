"""Load a spaCy pipeline once per process, from what is installed and nothing else."""

from __future__ import annotations

import functools
import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from flashpoint.errors import ModelNotAvailableError
from flashpoint.nlp import ruler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load_pipeline", "pipeline_info"]

log = logging.getLogger(__name__)


_BLOCKS = "flashpoint_block_boundaries"
#: Components never loaded: the parser already splits sentences, and the coder reads
#: every other component of the English pipelines (tags and POS, lemmas, dependencies,
#: entities).
UNUSED = ("senter",)


def _block_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline never runs on into the paragraph below it."""
    for token in doc[1:]:
        if "\n\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(_BLOCKS):
        Language.component(_BLOCKS, func=_block_boundaries)
    ruler.register()


def _compile_ruler(nlp: Language) -> None:
    # Same attributes as spaCy's attribute ruler, in an eighth of its time (nlp/ruler.py).
    if "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
        nlp.replace_pipe("attribute_ruler", ruler.FACTORY, config={"patterns": patterns})


@functools.cache
def load_pipeline(name: str, *, disable: tuple[str, ...] = ()) -> Language:
    """Load the installed pipeline ``name`` (a package name or a directory).

    Cached so each process pays the load once. A missing pipeline raises
    :class:`ModelNotAvailableError` with the install hint; nothing is downloaded.
    """
    import spacy  # deferred: importing spaCy costs about a second the CLI need not pay

    _register()
    is_path = Path(name).exists()
    if not is_path and importlib.util.find_spec(name) is None:
        raise ModelNotAvailableError(
            f"spaCy pipeline {name!r} is not installed; install its package with pip "
            "(flashpoint never downloads models) or set 'model' to an installed one"
        )
    try:
        nlp = spacy.load(name, disable=list(disable), exclude=list(UNUSED))
    except OSError as exc:
        raise ModelNotAvailableError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(_BLOCKS, before="parser")
    _compile_ruler(nlp)
    log.info("loaded spaCy pipeline %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp


def pipeline_info(name: str) -> dict[str, str]:
    """Name, version and components of a pipeline, for ``flashpoint --version`` and logs."""
    nlp = load_pipeline(name)
    return {
        "name": f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}",
        "version": str(nlp.meta.get("version", "?")),
        "components": ",".join(nlp.pipe_names),
    }
