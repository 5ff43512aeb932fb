"""Reading numerals: digit strings, scale words and abbreviations, English number words.

Everything here works on short strings that the scanners (:mod:`claims.detection.figures`,
:mod:`claims.detection.engine`) have already isolated, so plain Python is fine; the whole-text
work is done by compiled regexes.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, DecimalException
from typing import Final

# Enough precision for "1.5 trillion" times anything a reporter writes, without rounding.
DECIMAL_CONTEXT: Final = Context(prec=60)

#: The largest magnitude a figure's value may have: Figure.value is a DecimalField with
#: max_digits=40 and decimal_places=10, so 30 integer digits. A written number beyond it
#: (a 61-digit string, a million digits) is not a quoted figure; the scanner skips it.
MAX_DIGITS: Final = 30
LARGEST: Final = Decimal(10) ** MAX_DIGITS

UNIT_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEEN_WORDS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "lakh" and "crore" are the Indian scale words (1e5, 1e7), common next to rupees.
SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3,
    "lakh": 10**5,
    "million": 10**6,
    "crore": 10**7,
    "lakh crore": 10**12,
    "billion": 10**9,
    "trillion": 10**12,
}
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "bln": 10**9,
    "tn": 10**12,
    "trn": 10**12,
    "tln": 10**12,
    "b": 10**9,
    "mm": 10**6,  # finance: "1MM"
    "mil": 10**6,
    "t": 10**12,  # only upper case "T" reaches here ("$2.174T"): lower case "t" is tonnes
}

#: Every word that can be part of a spelled-out number (used to build the scanner's regex).
NUMBER_WORDS: tuple[str, ...] = (
    *UNIT_WORDS,
    *TEEN_WORDS,
    *TENS_WORDS,
    "hundred",
    "dozen",
    *(w for w in SCALE_WORDS if " " not in w),
)

# Digit-group separators: comma, period, spaces (plain, no-break, narrow, thin), apostrophes.
_SEPARATORS: Final = re.compile(r"[,.\u00a0\u202f\u2009 '’]")
_WORD_TOKEN: Final = re.compile(r"[a-z]+")


def clean_decimal(value: Decimal) -> Decimal:
    """Drop a meaningless exponent or trailing zeros: 2.3 * 10**9 -> 2300000000, 1.50 -> 1.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=DECIMAL_CONTEXT)
    return value.normalize(DECIMAL_CONTEXT)


def representable(value: Decimal | None) -> Decimal | None:
    """``value`` if a Figure can store it (fewer than 31 integer digits), else None."""
    if value is None or not value.is_finite() or abs(value) >= LARGEST:
        return None
    return value


def scale(value: Decimal, factor: int | Decimal) -> Decimal:
    """``value * factor``; an unrepresentable product comes back as a huge number (see
    :func:`representable`), never as an exception."""
    try:
        return clean_decimal(DECIMAL_CONTEXT.multiply(value, Decimal(factor)))
    except DecimalException:
        return LARGEST


def parse_digits(digits: str, decimal_mark: str = ".") -> Decimal | None:
    """'1,400,000' -> 1400000; '3.5' -> 3.5; '12,34,567' (Indian grouping) -> 1234567.

    ``decimal_mark`` is the language's decimal separator ("," in French: '1,4' -> 1.4); every
    other separator groups digits. None for a number too long to be a figure (over 40 digits).
    """
    if digits.isdigit():
        if len(digits) > MAX_DIGITS:
            return None
        return Decimal(digits)  # the common case, already clean
    whole, mark, fraction = (
        digits.rpartition(decimal_mark) if decimal_mark in digits else (digits, "", "")
    )
    if mark and not fraction.isdigit():
        whole, fraction = digits, ""
    # The common cases without a regex or rounding: "187,000", "3.5", "1.400.000", "2,30".
    plain = whole.replace("," if decimal_mark == "." else ".", "")
    if plain.isascii() and fraction.isascii() and (plain.isdigit() or (not plain and fraction)):
        if len(plain) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
            return None
        significant = fraction.rstrip("0")  # what clean_decimal would leave of the fraction
        return Decimal(f"{plain or '0'}.{significant}" if significant else plain or "0")
    whole = _SEPARATORS.sub("", whole)
    if len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS or not (whole or fraction):
        return None
    try:
        return clean_decimal(Decimal(f"{whole or '0'}.{fraction}" if fraction else whole))
    except DecimalException:
        return None


# A decimal digit that is not 0-9 (one character class, so a text without any is passed over
# at C speed).
_OTHER_DIGITS: Final = re.compile(r"[^\D0-9]+")
# Where such digits can be at all (the first, Arabic-Indic, is U+0660; general punctuation, currency
# signs and CJK ideographs, U+2000-U+9FFF, hold none): plain ranges, cheaper to test per character
# than the digit category, so most non-ASCII news text (curly quotes, dashes, €) is passed over
# sooner. A test checks every code point of this Python's Unicode against it.
_MAY_HOLD_OTHER_DIGITS: Final = re.compile("[\u0660-\u1fff\ua000-\uffff\U00010000-\U0010ffff]")


def _ascii_digit_run(m: re.Match[str]) -> str:
    return "".join(str(unicodedata.decimal(ch, 0)) for ch in m.group())


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (full-width "１２３", Arabic-Indic "٣٤٥",
    Devanagari) replaced by its ASCII digit; one code point for one, so offsets still hold."""
    if (
        text.isascii()
        or _MAY_HOLD_OTHER_DIGITS.search(text) is None
        or _OTHER_DIGITS.search(text) is None
    ):
        return text
    return _OTHER_DIGITS.sub(_ascii_digit_run, text)


def _word_value(token: str) -> tuple[str, int] | None:
    if token in UNIT_WORDS:
        return "unit", UNIT_WORDS[token]
    if token in TEEN_WORDS:
        return "teen", TEEN_WORDS[token]
    if token in TENS_WORDS:
        return "ten", TENS_WORDS[token]
    if token == "hundred":
        return "hundred", 100
    if token == "dozen":
        return "dozen", 12
    if token in SCALE_WORDS:
        return "scale", SCALE_WORDS[token]
    return None


# Which kinds of number word may follow which ("twenty five" but not "five twenty").
_FOLLOWS: dict[str, frozenset[str | None]] = {
    "unit": frozenset({None, "ten", "hundred", "scale"}),
    "teen": frozenset({None, "hundred", "scale"}),
    "ten": frozenset({None, "hundred", "scale"}),
    "hundred": frozenset({"article", "unit", "teen"}),
    "dozen": frozenset({"article", "unit", "teen", "ten"}),
    "scale": frozenset({"article", "unit", "teen", "ten", "hundred", "half"}),
}


def parse_number_words(phrase: str) -> tuple[Decimal, int] | None:
    """Read the longest spelled-out number at the start of ``phrase``.

    Returns ``(value, length)`` where ``length`` is how many characters of ``phrase`` the
    number uses, or None when the phrase does not start with a well-formed number.
    Understands "twenty-five", "three hundred and twenty", "a dozen", "two dozen",
    "a million", "half a million", "one and a half million", "one million two hundred thousand".
    """
    tokens = [(m.group(), m.end()) for m in _WORD_TOKEN.finditer(phrase.lower())]
    if not tokens:
        return None
    i = 0
    multiplier = Decimal(1)
    last: str | None = None
    words = [t for t, _ in tokens]
    if words[:2] in (["half", "a"], ["half", "an"]):
        multiplier, i, last = Decimal("0.5"), 2, "article"
    elif words[0] == "half" and words[1:2] and words[1] in SCALE_WORDS:
        multiplier, i, last = Decimal("0.5"), 1, "article"  # "half million"
    elif words[:2] == ["a", "half"] and words[2:3] and words[2] in SCALE_WORDS:
        multiplier, i, last = Decimal("0.5"), 2, "article"  # "a half million"
    elif words[0] == "quarter" or words[:2] == ["a", "quarter"]:
        i = 1 if words[0] == "quarter" else 2
        if words[i : i + 2] in (["of", "a"], ["of", "an"]):
            i += 2  # "a quarter of a million"
        if not (words[i : i + 1] and words[i] in SCALE_WORDS):
            return None
        multiplier, last = Decimal("0.25"), "article"
    elif words[0] in ("a", "an"):
        i, last = 1, "article"
    total = Decimal(0)
    group = Decimal(0)
    group_has_hundred = False
    last_scale = 10**18
    best: tuple[Decimal, int] | None = None
    after_and = False
    while i < len(words):
        word = words[i]
        if word == "and":
            if words[i + 1 : i + 3] == ["a", "half"] and last in ("unit", "teen", "ten"):
                group += Decimal("0.5")
                last = "half"
                i += 3
                best = (clean_decimal(multiplier * (total + group)), tokens[i - 1][1])
                continue
            if last in ("hundred", "scale") and not after_and:
                after_and = True
                i += 1
                continue
            break
        kind_value = _word_value(word)
        if kind_value is None:
            break
        kind, value = kind_value
        if word == "lakh" and words[i + 1 : i + 2] == ["crore"]:
            value = SCALE_WORDS["lakh crore"]  # "three lakh crore" = 3 * 10**12
            i += 1
        if last not in _FOLLOWS[kind]:
            break
        if after_and and kind not in ("unit", "teen", "ten"):
            break
        if kind == "unit" and last == "article":
            break
        if kind in ("unit", "teen", "ten"):
            if kind == "unit" and last == "ten" and after_and:
                break
            group += value
        elif kind == "hundred":
            if group_has_hundred:
                break
            group = (group or Decimal(1)) * 100
            group_has_hundred = True
        elif kind == "dozen":
            group = (group or Decimal(1)) * 12
        else:  # scale
            if value >= last_scale:
                break
            total += (group or Decimal(1)) * value
            group = Decimal(0)
            group_has_hundred = False
            last_scale = value
        last = kind
        after_and = False
        i += 1
        best = (clean_decimal(multiplier * (total + group)), tokens[i - 1][1])
        if kind == "dozen":
            break
    return best
