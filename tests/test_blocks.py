"""Block splitting and assembly: offsets must always point at the block's own text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.ingest.blocks import assemble, normalise_text, split_blocks, strip_markdown
from flashpoint.ingest.rules import CleanBlock

_line = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=80,
    )
    .map(str.strip)
    .filter(bool)
)


@given(
    st.lists(st.tuples(_line, st.sampled_from(["paragraph", "caption", "headline"])), max_size=12)
)
def test_assembled_spans_point_at_their_blocks(items: list[tuple[str, str]]) -> None:
    blocks = [CleanBlock(text=t, kind=k) for t, k in items]  # type: ignore[arg-type]
    text, spans = assemble(blocks)
    assert [s.span.text_of(text) for s in spans] == [b.text for b in blocks]
    assert [s.kind for s in spans] == [b.kind for b in blocks]


@given(st.text(max_size=400))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


def test_scraped_lines_stay_separate() -> None:
    text = "Headline of the story\n\nImage\nA caption that ends.Credit...A/B\n\nBody text here."
    assert [b.text for b in split_blocks(text)] == [
        "Headline of the story",
        "Image",
        "A caption that ends.Credit...A/B",
        "Body text here.",
    ]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The foreign ministry said on Tuesday that the two governments would\n"
        "hold talks next week in Tokyo, the first since the dispute began.\n\n"
        "A second paragraph."
    )
    assert [b.text for b in split_blocks(text)] == [
        "The foreign ministry said on Tuesday that the two governments would hold talks next "
        "week in Tokyo, the first since the dispute began.",
        "A second paragraph.",
    ]


def test_markdown_is_reduced_to_words() -> None:
    md = "# Title\n\n![chart](c.png)\nThe [ministry](http://x) said **no**."
    assert strip_markdown(md) == "Title\n\n\nThe ministry said no."


def test_spaces_and_line_endings_are_normalised() -> None:
    assert normalise_text("a\u00a0 b\r\nc\u00ad d ") == "a b\nc d"
