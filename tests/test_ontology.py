"""The CAMEO ontology: completeness, internal consistency, known values, cross-checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flashpoint.errors import ConfigError, RuleError
from flashpoint.ontology import PLOVER_TYPES, EventType, Ontology, ontology, quad_class
from flashpoint.ontology.cameo import parse_ontology

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return ontology()


def test_all_twenty_roots_present(onto: Ontology) -> None:
    assert [c for c in onto.codes() if len(c) == 2] == list(ROOTS)


def test_size(onto: Ontology) -> None:
    assert len(onto) == len(onto.codes()) == 315


def test_codes_unique_and_well_formed(onto: Ontology) -> None:
    codes = onto.codes()
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[0-9]{2,4}", c) for c in codes)


def test_every_code_has_its_root_and_parent(onto: Ontology) -> None:
    for code in onto.codes():
        event = onto.get(code)
        assert event.root in ROOTS
        assert event.root in onto
        if len(code) == 4:
            assert code[:3] in onto, f"{code} has no parent {code[:3]}"


def test_plover_types_constant() -> None:
    assert len(PLOVER_TYPES) == 16
    assert tuple(sorted(PLOVER_TYPES)) == PLOVER_TYPES
    assert Ontology.PLOVER_TYPES == PLOVER_TYPES


def test_plover_type_known_or_statement(onto: Ontology) -> None:
    for code in onto.codes():
        event = onto.get(code)
        if event.root == "01":
            assert event.plover is None, code  # PLOVER drops public statements
        else:
            assert event.plover in PLOVER_TYPES, code


def test_appeals_are_requests(onto: Ontology) -> None:
    assert {onto.get(c).plover for c in onto.codes() if c.startswith("02")} == {"REQUEST"}


def test_goldstein_in_range(onto: Ontology) -> None:
    for code in onto.codes():
        assert -10.0 <= onto.get(code).goldstein <= 10.0, code


def test_names_non_empty(onto: Ontology) -> None:
    assert all(onto.get(c).name.strip() for c in onto.codes())


@pytest.mark.parametrize(
    ("root", "quad"),
    [(r, 1) for r in ROOTS[0:5]]
    + [(r, 2) for r in ROOTS[5:8]]
    + [(r, 3) for r in ROOTS[8:13]]
    + [(r, 4) for r in ROOTS[13:20]],
)
def test_quad_class_per_root(onto: Ontology, root: str, quad: int) -> None:
    assert quad_class(root) == quad
    for code in onto.codes():
        if code.startswith(root):
            assert onto.get(code).quad_class == quad, code


@pytest.mark.parametrize("bad", ["", "4", "00", "21", "99", "0411x", "12345", "abc"])
def test_quad_class_rejects_non_codes(bad: str) -> None:
    with pytest.raises(ConfigError):
        quad_class(bad)


@pytest.mark.parametrize(
    ("code", "goldstein", "plover", "mode"),
    [
        ("010", 0.0, None, None),
        ("016", -2.0, None, None),
        ("022", 3.2, "REQUEST", None),
        ("036", 4.0, "AGREE", None),
        ("041", 1.0, "CONSULT", "phone"),
        ("042", 1.9, "CONSULT", "visit"),
        ("043", 2.8, "CONSULT", "visit"),
        ("057", 8.0, "SUPPORT", None),
        ("072", 8.3, "AID", None),
        ("074", 8.5, "AID", None),
        ("0841", 7.0, "RETREAT", "release"),
        ("0874", 10.0, "RETREAT", "disarm"),
        ("111", -2.0, "ACCUSE", "disapprove"),
        ("130", -4.4, "THREATEN", None),
        ("13", -6.0, "THREATEN", None),
        ("145", -7.5, "PROTEST", "riot"),
        ("163", -8.0, "COERCE", "restrict"),
        ("173", -5.0, "COERCE", "arrest"),
        ("182", -9.5, "ASSAULT", "beat"),
        ("1823", -10.0, "ASSAULT", None),
        ("190", -10.0, "ASSAULT", None),
        ("193", -10.0, "ASSAULT", "firearms"),
        ("201", -9.5, "ASSAULT", "cleansing"),
    ],
)
def test_known_values(
    onto: Ontology, code: str, goldstein: float, plover: str | None, mode: str | None
) -> None:
    event = onto.get(code)
    assert event.goldstein == goldstein
    assert event.plover == plover
    assert event.plover_mode == mode


def test_labels_and_roots(onto: Ontology) -> None:
    assert onto.get("190").name == "Use conventional military force"
    assert onto.get("041").name == "Discuss by telephone"
    assert onto.get("1041").root == "10"
    assert onto.root_label("1041") == "Demand"
    assert onto.root_label("04") == "Consult"
    assert onto.root_label("186") == "Assault"


def test_event_type_is_frozen(onto: Ontology) -> None:
    event = onto.get("041")
    assert isinstance(event, EventType)
    with pytest.raises(AttributeError):
        event.name = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("code", ["999", "0411", "41", "", "21"])
def test_unknown_code_raises(onto: Ontology, code: str) -> None:
    assert code not in onto
    with pytest.raises(ConfigError, match="unknown CAMEO event code"):
        onto.get(code)
    with pytest.raises(ConfigError):
        onto.root_label(code)


def test_contains_ignores_non_strings(onto: Ontology) -> None:
    assert "041" in onto
    assert 41 not in onto
    assert None not in onto


def test_ontology_is_cached() -> None:
    assert ontology() is ontology()


_ENTRY = """
[[code]]
code = "{code}"
name = "x"
goldstein = {g}
plover = "{p}"
plover_mode = ""
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code = [", "not valid TOML"),
        ("", "non-empty array"),
        (_ENTRY.format(code="04", g=1.0, p="CONSULT") * 2, "defined twice"),
        (_ENTRY.format(code="041", g=1.0, p="CONSULT"), "no root"),
        (_ENTRY.format(code="21", g=1.0, p="CONSULT"), "root from 01 to 20"),
        (_ENTRY.format(code="04", g=11.0, p="CONSULT"), r"\[-10, 10\]"),
        (_ENTRY.format(code="04", g='"1"', p="CONSULT"), "must be a number"),
        (_ENTRY.format(code="04", g=1.0, p="CHAT"), "'plover' must be one of"),
    ],
)
def test_malformed_data_is_a_rule_error(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_ontology(text, "test.toml")


# -- cross-checks against the public CAMEO and PLOVER tables in ../shared ---------------


def _codefile_codes(path: Path) -> set[str]:
    """Codes of CAMEO_codefile.txt: 'LABEL: 041= ...' lines and '//04= CONSULT' roots.

    'LABELi:' lines (ICEWS wording variants) and suffixed variants like '0811i' are not
    separate codes.
    """
    codes: set[str] = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := re.match(r"LABEL: ([0-9]{3,4})=", line) or re.match(r"//([0-9]{2})[:=]", line):
            codes.add(m.group(1))
    return codes


def _plover_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type from rows like '041: CONSULT, phone, # ...'."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := re.match(r"([0-9]{3,4}):\s*([A-Z]+)\s*,", line):
            table[m.group(1)] = m.group(2)
    return table


@pytest.mark.shared
def test_codes_match_cameo_codefile(onto: Ontology, shared: Path) -> None:
    theirs = _codefile_codes(shared / "eval" / "cameo-codes" / "CAMEO_codefile.txt")
    ours = set(onto.codes())
    assert len(theirs) > 300
    assert not theirs - ours, f"in CAMEO_codefile.txt, missing here: {sorted(theirs - ours)}"
    assert not ours - theirs, f"here, not in CAMEO_codefile.txt: {sorted(ours - theirs)}"


@pytest.mark.shared
def test_plover_types_agree_with_plover_table(onto: Ontology, shared: Path) -> None:
    theirs = _plover_table(shared / "eval" / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    assert len(theirs) > 250
    assert set(theirs) <= set(onto.codes()), sorted(set(theirs) - set(onto.codes()))
    differ = {c: (onto.get(c).plover, p) for c, p in theirs.items() if onto.get(c).plover != p}
    agreement = 1 - len(differ) / len(theirs)
    assert agreement >= 0.95, f"{agreement:.1%} agree; (ours, theirs): {sorted(differ.items())}"
