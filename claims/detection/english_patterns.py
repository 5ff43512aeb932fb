"""The English scanner's regexes and the character sets tested before them.

Two regexes find where a figure may start (:data:`_MASTER` for digits, currency signs, phone
numbers and digit traps such as dates; :data:`_MASTER_WORDS` for number words, vague magnitudes
and months); small anchored ones read what surrounds the head (scale word, unit, range, hedge,
postfix, counted word). Everything here is compiled once at import.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from .lexicon import CURRENCY_PREFIXES, HEDGES, MONTHS, alternation_trie
from .lexicon import words as word_set
from .model import Qualifier
from .numerals import NUMBER_WORDS
from .units import ATTACHED_SYMBOL, ENGLISH_UNITS, SYMBOLS

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


_HEDGE_WINDOW: Final = 24
_HEDGE_LAST_WORDS: Final = frozenset(
    prefix + hedge.split()[-1] for hedge in HEDGES for prefix in ("", *"“\"‘'(«[")
)


_OPENING_PUNCTUATION: Final = "“\"‘'(«[—–"
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


class _Head:
    """A number read at a figure's start (a plain class: see :class:`.found._Found`)."""

    __slots__ = (
        "bare_year",
        "end",
        "factor",
        "is_words",
        "start",
        "unit",
        "value",
    )

    start: int
    end: int
    value: Decimal
    unit: str
    factor: int  # scale factor applied (1 if none)
    bare_year: bool  # four digits that read as a year, with no unit or scale
    is_words: bool

    def __init__(
        self,
        start: int,
        end: int,
        value: Decimal,
        unit: str,
        factor: int,
        bare_year: bool,
        is_words: bool,
    ) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.factor = factor
        self.bare_year = bare_year
        self.is_words = is_words


# The first letters of every unit symbol and name (after an optional space or a hyphen).
_UNIT_FIRST: Final = frozenset(
    token
    for unit in (*ENGLISH_UNITS, *SYMBOLS)
    for token in re.findall(r"^(?:[^\W\d_]+|[°º℃][CF]?)", unit.split()[0].split("-")[0])
)


_SPACES_OR_HYPHEN: Final = frozenset(" \t\u00a0-")
# The first two characters of every unit symbol and name, as written or capitalised.
_UNIT_PREFIXES: Final = frozenset(
    prefix
    for unit in (*ENGLISH_UNITS, *SYMBOLS)
    if len(unit) >= 2
    for prefix in (unit[:2], unit[:2].lower(), unit[:2].capitalize())
)


_ONE_LETTER_UNITS: Final = frozenset(unit for unit in SYMBOLS if len(unit) == 1) | {"°", "℃"}
_TIMES_STARTS: Final = (" times", " fold", "-fold", " Times", "\u00a0times")
_TIMES: Final = re.compile(rf"{_SP}+(?:times|fold)\b|-fold\b", re.IGNORECASE)
_MINUS_WORD: Final = re.compile(rf"(?<!or{_SP})\b[Mm]inus{_SP}+$")
