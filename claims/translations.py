"""A translation beside its original, figure by figure (issue 18): which figure of the
translation renders which figure of the original, and what changed on the way.

>>> result = compare_texts("处置账号6.7万个。", "67,000 accounts were closed.")
>>> [(a.original.surface, a.translation.surface) for a in result.alignment]
[('6.7万', '67,000')]
>>> result.changes
[]

How it works: both texts are read by :func:`claims.detection.detect_figures` in their language
(detected with lingua when not given), each figure reduced to a comparable reading (value and
bounds in one scale, unit class, hedge class, counted noun in English, event, paragraph), then
aligned one-to-one by a cost matrix (value, unit, counted noun, relative position) solved with
scipy's ``linear_sum_assignment``; a figure with no partner costs :data:`UNMATCHED`, so two
figures are only aligned when that is cheaper than leaving both alone. Each aligned pair is
then compared (value, scale, hedge, range, counted noun, event) and each figure left alone is a
``missing`` or ``added`` change. Pure Python (no Django, no database): any two strings give a
result, never an exception.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Final, Literal

from claims.consistency.reading import normalise_counted, paragraph_starts, unit_class
from claims.detection import DetectedFigure, Qualifier, detect_figures
from claims.detection.languages import normalise_code
from claims.translation_lexicon import (
    GOODS_CLASSES,
    directions_in,
    events_in,
    german_modifiers,
    head_classes,
    noun_classes,
    nouns_agree,
    same_event,
)
from claims.translation_reading import (
    FigureWords,
    clause_after,
    clause_before,
    other_hedge,
    ranges_written_apart,
    split_implausible_range,
    written_numbers,
)

ChangeKind = Literal["value", "scale", "hedge", "range", "missing", "added", "noun", "event"]
#: The weaker signals: the counted noun or the event read on both sides differ.
WEAK_KINDS: Final = frozenset({"noun", "event"})

#: Cost of leaving one figure without a partner; a pair is aligned when it costs less than two.
UNMATCHED: Final = 1.0
#: An unhedged original is never rounded; a hedged one may be, within this much (2-3 figures).
ROUNDING: Final = Decimal("0.03")
#: Above this many figures a side, alignment is solved in windows of paragraphs (speed).
WINDOW: Final = 200

# Qualifiers that say the same thing (the corpus README's equivalence groups).
_HEDGE_CLASS: Final[dict[str, str]] = {
    Qualifier.EXACT: "exact",
    Qualifier.APPROX: "about",
    Qualifier.APPROX_BELOW: "nearly",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.LESS_THAN: "less than",
    Qualifier.AT_MOST: "at most",
    Qualifier.RANGE: "range",
    Qualifier.VAGUE: "vague",
}

# A date read as a number ("1至10月", "3月"): not a figure to compare.
_DATE_AFTER: Final = re.compile(r"\s*[月日号號]")
#: A decade: "los años setenta", "les années 80" (a tens number after the word for years), 70年代
#: (年代 after the number): it names a period, not a quantity, and a translation writes "the
#: 1970s", which is no figure.
_DECADE_BEFORE: Final = re.compile(r"(?<![^\W\d_])(?:años|années|anni)\s+$", re.IGNORECASE)
_DECADE_AFTER: Final = re.compile(r"\s*年代")
_DECADES: Final = frozenset(Decimal(tens) for tens in range(10, 100, 10))
_CENT_WORDS: Final = frozenset({"cent", "cents", "céntimos", "céntimo", "centimes", "centavos"})
#: Multiples of the litre the detectors leave as a counted noun: litres, as 千升 (9.6万千升 is
#: 96,000,000 l) and 亿升 are read ("96,000 kilolitres", "37 Millionen Hektoliter").
_LITRE_MULTIPLES: Final = {
    **dict.fromkeys(
        ("kilolitres", "kilolitre", "kiloliters", "kiloliter", "kilolitros", "kilolitro"), 1000
    ),
    **dict.fromkeys(
        (
            "hectolitres",
            "hectolitre",
            "hectoliters",
            "hectoliter",
            "hectolitros",
            "hectolitro",
            "hektoliter",
            "hektolitern",
        ),
        100,
    ),
}

_WORD: Final = re.compile(r"[^\W\d_]+")
_NONE: Final[frozenset[str]] = frozenset()


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure reduced to what is compared: ``low``/``high`` are its bounds in one scale
    (both the value for a plain figure), ``rank`` its order among its text's figures."""

    figure: DetectedFigure
    low: Decimal | None
    high: Decimal | None
    unit: str
    hedge: str
    paragraph: int
    rank: float
    noun: str
    noun_words: frozenset[str]
    event: str
    #: The classes of the counted noun alone, when it is written in the figure's own clause:
    #: what it counts before any word after it ("700 Gäste mussten ihre Hotels verlassen" counts
    #: guests, not hotels).
    noun_head: frozenset[str] = frozenset()
    #: "rose" or "fell" when a word of the figure's clause says which way it moved.
    direction: str = ""
    #: The hedge under the other reading of an ambiguous word before the figure ("over six
    #: months" may be "more than"; "subió un 3 % hasta 5 millones" is "to", not "up to").
    other_hedge: str = ""

    def may_be_hedged_as(self, other: Reading) -> bool:
        return bool({self.hedge, self.other_hedge} & {other.hedge, other.other_hedge} - {""})

    @property
    def is_range(self) -> bool:
        return self.figure.qualifier == Qualifier.RANGE

    @property
    def point(self) -> Decimal | None:
        if self.low is None or self.high is None:
            return self.low if self.high is None else self.high
        return (self.low + self.high) / 2

    def as_dict(self) -> dict[str, object]:
        f = self.figure
        return {
            "start": f.start,
            "end": f.end,
            "surface": f.surface,
            "value": _plain(f.value),
            "lower": _plain(f.lower),
            "upper": _plain(f.upper),
            "qualifier": str(f.qualifier),
            "unit": f.unit,
            "counted": f.counted,
            "paragraph": self.paragraph,
        }


@dataclass(frozen=True, slots=True)
class Pair:
    """One figure of the original and the figure of the translation that renders it; one
    side is None for a figure with no counterpart."""

    original: DetectedFigure | None
    translation: DetectedFigure | None
    explanation: str


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    original: DetectedFigure | None
    translation: DetectedFigure | None
    explanation: str

    @property
    def weak(self) -> bool:
        return self.kind in WEAK_KINDS

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "weak": self.weak,
            "original": _span(self.original),
            "translation": _span(self.translation),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Comparison:
    original_language: str
    translation_language: str
    alignment: list[Pair] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "original_language": self.original_language,
            "translation_language": self.translation_language,
            "alignment": [
                {
                    "original": _span(p.original),
                    "translation": _span(p.translation),
                    "explanation": p.explanation,
                }
                for p in self.alignment
            ],
            "changes": [c.as_dict() for c in self.changes],
        }


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _span(figure: DetectedFigure | None) -> dict[str, object] | None:
    if figure is None:
        return None
    return {"start": figure.start, "end": figure.end, "surface": figure.surface}


# --------------------------------------------------------------------------------------------
# Reading each side
# --------------------------------------------------------------------------------------------


def _language(text: str, given: str | None, fallback: str) -> str:
    code = normalise_code(given)
    if code:
        return code
    if given:
        return "en"  # a language we do not read: numbers as English writes them
    try:
        from articles.language import detect_language

        return normalise_code(detect_language(text, default=fallback)) or fallback
    except Exception:  # lingua missing or failing: the caller's default, never an error
        return fallback


def _figures(text: str, language: str | None) -> list[DetectedFigure]:
    found: list[DetectedFigure] = []
    for figure in detect_figures(text, language):
        if figure.value is None and figure.lower is None and figure.upper is None:
            continue
        if not figure.unit and _DATE_AFTER.match(text, figure.end):
            continue  # 1至10月, 3月: a date
        if _decade(text, figure):
            continue  # "los años setenta", 70年代: a decade
        found.extend(split_implausible_range(text, figure))
    return found


#: A figure that ends in a word for cents right after its number ("46,8 centimes", "46.8
#: cents", "10 bis 12 Cent"), with no currency sign or name: the detector gives it its
#: language's usual currency, but it names none, so it compares with any currency's cents.
_BARE_CENTS: Final = re.compile(
    r"[0-9](?:\s|\u00a0|\u202f)*(?:"
    + "|".join(sorted(_CENT_WORDS, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)


def _decade(text: str, figure: DetectedFigure) -> bool:
    if figure.value not in _DECADES or figure.qualifier != Qualifier.EXACT:
        return False
    if figure.surface.endswith("年"):
        return text.startswith("代", figure.end)
    if _DECADE_AFTER.match(text, figure.end):
        return True
    return bool(_DECADE_BEFORE.search(text[max(0, figure.start - 12) : figure.start]))


def _bare_cents(surface: str) -> bool:
    return bool(_BARE_CENTS.search(surface)) and not re.search(r"[$€£¥]", surface)


def _noun_words(counted: str, language: str) -> frozenset[str]:
    """The classes of the counted noun's words (:mod:`claims.translation_lexicon`):
    "clientes de fibra" -> {"fibre"}; empty when none is known, so unknown nouns never differ."""
    return noun_classes(counted, language)


#: A Chinese counter that says what kind of thing is counted when no noun does (12万人, 3万户).
_COUNTER_CLASSES: Final = {
    "人": frozenset({"person"}),
    "名": frozenset({"person"}),
    "位": frozenset({"person"}),
    "户": frozenset({"household"}),
    "戶": frozenset({"household"}),
}
_HOUSEHOLDS: Final = frozenset({"household"})


#: Chinese counters that are themselves the unit counted, whatever noun the phrase names: 集
#: (episodes: 电视剧312部、9,870集 counts episodes of series), 人次 (visits or trips made by
#: people: 医院诊疗人次 counts patient visits, not hospitals; 游客1.2亿人次 visits, not visitors
#: only). They name the figure's noun before the phrase's own noun, which is where or of what
#: the units are counted. 人次 as the end of the noun phrase too (全年医院诊疗人次超过42亿).
_UNIT_COUNTERS: Final = {
    "人次": frozenset({"person-time"}),
    "集": frozenset({"episode"}),
    # 剂 (doses: 流感疫苗6,870万剂 counts doses of flu vaccine)
    "剂": frozenset({"dose"}),
    "劑": frozenset({"dose"}),
}
_UNIT_COUNTER_ENDS: Final = ("人次",)
# ... but not 集团 (a group of companies), 集中, 集装箱, 集市, 集体, nor 剂量 (a dosage)
_NOT_UNIT: Final = frozenset("团團中装裝市体體资資量")

#: Units of time: a figure of hours or days counts time, which is no thing a noun counts
#: (9,870集, episodes, rendered "9,870 hours" is a change of what is counted).
_TIME_UNITS: Final = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})
_DURATION: Final = frozenset({"duration"})


def _unit_counter(text: str, f: DetectedFigure) -> frozenset[str] | None:
    after = text[f.end : f.end + 3]
    for counter, classes in _UNIT_COUNTERS.items():
        if after.startswith(counter) and after[len(counter) : len(counter) + 1] not in _NOT_UNIT:
            return classes
    counted = f.counted.strip()
    before = clause_before(text, f)
    for counter in _UNIT_COUNTER_ENDS:
        if counted.endswith(counter):
            return _UNIT_COUNTERS[counter]
        # 全市医院诊疗人次达1.6亿: the counter ends the noun phrase before the figure
        at = before.rfind(counter)
        if at >= 0 and not noun_classes(before[at:], "zh"):
            return _UNIT_COUNTERS[counter]
    return None


def _in_clause(counted: str, text: str, f: DetectedFigure, after: str) -> bool:
    """Whether the counted noun is written in the figure's own clause (its surface, the clause
    before it or the words after it), not only in an earlier one."""
    here = f"{clause_before(text, f)} {f.surface} {after}".lower()
    return counted.lower() in here or counted.lower().split()[0] in here


def _nouns_of(text: str, f: DetectedFigure, language: str) -> frozenset[str]:
    """The noun classes of what ``f`` counts: its counted noun and the words after it; in
    Chinese, which names the noun before the figure as often as after (理赔案件达1.2亿件), the
    clause before it, and last the counter itself (惠及12万人: people; 3万户: households); a
    counter that is the unit counted (9,870集: episodes) first. A figure in units of time counts
    time ("9,870 hours")."""
    if f.unit in _TIME_UNITS:
        return _DURATION | _noun_words(f.counted, language)
    if language == "zh" and (unit := _unit_counter(text, f)) is not None:
        return unit
    after = clause_after(text, f)
    counted = f.counted
    if counted and not _in_clause(counted, text, f, after):
        # the detector carried the noun over from an earlier clause ("China had 3,246 public
        # libraries, and visits totalled 1.16 billion"): a noun in the figure's own clause
        # before it says what it counts
        own = _noun_words(clause_before(text, f), language)
        if own:
            return own | _noun_words(after, language)
    if language == "zh":
        # the head of the noun phrase says what is counted (餐饮企业门店: stores, not firms)
        found = head_classes(counted, language) | _noun_words(after, language)
    else:
        found = _noun_words(f"{counted} {after}", language)
    if language == "de" and found:
        # the good or animal a compound's first part names (Schweinehalter: pig farmers)
        found |= german_modifiers(counted)
    if found or language != "zh":
        return found
    counter = _COUNTER_CLASSES.get(f.counted.strip(), _NONE)
    before = _noun_words(clause_before(text, f), language)
    if before and counter == _HOUSEHOLDS:
        # 蜂农约20万户: beekeepers counted by household ("200,000 beekeeping households")
        return before | counter
    return before or counter


def _head_of(text: str, f: DetectedFigure, language: str) -> frozenset[str]:
    """The classes of the counted noun alone (its head's in Chinese), or none when the
    detector carried it over from an earlier clause or it is a unit of time."""
    counted = f.counted.strip()
    if (
        not counted
        or f.unit in _TIME_UNITS
        or not _in_clause(counted, text, f, clause_after(text, f))
    ):
        return _NONE
    if language == "zh" and _unit_counter(text, f) is not None:
        return _NONE
    # a good or an animal may be the counted noun's first word ("poultry breeders"): the
    # goods are compared on the whole reading (claims.translation_lexicon.nouns_agree)
    return head_classes(counted, language) - GOODS_CLASSES


def _written(reading: Reading, numbers: set[Decimal]) -> bool:
    value = reading.figure.value
    if value is None or reading.is_range:
        return False
    return value.normalize() in numbers


def _decimal(value: Decimal | None) -> Decimal | None:
    try:
        return None if value is None or not value.is_finite() else value
    except (InvalidOperation, AttributeError):
        return None


def _read(text: str, figures: Sequence[DetectedFigure], language: str) -> list[Reading]:
    paragraphs = paragraph_starts(text)
    events = FigureWords(text, language, events_in)
    directions = FigureWords(text, language, directions_in)
    n = max(1, len(figures) - 1)
    readings: list[Reading] = []
    for index, f in enumerate(figures):
        value, lower, upper = _decimal(f.value), _decimal(f.lower), _decimal(f.upper)
        unit = f.unit
        if f.counted.strip().lower() in _CENT_WORDS and not unit:  # "10,6 Cent", "10 bis 12 Cent"
            value, lower, upper = (None if v is None else v / 100 for v in (value, lower, upper))
            unit = "cent"
        litres = (
            _LITRE_MULTIPLES.get(f.counted.strip().lower().split(" ")[0]) if f.counted else None
        )
        if litres and not unit:  # "96,000 kilolitres" beside 9.6万千升
            value, lower, upper = (None if v is None else v * litres for v in (value, lower, upper))
            unit = "l"
        if f.qualifier == Qualifier.RANGE and (lower is not None or upper is not None):
            low, high = lower, upper
        else:
            low = high = value if value is not None else (lower if lower is not None else upper)
        cls = unit_class(unit) if unit else ""
        if cls == "CNY" and "元" in f.surface and not any(w in f.surface for w in _RENMINBI):
            cls = "元"  # 元 alone is the local currency: yuan, or NT$ in a Taiwanese text
        if cls == "USD" and _BARE_DOLLAR.search(f.surface):
            cls = "$"  # "19,8 G$" in Quebec, "$5" in Sydney: the sign names no country
        if cls and _bare_cents(f.surface):
            cls = "cent"  # "46,8 centimes" (EUR) beside "46.8 cents" (USD): no currency named
        readings.append(
            Reading(
                figure=f,
                low=low,
                high=high,
                unit="currency" if cls == "cent" else cls,
                hedge=_HEDGE_CLASS.get(f.qualifier, str(f.qualifier)),
                paragraph=bisect_right(paragraphs, f.start),
                rank=index / n if len(figures) > 1 else 0.0,
                noun=normalise_counted(f.counted) if f.counted else "",
                noun_words=_nouns_of(text, f, language),
                event=events.of(f),
                noun_head=_head_of(text, f, language),
                direction=directions.of(f),
                other_hedge=other_hedge(text, f, figures[index - 1] if index else None, directions),
            )
        )
    # a cent figure compares with any currency in the other text: it carries no currency code
    return readings


# --------------------------------------------------------------------------------------------
# Comparing two figures
# --------------------------------------------------------------------------------------------


def _relative(a: Decimal, b: Decimal) -> float:
    if a == b:
        return 0.0
    top = max(abs(a), abs(b))
    return float(abs(a - b) / top) if top else 0.0


def _power_of_ten(a: Decimal, b: Decimal) -> int:
    """k when a = b * 10^k exactly (k != 0), else 0: the same digits at another scale."""
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return 0
    ratio = abs(a) / abs(b)
    try:
        exponent = round(math.log10(float(ratio)))
    except (ValueError, OverflowError):
        return 0
    if exponent == 0 or abs(exponent) > 15:
        return 0
    return exponent if ratio == Decimal(10) ** exponent else 0


def _same_value(o: Reading, t: Reading) -> bool:
    """The translation gives the original's value: exactly, or rounded where the original is
    hedged and the translation hedged too (近14.6万 -> "nearly 150,000")."""
    a, b = o.point, t.point
    if a is None or b is None:
        return False
    if o.is_range and t.is_range:
        return o.low == t.low and o.high == t.high
    if a == b:
        return True
    rounded = o.hedge != "exact" and t.hedge != "exact"
    return rounded and _relative(a, b) <= ROUNDING


_RENMINBI: Final = ("人民币", "人民幣")
_YUAN_LIKE: Final = frozenset({"元", "CNY", "TWD", "HKD", "MOP"})


#: A "$" with no letters before it but a scale's ("G$", "M$"; not US$, C$, NT$): any of the
#: currencies written with that sign, dollars and pesos.
_BARE_DOLLAR: Final = re.compile(r"(?<![A-Za-z])[GMk]?\$(?![A-Za-z])")
_DOLLAR_SIGN: Final = frozenset(
    {"$", "USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN", "CLP", "ARS", "COP"}
)


def _money(r: Reading) -> bool:
    """Whether the figure is a sum of money (a currency, 元, a bare "$" or an ISO code)."""
    code = r.figure.unit
    return r.unit in ("currency", "元", "$") or (
        len(code) == 3 and code.isalpha() and code.isupper()
    )


def _units_compatible(o: Reading, t: Reading) -> float:
    if o.unit == t.unit:
        return 0.0
    if "元" in (o.unit, t.unit) and {o.unit, t.unit} <= _YUAN_LIKE:
        return 0.0
    if "currency" in (o.unit, t.unit) and (len(o.unit) == 3 or len(t.unit) == 3):
        return 0.0
    if "$" in (o.unit, t.unit) and {o.unit, t.unit} <= _DOLLAR_SIGN:
        return 0.0
    if not o.unit or not t.unit:
        return 0.3  # "13.000 millones de años (luz)" / "13 billion light years"
    return _OTHER_UNIT


#: The cost of two known units of different classes (km and miles, euros and dollars).
_OTHER_UNIT: Final = 1.5


def _pair_cost(o: Reading, t: Reading) -> float:
    cost = _units_compatible(o, t)
    a, b = o.point, t.point
    if a is None or b is None:
        cost += 1.6
    elif _same_value(o, t) or (
        o.is_range
        and t.low is not None
        and o.low is not None
        and o.high is not None
        and o.low <= t.low <= o.high
    ):
        cost += 0.0
    elif _power_of_ten(a, b):
        cost += 0.6
    else:
        # A slip of the keys (1.441 -> 1,414, 17.1% -> 7.1%) stays within a factor of three
        # or so; values further apart and not a power of ten apart are different figures.
        rel = _relative(a, b)
        cost += 0.7 + rel * 0.6 if rel < 0.8 else 2 * UNMATCHED
    cost += min(abs(o.rank - t.rank), 1.0) * 0.4
    if o.noun and t.noun and o.noun == t.noun:
        cost -= 0.1
    return cost


def _agreement(o: Reading, t: Reading) -> int:
    """How many of the counted noun and the event, read on both sides, agree (+1 each) or
    differ (-1 each)."""
    score = 0
    if o.noun_words and t.noun_words:
        score += 1 if nouns_agree(o.noun_words, t.noun_words) else -1
    if o.event and t.event:
        score += 1 if same_event(o.event, t.event, _money(o) or _money(t)) else -1
    return score


def _swap_equal_values(
    pairs: list[tuple[int, int]], originals: list[Reading], translations: list[Reading]
) -> list[tuple[int, int]]:
    """Two figures of one value on each side are told apart by what they count and what
    happened to them, not by their order: "300 heridos y 300 detenidos" rendered "300 arrests
    and 300 injured" (the clauses reordered). Two aligned pairs of the same value and unit
    swap partners when the swap makes their nouns and events agree better."""
    by_key: dict[tuple[Decimal, str], list[int]] = {}
    for index, (i, j) in enumerate(pairs):
        o, t = originals[i], translations[j]
        if o.point is None or t.point != o.point or o.is_range or t.is_range:
            continue
        by_key.setdefault((o.point.normalize(), o.unit), []).append(index)
    out = list(pairs)
    for group in by_key.values():
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                (i, j), (k, m) = out[group[a]], out[group[b]]
                now = _agreement(originals[i], translations[j]) + _agreement(
                    originals[k], translations[m]
                )
                swapped = _agreement(originals[i], translations[m]) + _agreement(
                    originals[k], translations[j]
                )
                if swapped > now and translations[m].unit == translations[j].unit:
                    out[group[a]], out[group[b]] = (i, m), (k, j)
    return sorted(out)


# --------------------------------------------------------------------------------------------
# Alignment
# --------------------------------------------------------------------------------------------


def _assign(originals: list[Reading], translations: list[Reading]) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) minimising the total cost, unmatched figures at UNMATCHED."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n, m = len(originals), len(translations)
    if not n or not m:
        return []
    big = 1e6
    matrix = np.full((n + m, m + n), big)
    for i, o in enumerate(originals):
        for j, t in enumerate(translations):
            cost = _pair_cost(o, t)
            if cost < 2 * UNMATCHED:
                matrix[i, j] = cost
    for i in range(n):
        matrix[i, m + i] = UNMATCHED
    for j in range(m):
        matrix[n + j, j] = UNMATCHED
    matrix[n:, m:] = 0.0
    rows, cols = linear_sum_assignment(matrix)
    return [
        (int(i), int(j))
        for i, j in zip(rows, cols, strict=True)
        if i < n and j < m and matrix[i, j] < big
    ]


def _windows(originals: list[Reading], translations: list[Reading]) -> list[tuple[int, int]]:
    """The alignment of two texts. Short ones (up to ``WINDOW`` figures a side) are solved
    whole. Long ones are solved paragraph by paragraph when both have as many paragraphs
    with figures (a translation keeps its original's paragraphs), else between anchors
    (:func:`_anchored`): the cost stays about linear in the number of figures."""
    if len(originals) <= WINDOW and len(translations) <= WINDOW:
        return _assign(originals, translations)
    o_paras = sorted({o.paragraph for o in originals})
    t_paras = sorted({t.paragraph for t in translations})
    if len(o_paras) == len(t_paras):
        pairs: list[tuple[int, int]] = []
        o_at = {p: k for k, p in enumerate(o_paras)}
        t_at = {p: k for k, p in enumerate(t_paras)}
        o_groups: list[list[int]] = [[] for _ in o_paras]
        t_groups: list[list[int]] = [[] for _ in t_paras]
        for i, o in enumerate(originals):
            o_groups[o_at[o.paragraph]].append(i)
        for j, t in enumerate(translations):
            t_groups[t_at[t.paragraph]].append(j)
        for o_idx, t_idx in zip(o_groups, t_groups, strict=True):
            sub = _assign([originals[i] for i in o_idx], [translations[j] for j in t_idx])
            pairs.extend((o_idx[a], t_idx[b]) for a, b in sub)
        return sorted(pairs)
    return _anchored(originals, translations)


def _anchored(originals: list[Reading], translations: list[Reading]) -> list[tuple[int, int]]:
    """Patience alignment: figures whose value and unit occur exactly once on each side are
    anchors; the longest run of anchors in the same order on both sides is kept, and the
    figures between two anchors are solved as one small problem (windows beyond WINDOW)."""

    def key(r: Reading) -> tuple[Decimal, str] | None:
        point = r.point
        return None if point is None or r.is_range else (point.normalize(), r.unit)

    o_keys, t_keys = [key(o) for o in originals], [key(t) for t in translations]
    o_count = Counter(k for k in o_keys if k is not None)
    t_count = Counter(k for k in t_keys if k is not None)
    t_at = {k: j for j, k in enumerate(t_keys) if k is not None and t_count[k] == 1}
    candidates = [
        (i, t_at[k])
        for i, k in enumerate(o_keys)
        if k is not None and o_count[k] == 1 and k in t_at
    ]
    # longest increasing subsequence of translation indexes (patience sorting)
    tails: list[int] = []
    tail_at: list[int] = []
    previous: list[int] = [-1] * len(candidates)
    for index, (_, j) in enumerate(candidates):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[at] = j
            tail_at[at] = index
        previous[index] = tail_at[at - 1] if at else -1
    anchors: list[tuple[int, int]] = []
    node = tail_at[-1] if tail_at else -1
    while node >= 0:
        anchors.append(candidates[node])
        node = previous[node]
    anchors.reverse()
    pairs = list(anchors)
    bounds = [(-1, -1), *anchors, (len(originals), len(translations))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        o_idx, t_idx = list(range(i0 + 1, i1)), list(range(j0 + 1, j1))
        if not o_idx or not t_idx:
            continue
        solve = _assign if len(o_idx) <= WINDOW and len(t_idx) <= WINDOW else _windowed
        sub = solve([originals[i] for i in o_idx], [translations[j] for j in t_idx])
        pairs.extend((o_idx[a], t_idx[b]) for a, b in sub)
    return sorted(pairs)


def _windowed(originals: list[Reading], translations: list[Reading]) -> list[tuple[int, int]]:
    """Windows of ``WINDOW // 4`` figures by relative position, for a long stretch with no
    anchor (approximate near the windows' edges)."""
    size = max(8, WINDOW // 4)
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    steps = max(1, math.ceil(len(originals) / size))
    for step in range(steps):
        o_idx = list(range(step * size, min(len(originals), (step + 1) * size)))
        lo = originals[o_idx[0]].rank - 0.5 * size / max(1, len(originals))
        hi = originals[o_idx[-1]].rank + 0.5 * size / max(1, len(originals))
        t_idx = [j for j, t in enumerate(translations) if lo <= t.rank <= hi and j not in taken]
        for a, b in _assign([originals[i] for i in o_idx], [translations[j] for j in t_idx]):
            chosen[o_idx[a]] = t_idx[b]
            taken.add(t_idx[b])
    return sorted(chosen.items())


def _label(r: Reading) -> str:
    f = r.figure
    point = r.point
    if r.is_range and r.low is not None and r.high is not None:
        value = f"{_grouped(r.low)}-{_grouped(r.high)}"
    else:
        value = _grouped(point) if point is not None else f.surface
    hedge = "" if r.hedge in ("exact", "range") else f"{r.hedge} "
    unit = f" {f.unit}" if f.unit else ""
    return f"{hedge}{value}{unit}"


def _grouped(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    whole = f"{int(whole):,}" if whole.isdigit() else whole
    return f"{sign}{whole}{'.' + fraction if fraction else ''}"


def _why(o: Reading, t: Reading) -> str:
    what = f" and {o.noun!r}" if o.noun and o.noun == t.noun else ""
    how = "value" if _same_value(o, t) else "position"
    return f"aligned by {how} {_label(o)}{what}, paragraph {o.paragraph} to paragraph {t.paragraph}"


def _changes_of(o: Reading, t: Reading) -> list[Change]:
    of, tf = o.figure, t.figure
    a, b = o.point, t.point
    if o.is_range and not t.is_range:
        return [Change("range", of, tf, f"the range {_label(o)} became one number, {_label(t)}")]
    if a is not None and b is not None and not _same_value(o, t):
        # a percentage ten times another is a slip of the decimal point, not of a scale word
        exponent = _power_of_ten(b, a) if o.unit != "percent" else 0
        if exponent:
            return [
                Change(
                    "scale",
                    of,
                    tf,
                    f"{of.surface} is {_label(o)}; the translation says {_label(t)} "
                    f"(10^{abs(exponent)} {'larger' if exponent > 0 else 'smaller'})",
                )
            ]
        return [
            Change(
                "value", of, tf, f"{of.surface} is {_label(o)}; the translation says {_label(t)}"
            )
        ]
    if _units_compatible(o, t) >= _OTHER_UNIT:
        # the same number of another unit: "12,5 km" rendered "12.5 miles", euros as dollars
        return [
            Change(
                "value",
                of,
                tf,
                f"{of.surface} is {_label(o)}; the translation says {_label(t)} (another unit)",
            )
        ]
    if not o.may_be_hedged_as(t) and not (o.is_range or t.is_range):
        was = "no hedge" if o.hedge == "exact" else f"'{o.hedge}'"
        now = "no hedge" if t.hedge == "exact" else f"'{t.hedge}'"
        return [
            Change(
                "hedge", of, tf, f"{of.surface}: {was} in the original, {now} in the translation"
            )
        ]
    changes: list[Change] = []
    o_nouns, t_nouns = o.noun_words, t.noun_words
    if o.noun_head and t.noun_head and not nouns_agree(o.noun_head, t.noun_head):
        # two counted nouns that differ, whatever words after them the two sides share
        # ("700 Gäste mussten ihre Hotels verlassen", "700 employees had to leave their hotels")
        o_nouns, t_nouns = o.noun_head, t.noun_head
    if o_nouns and t_nouns and not nouns_agree(o_nouns, t_nouns):
        changes.append(
            Change(
                "noun",
                of,
                tf,
                f"{of.surface} counts {', '.join(sorted(o_nouns))} ({of.counted}); "
                f"the translation {', '.join(sorted(t_nouns))} ({tf.counted})",
            )
        )
    if o.direction and t.direction and o.direction != t.direction:
        changes.append(
            Change(
                "event",
                of,
                tf,
                f"{of.surface}: {o.direction} in the original, {t.direction} in the translation",
            )
        )
    elif o.event and t.event and not same_event(o.event, t.event, _money(o) or _money(t)):
        changes.append(
            Change(
                "event",
                of,
                tf,
                f"{of.surface}: {o.event} in the original, {t.event} in the translation",
            )
        )
    return changes


def compare_texts(
    original: str,
    translation: str,
    *,
    original_language: str | None = None,
    translation_language: str | None = None,
) -> Comparison:
    """The figures of ``translation`` aligned one-to-one with those of ``original`` and what
    changed. Languages are detected (lingua) when not given; the translation defaults to
    English. Never raises on a string: anything unreadable is simply not a figure."""
    original = original if isinstance(original, str) else ""
    translation = translation if isinstance(translation, str) else ""
    o_lang = _language(original, original_language, "en")
    t_lang = _language(translation, translation_language, "en")
    # Not given: each run of paragraphs is read in the language it is written in (a quoted
    # passage, a mixed article); the reported language is the text's main one.
    o_figures = _figures(original, original_language or None)
    t_figures = _figures(translation, translation_language or None)
    o_figures, t_figures = (
        ranges_written_apart(original, o_lang, o_figures, t_figures),
        ranges_written_apart(translation, t_lang, t_figures, o_figures),
    )
    o_read = _read(
        original,
        o_figures,
        o_lang,
    )
    t_read = _read(
        translation,
        t_figures,
        t_lang,
    )
    pairs = dict(_swap_equal_values(_windows(o_read, t_read), o_read, t_read))
    matched_t = set(pairs.values())
    alignment: list[Pair] = []
    changes: list[Change] = []
    # numbers written outside the figures already aligned: "12 Tote und 12 Verletzte" rendered
    # "12 dead" writes one 12, and it renders the first
    in_original = written_numbers(_blanked(original, [o_read[i].figure for i in pairs]), o_lang)
    in_translation = written_numbers(
        _blanked(translation, [t_read[j].figure for j in matched_t]), t_lang
    )
    for i, o in enumerate(o_read):
        if i in pairs:
            t = t_read[pairs[i]]
            alignment.append(Pair(o.figure, t.figure, _why(o, t)))
            changes.extend(_changes_of(o, t))
        elif _written(o, in_translation):
            alignment.append(
                Pair(o.figure, None, f"the translation writes {_label(o)} but not as a figure")
            )
        else:
            alignment.append(
                Pair(o.figure, None, f"no figure of the translation renders {_label(o)}")
            )
            changes.append(_missing(original, i, o_read, pairs, t_read))
    for j, t in enumerate(t_read):
        if j in matched_t:
            continue
        if _written(t, in_original):
            alignment.append(
                Pair(None, t.figure, f"the original writes {_label(t)} but not as a figure")
            )
            continue
        alignment.append(Pair(None, t.figure, f"no figure of the original gives {_label(t)}"))
        changes.append(
            Change(
                "added",
                None,
                t.figure,
                f"{t.figure.surface} ({_label(t)}, paragraph {t.paragraph}) is not in the original",
            )
        )
    changes.sort(key=_change_order)
    return Comparison(o_lang, t_lang, alignment, changes)


def _blanked(text: str, figures: Sequence[DetectedFigure]) -> str:
    """``text`` with the spans of ``figures`` written over in spaces (offsets kept)."""
    if not figures:
        return text
    chars = list(text)
    for f in figures:
        chars[f.start : f.end] = " " * (f.end - f.start)
    return "".join(chars)


# "20.000 bis 25.000", "20,000 to 25,000", "1.6万至1.7万": two numbers joined as a range.
_RANGE_JOIN: Final = re.compile(
    r"^\s*(?:-|–|—|~|～|to|and|bis|und|à|a|et|y|至|到|—)\s*$", re.IGNORECASE
)


def _missing(
    text: str, index: int, o_read: list[Reading], pairs: dict[int, int], t_read: list[Reading]
) -> Change:
    """A figure of the original with no counterpart: missing, or, when it is the first bound
    of a range the detector read as two figures and the second is aligned, a range
    collapsed into the second ("20.000 bis 25.000" -> "25,000")."""
    o = o_read[index]
    after = o_read[index + 1] if index + 1 < len(o_read) else None
    if (
        after is not None
        and index + 1 in pairs
        and _RANGE_JOIN.match(text[o.figure.end : after.figure.start])
    ):
        t = t_read[pairs[index + 1]]
        return Change(
            "range",
            o.figure,
            t.figure,
            f"the range {_label(o)} to {_label(after)} became one number, {_label(t)}",
        )
    return Change(
        "missing",
        o.figure,
        None,
        f"{o.figure.surface} ({_label(o)}, paragraph {o.paragraph}) is not in the translation",
    )


def _change_order(change: Change) -> tuple[bool, int]:
    """Strong changes first, then in the order of the text (the original's side first)."""
    figure = change.original or change.translation
    return (change.weak, figure.start if figure is not None else 0)
