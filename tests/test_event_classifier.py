"""The event-type classifier: its training data, reproducible training, the shipped
model, and the documented policy that combines it with the patterns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from spacy.tokens import Span

from flashpoint.config import Settings
from flashpoint.errors import ConfigError, ModelNotAvailableError
from flashpoint.events import load_classifier, load_cues, load_patterns
from flashpoint.events.classifier import BUILTIN, OFF, features
from flashpoint.events.coder import code_doc
from flashpoint.events.combine import FALLBACK_THRESHOLD, blended, fallback_root
from flashpoint.events.training import NO_EVENT, data_digest, read_labelled, train
from flashpoint.model import Actor
from flashpoint.model import Span as TextSpan
from flashpoint.nlp import load_pipeline

DATA = Path(__file__).resolve().parents[1] / "training" / "events"


def test_training_data_covers_every_root() -> None:
    items = read_labelled(DATA)
    counts = {root: sum(i.root == root for i in items) for root in {i.root for i in items}}
    assert set(counts) == {f"{n:02d}" for n in range(21)}
    assert min(counts.values()) >= 40
    assert len({i.text for i in items}) == len(items), "duplicate training sentences"


_TEMPLATES = """
per_template = 3
[slots]
A = ["Ruritania", "The Freedonian army", "Osea"]
B = ["Estovakia", "the rebels"]
[templates]
"163" = ["{A} imposed sanctions on {B}.", "{B} faced sanctions from {A}."]
"000" = ["Rain fell."]
"""


def test_templates_expand_the_same_way_every_time(tmp_path: Path) -> None:
    (tmp_path / "written.tsv").write_text("163\tOsea imposed sanctions on Estovakia.\n", "utf-8")
    (tmp_path / "templates.toml").write_text(_TEMPLATES, "utf-8")
    items = read_labelled(tmp_path)
    assert items == read_labelled(tmp_path)
    texts = [i.text for i in items]
    assert len(set(texts)) == len(texts), "a template repeated a written sentence"
    assert "Rain fell." in texts
    assert {i.root for i in items if i.templated} == {"16", NO_EVENT}
    # A filler that opens a sentence reads in lower case inside one.
    assert not any("from The" in t for t in texts)
    assert any(t.startswith("The Freedonian army") for t in texts)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_TEMPLATES.replace("{B}.", "{C}."), "no slot C"),
        (_TEMPLATES.replace('"163"', '"999"'), "not a CAMEO code"),
        ("per_template = 3\n", "not a template file"),
    ],
)
def test_bad_templates_are_refused(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "written.tsv").write_text("010\tOsea spoke.\n", "utf-8")
    (tmp_path / "templates.toml").write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=message):
        read_labelled(tmp_path)


def test_shipped_model_was_trained_on_this_data() -> None:
    classifier = load_classifier(BUILTIN)
    assert classifier is not None
    # Changing training/events without `make train` leaves a stale model: retrain.
    assert classifier.name == f"textcat-{data_digest(DATA)[:8]}"


def test_shipped_model_reads_plain_news() -> None:
    classifier = load_classifier(BUILTIN)
    assert classifier is not None
    texts = [
        "Police arrested dozens of protesters outside parliament on Friday.",
        "The two foreign ministers held talks in Jakarta on Tuesday.",
        "Artillery shelled the outskirts of the city overnight.",
    ]
    docs = load_pipeline(Settings().model).pipe(texts)
    best = [max(s, key=s.__getitem__) for s in classifier.scores([d[:] for d in docs])]
    assert best == ["17", "04", "19"]


def test_training_is_reproducible(tmp_path: Path) -> None:
    lines = DATA.joinpath("roots-01-10.tsv").read_text("utf-8").splitlines()[::8]
    (tmp_path / "sample.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    texts = [d[:] for d in load_pipeline(Settings().model).pipe(["Troops fired on a crowd."])]
    parser = load_pipeline(Settings().model)
    first, report = train(tmp_path, parser, epochs=3)
    again, _ = train(tmp_path, parser, epochs=3)
    assert report.examples + report.dev_examples == len(lines)
    words = [features(t) for t in texts]
    assert [d.cats for d in first.pipe(words)] == [d.cats for d in again.pipe(words)]


@pytest.mark.parametrize(
    "line",
    ["042 no tab", "4x\tletters in the code", "999\tnot a CAMEO root", "001\tno root", "042\t  "],
)
def test_bad_training_lines_are_refused(tmp_path: Path, line: str) -> None:
    (tmp_path / "bad.tsv").write_text(line + "\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.tsv:1"):
        read_labelled(tmp_path)


def test_missing_classifier_is_a_config_error(tmp_path: Path) -> None:
    assert load_classifier(OFF) is None
    with pytest.raises(ModelNotAvailableError):
        load_classifier(str(tmp_path))


def test_policy_blends_and_falls_back() -> None:
    agreed, disagreed = blended(0.8, "042", {"04": 0.6}), blended(0.8, "190", {"04": 0.6})
    assert 0.6 < agreed < 0.8
    assert disagreed < 0.6 < agreed
    assert fallback_root({"19": 0.9, NO_EVENT: 0.1}) == ("19", 0.9)
    assert fallback_root({NO_EVENT: 0.9, "19": 0.1}) is None
    assert fallback_root({"19": FALLBACK_THRESHOLD / 2, "04": FALLBACK_THRESHOLD / 2}) is None


class _Fixed:
    """A stand-in classifier that is sure every sentence is an assault."""

    name = "fixed"

    def scores(self, sentences: Sequence[Span]) -> list[Mapping[str, float]]:
        return [{"18": 0.9, NO_EVENT: 0.1} for _ in sentences]


def _actor(text: str, start: int, code: str) -> Actor:
    return Actor(
        span=TextSpan(start=start, end=start + len(text)),
        text=text,
        name=text,
        code=code,
        country=code[:3],
        role=None,
        kb_id=None,
        reason="test",
    )


def test_fallback_only_where_no_pattern_fires() -> None:
    text = "Ruritania pummelled Freedonia. Ruritania met Freedonia."
    doc = load_pipeline(Settings().model)(text)
    actors = [
        _actor("Ruritania", 0, "RUR"),
        _actor("Freedonia", 20, "FRE"),
        _actor("Ruritania", 31, "RUR"),
        _actor("Freedonia", 45, "FRE"),
    ]
    found = code_doc(doc, actors, load_patterns(()), load_cues(), _Fixed())  # type: ignore[arg-type]
    by_rule = {(c.rule, c.cameo, c.source.code if c.source else None) for c in found}
    assert ("classifier.18", "180", "RUR") in by_rule
    # "met" is a pattern: the classifier only lowers its confidence, it adds no assault.
    assert [c.cameo for c in found if c.sentence[0] > 0] == ["040", "040"]
    assert all(c.confidence < 0.9 for c in found)
