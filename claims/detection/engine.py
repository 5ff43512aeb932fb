"""The shared figure engine for the languages in ``claims/detection/languages/`` (zh, es, fr, de).

Driven entirely by a :class:`~claims.detection.languages.base.LanguageRules`: one compiled
regex per language finds, left to right, either a thing that is not a figure (a date, a time, a
phone number, an ordinal: consumed and skipped) or the head of a figure (digits grouped and
decimal-marked as the language writes them, or number words), then small anchored regexes read
the scale word, unit or currency, hedge, range and counted noun around it. Every step looks at a
bounded window, so the scan is linear in the length of the text. English keeps its own, longer
tuned grammar in :mod:`claims.detection.figures`; both return the same
:class:`~claims.detection.figures.DetectedFigure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Final

from .figures import (
    DetectedFigure,
    Qualifier,
    _bounded,
    _Found,
    _inherit_counted,
)
from .languages.base import LanguageRules, compose_number_words
from .lexicon import CURRENCY_PREFIXES
from .numerals import ascii_digits, clean_decimal, parse_digits, representable, scale
from .units import SYMBOLS

_SP = r"[ \t\u00a0\u202f]"
_LETTER = r"[^\W\d_]"
_CURRENCY_SIGNS: Final[dict[str, str]] = {
    k: v for k, v in CURRENCY_PREFIXES.items() if not k.isalpha() and k not in ("Rs.",)
} | {"￥": "CNY", "US$": "USD"}


def _alternation(words: object, *, spaced: bool = True) -> str:
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    parts = []
    for item in items:
        escaped = re.escape(item)
        if spaced:
            escaped = escaped.replace(r"\ ", rf"{_SP}+")
        parts.append(escaped)
    return "|".join(parts) if parts else "(?!)"


@dataclass(frozen=True)
class _Compiled:
    master: re.Pattern[str]
    scale: re.Pattern[str]
    unit: re.Pattern[str]
    hedge_after: re.Pattern[str]
    hedge_before: re.Pattern[str]
    range_join: re.Pattern[str]
    second: re.Pattern[str]
    word: re.Pattern[str]
    counter: re.Pattern[str] | None
    number_word: re.Pattern[str]


@cache
def _compiled(rules: LanguageRules) -> _Compiled:
    r = rules
    groups = "".join(re.escape(c) for c in r.group_marks)
    dec = re.escape(r.decimal_mark)
    boundary = "" if r.unspaced else rf"(?<!{_LETTER})"
    digits = (
        rf"(?:[0-9]{{1,3}}(?:[{groups}][0-9]{{3}})+(?![0-9])|[0-9]+)"
        rf"(?:{dec}[0-9]+(?![0-9]))?"
        if groups
        else rf"[0-9]+(?:{dec}[0-9]+)?"
    )
    # Not part of a longer token: "A320", "COVID-19", "1.4" seen from its "4".
    before = rf"(?<![0-9_.,/\\:@#=&?%$£€¥₹−-]){boundary}"
    signs = _alternation(_CURRENCY_SIGNS, spaced=False)
    numeral = (
        rf"(?P<sign>(?<![\w.,-])[-−](?=[0-9]))?(?:(?P<cur>{signs}){_SP}?)?(?P<digits>{digits})"
    )
    words_alt = _alternation(r.number_words)
    fractions = _alternation(r.scale_fractions)
    joiners = _alternation(r.number_joiners) if r.number_joiners else "(?!)"
    if r.unspaced:
        number_word = rf"(?P<words>[{''.join(r.number_words)}]+)"
    else:
        one = rf"(?:{words_alt})(?!{_LETTER})"
        number_word = (
            rf"(?P<words>(?:(?:{fractions}){_SP}+)?{one}"
            rf"(?:(?:{_SP}+(?:(?:{joiners}){_SP}+)?|-){one})*)"
        )
    traps = "|".join(
        [
            *r.traps,
            # numeric dates and times: 28/05/2023, 28.05.2023, 2023-05-28, 10:30, 10.30 Uhr
            r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
            r"[0-9]{1,4}[/.][0-9]{1,2}[/.][0-9]{1,4}(?![0-9])",
            r"[0-9]{1,2}[:h][0-9]{2}(?![0-9])",
            r"[0-9]+/[0-9]+",
            r"\+[0-9][0-9 ().-]{6,}[0-9]",
        ]
    )
    master = re.compile(
        rf"(?=[0-9+])(?:{before})(?P<trap>{traps})"
        rf"|(?=[-−0-9{re.escape(''.join(_CURRENCY_SIGNS))}]){before}{numeral}"
        rf"|{'' if r.unspaced else rf'(?<!{_LETTER})'}{number_word}",
        re.IGNORECASE,
    )
    scales = _alternation(r.scales)
    scale_re = re.compile(
        (r"(?P<scale>" if r.unspaced else rf"{_SP}*(?P<scale>")
        + rf"(?:{scales})+)"
        + ("" if r.unspaced else rf"(?!{_LETTER})"),
        re.IGNORECASE if not r.unspaced else 0,
    )
    currency = _alternation(r.currency_words)
    units = _alternation(r.unit_words)
    symbols = _alternation([s for s in SYMBOLS if len(s) > 1 or s in "%"])
    links = _alternation(r.unit_links)
    unit_re = re.compile(
        rf"(?P<pct>{_SP}?[%％])"
        rf"|{_SP}*(?:(?:{links}){_SP}*)?(?P<cur>{currency})(?!{_LETTER})"
        rf"|{_SP}*(?P<unit>{units})(?!{_LETTER})"
        rf"|{_SP}?(?-i:(?P<sym>{symbols}))(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    hedge_after = re.compile(
        rf"{'' if r.unspaced else _SP + '*'}(?P<hedge>{_alternation(r.hedges_after)})"
        + ("" if r.unspaced else rf"(?!{_LETTER})"),
        re.IGNORECASE,
    )
    hedge_before = re.compile(
        ("" if r.unspaced else rf"(?<!{_LETTER})")
        + rf"(?P<hedge>{_alternation(r.hedges_before)})"
        + ("$" if r.unspaced else rf"{_SP}+$"),
        re.IGNORECASE,
    )
    pair_joiners = _alternation({j for _, j in r.range_pairs} | {"-", "–", "~", "～", "至", "到"})
    range_join = re.compile(
        rf"{_SP}*(?P<join>-|–|~|～|至|到)(?!{_SP}*[-−]){_SP}*"
        rf"|{_SP}+(?P<word>{pair_joiners}){_SP}+",
        re.IGNORECASE,
    )
    second = re.compile(
        rf"(?:(?P<cur>{signs}){_SP}?)?(?P<digits>{digits})|{number_word}", re.IGNORECASE
    )
    if r.unspaced:
        word = re.compile(r"(?P<word>[\u4e00-\u9fff\u3400-\u4dbf]{1,6})")
    else:
        word = re.compile(rf"{_SP}+(?P<word>{_LETTER}(?:[\w’'-]*{_LETTER})?)")
    counter = re.compile(rf"[{re.escape(r.counters)}]") if r.counters else None
    return _Compiled(
        master=master,
        scale=scale_re,
        unit=unit_re,
        hedge_after=hedge_after,
        hedge_before=hedge_before,
        range_join=range_join,
        second=second,
        word=word,
        counter=counter,
        number_word=re.compile(number_word, re.IGNORECASE),
    )


@dataclass(slots=True)
class _Head:
    start: int
    end: int
    value: Decimal
    unit: str
    factor: int
    bare: bool  # plain digits with no scale, unit or currency
    year_like: bool


def _lookup(table: object, written: str) -> object:
    mapping = table  # a Mapping[str, ...]
    key = re.sub(r"\s+", " ", written).lower()
    for candidate in (written, key, key.rstrip(".")):
        if candidate in mapping:  # type: ignore[operator]
            return mapping[candidate]  # type: ignore[index]
    for k, v in mapping.items():  # type: ignore[attr-defined]
        if k.lower() == key:
            return v
    return None


def _chinese_value(written: str, rules: LanguageRules) -> Decimal | None:
    """一百二十万 -> 1200000; 两千 -> 2000; 三十 -> 30 (digits of 万/亿 stacks)."""
    total = Decimal(0)
    section = Decimal(0)
    number = Decimal(0)
    seen = False
    for ch in written:
        value = rules.number_words.get(ch)
        if value is None:
            return None
        seen = True
        if value < 10:
            number = Decimal(value)
        elif value < 10**4:  # 十 百 千
            section += (number or Decimal(1)) * value
            number = Decimal(0)
        else:  # 万 亿 兆
            section += number
            total = (
                (total + section) * value if value > 10**4 or not total else total + section * value
            )
            section = number = Decimal(0)
    return total + section + number if seen else None


def _words_value(written: str, rules: LanguageRules) -> Decimal | None:
    if rules.unspaced:
        return _chinese_value(written, rules)

    multiplier = Decimal(1)
    values: list[int] = []
    tokens = [t for t in re.split(r"[\s\u00a0\u202f-]+", written) if t]
    for i, token in enumerate(tokens):
        low = token.lower()
        if i == 0 and low in rules.scale_fractions:
            multiplier = Decimal(str(rules.scale_fractions[low]))
            continue
        if low in rules.number_joiners:
            continue
        value = _lookup(rules.number_words, token)
        if value is None:
            return None
        values.append(int(value))  # type: ignore[call-overload]
    composed = compose_number_words(values)
    return None if composed is None else clean_decimal(multiplier * composed)


def _read_head(m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled) -> _Head | None:
    groups = m.groupdict()
    unit = ""
    if groups.get("digits") is not None:
        digits = m.group("digits")
        value = parse_digits(digits, rules.decimal_mark)
        if value is None:
            return None
        if groups.get("sign"):
            value = -value
        start = m.start("sign") if groups.get("sign") else m.start()
        if groups.get("cur"):
            unit = _CURRENCY_SIGNS[m.group("cur")]
        end = m.end("digits")
        year_like = digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2099
        is_digits = True
    else:
        words = m.group("words")
        parsed = _words_value(words, rules)
        if parsed is None:
            return None
        value = parsed
        start, end = m.start("words"), m.end("words")
        year_like = False
        is_digits = False
    factor = 1
    # "100多万": a hedge between the digits and the scale word
    inner_hedge = None
    if rules.unspaced:
        hm = c.hedge_after.match(text, end)
        if hm is not None and hm.group("hedge") in ("多", "余") and c.scale.match(text, hm.end()):
            inner_hedge = hm.group("hedge")
            end = hm.end()
    sm = c.scale.match(text, end)
    if sm is not None and not (is_digits is False and rules.unspaced):
        for part in re.findall(_alternation(rules.scales), sm.group("scale"), re.IGNORECASE):
            found = _lookup(rules.scales, part)
            if found is not None:
                factor *= int(found)  # type: ignore[call-overload]
        end = sm.end()
        value = scale(value, factor)
    if representable(value) is None:
        return None
    head = _Head(start, end, value, unit, factor, is_digits and factor == 1 and not unit, year_like)
    if inner_hedge:
        head.unit = "__more__"  # read back by _figure_at
    return head


def _read_unit(text: str, end: int, rules: LanguageRules, c: _Compiled) -> tuple[str, int]:
    um = c.unit.match(text, end)
    if um is None:
        return "", end
    if um.group("pct"):
        return "percent", um.end()
    if um.group("cur"):
        return str(_lookup(rules.currency_words, um.group("cur"))), um.end()
    if um.group("unit"):
        return str(_lookup(rules.unit_words, um.group("unit"))), um.end()
    return SYMBOLS[um.group("sym")], um.end()


def _hedge_before(
    text: str, start: int, rules: LanguageRules, c: _Compiled
) -> tuple[int, str] | None:
    """The hedge that ends right before ``start`` ("más de ", "近"): its start and phrase."""
    if not rules.unspaced and not text[start - 1 : start].isspace():
        return None
    hm = c.hedge_before.search(text, max(0, start - 30), start)
    if hm is None:
        return None
    return hm.start(), re.sub(r"[ \t\u00a0\u202f]+", " ", hm.group("hedge").lower())


def _word_before(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start].rstrip(" \t\u00a0\u202f")
    if not before or not (before[-1].isalpha() or before[-1] in ".º°§"):
        return before[-1:] if before[-1:] in ("§", "#") else ""
    return before.split()[-1].lower()


def _not_a_figure(text: str, head: _Head, rules: LanguageRules) -> bool:
    """Identifiers ("Artículo 19", "Calle Mayor 12"), emergency numbers ("llamar al 112"),
    ages in apposition ("Juan Pérez, de 45 años,")."""
    written = text[head.start : head.end]
    if rules.unspaced:
        before = text[max(0, head.start - 6) : head.start]
        if before.endswith("第"):
            return True
        return written in rules.emergency_numbers and any(
            w in before for w in rules.emergency_words
        )
    previous = _word_before(text, head.start)
    if previous in rules.identifier_words or previous.rstrip(".") in rules.identifier_words:
        return True
    if previous.endswith(("straße", "strasse", "str.", "gasse", "allee", "platz", "weg")):
        return True
    # "Calle Mayor 12": capitalised words back to a street word
    window = text[max(0, head.start - 40) : head.start].split()
    if window and window[-1][:1].isupper():
        for token in reversed(window[:-1][-3:]):
            if token.lower() in rules.identifier_words:
                return True
            if not token[:1].isupper():
                break
    if written in rules.emergency_numbers:
        words = text[max(0, head.start - 30) : head.start].lower().split()[-3:]
        if any(w.strip(".,") in rules.emergency_words for w in words):
            return True
        following = text[head.end : head.end + 30].lower().split()[:2]
        if any(w.strip(".,") in rules.emergency_words for w in following):
            return True
    if head.bare and len(written) <= 3 and written.isdigit():
        before = text[max(0, head.start - 40) : head.start]
        after = text[head.end : head.end + 12]
        apposition = re.search(
            r"[A-ZÀ-Þ][\w’'.-]*,[ \u00a0](?:de[ \u00a0])?$", before
        ) or re.search(r"[A-ZÀ-Þ][\w’'.-]*[ \u00a0]\($", before)
        if apposition:
            rest = after.lstrip(" \u00a0")
            first = rest.split(" ")[0].strip(",)").lower() if rest else ""
            if after[:1] in (",", ")") or first in rules.age_words:
                return True
    return False


_CHINESE_SCALE_FIRST: Final = frozenset("万萬亿億千百兆")


def _lone_chinese_numeral(
    m: re.Match[str], text: str, head: _Head, rules: LanguageRules, c: _Compiled
) -> bool:
    """Han numerals inside ordinary words: 一些, 统一, 万一, 十分, 第三 are not figures. A numeral
    counts when it is not 1 and a counter, scale, unit, currency or hedge comes next (三名,
    三十万, 五个月), or when it is three characters or more (一百二十)."""
    written = m.groupdict().get("words")
    if written is None:
        return False
    if written[0] in _CHINESE_SCALE_FIRST or text[max(0, head.start - 1) : head.start] == "第":
        return True
    if head.value <= 1:
        return True
    if len(written) >= 3 or head.factor != 1:
        return False
    following = text[head.end : head.end + 1]
    if following and following in rules.counters:
        return False
    return not (c.unit.match(text, head.end) or c.hedge_after.match(text, head.end))


def _counted(text: str, end: int, rules: LanguageRules, c: _Compiled) -> str:
    if rules.unspaced:
        pos = end
        if c.counter is not None and c.counter.match(text, pos):
            pos += 1
        m = c.word.match(text, pos)
        if m is None:
            return ""
        word = m.group("word")
        cut = len(word)
        for i, ch in enumerate(word):
            if ch in rules.counted_stop:
                cut = i
                break
        return word[:cut] if pos > end or cut else ""
    pos = end
    skipped = 0
    taken: list[str] = []
    noun = False
    while len(taken) < 2:
        m = c.word.match(text, pos) or _ELIDED.match(text, pos)
        if m is None:
            break
        word = m.group("word")
        low = word.lower()
        if low[:2] in ("d'", "d’", "l'", "l’"):
            word, low = word[2:], low[2:]
        if not taken and low in rules.counted_skip and skipped < 2:
            skipped += 1
            pos = m.end()
            continue
        if low in rules.counted_stop or low in rules.number_words or len(low) < 2:
            break
        taken.append(low)
        pos = m.end()
        if rules.capitalised_nouns and not word[:1].isupper():
            continue  # an adjective before the noun: "gefälschte Konten"
        noun = True
        break
    if not noun:
        return ""
    return " ".join(taken)


_ELIDED: Final = re.compile(rf"{_SP}+(?P<word>[dDlL]['’]{_LETTER}[\w-]*)")


def _starts_upper(text: str, end: int, c: _Compiled) -> bool:
    """Is the first word after ``end`` (past "von", "der") capitalised?"""
    m = c.word.match(text, end)
    return m is not None and m.group("word")[:1].isupper()


def _figure_at(
    m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled
) -> tuple[_Found | None, int]:
    head = _read_head(m, text, rules, c)
    if head is None:
        return None, m.end()
    resume = head.end
    inner_more = head.unit == "__more__"
    if inner_more:
        head.unit = ""
    if head.bare and _not_a_figure(text, head, rules):
        return None, resume
    if rules.unspaced and not head.bare and _lone_chinese_numeral(m, text, head, rules, c):
        return None, resume
    end = head.end
    unit = head.unit
    if not unit or unit in _CURRENCY_SIGNS.values():
        new_unit, new_end = _read_unit(text, end, rules, c)
        if new_unit and (not unit or new_unit == unit):
            unit, end = new_unit, new_end
    value: Decimal | None = head.value
    lower: Decimal | None = None
    upper: Decimal | None = None
    qualifier = Qualifier.MORE_THAN if inner_more else Qualifier.EXACT
    if inner_more:
        lower = head.value
    hedge = _hedge_before(text, head.start, rules, c)
    start = head.start
    # a bare year (no unit, scale or hedge) is a date
    if head.year_like and head.bare and not unit and hedge is None:
        return None, end
    # ranges
    pair = next((p for p in rules.range_pairs if hedge and hedge[1] == p[0]), None)
    jm = c.range_join.match(text, end)
    if jm is not None:
        joiner = (jm.group("join") or jm.group("word") or "").lower()
        allowed = jm.group("join") is not None or (pair is not None and joiner == pair[1])
        if allowed:
            sm = c.second.match(text, jm.end())
            second = _read_head(sm, text, rules, c) if sm is not None else None
            if second is not None and second.unit == "__more__":
                second = None
            if second is not None:
                second_unit, second_end = _read_unit(text, second.end, rules, c)
                second_unit = second.unit or second_unit
                first_value = head.value
                if head.factor == 1 and second.factor != 1:
                    first_value = scale(head.value, second.factor)
                if head.year_like and second.year_like:
                    return None, second_end
                if first_value < second.value and (
                    not unit or not second_unit or unit == second_unit
                ):
                    qualifier = Qualifier.RANGE
                    value, lower, upper = None, first_value, second.value
                    unit = second_unit or unit
                    end = second_end if second_unit else second.end
                    if pair is not None and hedge is not None:
                        start = hedge[0]
                    hedge = None
                elif jm.group("join") is not None and not rules.unspaced:
                    return None, second.end  # a score ("3-1")
    if qualifier is not Qualifier.RANGE:
        if hedge is not None and hedge[1] not in {p[0] for p in rules.range_pairs}:
            qualifier = Qualifier(rules.hedges_before[hedge[1]])
            start = hedge[0]
            lower, upper = _bounded(qualifier, head.value)
        am = c.hedge_after.match(text, end)
        if am is not None:
            after = _lookup(rules.hedges_after, am.group("hedge"))
            if after is not None:
                qualifier = Qualifier(str(after))
                lower, upper = _bounded(qualifier, head.value)
                end = am.end()
                if not unit:  # "约30%左右" reads the unit before the hedge; "10万余元" after it
                    unit, end = _read_unit(text, end, rules, c)
                    end = max(end, am.end())
    # money, percentages, durations and measures count nothing; a bare number its noun
    counted = "" if unit else _counted(text, end, rules, c)
    return _Found(start, end, value, lower, upper, qualifier, unit, counted), end


def detect_with_rules(text: str, rules: LanguageRules) -> list[DetectedFigure]:
    """Every figure in ``text`` read with ``rules``; offsets are code points into ``text``."""
    scanned = ascii_digits(text)
    c = _compiled(rules)
    found: list[_Found] = []
    pos = 0
    while True:
        m = c.master.search(scanned, pos)
        if m is None:
            break
        if m.lastgroup == "trap" or m.group("trap") is not None:
            pos = max(m.end(), pos + 1)
            continue
        figure, resume = _figure_at(m, scanned, rules, c)
        if figure is not None:
            if found and figure.start < found[-1].end:
                figure.start = found[-1].end
            if figure.start < figure.end:
                found.append(figure)
        pos = max(resume, m.start() + 1)
    _inherit_counted(scanned, found)
    return [
        DetectedFigure(
            start=f.start,
            end=f.end,
            surface=text[f.start : f.end],
            value=f.value,
            lower=f.lower,
            upper=f.upper,
            qualifier=f.qualifier,
            unit=f.unit,
            counted=f.counted,
        )
        for f in found
    ]
