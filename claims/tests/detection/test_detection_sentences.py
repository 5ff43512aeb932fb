"""The sentence and paragraph breaks the figure scanner reads between two figures agree with the
segmentation of the whole text (it reads only the text between them, for speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.detection.sentences import Segmentation, breaks_between

PIECES = st.sampled_from(
    [
        *("a", "B", " ", "\n", "\t", ".", "!", "?", "…", '"', "”", "’", "'", "»", ")", "]"),
        *("Mr", "e.g", "No", " J", "1", "x", "(", "“"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=2, max_size=40).map("".join), st.data())
def test_breaks_between_two_positions_match_the_whole_segmentation(
    text: str, data: st.DataObject
) -> None:
    first_visible = len(text) - len(text.lstrip())
    if first_visible >= len(text) - 1:
        return  # a figure starts on a visible character: none here
    start = data.draw(st.integers(first_visible, len(text) - 2))
    end = data.draw(st.integers(start + 1, len(text) - 1))
    segments = Segmentation.of(text)
    sentences, paragraph = breaks_between(text, start, end)
    assert sentences == min(2, segments.sentence_index(end) - segments.sentence_index(start))
    assert paragraph == (segments.paragraph_index(end) != segments.paragraph_index(start))


def test_it_counts_sentences_and_paragraphs_between_two_figures() -> None:
    text = "Nearly 40 died. Mr. Li said 30 more.\n\nA further 20 were hurt."
    assert breaks_between(text, text.index("40"), text.index("30")) == (1, False)
    assert breaks_between(text, text.index("30"), text.index("20")) == (1, True)
    assert breaks_between(text, text.index("40"), text.index("20")) == (2, True)
    assert breaks_between(text, text.index("Mr"), text.index("30")) == (0, False)
