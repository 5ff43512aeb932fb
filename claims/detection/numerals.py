"""Reading numerals: digit strings, scale words and abbreviations, English number words.

Everything here works on short strings that the scanner in :mod:`claims.detection.figures`
has already isolated, so plain Python is fine; the whole-text work is done by compiled regexes.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal

# Enough precision for "1.5 trillion" times anything a reporter writes, without rounding.
DECIMAL_CONTEXT = Context(prec=60)

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
}

#: Every word that can be part of a spelled-out number (used to build the scanner's regex).
NUMBER_WORDS: tuple[str, ...] = (
    *UNIT_WORDS,
    *TEEN_WORDS,
    *TENS_WORDS,
    "hundred",
    "dozen",
    *(w for w in SCALE_WORDS if w not in ("lakh", "crore")),
)

_SEPARATORS = re.compile(r"[,\u00a0\u202f\u2009]")
_WORD_TOKEN = re.compile(r"[a-z]+")


def clean_decimal(value: Decimal) -> Decimal:
    """Drop a meaningless exponent or trailing zeros: 2.3 * 10**9 -> 2300000000, 1.50 -> 1.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=DECIMAL_CONTEXT)
    return value.normalize(DECIMAL_CONTEXT)


def scale(value: Decimal, factor: int | Decimal) -> Decimal:
    return clean_decimal(DECIMAL_CONTEXT.multiply(value, Decimal(factor)))


def parse_digits(digits: str) -> Decimal:
    """'1,400,000' -> 1400000; '3.5' -> 3.5; '12,34,567' (Indian grouping) -> 1234567."""
    if digits.isdigit():
        return Decimal(digits)  # the common case, already clean
    return clean_decimal(Decimal(_SEPARATORS.sub("", digits)))


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
