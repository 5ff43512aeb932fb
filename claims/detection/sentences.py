"""Sentence and paragraph boundaries, computed once per text and looked up with bisect."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .lexicon import SENTENCE_ABBREVIATIONS

# A full stop (or ! ? …), any closing quotes/brackets, then whitespace; or a line break.
_CANDIDATE = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)|\n\s*")
_NEXT_VISIBLE = re.compile(r"\S")
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


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
    starts = [0]
    for m in _CANDIDATE.finditer(text):
        following = _NEXT_VISIBLE.search(text, m.end())
        if following is None:
            break
        nxt = following.start()
        if m.group()[0] != "\n":
            if text[following.start()].islower():
                continue  # "e.g. the", "3 p.m. on Friday"
            if text[m.start()] == ".":
                word = _word_before(text, m.start())
                if word in SENTENCE_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue  # "Mr. Li", "No. 10", "J. Smith"
        if nxt > starts[-1]:
            starts.append(nxt)
    return starts


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
