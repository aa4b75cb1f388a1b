"""The event lexicon's wider readings: nominal acts under light verbs, spaCy lemma quirks,
and the object lists that tell one sense of a verb from another. Each case codes a sentence
written for these tests and checks the CAMEO code and both actors (three-letter prefix)."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.config import Settings
from flashpoint.ingest import extract
from flashpoint.model import Article, Event
from flashpoint.pipeline import code_articles

DAY = dt.date(2025, 11, 25)


def _events(text: str) -> list[Event]:
    article = extract(
        text, format="text", published=DAY, settings=Settings(min_words=1, languages=())
    )
    assert isinstance(article, Article)
    (found,) = code_articles([article], Settings())
    return list(found.events)


def _triples(text: str) -> set[tuple[str, str, str]]:
    return {
        (
            e.source.code[:3] if e.source else "",
            e.cameo,
            e.target.code[:3] if e.target else "",
        )
        for e in _events(text)
        if e.modality == "asserted"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 01: condolences offered are an empathetic comment, not an offer to cooperate.
        ("Seoul offered its condolences to Jakarta after the ferry sank.", ("KOR", "018", "IDN")),
        ("Peru agreed with Chile that the border dispute was settled.", ("PER", "019", "CHL")),
        # 03: restating a commitment is a statement of intent.
        ("Canada reiterated its commitment to Ukraine.", ("CAN", "030", "UKR")),
        # 07: money contributed or allocated, relief flown in.
        ("Ireland contributed 20 million euros to the UN refugee agency.", ("IRL", "070", "IGO")),
        ("Japan allocated 5 million dollars in emergency aid to Nepal.", ("JPN", "070", "NPL")),
        ("Turkey flew 40 tons of medicine into Libya.", ("TUR", "073", "LBY")),
        # 08: tariffs rolled back; a cessation of hostilities is a truce.
        ("Washington rolled back tariffs on Mexican steel.", ("USA", "085", "MEX")),
        ("The Taliban released two Pakistani engineers on Friday.", ("AFG", "0841", "PAK")),
        # 11: evidence presented against someone, legal action launched against them.
        ("Prosecutors in Kyiv presented evidence against Russia.", ("UKR", "112", "RUS")),
        ("Hungary launched legal action against the European Commission.", ("HUN", "115", "IGO")),
        # 13: a deadline given is an ultimatum.
        ("Moscow gave Kyiv a deadline to withdraw its troops.", ("RUS", "139", "UKR")),
        # 14: a burned flag is a protest act.
        ("Students in Tehran burned Israeli flags outside the embassy.", ("IRN", "140", "ISR")),
        # 16: the suspension noun under "announce".
        ("Norway announced a suspension of aid to Uganda.", ("NOR", "160", "UGA")),
        # 17: crowd control and cyber warfare.
        ("Iran waged cyber warfare against Albania.", ("IRN", "170", "ALB")),
        ("Kenyan police fired teargas at protesters in Nairobi.", ("KEN", "175", "KEN")),
        # 19: a battle pressed, an assault begun, a town retaken (lemma "retook").
        (
            "Ukrainian forces pressed their offensive against Russian positions.",
            ("UKR", "190", "RUS"),
        ),
        ("Sudanese troops began their assault on the town of El Fasher.", ("SDN", "190", "SDN")),
        ("Malian troops retook the town of Kidal from the rebels.", ("MLI", "192", "MLI")),
        ("Azerbaijan violated the ceasefire agreement with Armenia.", ("AZE", "196", "")),
    ],
)
def test_lexicon_codes_the_act(text: str, expected: tuple[str, str, str]) -> None:
    found = _triples(text)
    assert expected in found, found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The junta declared a cessation of hostilities with the rebels.", "yield.declare-truce"),
        ("Ansar Dine jihadists overran a military base.", "fight.overran"),
        ("Ethiopia forced aid workers out of Tigray.", "reduce.force-out-aid-agencies"),
        ("Belarusian police broke up the rally in Minsk.", "coerce.break-up-protest"),
        ("Brazil's foreign minister attended the climate summit in Baku.", "consult.attend"),
        ("Japan and India held joint war games in the Bay of Bengal.", "cooperate.joint-war-game"),
    ],
)
def test_lexicon_reaches_the_rule(text: str, rule: str) -> None:
    rules = {e.rule for e in _events(text)}
    assert rule in rules, rules


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        # Releasing a document frees no one.
        ("The ministry released a report on Chinese trade.", "084"),
        # A ceremony is not a meeting; a sports suspension is not reduced relations.
        ("Japan attended the ceremony in Tokyo.", "04"),
        ("The football club announced the suspension of its striker.", "16"),
        # Burning fuel is not a protest; a storm displaces people without an actor.
        ("China burned coal to generate electricity.", "14"),
        ("The storm displaced 10,000 people in the Philippines.", "20"),
        # Game and warfare nouns need their modifiers.
        ("South Korea won the game against Japan.", "06"),
        ("Japan accused China of economic warfare.", "17"),
        # A ceasefire violation is not a broken law (128).
        ("Azerbaijan violated the ceasefire agreement with Armenia.", "128"),
    ],
)
def test_lexicon_does_not_overreach(text: str, cameo: str) -> None:
    found = _triples(text)
    assert not [t for t in found if t[1].startswith(cameo)], found
