"""Train the event-type classifier on the labelled sentences in ``training/events``.

The sentences are written by the flashpoint developers (no evaluation set is ever read
here). Each line is ``CAMEO-CODE<TAB>sentence``; the classifier learns the CAMEO root
("00" for a sentence that reports no event between actors). Training is deterministic:
the same files, seed and settings give the same model, and the model's metadata records
the sha256 of the data it was trained on so a test can tell a stale model.

A ``*.toml`` file in the folder holds sentence templates (see ``templates.toml``): each
template's slots are filled from the file's word lists with a seed taken from the
template's text, so the sentences it yields are the same on every run.
"""

from __future__ import annotations

import hashlib
import random
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flashpoint.errors import ConfigError
from flashpoint.events.classifier import features

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Labelled", "TrainingReport", "data_digest", "read_labelled", "train"]

NO_EVENT = "00"
_HASH_LENGTH = 2**15  # hashed n-gram slots: ~2.6 MB of weights for 21 labels
_BATCH = 16
_DEV_SHARE = 10  # one sentence in ten, chosen by a hash of its text, is held out
_SLOT = re.compile(r"\{([A-Z]+)\}")
_ATTEMPTS = 20  # draws per wanted sentence before a template with few fillers gives up


@dataclass(frozen=True, slots=True, kw_only=True)
class Labelled:
    text: str
    root: str  # "01".."20", or NO_EVENT
    # Sentences of one template resemble each other: only written ones are held out, so
    # the held-out accuracy is not flattered by a sibling seen in training.
    templated: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingReport:
    examples: int
    dev_examples: int
    dev_accuracy: float
    digest: str


def _files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise ConfigError(f"no training files (*.tsv) in {folder}")
    return files


def _root(code: str, where: str) -> str:
    """The CAMEO root of a code ("00" for "000"), or a ConfigError naming ``where``."""
    if not code.isdigit() or len(code) not in (3, 4):
        raise ConfigError(f"{where}: expected CODE<TAB>sentence")
    # "000" is the no-event label (NO_EVENT); "001" is nothing.
    if code != "000" and not 1 <= int(code[:2]) <= 20:
        raise ConfigError(f"{where}: {code} is not a CAMEO code")
    return code[:2]


def _fill(template: str, slots: dict[str, list[str]], count: int, where: str) -> list[str]:
    """Up to ``count`` distinct sentences from one template, the same ones on every run."""
    missing = set(_SLOT.findall(template)) - set(slots)
    if missing:
        raise ConfigError(f"{where}: no slot {sorted(missing)[0]} for {template!r}")
    draw = random.Random(int(hashlib.sha256(template.encode()).hexdigest()[:16], 16))  # noqa: S311

    def value(match: re.Match[str]) -> str:
        chosen = draw.choice(slots[match.group(1)])
        # A filler written to open a sentence ("The Kremlin") reads "the" inside one.
        return "t" + chosen[1:] if match.start() and chosen.startswith("The ") else chosen

    found: dict[str, None] = {}
    for _ in range(count * _ATTEMPTS):
        text = _SLOT.sub(value, template)
        found[text[:1].upper() + text[1:]] = None
        if len(found) == count:
            break
    return list(found)


def _templated(path: Path) -> list[Labelled]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        slots, per = data["slots"], int(data["per_template"])
        templates: dict[str, list[str]] = data["templates"]
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"{path}: not a template file ({error})") from error
    return [
        Labelled(text=text, root=_root(code, f"{path}:{code}"), templated=True)
        for code, texts in templates.items()
        for template in texts
        for text in _fill(template, slots, per, str(path))
    ]


def read_labelled(folder: Path) -> list[Labelled]:
    """Every labelled sentence of the folder's ``*.tsv`` and template files, in a stable order.

    A templated sentence that repeats one already read is left out.
    """
    found: list[Labelled] = []
    for path in _files(folder):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            code, tab, text = line.partition("\t")
            if not tab or not text.strip():
                raise ConfigError(f"{path}:{number}: expected CODE<TAB>sentence")
            found.append(Labelled(text=text.strip(), root=_root(code, f"{path}:{number}")))
    seen = {item.text for item in found}
    for path in sorted(folder.glob("*.toml")):
        for item in _templated(path):
            if item.text not in seen:
                seen.add(item.text)
                found.append(item)
    return found


def data_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in [*_files(folder), *sorted(folder.glob("*.toml"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _is_dev(item: Labelled) -> bool:
    if item.templated:
        return False
    return int(hashlib.sha256(item.text.encode()).hexdigest(), 16) % _DEV_SHARE == 0


def _blank(labels: Iterable[str]) -> Language:
    import spacy

    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": _HASH_LENGTH,
    }
    textcat = nlp.add_pipe("textcat", config={"model": model})
    for label in sorted(set(labels)):
        textcat.add_label(label)  # type: ignore[attr-defined]
    return nlp


def _accuracy(nlp: Language, items: Sequence[tuple[str, Labelled]]) -> float:
    if not items:
        return 0.0
    docs = nlp.pipe(text for text, _ in items)
    hits = sum(
        max(d.cats, key=d.cats.__getitem__) == i.root for d, (_, i) in zip(docs, items, strict=True)
    )
    return hits / len(items)


def train(
    folder: Path, parser: Language, *, seed: int = 0, epochs: int = 15, hold_out: bool = True
) -> tuple[Language, TrainingReport]:
    """A text classifier of CAMEO roots; ``hold_out`` keeps a tenth back to report on.

    ``parser`` is the spaCy pipeline the coder runs: the classifier is trained on what it
    will see, the :func:`~flashpoint.events.classifier.features` of parsed sentences.
    """
    from spacy.training import Example
    from thinc.api import fix_random_seed

    items = read_labelled(folder)
    texts = [features(doc[:]) for doc in parser.pipe(i.text for i in items)]
    dev = [(t, i) for t, i in zip(texts, items, strict=True) if hold_out and _is_dev(i)]
    rows = [(t, i) for t, i in zip(texts, items, strict=True) if not (hold_out and _is_dev(i))]
    fix_random_seed(seed)
    nlp = _blank(i.root for i in items)
    labels = nlp.get_pipe("textcat").labels  # type: ignore[attr-defined]
    examples = [
        Example.from_dict(nlp.make_doc(t), {"cats": {x: float(x == i.root) for x in labels}})
        for t, i in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(seed)  # noqa: S311 -- reproducible order, not secrecy
    for _ in range(epochs):
        shuffle.shuffle(examples)
        for start in range(0, len(examples), _BATCH):
            nlp.update(examples[start : start + _BATCH], sgd=optimizer, drop=0.1)
    report = TrainingReport(
        examples=len(rows),
        dev_examples=len(dev),
        dev_accuracy=_accuracy(nlp, dev),
        digest=data_digest(folder),
    )
    return nlp, report
