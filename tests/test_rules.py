"""Cleaning rules, table-driven: what each rule must catch and what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import RuleError
from flashpoint.ingest.rules import CleanBlock, apply_rules, bundled_rules, load_rules


def _first_rule(text: str) -> str | None:
    return next((r.name for r in bundled_rules() if r.match(text)), None)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("3 hours ago 4", "relative-timestamp"),
        ("12 min ago", "relative-timestamp"),
        ("an hour ago", "relative-timestamp"),
        ("Thank you for your patience while we verify access.", "paywall-overlay"),
        ("Already a subscriber? Log in.", "paywall-overlay"),
        ("Want all of The Daily Planet? Subscribe.", "paywall-overlay"),
        ("Read Entire Article", "paywall-overlay"),
        ("You have reached your free article limit for this month.", "paywall-overlay"),
        ("Subscribe now to continue reading.", "paywall-overlay"),
        ("News Analysis", "section-label"),
        ("Advertisement", "section-label"),
        ("Image", "media-placeholder"),
        ("Video", "media-placeholder"),
        ("Listen to this article", "media-placeholder"),
        ("Issei Kato/Reuters", "photo-credit-line"),
        ("Credit: Jane Roe/Agence Presse", "photo-credit-line"),
        ("(Getty Images)", "photo-credit-line"),
        ("Keith BradsherRiver Akira Davis", "byline"),
        ("By Jane Roe and John Doe", "byline"),
        ("Reporting by Jane Roe; Editing by John Doe", "byline"),
        ("Nov. 25, 2025, 6:39 a.m. ET", "dateline"),
        ("Updated 25 November 2025", "dateline"),
        ("Published: 2025-11-25T06:39:00Z", "dateline"),
        (
            "If you enjoyed this article, please consider becoming a member. Join today.",
            "paywall-overlay",
        ),
        ("This copy is for your personal, non-commercial use only.", "paywall-overlay"),
        ("Subscribe to the Evening Digest newsletter", "share-prompt"),
        ("Get more stories like this by subscribing to our weekly newsletter.", "share-prompt"),
        ("Share full article", "share-prompt"),
        ("Sign up for the Morning Briefing newsletter.", "share-prompt"),
        ("Follow us on Twitter", "share-prompt"),
        ("Olahraga Sehat| | | |", "spam-footer"),
        ("Home | World | Asia | Markets | Sport", "spam-footer"),
        ("Copyright 2025 The Daily Planet", "spam-footer"),
    ],
)
def test_rule_catches(text: str, rule: str) -> None:
    assert _first_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        # News that shares words with page furniture must survive.
        "China summoned Japan's ambassador on Monday to protest the remarks.",
        "The newspaper said its subscribers in Hong Kong could no longer read the site after "
        "the authorities blocked access, a move critics called censorship of the press.",
        "Images broadcast by state television showed warships leaving port on Tuesday.",
        "Georgia Smith",  # a bare two-word name is not a glued byline
        "Xi Jinping Meets Trump in Busan",  # a title-case headline is not a byline
        "China and Japan, With Trump in the Middle, Are in a Showdown",
        "Japan and China agreed on Nov. 7, 2025, to keep talking despite the dispute.",
        "The two leaders met for 90 minutes, officials said.",
        "Photographs of the meeting were released by both governments on Thursday evening.",
        "Analysts expect the dispute to drag on into next year as neither side backs down.",
        "About 10,000 people subscribe to the newsletter the ministry publishes each week.",
    ],
)
def test_rule_leaves_news_alone(text: str) -> None:
    assert _first_rule(text) is None


def test_strip_keeps_caption_and_records_credit() -> None:
    block = CleanBlock(
        text="Leaders shake hands in Busan on Thursday.Credit...Jane Roe/Agence Presse",
        kind="paragraph",
    )
    kept, removed, _ = apply_rules([block], bundled_rules())
    assert kept == [CleanBlock(text="Leaders shake hands in Busan on Thursday.", kind="caption")]
    assert [(r.rule, r.text, r.whole_block) for r in removed] == [
        ("photo-credit", "Credit...Jane Roe/Agence Presse", False)
    ]


def test_bracketed_credit_goes_with_its_brackets() -> None:
    block = CleanBlock(
        text="Ships off the islands on Sunday. (Photo: Harbour Agency)", kind="caption"
    )
    kept, removed, _ = apply_rules([block], bundled_rules())
    assert kept == [CleanBlock(text="Ships off the islands on Sunday.", kind="caption")]
    assert removed[0].text.strip() == "(Photo: Harbour Agency)"


def test_dateline_text_is_returned_for_dating() -> None:
    _, removed, datelines = apply_rules(
        [CleanBlock(text="Nov. 25, 2025, 6:39 a.m. ET", kind="paragraph")], bundled_rules()
    )
    assert datelines == ["Nov. 25, 2025, 6:39 a.m. ET"]
    assert removed[0].rule == "dateline"


def test_user_rules_run_after_bundled(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        'version = 1\n[[rule]]\nname = "house-promo"\naction = "drop"\n'
        "patterns = ['^Download our app']\n"
    )
    rules = load_rules(str(extra))
    assert rules[-1].name == "house-promo"
    assert rules[-1].origin == str(extra)
    assert len(rules) == len(bundled_rules()) + 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("version = 2\n", "version = 1"),
        ('version = 1\n[[rule]]\nname = "x"\naction = "zap"\npatterns = ["a"]\n', "action"),
        ('version = 1\n[[rule]]\nname = "x"\naction = "drop"\npatterns = ["("]\n', "bad pattern"),
        ('version = 1\n[[rule]]\nname = "x"\naction = "drop"\npatterns = []\n', "patterns"),
        (
            'version = 1\n[[rule]]\nname = "x"\naction = "drop"\npatterns = ["a"]\nmax = 3\n',
            "unknown",
        ),
        ("version = 1\n[[rule]\n", "TOML"),
    ],
)
def test_bad_rule_files_fail_loudly(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(RuleError, match=message):
        load_rules(str(path))


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read"):
        load_rules(str(tmp_path / "absent.toml"))
