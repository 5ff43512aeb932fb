"""Finding quoted figures in news text.

One compiled "master" regex scans the text left to right.  At each position it first tries the
things that look like numbers but are not figures (dates, times, phone numbers, "COVID-19"), so
those are consumed whole and skipped; otherwise it matches the *head* of a figure: digits
(with an optional currency sign and scale abbreviation), spelled-out number words, or a vague
magnitude ("hundreds of thousands").  Small anchored regexes then read what surrounds the head:
a hedge before it ("nearly"), a scale word, unit, range or "or more" after it, and the noun
phrase it counts.  Every step is a regex ``match``/``search`` bounded to a few dozen characters,
so the whole scan is linear in the length of the text.

Offsets are Python ``str`` indexes, i.e. Unicode code points, and ``text[start:end] == surface``.

Conventions for the normalised fields (see also ``docs/benchmarks.md``):

* exact: ``value`` only (``lower`` and ``upper`` are None).
* approx ("about", "some", "around", "an estimated", "or so"): ``value`` only.
* approx_below ("nearly", "almost", "close to"): ``value`` and ``upper`` = value.
* more_than ("more than", "over"): ``value`` and ``lower`` = value.
* at_least ("at least", "or more"): ``value`` and ``lower`` = value.
* at_most ("up to", "as many as"): ``value`` and ``upper`` = value.
* less_than ("fewer than", "less than", "under"): ``value`` and ``upper`` = value.
* range ("between 40 and 50", "40-50", "40 to 50"): ``value`` None, ``lower`` and ``upper``.
* vague ("hundreds of thousands", "dozens"): ``value`` None, ``lower`` and ``upper`` from
  :data:`VAGUE_BOUNDS`.

Percentages keep their written value ("3.5%" -> 3.5, unit "percent"); "percentage points" have
unit "percentage_point".  Durations ("two-year", "three months") have unit "year", "month",
"week", "day" or "hour".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Final

from .lexicon import (
    CHANGE_WORDS,
    COUNTED_OPENERS,
    COUNTED_SKIPPED,
    COUNTED_STOP_WORDS,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    DURATION_UNITS,
    FRACTION_WORDS,
    FUNCTION_WORDS,
    HEDGES,
    IDENTIFIER_WORDS,
    MONTHS,
    PERIOD_OVER_WORDS,
    PLURAL_NOUNS,
    SINGULAR_S_NOUNS,
    alternation_trie,
)
from .lexicon import words as word_set
from .numerals import (
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    ascii_digits,
    clean_decimal,
    parse_digits,
    parse_number_words,
    representable,
    scale,
)
from .sentences import breaks_between
from .units import ATTACHED_SYMBOL, ENGLISH_MEASURE, ENGLISH_UNITS, SYMBOLS, unit_code


class Qualifier(StrEnum):
    """How the written figure relates to the true quantity."""

    EXACT = "exact"
    APPROX = "approx"
    APPROX_BELOW = "approx_below"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class DetectedFigure:
    """A figure found in a text; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: Qualifier
    unit: str
    counted: str


def _bounds(low: int, high: int) -> tuple[Decimal, Decimal]:
    return Decimal(low), Decimal(high)


#: Bounds for vague magnitudes: "<scale>s" spans up to just below the next named scale.
VAGUE_BOUNDS: Final[dict[str, tuple[Decimal, Decimal]]] = {
    "dozens": _bounds(24, 144),
    "scores": _bounds(40, 199),
    "hundreds": _bounds(100, 999),
    "thousands": _bounds(1_000, 999_999),
    "millions": _bounds(10**6, 10**9 - 1),
    "billions": _bounds(10**9, 10**12 - 1),
    "trillions": _bounds(10**12, 10**15 - 1),
}
_VAGUE_MULTIPLIERS: Final[dict[str, tuple[int, int]]] = {
    "tens": (10, 100),
    "hundreds": (100, 1000),
    "dozens": (24, 145),
}
_VAGUE_SCALES: Final[dict[str, int]] = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 10**3,
    "thousands": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "billion": 10**9,
    "billions": 10**9,
}

# --------------------------------------------------------------------------------------------
# The master regex
# --------------------------------------------------------------------------------------------

_LATIN = "A-Za-z\u00c0-\u024f"
_SP = r"[ \t\u00a0]"  # horizontal space only: a figure never spans a line break
# A digit that follows one of these belongs to something else: a word ("G20"), a URL path, a
# decimal ("1.4"), an email ("x@163.com"), a hyphenated code ("COVID-19").
# A digit after a digit and an invisible character ("3\x00000", "1\u200b000") is not a new number.
_BEFORE_DIGITS = (
    rf"(?<![{_LATIN}0-9_.,/\\:@#=&?%$£€¥₹−-])"
    r"(?<![0-9][\x00-\x08\x0b-\x1f\x7f\u00ad\u200b-\u200f\u2060\ufeff])"
)
_DIGITS = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+"  # 1,400,000
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}"  # 12,34,567 (Indian grouping)
    # 1 400 000 with spaces (plain, no-break, narrow, thin) or Swiss apostrophes
    r"|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:['’][0-9]{3})+(?![0-9])"
    r"|[0-9]+|(?=\.[0-9]))(?:\.[0-9]+)?"  # ".08"
)
_DIGITS_END = rf"(?![0-9]|[.,][0-9]|[{_LATIN}\u0300-\u036f])"
_ABBR = rf"(?P<abbr>\s?(?:bn|mn|mln|bln|tn|trn|tln)|k|(?-i:MM|T|B|b)|mil|m)(?![{_LATIN}0-9])"
_CURRENCY = (
    r"(?P<cur>US\$|HK\$|NZ\$|NT\$|A\$|C\$|S\$|R\$|\$|£|€|¥|₹|₩|₽"
    r"|(?-i:Rs\.?|USD|EUR|GBP|CNY|RMB|JPY|INR)(?=[ \u00a0]?[0-9]))[ \u00a0]?"
)


def _first_letter_either_case(words: list[str]) -> str:
    """An alternation of lower-case words whose first letter may be a capital.

    Each branch starts with a character class (``[Tt](?:wo|hree|...)``), which the regex engine
    checks before entering the branch; that keeps the scanner fast at every word start.
    """
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return (
        "(?:"
        + "|".join(
            f"[{letter}{letter.upper()}](?:{'|'.join(rests)})"
            for letter, rests in sorted(by_letter.items())
        )
        + ")"
    )


_NUMBER_WORD = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_NUMBER_WORD_OPENING = _first_letter_either_case(list(NUMBER_WORDS)) + r"\b"
_WORDS = (
    r"(?:(?:[Hh]alf\s+an?|(?:[Aa]\s+)?[Hh]alf|(?:[Aa]\s+)?[Qq]uarter(?:\s+of\s+an?)?|[Aa]n?)\s+"
    r"(?=(?:hundred|thousand|million|billion|trillion|dozen|lakh|crore)\b))?"
    + _NUMBER_WORD_OPENING
    + rf"(?:(?:{_SP}*-{_SP}*|{_SP}+)(?:and{_SP}+(?:a{_SP}+half{_SP}+)?)?{_NUMBER_WORD}"
    + rf"|{_SP}+and{_SP}+a{_SP}+half\b){{0,40}}"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
_MONTH = rf"\b(?:{MONTHS})\b\.?"
_YEAR = r"[12][0-9]{3}\b"
_STREET_SUFFIXES = (
    "St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl"
    "|Highway|Hwy|Parkway|Pkwy|Terrace|Circle|Square|Sq|Pike|Crescent|Close|Row"
)

# Things made of digits that are not figures; tried before a figure at the same position.
_DIGIT_TRAPS = "|".join(
    [
        # Dates: 2023-05-28, 28/05/2023, 28.05.2023
        r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:T[0-9:.]+Z?)?",
        r"[0-9]{1,4}[/.][0-9]{1,2}[/.][0-9]{1,4}",
        # Version numbers 1.2.3, fractions and slashed dates 9/11, 24/7
        r"[0-9]+(?:\.[0-9]+){2,}",
        r"[0-9]+/[0-9]+",
        # Times of day and ratios: 10:30, 3 p.m., 3pm, 1430 GMT, 3 o'clock
        rf"[0-9]{{1,2}}(?:[:.][0-9]{{2}})?{_SP}?(?i:[ap]\.m\.|[ap]m\b)",
        rf"[0-9]+(?::[0-9]+)+(?:{_SP}?(?i:[ap]\.m\.|[ap]m\b))?",
        rf"[0-9]{{3,4}}{_SP}(?:GMT|UTC|BST|EST|EDT|CET|CEST|JST|HKT|IST)\b",
        rf"[0-9]{{1,2}}{_SP}o['’]clock\b",
        # Day-month dates: 27 May 2023, 27-28 May, the 27th of May
        rf"{_DAY}(?:{_SP}*(?:-|–|to|and){_SP}*{_DAY})?{_SP}+(?:of{_SP}+)?"
        rf"{_MONTH}(?:,?{_SP}+{_YEAR})?",
        # Street addresses: 1119 Eighth St, 3170 W. County Road 600S, 10 Downing Street,
        # "the 800 block of Maple Street"
        rf"[0-9]+{_SP}+block{_SP}+of\b",
        rf"[0-9]{{1,6}}[A-Z]?{_SP}+(?:(?:[NSEW]\.?|North|South|East|West){_SP}+)?"
        rf"(?:[A-Z0-9][A-Za-z0-9'’.-]*{_SP}+){{0,3}}(?:{_STREET_SUFFIXES})\b\.?",
        # Phone numbers: 202-555-0143, 020 7946 0958
        r"[0-9]{3}[-.][0-9]{3}[-.][0-9]{4}\b",
        rf"0[0-9]{{2,4}}{_SP}[0-9]{{3,4}}{_SP}[0-9]{{3,4}}\b",
        # Proportions: "1 in 5", "3 out of 4"
        rf"1{_SP}+in{_SP}+(?:every{_SP}+)?(?:[0-9]+|{_NUMBER_WORD})",
        rf"[0-9]+{_SP}+out{_SP}+of{_SP}+(?:every{_SP}+)?(?:[0-9]+\b|{_NUMBER_WORD})",
    ]
)
# International and bracketed phone numbers: +1 202-555-0143, (020) 7946 0958.
_PHONE_TRAPS = r"\+[0-9][0-9 ().-]{6,}[0-9]|\([0-9]{2,5}\)\s?[0-9]{3,4}[\s-]?[0-9]{3,4}"
# Word-initial things that are not figures: dates, proportions.
_WORD_TRAPS = "|".join(
    [
        # Month-day dates and their ranges: May 27, March 10 to May 22, May 27-28, 2023
        rf"{_MONTH}{_SP}+{_DAY}(?:,?{_SP}+{_YEAR})?"
        rf"(?:{_SP}*(?:-|–|to|through|until|and){_SP}*(?:{_MONTH}{_SP}+)?{_DAY}"
        rf"(?:,?{_SP}+{_YEAR})?)?",
        rf"{_MONTH}{_SP}+{_YEAR}",
        # Proportions: "one in five", "three out of four"
        rf"[Oo]ne{_SP}+in{_SP}+(?:every{_SP}+)?(?:[0-9]+|{_NUMBER_WORD})",
        rf"{_NUMBER_WORD_OPENING}{_SP}+out{_SP}+of{_SP}+(?:every{_SP}+)?(?:[0-9]+\b|{_NUMBER_WORD})",
    ]
)

_VAGUE = (
    rf"(?:(?P<vmul>[Tt]ens|[Hh]undreds|[Dd]ozens){_SP}+of{_SP}+(?P<vsc>thousands|millions|billions)"
    rf"|(?P<vfew>[Ss]everal|[Aa]{_SP}+few|[Aa]{_SP}+couple{_SP}+of){_SP}+"
    rf"(?P<vfs>dozen|hundred|thousand|million|billion)(?:{_SP}+(?P<vfs2>thousand))?"
    r"|(?P<vplain>[Dd]ozens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Tt]rillions)"
    rf"|(?P<vscore>[Ss]cores)(?={_SP}+of\b))\b"
)


def _either_case(words: list[str]) -> list[str]:
    return [variant for word in words for variant in (word, word[0].upper() + word[1:])]


# Word starts worth a closer look: number words, vague magnitudes, months (dates are traps).
_WORD_KEYS = sorted(
    {
        *_either_case(list(NUMBER_WORDS)),
        *_either_case(
            [
                *(f"a {w}" for w in ("hundred", "thousand", "million", "billion", "trillion")),
                *("a dozen", "a few", "a couple", "half a", "half", "quarter", "a quarter"),
                *("a half",),
                *("tens", "hundreds", "dozens", "thousands", "millions", "billions"),
                *("trillions", "scores", "several"),
            ]
        ),
        *MONTHS.split("|"),
    }
)

# Where a figure with a currency sign or code may start.
_NUMBER_GATE = r"(?=[0-9$£€¥₹₩₽]|[-−.][0-9]|[A-Z]{1,2}\$|Rs|USD|EUR|GBP|CNY|RMB|JPY|INR)"
# A minus sign opens a number after a space or an opening bracket, not inside "COVID-19".
_SIGN = r"(?:(?<![\w.,/\\%-])(?P<sign>[-−])(?=[$£€¥₹0-9.]))?"
_SIGN_AFTER_CURRENCY = r"(?P<sign2>[-−](?=[0-9.]))?"

# The scanner is two regexes, searched side by side (the earlier match wins, the number one on
# a tie, as one alternation of both would):
#
# * _MASTER: three gated branches (traps, numbers, phone numbers). Every one starts on a
#   character of _NUMBER_STARTS, so the pattern opens with that one character class and the
#   regex engine skips every other character in a tight loop, without trying the branches.
#   The character is consumed and the branches run in a lookahead from a one-character
#   lookbehind, so the match itself is one character long: the groups (trap, num, phone)
#   carry the spans (see _kind_end).
# * _MASTER_WORDS: the word starts worth a closer look.
_NUMBER_STARTS = r"[0-9$£€¥₹₩₽+(.−\-A-Z]"
_MASTER: Final = re.compile(
    rf"{_NUMBER_STARTS}(?<=(?="
    rf"(?=[0-9]){_BEFORE_DIGITS}(?P<trap>{_DIGIT_TRAPS})"
    rf"|{_NUMBER_GATE}{_BEFORE_DIGITS}"
    rf"(?P<num>{_SIGN}(?:{_CURRENCY})?{_SIGN_AFTER_CURRENCY}(?P<digits>{_DIGITS})"
    rf"(?:(?i:{_ABBR})|{_DIGITS_END}|{ATTACHED_SYMBOL}))"
    rf"|(?=[+(])(?P<phone>{_PHONE_TRAPS})"
    r").)"
)
# As in _MASTER, the pattern opens with the class of the words' first letters (the engine skips
# other characters in its own loop) and reads the word in a lookahead: the match is that letter.
_MASTER_WORDS: Final = re.compile(
    f"[{''.join(sorted({key[0] for key in _WORD_KEYS}))}]"
    rf"(?<=\b(?=(?P<word>{alternation_trie(_WORD_KEYS)})(?![A-Za-z])).)"
)
_MASTER_PATTERN: Final = _MASTER  # the scanner's own (tests may wrap _MASTER to count calls)
_WORD_TRAP: Final = re.compile(_WORD_TRAPS)
_VAGUE_HEAD: Final = re.compile(rf"(?P<vague>{_VAGUE})")
_WORDS_HEAD: Final = re.compile(rf"(?P<words>{_WORDS})")

# Anchored helpers, each applied with .match(text, pos) or .search(text, lo, hi).
_SECOND_HEAD: Final = re.compile(
    rf"(?P<num>(?:{_CURRENCY})?(?P<digits>{_DIGITS})(?:{_ABBR}|{_DIGITS_END}|{ATTACHED_SYMBOL}))"
    rf"|(?P<words>{_WORDS})",
    re.IGNORECASE,
)
_SCALE_WORD: Final = re.compile(
    rf"{_SP}+(?P<scale>thousand|million|billion|trillion|lakh{_SP}+crore|lakh|crore)\b"
    rf"(?P<half>{_SP}+and{_SP}+a{_SP}+half\b)?",
    re.IGNORECASE,
)
_UNIT: Final = re.compile(
    rf"(?P<pct>{_SP}?%|{_SP}+per{_SP}?cent\b|{_SP}*percent\b|{_SP}+pct\b)"
    rf"|{_SP}+(?P<pp>percentage[{_SP[1:-1]}-]points?\b|(?:pp|ppts?)\b)"
    rf"|{_SP}+(?P<curword>(?:US|Hong{_SP}Kong|Australian|Canadian){_SP}dollars?|dollars?|euros?"
    rf"|pounds{_SP}sterling|pounds?|sterling|yuan|renminbi|rupees?|yen|roubles?|rubles?|naira"
    r"|cents?|pence)\b"
    rf"|{_SP}*(?-i:(?P<curcode>USD|EUR|GBP|CNY|RMB|JPY|INR))\b"
    rf"|(?:{_SP}+|-)(?P<dur>years?|months?|weeks?|days?|hours?)\b",
    re.IGNORECASE,
)
_VAGUE_UNIT: Final = re.compile(
    rf"{_SP}+of{_SP}+(?P<curword>(?:US{_SP})?dollars|euros|pounds|yuan|renminbi|rupees|yen)\b",
    re.IGNORECASE,
)
_RANGE_SEP: Final = re.compile(
    rf"{_SP}*(?P<dash>-|–){_SP}*(?=[0-9$£€¥₹]|[A-Za-z])|{_SP}+(?P<word>to|and|through|thru){_SP}+",
    re.IGNORECASE,
)
# A trie of the hedges (each letter tested once), spaces matching any run of spaces: at each
# start the one hedge that ends at the number matches, so the search finds the longest.
_HEDGE: Final = re.compile(
    r"\b(?P<hedge>" + alternation_trie(HEDGES).replace(r"\ ", rf"{_SP}+") + rf"){_SP}+$",
    re.IGNORECASE,
)
_POSTFIX: Final = re.compile(
    rf"{_SP}+or{_SP}+(?P<more>more|so|greater|higher|above|over|larger|older)\b"
    rf"|{_SP}+and{_SP}+(?P<and>over|older|above|up)\b|-(?P<odd>odd|plus)\b"
    r"|(?P<plus>\+)(?![0-9])",
    re.IGNORECASE,
)
# What may follow a number when a range ("-50", " to 50", " and 50") or a postfix (" or more",
# " and over", "-odd", "+") comes next, as tests before those regexes (either case).
_RANGE_STARTS: Final = frozenset("-–")
_RANGE_AFTER_SPACE: Final = frozenset(" \t\u00a0-–taTA")
_POSTFIX_STARTS: Final = frozenset("-+")
_POSTFIX_AFTER_SPACE: Final = frozenset(" \t\u00a0oaOA")
_AFTER_DURATION: Final = re.compile(rf"-old\b|{_SP}+old\b|{_SP}+ago\b", re.IGNORECASE)
_COMPOUND: Final = re.compile(rf"-(?P<word>[{_LATIN}]+)")
_FRACTION: Final = re.compile(rf"[{_SP[1:-1]}-]+(?P<word>[a-z]+)\b", re.IGNORECASE)
_COUNTED_WORD: Final = re.compile(
    rf"{_SP}+(?P<open>[“\"‘«]?)(?P<word>[^\W\d_](?:[\w’'-]*[^\W\d_])?)(?P<close>[”\"’»]?)"
)

# Compiled once (a pattern given to re.sub or re.match as a string is looked up in re's cache
# on every call, on the path of every figure).
_WHITESPACE: Final = re.compile(r"\s+")
_SPACE_OR_HYPHEN: Final = re.compile(r"[\s-]")
_IN_OR_OF: Final = re.compile(rf"{_SP}+(?:in|of|worth{_SP}+of)(?={_SP})", re.IGNORECASE)

_HEDGE_QUALIFIER: Final[dict[str, Qualifier]] = {
    h: Qualifier(q) for h, q in HEDGES.items() if q != "range"
}
_HEDGE_WINDOW = 24
_HEDGE_LAST_WORDS: Final = frozenset(
    prefix + hedge.split()[-1] for hedge in HEDGES for prefix in ("", *"“\"‘'(«[")
)
_OPENING_PUNCTUATION = "“\"‘'(«[—–"
_TIME_WORDS: Final = frozenset(
    [
        *(m.lower() for m in MONTHS.split("|")),
        *word_set("monday tuesday wednesday thursday friday saturday sunday"),
    ]
)
_SPACES: Final = frozenset(" \t\u00a0")
# Characters that may follow a number when a unit comes next ("%", " per cent", "-year", "USD").
_UNIT_STARTS: Final = frozenset(" \t\u00a0%-UEGCRJI")
# What may follow the space after a number when a scale word ("300 million") or a unit of
# _UNIT (" percent", " dollars", " years", " USD") comes next: a further space or the word's first
# letter, in either case ("ſ" is an "s" to the case-insensitive regexes).
_SCALE_WORD_SECOND: Final = frozenset(" \t\u00a0tmblcTMBLC")
_UNIT_STARTS_NOT_SPACE: Final = _UNIT_STARTS - _SPACES
_UNIT_AFTER_SPACE: Final = frozenset(" \t\u00a0%puhacdesyrnmwPUHACDESYRNMWGJIſ")


# The scanner is case-insensitive ("US$", "us$"), so look signs up in lower case.
_CURRENCY_BY_SIGN: Final = {sign.lower(): code for sign, code in CURRENCY_PREFIXES.items()}


@dataclass(slots=True)
class _Head:
    start: int
    end: int
    value: Decimal
    unit: str
    factor: int  # scale factor applied (1 if none)
    bare_year: bool  # four digits that read as a year, with no unit or scale
    is_words: bool


def _read_head(m: re.Match[str], text: str) -> _Head | None:
    """Turn a ``num`` or ``words`` match into a head with its scale word and unit.

    None when the number cannot be a figure's value (too many digits: see
    :func:`~claims.detection.numerals.representable`)."""
    if m.lastgroup == "num":
        digits, abbr, cur = m.group("digits", "abbr", "cur")
        read = parse_digits(digits)
        if read is None:
            return None
        value = read
        signed = text[m.start()] in "-−" or text[max(0, m.start("digits") - 1)] in "-−"
        if m.re is _MASTER_PATTERN and signed and m.start("digits") > 0:
            value = -value  # "-9.23", "−0.3%", "$-99.99"
        factor = 1
        unit = _CURRENCY_BY_SIGN[cur.strip().lower()] if cur else ""
        start, end = m.start("num"), m.end("num")
        if abbr:
            key = abbr.strip()
            if key not in ("MM", "T", "B", "b"):
                key = key.lower()
            if abbr.strip() == "m" and not cur and not _counts_after(text, end):
                # "1.8m tall", "outreach is 48m": metres; "48m people", "$48m": million
                unit, abbr = "m", None
            else:
                factor = SCALE_ABBREVIATIONS[key.lower()]
        bare_year = (
            not cur
            and not abbr
            and len(digits) == 4
            and digits.isdigit()
            and 1800 <= int(digits) <= 2099
        )
        is_words = False
    else:
        start = m.start("words")
        parsed = parse_number_words(m.group("words"))
        if parsed is None:
            return None
        value, length = parsed
        end = start + length
        factor, unit, bare_year, is_words, cur = 1, "", False, True, None
    following = text[end : end + 1]
    if (
        factor == 1
        and not is_words
        and unit != "m"
        and following in _SPACES
        and text[end + 1 : end + 2] in _SCALE_WORD_SECOND
    ):
        sm = _SCALE_WORD.match(text, end)
        if sm:
            written = sm.group("scale").lower()
            factor = SCALE_WORDS[written if written in SCALE_WORDS else " ".join(written.split())]
            end = sm.end()
            bare_year = False
            if sm.group("half"):
                value += Decimal("0.5")  # "3 million and a half"
    if factor != 1:
        value = scale(value, factor)
        if representable(value) is None:
            return None  # "9" * 25 + " trillion": past what a Figure stores
    if unit == "m":
        return _Head(start, end, value, unit, factor, False, is_words)
    following = text[end : end + 1]
    um = (
        _UNIT.match(text, end)
        if following in _UNIT_STARTS_NOT_SPACE
        or (following in _SPACES and text[end + 1 : end + 2] in _UNIT_AFTER_SPACE)
        else None
    )
    if um:
        new_unit = _unit_of(um)
        if not unit or (new_unit == unit):
            unit = new_unit
            end = um.end()
            bare_year = False
            written = (um.group("curword") or "").lower()
            if written in ("cent", "cents", "pence"):
                value = clean_decimal(value / 100)  # "612.50 cents" = $6.125
                unit = "GBP" if written == "pence" else "USD"
            elif written in ("pound", "pounds") and not cur and _OF.match(text, end):
                unit = "lb"  # "68 pounds of methamphetamine": a weight
    elif (
        not unit
        and text.startswith(" point", end)
        and not text.startswith(" points", end)
        and not is_words
        and "." in m.group("digits")
        and abs(value) < 10
    ):
        unit, end = "percentage_point", end + len(" point")  # "a .5 point rise" in rates
    elif not unit and _may_start_unit(text, end):
        mm = ENGLISH_MEASURE.match(text, end)
        if mm is not None:
            unit = unit_code(mm, ENGLISH_UNITS)
            end = mm.end()
            bare_year = False
    return _Head(start, end, value, unit, factor, bare_year, is_words)


# The first letters of every unit symbol and name (after an optional space or a hyphen).
_UNIT_FIRST: Final = frozenset(
    token
    for unit in (*ENGLISH_UNITS, *SYMBOLS)
    for token in re.findall(r"^(?:[^\W\d_]+|[°º℃][CF]?)", unit.split()[0].split("-")[0])
)


def _may_start_unit(text: str, end: int) -> bool:
    """A cheap test before the unit regex (no regex: it runs after most numbers): "5km",
    "45 acres", "2.5-mile", "45C" may; "5 people" may not."""
    i = end + 1 if text[end : end + 1] in _SPACES_OR_HYPHEN else end
    if text[i : i + 2] in _UNIT_PREFIXES:
        return True
    return text[i : i + 1] in _ONE_LETTER_UNITS and not text[i + 1 : i + 2].isalpha()


_SPACES_OR_HYPHEN: Final = frozenset(" \t\u00a0-")
# The first two characters of every unit symbol and name, as written or capitalised.
_UNIT_PREFIXES: Final = frozenset(
    prefix
    for unit in (*ENGLISH_UNITS, *SYMBOLS)
    if len(unit) >= 2
    for prefix in (unit[:2], unit[:2].lower(), unit[:2].capitalize())
)
_ONE_LETTER_UNITS: Final = frozenset(unit for unit in SYMBOLS if len(unit) == 1) | {"°", "℃"}


def _counts_after(text: str, end: int) -> bool:
    """Does a plural noun follow ``end`` ("48m people", "2.5m users")?"""
    m = _COUNTED_WORD.match(text, end)
    return m is not None and _plural_like(m.group("word").lower())


def _unit_of(um: re.Match[str]) -> str:
    if um.group("pct") is not None:
        return "percent"
    if um.group("pp") is not None:
        return "percentage_point"
    if um.group("curword") is not None:
        return CURRENCY_WORDS.get(_WHITESPACE.sub(" ", um.group("curword").lower()), "USD")
    if um.group("curcode") is not None:
        return _CURRENCY_BY_SIGN[um.group("curcode").lower()]
    return DURATION_UNITS[um.group("dur").lower()]


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
        return True
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


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: Qualifier
    unit: str
    counted: str


_LOWER_BOUNDED: Final = frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST})
_UPPER_BOUNDED: Final = frozenset({Qualifier.APPROX_BELOW, Qualifier.AT_MOST, Qualifier.LESS_THAN})


def _bounded(qualifier: Qualifier, value: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if qualifier in _LOWER_BOUNDED:
        return value, None
    if qualifier in _UPPER_BOUNDED:
        return None, value
    return None, None


def _vague(m: re.Match[str], text: str) -> _Found:
    start, end = m.start("vague"), m.end("vague")
    lower: Decimal
    upper: Decimal
    if m.group("vmul"):
        low, high = _VAGUE_MULTIPLIERS[m.group("vmul").lower()]
        unit_scale = _VAGUE_SCALES[m.group("vsc").lower()]
        lower, upper = Decimal(low * unit_scale), Decimal(high * unit_scale - 1)
    elif m.group("vfew"):
        unit_scale = _VAGUE_SCALES[m.group("vfs").lower()]
        if m.group("vfs2"):
            unit_scale *= 1000
        lower, upper = Decimal(2 * unit_scale), Decimal(10 * unit_scale - 1)
    else:
        word = (m.group("vplain") or m.group("vscore")).lower()
        lower, upper = VAGUE_BOUNDS[word]
    unit = ""
    um = _VAGUE_UNIT.match(text, end)
    if um:
        unit = CURRENCY_WORDS.get(_WHITESPACE.sub(" ", um.group("curword").lower()), "USD")
        end = um.end()
    counted = "" if unit else _counted(text, end)
    return _Found(start, end, None, lower, upper, Qualifier.VAGUE, unit, counted)


def _hedge_before(text: str, start: int) -> tuple[int, str] | None:
    # Cheap test first: the last one to three words must spell a hedge ("of" alone is not one,
    # "upwards of" is); only then does the regex find where it starts.
    window = text[max(0, start - _HEDGE_WINDOW) : start]
    last = window.rsplit(None, 1)  # most numbers follow no hedge: decide on the last word alone
    if not last or last[-1].lower() not in _HEDGE_LAST_WORDS:
        return None
    words = [word.lstrip(_OPENING_PUNCTUATION) for word in window.lower().split()[-3:]]
    if not (
        words[-1] in HEDGES  # "nearly"
        or (len(words) > 1 and f"{words[-2]} {words[-1]}" in HEDGES)  # "more than"
        or (len(words) > 2 and " ".join(words) in HEDGES)  # "no fewer than"
    ):
        return None
    hm = _HEDGE.search(text, max(0, start - _HEDGE_WINDOW), start)
    if hm is None:
        return None
    return hm.start(), _WHITESPACE.sub(" ", hm.group("hedge").lower())


def _figure_at(m: re.Match[str], text: str) -> tuple[_Found | None, int]:
    """Read the figure whose head ``m`` matched.  Returns it (or None) and where to go on."""
    head = _read_head(m, text)
    if head is None:
        return None, m.end(m.lastgroup or 0)  # _MASTER's own match is its first character
    resume = head.end
    currency = m.group("cur") if "cur" in m.re.groupindex else None
    if not head.is_words and not currency and _names_something(text, head.start):
        return None, resume
    if not head.is_words and not head.unit and head.factor == 1 and _not_a_count(text, head):
        return None, resume
    if head.is_words:
        first = text[head.start]
        if first.isupper() and not _sentence_initial(text, head.start):
            return None, resume  # "the Big Four", "Group of Seven"
        single_word = _SPACE_OR_HYPHEN.search(text, head.start, head.end) is None
        if head.value <= 1 and head.factor == 1 and not head.unit and single_word:
            return None, resume  # "one of", "no one": too common to be a figure
        fm = _FRACTION.match(text, head.end)
        if fm and fm.group("word").lower() in FRACTION_WORDS:
            return None, fm.end()
    end = head.end
    if (
        not head.unit
        and head.factor == 1
        and text.startswith(_TIMES_STARTS, end)
        and _TIMES.match(text, end)
    ):
        return None, end  # "380 times the pressure", "four times": a ratio
    # Ages ("a 12-year-old") and time references ("two years ago") are not figures.
    if head.unit in ("year", "month", "week", "day", "hour") and _AFTER_DURATION.match(text, end):
        return None, end
    hedge = _hedge_before(text, head.start)
    start = head.start
    qualifier = Qualifier.EXACT
    value: Decimal | None = head.value
    lower: Decimal | None = None
    upper: Decimal | None = None
    unit = head.unit
    # Ranges: "between 40 and 50", "40-50", "40–50", "40 to 50 people".
    following = text[end : end + 1]
    sep = (
        _RANGE_SEP.match(text, end)
        if following in _RANGE_STARTS
        or (following in _SPACES and text[end + 1 : end + 2] in _RANGE_AFTER_SPACE)
        else None
    )
    if sep is not None:
        word_sep = (sep.group("word") or "").lower()
        allowed = (
            sep.group("dash") is not None
            or (word_sep == "and" and hedge is not None and hedge[1] == "between")
            or (word_sep in ("through", "thru") and head.value >= 0)
            or (word_sep == "to" and head.value >= 0 and _to_may_join(text, head, hedge))
        )
        second_m = _SECOND_HEAD.match(text, sep.end()) if allowed else None
        second = _read_head(second_m, text) if second_m is not None else None
        if second is not None and second.is_words and second.value <= 1 and second.factor == 1:
            second = None  # "one to one"
        if second is not None:
            if head.bare_year and (second.bare_year or second.end - second.start == 2):
                return None, second.end  # "2019-2021", "2019-20", "between 2019 and 2021"
            first_value = head.value
            if (
                head.factor == 1
                and second.factor != 1
                and head.value < second.value / second.factor
            ):
                first_value = scale(head.value, second.factor)
            if sep.group("dash") is not None:
                units_agree = not head.unit or not second.unit or head.unit == second.unit
            else:  # "20 to 30%" shares the unit; "79% to 306,000" does not
                units_agree = not head.unit or head.unit == second.unit
            if first_value < second.value and units_agree:
                qualifier = Qualifier.RANGE
                value, lower, upper = None, first_value, second.value
                unit = second.unit or head.unit
                end = second.end
                if hedge is not None:
                    start = hedge[0]
                if _age_span(text, start):
                    return None, end  # "its members, aged 19 to 34, ..."
            elif sep.group("dash") is not None:
                return None, second.end  # a score ("3-1") or a code ("12-4")
    if head.bare_year and qualifier is not Qualifier.RANGE and hedge is None:
        return None, end  # "since 2021", "the 2024 election"
    if qualifier is not Qualifier.RANGE:
        cm = _COMPOUND.match(text, end) if text.startswith("-", end) else None
        if cm and not head.unit:
            word = cm.group("word").lower()
            if word not in ("odd", "plus", "strong"):
                return None, cm.end()  # "a 10-point plan", "two-way", "5G"-like codes
        if (
            hedge is not None
            and hedge[1] == "over"
            and head.unit in DURATION_UNITS.values()
            and _word_before(text, hedge[0]) not in PERIOD_OVER_WORDS
        ) or (
            hedge is not None
            and hedge[1] == "over"
            and _word_before(text, hedge[0]) in _EXTENT_WORDS
        ):
            hedge = None  # "spread over two years" is a period, not "more than two years"
        if hedge is not None and hedge[1] != "between":
            start = hedge[0]
            qualifier = _HEDGE_QUALIFIER[hedge[1]]
            lower, upper = _bounded(qualifier, head.value)
        following = text[end : end + 1]
        pm = (
            _POSTFIX.match(text, end)
            if following in _POSTFIX_STARTS
            or (following in _SPACES and text[end + 1 : end + 2] in _POSTFIX_AFTER_SPACE)
            else None
        )
        if pm is not None and (
            hedge is None or hedge[1] == "between" or qualifier is Qualifier.APPROX
        ):
            more = (pm.group("more") or "").lower()
            # "or more", "or greater", "200+", "20-plus" are lower bounds; "or so", "-odd" approx
            qualifier = Qualifier.AT_LEAST
            if more == "so" or (pm.group("odd") or "").lower() == "odd":
                qualifier = Qualifier.APPROX
            lower, upper = _bounded(qualifier, head.value)
            end = pm.end()
        if head.is_words and value is not None and hedge is None:
            mm = _MINUS_WORD.search(text, max(0, start - 8), start)
            if mm is not None:
                start, value = mm.start(), -value  # "minus five percent"
        elif (
            currency
            and start > 0
            and text[start - 1] == "("
            and text[end : end + 1] == ")"
            and value is not None
            and value > 0
        ):
            start, end, value = start - 1, end + 1, -value  # "($99.99)": a loss in accounts
    if (
        not unit
        and qualifier is not Qualifier.EXACT
        and not head.is_words
        and head.factor == 1
        and (value is None or value <= 120)
        and (upper is None or upper <= 120)
        and _word_before(text, start) in _AGE_GROUPS
    ):
        unit = "year"  # "children under 5", "people aged 65 and over": an age as a statistic
    if unit in ("", "percent", "percentage_point") or unit in DURATION_UNITS.values():
        counted = _counted(text, end) if unit == "" else ""
    elif unit in _MEASURE_CODES:
        # "a 45-acre farm" counts farms; "68 pounds of methamphetamine" measures it
        counted = _measured(text, end)
    else:
        counted = _currency_counted(text, end)
    return _Found(start, end, value, lower, upper, qualifier, unit, counted), end


_MEASURE_CODES: Final = frozenset(ENGLISH_UNITS.values()) | {"m"}
_TIMES_STARTS: Final = (" times", " fold", "-fold", " Times", "\u00a0times")
_TIMES: Final = re.compile(rf"{_SP}+(?:times|fold)\b|-fold\b", re.IGNORECASE)
_EXTENT_WORDS: Final = word_set("spread spreading stretched stretching spanning scattered sprawled")
_AGE_SPAN: Final = re.compile(rf",{_SP}+(?:aged|ages){_SP}+$", re.IGNORECASE)
# Words before "under 5", "65 and over" that make the number an age: unit "year".
_AGE_GROUPS: Final = word_set(
    """children child kids aged ages age adults people those anyone youths teens teenagers
    minors juveniles residents women men patients boys girls"""
)


def _age_span(text: str, start: int) -> bool:
    return _AGE_SPAN.search(text, max(0, start - 12), start) is not None


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
_MINUS_WORD: Final = re.compile(rf"(?<!or{_SP})\b[Mm]inus{_SP}+$")
_NOUN_AFTER_COMPOUND: Final = re.compile(rf"{_SP}+(?P<word>[a-z][a-z-]*[a-z])\b")
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


def _compound_counted(text: str, end: int) -> str:
    """ "a 45-acre farm" -> "farm": the noun a hyphenated measure describes."""
    m = _NOUN_AFTER_COMPOUND.match(text, end)
    if m is None or m.group("word") in COUNTED_STOP_WORDS:
        return ""
    return m.group("word")


def _word_before(text: str, start: int) -> str:
    """The word before ``start`` (lower case), skipping spaces; "" after punctuation."""
    before = text[max(0, start - 24) : start].rstrip(" \t\u00a0")
    if not before or not before[-1].isalpha():
        return ""
    return before.split()[-1].lower()


def _to_may_join(text: str, head: _Head, hedge: tuple[int, str] | None) -> bool:
    """May "X to Y" be a range?  Not "from X to Y", nor a change then a level: "grew by
    1.2 million to 9.8 million", "rose 7% to 6.7 million" (but "by 25 to 50 points" is)."""
    before = _word_before(text, hedge[0] if hedge else head.start)
    if before == "from":
        return False
    if before in CHANGE_WORDS:
        return head.factor == 1 and not head.unit
    return True


def _scan(text: str) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    search = _MASTER.search
    search_words = _MASTER_WORDS.search
    # The next match of each regex at or after ``pos``; searched again only once passed (a
    # match found from an earlier position is still the first one from ``pos``).
    number = search(text, 0)
    word = search_words(text, 0)
    while True:
        if number is not None and number.start() < pos:
            number = search(text, pos)
        if word is not None and word.start() < pos:
            word = search_words(text, pos)
        m: re.Match[str]
        if number is None:
            if word is None:
                break
            m = word
        elif word is not None and word.start() < number.start():
            m = word
        else:
            m = number
        kind = m.lastgroup
        if kind in ("trap", "phone"):
            pos = m.end(kind)
            continue
        figure: _Found | None
        if kind == "word":
            # A number word, vague magnitude or month: find out which, most specific first.
            start = m.start()
            trap = _WORD_TRAP.match(text, start)
            if trap is not None:
                pos = trap.end()
                continue
            head = _VAGUE_HEAD.match(text, start)
            if head is not None:
                figure = _vague(head, text)
                resume = figure.end
            else:
                head = _WORDS_HEAD.match(text, start)
                if head is None:
                    pos = m.end("word")
                    continue
                figure, resume = _figure_at(head, text)
        else:
            figure, resume = _figure_at(m, text)
        if figure is not None:
            if found and figure.start < found[-1].end:
                figure.start = found[-1].end  # never overlap: a hedge can't reach into the last one
                if figure.start >= figure.end:
                    figure = None
            if figure is not None:
                found.append(figure)
        pos = max(resume, m.start() + 1)
    return found


_OF_THE: Final = re.compile(rf"{_SP}+of{_SP}+(?:the{_SP}+)?$", re.IGNORECASE)


# How many earlier figures a bare number may look back through for its noun (keeps it linear).
_INHERIT_LOOKBACK = 6


def _inherit_counted(text: str, found: list[_Found]) -> None:
    """Fill in what a bare number counts from the figures around it.

    "240 of the 543 seats": the first counts seats too.  "Nearly 187,000 people ..., while more
    than 430,000 have": the second counts people (same sentence).  "4,200 schools had reopened.
    A further 1,300 remain closed": the previous sentence of the same paragraph.
    """
    if not any(f.counted == "" and f.unit == "" for f in found):
        return
    for figure, following in pairwise(found):
        if (
            not figure.counted
            and not figure.unit
            and following.counted
            and not following.unit
            and _OF_THE.match(text[figure.end : following.start])
        ):
            figure.counted = following.counted
    # Sentence and paragraph breaks between consecutive figures, read only where a figure
    # without a noun looks back (segmenting the whole text would cost more than the rest).
    gaps: dict[int, tuple[int, bool]] = {}
    for i, figure in enumerate(found):
        if figure.counted or figure.unit or i == 0:
            continue
        sentences = 0  # sentence starts between found[j] and this figure
        for j in range(i - 1, max(-1, i - 1 - _INHERIT_LOOKBACK), -1):
            previous = found[j]
            gap = gaps.get(j)
            if gap is None:
                gap = gaps[j] = breaks_between(text, previous.start, found[j + 1].start)
            sentences += gap[0]
            if sentences >= 2:
                break
            if sentences and any(gaps[k][1] for k in range(j, i)):
                break  # the sentence before, but in another paragraph
            if previous.counted and not previous.unit:
                figure.counted = previous.counted
                break


def detect_figures(text: str, language: str | None = None) -> list[DetectedFigure]:
    """Every figure in ``text``, sorted by ``start``, never overlapping.

    ``language`` is an ISO 639-1 code (en, zh, es, fr, de; see
    :mod:`claims.detection.languages`); None detects it paragraph by paragraph. Any ``str`` is
    read without raising: a number too long to be a figure's value is skipped.
    """
    if language == "en":
        return detect_english(text)  # the common case, without the languages' dispatch
    from .languages import detect_in_language  # the language modules import this one

    return detect_in_language(text, language)


def detect_english(text: str) -> list[DetectedFigure]:
    """The English grammar over the whole of ``text``."""
    scanned = ascii_digits(text)  # "１２３", "٣٤٥": same offsets, ASCII digits
    found = _scan(scanned)
    _inherit_counted(scanned, found)
    return detected(text, found)


# DetectedFigure is frozen, so its generated __init__ sets every field through
# object.__setattr__ (2 µs a figure, the largest part of building the list); its slots'
# descriptors set the same fields directly, in half the time, and give an equal object.
_FIGURE_FIELDS: Final = (
    *("start", "end", "surface", "value", "lower", "upper", "qualifier", "unit", "counted"),
)
if tuple(field.name for field in dataclasses.fields(DetectedFigure)) != _FIGURE_FIELDS:
    raise RuntimeError("detected() sets DetectedFigure's fields in _FIGURE_FIELDS: update it")
_SET_FIGURE_FIELDS: Final = tuple(getattr(DetectedFigure, name).__set__ for name in _FIGURE_FIELDS)


def detected(text: str, found: list[_Found]) -> list[DetectedFigure]:
    """The public figures of what a scanner found in ``text`` (surfaces from the original
    text, which may differ from the scanned one in its digits)."""
    new = object.__new__
    start, end, surface, value, lower, upper, qualifier, unit, counted = _SET_FIGURE_FIELDS
    figures: list[DetectedFigure] = []
    for f in found:
        figure = new(DetectedFigure)
        start(figure, f.start)
        end(figure, f.end)
        surface(figure, text[f.start : f.end])
        value(figure, f.value)
        lower(figure, f.lower)
        upper(figure, f.upper)
        qualifier(figure, f.qualifier)
        unit(figure, f.unit)
        counted(figure, f.counted)
        figures.append(figure)
    return figures


__all__ = [
    "VAGUE_BOUNDS",
    "DetectedFigure",
    "Qualifier",
    "clean_decimal",
    "detect_english",
    "detect_figures",
]
