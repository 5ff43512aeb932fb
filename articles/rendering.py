"""Article text as escaped HTML, with figures as <mark> and claims as underlined <span>.

Offsets are code points into the stored text (Python string indices). The output holds the
text exactly, escaped and nothing else, so that a browser rendering it with
`white-space: pre-wrap` has the same text content as the stored article: DOM text offsets
then map one-to-one onto stored offsets (after UTF-16 to code-point conversion in JS).

Spans may nest (a claim contains its figures) and overlap (two claims sharing a sentence).
HTML elements cannot overlap, so the text is cut at every span boundary and, where a span
ends while spans opened after it are still open, those are closed and re-opened around it.
A re-opened piece carries `data-part` so scripts can tell the first piece of a span from its
continuations. One pass over the sorted boundaries: no per-span scan of the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True, slots=True)
class Span:
    """One highlighted stretch of text: `kind` is "claim" or "figure"."""

    kind: str
    id: int
    start: int
    end: int
    css: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())

    def open_tag(self, part: bool) -> str:
        tag = "mark" if self.kind == "figure" else "span"
        extra = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs)
        classes = f"{self.kind} {self.css}".strip()
        # The first piece is the anchor (#figure-12); later pieces say they continue it.
        first = ' data-part="continued"' if part else f' id="{self.kind}-{self.id}"'
        return (
            f'<{tag} class="{classes}" data-{self.kind}-id="{self.id}" '
            f'data-start="{self.start}" data-end="{self.end}"{extra}{first}>'
        )

    @property
    def close_tag(self) -> str:
        return "</mark>" if self.kind == "figure" else "</span>"


# At one position, spans that open are nested outermost first: the longer span outside, and
# for equal spans the claim outside the figure (a claim contains its figures).
_KIND_ORDER = {"claim": 0, "figure": 1}


def _open_order(span: Span) -> tuple[int, int, int, int]:
    return (span.start, -span.end, _KIND_ORDER.get(span.kind, 2), span.id)


def render_annotated_text(text: str, spans: Iterable[Span]) -> SafeString:
    """`text` escaped, with every span wrapped in its element; overlaps split correctly.

    Spans outside the text or empty are left out (the models refuse them anyway).
    """
    length = len(text)
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= length),
        key=_open_order,
    )
    # Positions where something closes, each with the spans that close there.
    closing: dict[int, list[Span]] = {}
    for span in ordered:
        closing.setdefault(span.end, []).append(span)

    out: list[str] = []
    stack: list[Span] = []
    pos = 0
    i = 0
    n = len(ordered)
    boundaries = sorted({0, length, *closing, *(s.start for s in ordered)})
    for at in boundaries:
        if at > pos:
            out.append(escape(text[pos:at], quote=False))
            pos = at
        ending = closing.get(at)
        if ending:
            ending_ids = {id(s) for s in ending}
            # Find the deepest span that ends here; everything above it closes too, and the
            # ones that go on re-open afterwards in the same nesting order.
            depth = min(k for k, s in enumerate(stack) if id(s) in ending_ids)
            reopen = [s for s in stack[depth:] if id(s) not in ending_ids]
            for s in reversed(stack[depth:]):
                out.append(s.close_tag)
            del stack[depth:]
            for s in reopen:
                out.append(s.open_tag(part=True))
                stack.append(s)
        while i < n and ordered[i].start == at:
            span = ordered[i]
            out.append(span.open_tag(part=False))
            stack.append(span)
            i += 1
    for s in reversed(stack):
        out.append(s.close_tag)
    # Safe: every piece of text above went through escape(); tags are built from integers.
    return mark_safe("".join(out))
