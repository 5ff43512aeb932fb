"""Sentence and paragraph boundaries, computed once per text and looked up with bisect."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Final

from .lexicon import SENTENCE_ABBREVIATIONS

# A full stop (or ! ? …), any closing quotes/brackets, then whitespace; or a line break.
_CANDIDATE: Final = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)|\n\s*")
_NEXT_VISIBLE: Final = re.compile(r"\S")
_PARAGRAPH_BREAK: Final = re.compile(r"\n\s*")


def _word_before(text: str, end: int) -> str:
    window = text[max(0, end - 12) : end]
    parts = window.split()
    if not parts or window[-1].isspace():
        return ""
    return parts[-1].lstrip("(\"“‘'«[").lower()


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Where sentences and paragraphs start in one text.

    ``sentences`` and ``paragraphs`` are sorted lists of ``(start, end)`` spans with surrounding
    whitespace trimmed; lookups are O(log n).
    """

    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    _sentence_starts: list[int]
    _paragraph_starts: list[int]

    @classmethod
    def of(cls, text: str) -> Segmentation:
        sentences = _spans(text, _sentence_starts(text))
        paragraphs = _spans(text, [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)])
        return cls(
            sentences=sentences,
            paragraphs=paragraphs,
            _sentence_starts=[start for start, _ in sentences],
            _paragraph_starts=[start for start, _ in paragraphs],
        )

    def sentence_index(self, position: int) -> int:
        return max(0, bisect_right(self._sentence_starts, position) - 1)

    def paragraph_index(self, position: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, position) - 1)


def _sentence_starts(text: str) -> list[int]:
    return [0, *_starts_after(text, 0)]


def _starts_after(text: str, pos: int, until: int | None = None) -> Iterator[int]:
    """The sentence starts after ``pos`` (up to ``until`` and sometimes a little past it), in
    order, for a ``pos`` that is not inside a candidate boundary (the character before it is
    no full stop, closing mark or space)."""
    last = pos
    # a boundary that starts a sentence at or before ``until`` ends before it
    for m in _CANDIDATE.finditer(text, pos, len(text) if until is None else until + 1):
        following = _NEXT_VISIBLE.search(text, m.end())
        if following is None:
            return
        nxt = following.start()
        if m.group()[0] != "\n":
            if text[nxt].islower():
                continue  # "e.g. the", "3 p.m. on Friday"
            if text[m.start()] == ".":
                word = _word_before(text, m.start())
                if word in SENTENCE_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue  # "Mr. Li", "No. 10", "J. Smith"
        if nxt > last:
            last = nxt
            yield nxt


# Characters a candidate boundary is made of (besides whitespace): _starts_after never starts
# reading inside one.
_BOUNDARY_MARKS: Final = frozenset(".!?…\"”’'»)]")


def breaks_between(text: str, start: int, end: int) -> tuple[int, bool]:
    """What :meth:`Segmentation.of(text)` says of two positions ``start < end``, reading only
    the text between them: how many sentences start in ``(start, end]`` (counted up to 2) and
    whether a paragraph does. For a few positions of a long text, far cheaper than segmenting
    all of it."""
    pos = start
    while pos > 0 and (text[pos - 1] in _BOUNDARY_MARKS or text[pos - 1].isspace()):
        pos -= 1
    sentences = 0
    for nxt in _starts_after(text, pos, end):
        if nxt > end:
            break
        if nxt > start:
            sentences += 1
            if sentences == 2:
                break
    paragraph = False
    for m in _PARAGRAPH_BREAK.finditer(text, pos, end):
        if m.end() > start:
            # the break's whitespace may run past ``end`` (found up to it): read it whole
            whole = _PARAGRAPH_BREAK.match(text, m.start())
            paragraph = whole is not None and whole.end() <= end
            break
    return sentences, paragraph


def _spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in pairwise([*starts, len(text)]):
        # Only the whitespace between sentences is walked, so this stays linear.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=4)
def segmentation(text: str) -> Segmentation:
    """``Segmentation.of(text)``, remembered for the last few texts (figures and attributions
    both need it for the same text)."""
    return Segmentation.of(text)
