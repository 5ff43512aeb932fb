"""Finding quoted figures in news text.

One compiled "master" regex scans the text left to right.  At each position it first tries the
things that look like numbers but are not figures (dates, times, phone numbers, "COVID-19"), so
those are consumed whole and skipped; otherwise it matches the *head* of a figure: digits
(with an optional currency sign and scale abbreviation), spelled-out number words, or a vague
magnitude ("hundreds of thousands").  Small anchored regexes then read what surrounds the head:
a hedge before it ("nearly"), a scale word, unit, range or "or more" after it, and the noun
phrase it counts.  Every step is a regex ``match``/``search`` bounded to a few dozen characters,
so the whole scan is linear in the length of the text.

This module reads a figure from its head (:func:`_figure_at`) and scans a text (:func:`_scan`);
the regexes are in :mod:`.english_patterns`, the counted nouns in :mod:`.english_nouns`, the
numbers that are not figures in :mod:`.english_exclusions`, and the figure every grammar returns
in :mod:`.model`.

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

import re
from decimal import Decimal
from typing import Final

from .english_exclusions import (
    _AGE_GROUPS,
    _EXTENT_WORDS,
    _age_span,
    _names_something,
    _not_a_count,
    _sentence_initial,
    _to_may_join,
    _word_before,
)
from .english_nouns import _OF, _counted, _counts_after, _currency_counted, _measured
from .english_patterns import (
    _AFTER_DURATION,
    _COMPOUND,
    _CURRENCY_BY_SIGN,
    _FRACTION,
    _HEDGE,
    _HEDGE_LAST_WORDS,
    _HEDGE_QUALIFIER,
    _HEDGE_WINDOW,
    _MASTER,
    _MASTER_PATTERN,
    _MASTER_WORDS,
    _MINUS_WORD,
    _ONE_LETTER_UNITS,
    _OPENING_PUNCTUATION,
    _POSTFIX,
    _POSTFIX_AFTER_SPACE,
    _POSTFIX_STARTS,
    _RANGE_AFTER_SPACE,
    _RANGE_SEP,
    _RANGE_STARTS,
    _SCALE_WORD,
    _SCALE_WORD_SECOND,
    _SECOND_HEAD,
    _SPACE_OR_HYPHEN,
    _SPACES,
    _SPACES_OR_HYPHEN,
    _TIMES,
    _TIMES_STARTS,
    _UNIT,
    _UNIT_AFTER_SPACE,
    _UNIT_PREFIXES,
    _UNIT_STARTS_NOT_SPACE,
    _VAGUE_HEAD,
    _VAGUE_MULTIPLIERS,
    _VAGUE_SCALES,
    _VAGUE_UNIT,
    _WHITESPACE,
    _WORD_TRAP,
    _WORDS_HEAD,
    _Head,
)
from .found import _bounded, _Found, _inherit_counted, detected
from .lexicon import CURRENCY_WORDS, DURATION_UNITS, FRACTION_WORDS, HEDGES, PERIOD_OVER_WORDS
from .model import VAGUE_BOUNDS, DetectedFigure, Qualifier
from .numerals import (
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    ascii_digits,
    clean_decimal,
    parse_digits,
    parse_number_words,
    representable,
    scale,
)
from .units import ENGLISH_MEASURE, ENGLISH_UNITS, unit_code


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
        first_digit = m.start("digits")
        if (
            first_digit > 0
            and m.re is _MASTER_PATTERN
            and (text[m.start()] in "-−" or text[first_digit - 1] in "-−")
        ):
            value = -value  # "-9.23", "−0.3%", "$-99.99"
        factor = 1
        unit = _CURRENCY_BY_SIGN[cur.strip().lower()] if cur else ""
        start, end = m.span("num")
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


_IN_CENTS: Final = re.compile(r"(?<![^\W\d_])(?:cents?|pence)$", re.IGNORECASE)


def _may_start_unit(text: str, end: int) -> bool:
    """A cheap test before the unit regex (no regex: it runs after most numbers): "5km",
    "45 acres", "2.5-mile", "45C" may; "5 people" may not."""
    i = end + 1 if text[end : end + 1] in _SPACES_OR_HYPHEN else end
    if text[i : i + 2] in _UNIT_PREFIXES:
        return True
    return text[i : i + 1] in _ONE_LETTER_UNITS and not text[i + 1 : i + 2].isalpha()


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
            if not head.unit and _IN_CENTS.search(text, second.start, second.end):
                first_value = clean_decimal(head.value / 100)  # "27 to 32 cents": both cents
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


def detect_english(text: str) -> list[DetectedFigure]:
    """The English grammar over the whole of ``text``."""
    scanned = ascii_digits(text)  # "１２３", "٣٤٥": same offsets, ASCII digits
    found = _scan(scanned)
    _inherit_counted(scanned, found)
    return detected(text, found)


__all__ = [
    "VAGUE_BOUNDS",
    "DetectedFigure",
    "Qualifier",
    "clean_decimal",
    "detect_english",
]
