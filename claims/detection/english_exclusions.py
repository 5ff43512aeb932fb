"""Numbers in English text that are not quoted figures, or not on their own.

Names and identifiers ("Boeing 737", "Article 19"), emergency numbers ("call 911"), ages in
apposition ("John Smith, 32, of Dayton"), and the words around a number that make it an age
("children under 5") or keep "X to Y" from being a range ("grew by 1.2 million to 9.8 million").
"""

from __future__ import annotations

import re
from typing import Final

from .english_patterns import _SP, _TIME_WORDS, _Head
from .lexicon import CHANGE_WORDS, FUNCTION_WORDS, IDENTIFIER_WORDS
from .lexicon import words as word_set

_FORMS_OF_BE: Final = word_set("is are was were be been am")
_MODALS: Final = word_set("will would can could may might must shall should")


def _names_something(text: str, start: int) -> bool:
    """True when the number right after ``start`` is part of a name: "Article 19", "Boeing 737"."""
    if start == 0 or text[start - 1] not in " \u00a0":
        return False
    parts = text[max(0, start - 40) : start].rsplit(None, 1)
    if not parts:
        return False
    token = parts[-1]
    if not token[-1].isalnum() and token[-1] != ".":
        return False  # "accounts, 30"
    word = token.rstrip(".")
    if not word or not word[0].isalpha():
        return False
    lower = word.lower()
    if token.endswith("."):
        return lower in IDENTIFIER_WORDS  # "No. 10" vs the end of a sentence
    if lower in IDENTIFIER_WORDS:
        # "is building 14 hospitals", "can seat 500", "will block 30 bills": the word is a verb
        previous = text[max(0, start - 60) : start - 1 - len(token)].rsplit(None, 1)
        before = previous[-1].lower() if previous else ""
        verb = word.islower() and (
            before in _MODALS or (before in _FORMS_OF_BE and lower.endswith("ing"))
        )
        return not verb
    # "Boeing 737", "FTSE 100", "iPhone 15": a capital anywhere marks a name, except in words
    # that open a sentence or a time ("On Friday 300 people ...", "In May 300 people ...").
    if lower in FUNCTION_WORDS or lower in _TIME_WORDS:
        return False
    return any(ch.isupper() for ch in word)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip(" \t\u00a0“\"‘'(«[")
    if not before:
        return start < 12 or text[max(0, start - 12) : start].strip() == ""
    return before[-1] in ".!?:;\n…—”"


_EXTENT_WORDS: Final = word_set("spread spreading stretched stretching spanning scattered sprawled")
_AGE_SPAN: Final = re.compile(rf",{_SP}+(?:aged|ages){_SP}+$", re.IGNORECASE)
# Words before "under 5", "65 and over" that make the number an age: unit "year".
_AGE_GROUPS: Final = word_set(
    """children child kids aged ages age adults people those anyone youths teens teenagers
    minors juveniles residents women men patients boys girls"""
)


def _age_span(text: str, start: int) -> bool:
    return _AGE_SPAN.search(text, max(0, start - 12), start) is not None


# Emergency and service numbers, and the words around them that make them one: "call 911",
# "a 999 call", "the 112 line".
EMERGENCY_NUMBERS: Final = frozenset({"911", "999", "112", "000", "111", "101", "988"})
_EMERGENCY_BEFORE: Final = word_set(
    "call calls called calling dial dials dialled dialed dialling dialing ring rang phoned phone"
)


_EMERGENCY_AFTER: Final = re.compile(
    rf"{_SP}+(?:call|calls|caller|callers|dispatcher|dispatchers|dispatch|operator|operators|line"
    r"|emergency|hotline|number|center|centre|service|system)\b",
    re.IGNORECASE,
)


_APPOSITION_NAME: Final = re.compile(r"[A-Z][\w’'.-]*$")


def _not_a_count(text: str, head: _Head) -> bool:
    """A plain number that is an emergency number ("call 911") or an age in apposition
    ("John Smith, 32, of Dayton")."""
    digits = text[head.start : head.end]
    if digits not in EMERGENCY_NUMBERS and text[head.start - 2 : head.start] not in _AGE_BEFORE:
        return False  # the common case, decided at once
    if digits in EMERGENCY_NUMBERS and (
        any(
            word.strip(",.") in _EMERGENCY_BEFORE
            for word in text[max(0, head.start - 24) : head.start].lower().split()[-3:]
        )
        or _EMERGENCY_AFTER.match(text, head.end)
    ):
        return True  # "call 911", "call 101 or 999", "a 999 call"
    if (
        digits.isdigit()
        and len(digits) <= 3
        and text[head.start - 2 : head.start] == ", "
        and text[head.end : head.end + 1] == ","
        and int(digits) <= 120
    ):
        before = text[max(0, head.start - 40) : head.start - 2]
        if _APPOSITION_NAME.search(before) is not None:
            return True
        return before.rsplit(" ", 1)[-1].lower() in _PERSON_NOUNS  # "a man, 30, who"
    if (
        digits.isdigit()
        and len(digits) <= 3
        and text[head.start - 2 : head.start] == ", "
        and _AGE_PAIR.match(text, head.end)
    ):  # "two men, 19 and 23, with gunshot wounds"
        before = text[max(0, head.start - 40) : head.start - 2]
        return before.rsplit(" ", 1)[-1].lower() in _PERSON_NOUNS
    if (
        digits.isdigit()
        and len(digits) <= 3
        and text[head.start - 5 : head.start] == " and "
        and text[head.end : head.end + 1] == ","
    ):
        return _AGE_PAIR_BEFORE.search(text, max(0, head.start - 50), head.start) is not None
    return False


_AGE_BEFORE: Final = frozenset({", ", "d "})  # "Smith, 32,", "19 and 23,"
_PERSON_NOUNS: Final = word_set(
    """man men woman women boy boys girl girls suspect suspects victim victims teenager
    teenagers driver drivers officer officers brothers sisters couple"""
)


_AGE_PAIR: Final = re.compile(rf"{_SP}+and{_SP}+[0-9]{{1,3}},")
_AGE_PAIR_BEFORE: Final = re.compile(
    r"\b(?:man|men|woman|women|boys|girls|suspects|victims|teenagers|brothers|sisters), "
    r"[0-9]{1,3} and $"
)


def _word_before(text: str, start: int) -> str:
    """The word before ``start`` (lower case), skipping spaces; "" after punctuation."""
    before = text[max(0, start - 24) : start].rstrip(" \t\u00a0")
    if not before or not before[-1].isalpha():
        return ""
    return before.split()[-1].lower()


#: Words that make a bare year after them a date ("in 2024", "since 2019"), not a range's start.
_YEAR_BEFORE: Final = frozenset({"in", "since", "by", "during", "until", "till", "of", "for"})


def _to_may_join(text: str, head: _Head, hedge: tuple[int, str] | None) -> bool:
    """May "X to Y" be a range?  Not "from X to Y", nor a change then a level: "grew by
    1.2 million to 9.8 million", "rose 7% to 6.7 million" (but "by 25 to 50 points" is)."""
    before = _word_before(text, hedge[0] if hedge else head.start)
    if before == "from":
        return False
    if head.bare_year and hedge is None and before in _YEAR_BEFORE:
        return False  # "fell 11% in 2024 to 1.07 million": a date, then the level reached
    if before in CHANGE_WORDS:
        return head.factor == 1 and not head.unit
    return True
