from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from articles.rendering import Span, render_annotated_text


class _Check(HTMLParser):
    """Rebuilds the text and each span's covered text from the rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[tuple[str, str]] = []
        self.covered: dict[str, list[str]] = {}
        self.offsets: dict[str, tuple[int, int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        key = f"figure-{a['data-figure-id']}" if tag == "mark" else f"claim-{a['data-claim-id']}"
        self.stack.append((tag, key))
        self.covered.setdefault(key, [])
        self.offsets[key] = (int(a["data-start"] or 0), int(a["data-end"] or 0))

    def handle_endtag(self, tag: str) -> None:
        opened, _ = self.stack.pop()
        assert opened == tag, "elements must close in the order they opened"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, key in self.stack:
            self.covered[key].append(data)


def _parse(rendered: str) -> _Check:
    check = _Check()
    check.feed(rendered)
    check.close()
    assert not check.stack
    return check


def test_it_escapes_the_text() -> None:
    out = render_annotated_text("<script>alert('x')</script> & 5 > 3", [])
    assert "<script>" not in out
    assert out == "&lt;script&gt;alert('x')&lt;/script&gt; &amp; 5 &gt; 3"


def test_a_claim_contains_its_figures() -> None:
    text = "Officials said 67,000 accounts were closed."
    out = render_annotated_text(
        text,
        [Span("figure", 1, 15, 21, "figure--confirmed"), Span("claim", 7, 0, len(text))],
    )
    assert out == (
        '<span class="claim" data-claim-id="7" data-start="0" data-end="43" id="claim-7">'
        "Officials said "
        '<mark class="figure figure--confirmed" data-figure-id="1" data-start="15" '
        'data-end="21" id="figure-1">67,000</mark>'
        " accounts were closed.</span>"
    )


def test_a_claim_and_figure_on_the_same_span_nest_claim_outside() -> None:
    out = render_annotated_text("67,000", [Span("figure", 1, 0, 6), Span("claim", 2, 0, 6)])
    assert out.startswith('<span class="claim"')
    assert out.endswith("</mark></span>")


def test_overlapping_claims_split_and_continue() -> None:
    text = "aaa bbb ccc"
    out = render_annotated_text(text, [Span("claim", 1, 0, 7), Span("claim", 2, 4, 11)])
    check = _parse(out)
    assert "".join(check.text) == text
    assert "".join(check.covered["claim-1"]) == "aaa bbb"
    assert "".join(check.covered["claim-2"]) == "bbb ccc"
    assert out.count('data-part="continued"') == 1
    assert out.count('id="claim-2"') == 1


def test_spans_outside_the_text_are_left_out() -> None:
    out = render_annotated_text("short", [Span("figure", 1, 3, 99), Span("figure", 2, 0, 2)])
    assert 'data-figure-id="1"' not in out
    assert 'data-figure-id="2"' in out


def test_offsets_are_code_points_with_emoji_and_cjk() -> None:
    text = "🚀 中文 “8,000” x\u0302\n\nend"
    start = text.index("8,000")
    out = render_annotated_text(text, [Span("figure", 1, start, start + 5)])
    assert f'data-start="{start}"' in out
    assert "".join(_parse(out).covered["figure-1"]) == "8,000"


_alphabet = st.sampled_from(list("ab <>&\"'\n🚀中é\u0302“”"))


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(_alphabet, min_size=1, max_size=40))
    n = len(text)
    spans = []
    for i in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        spans.append(Span(draw(st.sampled_from(["claim", "figure"])), i, start, end))
    return text, spans


@given(_text_and_spans())
def test_any_spans_render_well_formed_and_cover_their_text(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    out = render_annotated_text(text, spans)
    check = _parse(out)
    assert "".join(check.text) == text
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    for span in spans:
        key = f"{span.kind}-{span.id}"
        assert "".join(check.covered[key]) == text[span.start : span.end]
        assert check.offsets[key] == (span.start, span.end)
