"""What an English figure counts or measures: the noun phrase after it.

"67,000 social media accounts were hacked" -> "social media accounts"; "$2.3 billion in aid" ->
"aid"; "4 kilograms of fentanyl" -> "fentanyl"; "a 45-acre farm" -> "farm".
"""

from __future__ import annotations

import re
from typing import Final

from .english_patterns import _COUNTED_WORD, _IN_OR_OF, _SP
from .lexicon import (
    COUNTED_OPENERS,
    COUNTED_SKIPPED,
    COUNTED_STOP_WORDS,
    PLURAL_NOUNS,
    SINGULAR_S_NOUNS,
)
from .lexicon import words as word_set
from .numerals import NUMBER_WORDS


def _counts_after(text: str, end: int) -> bool:
    """Does a plural noun follow ``end`` ("48m people", "2.5m users")?"""
    m = _COUNTED_WORD.match(text, end)
    return m is not None and _plural_like(m.group("word").lower())


def _plural_like(lower: str) -> bool:
    if lower in PLURAL_NOUNS:
        return True
    return (
        len(lower) > 3
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "sis"))
        and lower not in SINGULAR_S_NOUNS
    )


def _phrase(text: str, pos: int, *, opening: bool) -> tuple[list[str], int]:
    """Content words from ``pos`` up to a closed-class word, a verb-like word or a plural head.

    Returns the words (as written) and the offset after the last one taken.
    """
    words: list[str] = []
    end = pos
    skipped_of = not opening
    match = _COUNTED_WORD.match
    m = match(text, pos)
    while m is not None and len(words) < 6:
        opened, word, closed = m.group("open", "word", "close")
        lower = word.lower()
        if opening and not words and not closed:
            if lower == "of" and not skipped_of:
                skipped_of = True
                pos = m.end()
                m = match(text, pos)
                continue
            if lower in COUNTED_SKIPPED:
                pos = m.end()
                m = match(text, pos)
                continue
        if lower in COUNTED_STOP_WORDS and not (not words and lower in COUNTED_OPENERS):
            break
        if words and word[0].isupper() and not words[-1][0].isupper():
            break  # "30 people Reuters ..." is not one phrase
        if opened and words:
            break
        inflected = len(lower) > 4 and lower.endswith(("ed", "ing", "ly"))
        if inflected and words and not words[-1].lower().endswith(("ed", "ing", "ly")):
            break  # "people killed", "accounts belonging": the verb after the noun
        if len(lower) < 2 or lower in _NUMBER_WORD_SET:
            break  # "seven of the nine policymakers": "nine" starts another figure
        possessive = lower.endswith(("’s", "'s"))
        if possessive:
            word, lower = word[:-2], lower[:-2]
        words.append(word)
        pos = end = m.end()
        if closed or possessive:
            break
        m = match(text, pos)  # the next word, read once for both tests
        if _plural_like(lower) and (m is None or not _plural_like(m.group("word").lower())):
            break  # "police officers", "people smugglers" go on; "people live" stops
    return words, end


def _trim_to_head(words: list[str]) -> list[str]:
    for i in range(len(words) - 1, -1, -1):
        if _plural_like(words[i].lower()):
            return words[: i + 1]
    return []


_AND: Final = re.compile(rf"{_SP}+and(?={_SP})", re.IGNORECASE)
_OBJECT_FOLLOWS: Final = re.compile(
    rf"{_SP}+(?:[0-9$£€¥₹]|(?:the|a|an|about|around|some|nearly|almost|more|over|up|roughly"
    rf"|its|their|his|her)\b)",
    re.IGNORECASE,
)


_NUMBER_WORD_SET: Final = frozenset(NUMBER_WORDS)


def _counted(text: str, pos: int) -> str:
    """The plural noun phrase a figure counts.

    "67,000 social media accounts were hacked" -> "social media accounts"; "more than 100,000
    news anchors and media outlets" -> both conjuncts; "1,300 remain closed" -> "" (no noun).
    """
    words, end = _phrase(text, pos, opening=True)
    words = _trim_to_head(words)
    if not words:
        return ""
    conjunction = _AND.match(text, end)
    if conjunction is not None:
        conjunct, after = _phrase(text, conjunction.end(), opening=False)
        more = _trim_to_head(conjunct)
        # "170 million users and employs around 7,000": a verb with an object, not a noun.
        if more and len(more) == len(conjunct) and not _OBJECT_FOLLOWS.match(text, after):
            words = [*words, "and", *more]
    return " ".join(words).lower()


def _currency_counted(text: str, pos: int) -> str:
    """ "$2.3 billion in aid" -> "aid" (only directly after "in"/"of", no determiner)."""
    m = _IN_OR_OF.match(text[pos : pos + 16])
    if m is None:
        return ""
    words, _ = _phrase(text, pos + m.end(), opening=False)
    return " ".join(words).lower()


def _measured(text: str, end: int) -> str:
    """What a measure measures: "4 kilograms of fentanyl" -> "fentanyl", "a 300 MW solar farm
    will" -> "solar farm"; "" when the sentence goes on otherwise ("260 m tall")."""
    m = _OF.match(text, end)
    if m is not None:
        words, _ = _phrase(text, m.end(), opening=False)
        return " ".join(words).lower()
    if text[end - 1 : end].isalpha() and "-" in text[max(0, end - 12) : end]:
        return _compound_counted(text, end)  # "a 12-foot boulder fell": one noun
    taken: list[str] = []
    pos = end
    while len(taken) < 3:
        following = _COUNTED_WORD.match(text, pos)
        if following is None or following.group("open") or following.group("close"):
            break
        word = following.group("word").lower()
        if word in COUNTED_STOP_WORDS or word in _MEASURE_ADJECTIVES or word.endswith("ed"):
            break
        taken.append(word)
        pos = following.end()
    return " ".join(taken)


_OF: Final = re.compile(rf"{_SP}+of(?={_SP})", re.IGNORECASE)
_MEASURE_ADJECTIVES: Final = word_set(
    """tall high long wide deep thick away off short across below above apart wider higher
    longer deeper taller per an a worth ashore inland underground overhead upstream
    downstream"""
)


_NOUN_AFTER_COMPOUND: Final = re.compile(rf"{_SP}+(?P<word>[a-z][a-z-]*[a-z])\b")


def _compound_counted(text: str, end: int) -> str:
    """ "a 45-acre farm" -> "farm": the noun a hyphenated measure describes."""
    m = _NOUN_AFTER_COMPOUND.match(text, end)
    if m is None or m.group("word") in COUNTED_STOP_WORDS:
        return ""
    return m.group("word")
