"""The shared figure engine for the languages in ``claims/detection/languages/`` (zh, es, fr, de).

Driven entirely by a :class:`~claims.detection.languages.base.LanguageRules`: one compiled
regex per language finds, left to right, either a thing that is not a figure (a date, a time, a
phone number, an ordinal: consumed and skipped) or the head of a figure (digits grouped and
decimal-marked as the language writes them, or number words), then small anchored regexes read
the scale word, unit or currency, hedge, range and counted noun around it. Every step looks at a
bounded window, so the scan is linear in the length of the text. English keeps its own, longer
tuned grammar in :mod:`claims.detection.figures`; both return the same
:class:`~claims.detection.model.DetectedFigure`.

This module reads a figure from its head (:func:`_figure_at`) and scans a text
(:func:`detect_with_rules`); each language's compiled regexes are built in
:mod:`.engine_patterns`, its counted nouns read in :mod:`.engine_nouns`, and the numbers that
are not figures recognised in :mod:`.engine_exclusions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Final

from .engine_exclusions import (
    _CHINESE_SCALE_FIRST,
    _hedge_before,
    _lone_chinese_numeral,
    _not_a_figure,
    _reference,
    _word_before,
)
from .engine_nouns import _chinese_counted, _chinese_noun, _counted, _measured
from .engine_patterns import _CURRENCY_SIGNS, _Compiled, _compiled, _Head, _lookup, _read_unit
from .found import _bounded, _Found, _inherit_counted, detected
from .languages.base import LanguageRules, compose_number_words
from .model import DetectedFigure, Qualifier
from .numerals import ascii_digits, clean_decimal, parse_digits, representable, scale


def _chinese_value(written: str, rules: LanguageRules) -> Decimal | None:
    """一百二十万 -> 1200000; 两千 -> 2000; 三十 -> 30 (digits of 万/亿 stacks)."""
    if "点" in written or "點" in written:
        whole, _, fraction = written.replace("點", "点").partition("点")
        integer = _chinese_value(whole, rules)
        digits = [rules.number_words.get(ch) for ch in fraction]
        if integer is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return integer + Decimal("0." + "".join(str(d) for d in digits))
    total = Decimal(0)
    section = Decimal(0)
    number = Decimal(0)
    seen = False
    previous_digit = False
    after_scale = False
    for ch in written:
        value = rules.number_words.get(ch)
        if value == 0 and after_scale:
            continue  # 一万零八百七十, 一百〇五: 零 holds an empty place, it is no digit
        after_scale = value is not None and value >= 10
        digit = rules.number_words.get(ch, 99) < 10
        if digit and previous_digit:
            return None  # "十四五", "四五": a name or a list, not one number
        previous_digit = digit
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
            if not section and not total:
                section = Decimal(1)  # "万人", "近万": a leading scale is one of it
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
    trailing = Decimal(0)
    tokens = [t for t in re.split(r"[\s\u00a0\u202f-]+", written) if t]
    if rules.compound_number_words:
        tokens = [piece for token in tokens for piece in _split_compound(token, rules)]
    for token in tokens:
        low = token.lower()
        if low in rules.scale_fractions:  # "medio millón", "un demi-million"
            fraction = Decimal(str(rules.scale_fractions[low]))
            if values and values[-1] >= 1000:  # "millón y medio", "deux millions et demi"
                trailing += fraction * values[-1]
                continue
            multiplier = fraction
            if values == [1]:
                values = []
            continue
        if low in rules.number_joiners:
            continue
        value = _lookup(rules.number_words, token)
        if value is None:
            return None
        if value == 20 and low in ("vingt", "vingts") and values and values[-1] == 4:
            values[-1] = 80  # "quatre-vingts", "quatre-vingt-dix"
            continue
        if value == 12 and low == "dutzend":  # "ein Dutzend", "zwei Dutzend"
            values = [12 * (values.pop() if values else 1)]
            continue
        values.append(int(value))
    composed = compose_number_words(values)
    return None if composed is None else clean_decimal(multiplier * composed + trailing)


def _split_compound(token: str, rules: LanguageRules) -> list[str]:
    """ "dreihundertzwanzig" -> ["drei", "hundert", "zwanzig"] (longest pieces first)."""
    pieces = sorted([*rules.number_words, *rules.number_joiners], key=len, reverse=True)
    low = token.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        for piece in pieces:
            if low.startswith(piece, i):
                out.append(piece)
                i += len(piece)
                break
        else:
            return [token]
    return out


#: After "und mehr", "o más": a comparison word makes them the next figure's hedge.
_COMPARISON_NEXT: Final = re.compile(r"[ \u00a0\u202f]+(?:als|que|de|d['’])(?![^\W\d_])", re.I)
#: A one-letter scale glued to the currency sign after it ("19,8 G$", "50 k$"), case kept.
_SCALE_BEFORE_SIGN: Final = re.compile(r"[ \u00a0\u202f]?([A-Za-z])(?=[$€£])")
_FIRST_TOKEN: Final = re.compile(r"([^\s\u00a0\u202f-]+)[\s\u00a0\u202f]+")


_TOKEN: Final = re.compile(r"[^\s\u00a0\u202f-]+")


def _composing_words(words: str, rules: LanguageRules) -> int:
    """How many characters of ``words`` make one number: up to a joiner between two number
    words that never compose ("entre cuatro y cinco días" is four, then five, not nine;
    "treinta y cinco", "soixante et onze", "mil y una" compose). ``len(words)`` when all do."""
    tokens = list(_TOKEN.finditer(words))
    for i in range(1, len(tokens) - 1):
        if tokens[i].group().lower() not in rules.number_joiners:
            continue
        before = _lookup(rules.number_words, tokens[i - 1].group())
        after = _lookup(rules.number_words, tokens[i + 1].group())
        if before is None or after is None:
            continue  # "millón y medio"
        a, b = int(before), int(after)
        tens_then_unit = 20 <= a < 100 and a % 10 == 0 and 1 <= b <= 19
        unit_then_tens = 1 <= a <= 9 and 20 <= b < 100 and b % 10 == 0  # "vier und zwanzig"
        if not (a >= 100 or tens_then_unit or unit_then_tens):
            return tokens[i - 1].end()
    return len(words)


def _article_before_number(words: str, rules: LanguageRules) -> int:
    """How many characters of ``words`` are an article before the number: "crecieron un
    nueve por ciento" is 9, not 1 + 9 ("un", "une", "ein" then a number word below a hundred,
    which they never count; "un millón", "eine Million" keep theirs). 0 when there is none."""
    fm = _FIRST_TOKEN.match(words)
    if fm is None or rules.unspaced or _lookup(rules.number_words, fm.group(1)) != 1:
        return 0
    rest = words[fm.end() :]
    nm = re.match(r"[^\s\u00a0\u202f-]+", rest)
    if nm is None:
        return 0
    if nm.group().lower() in _ARTICLE_COUNTS:
        return 0
    following = _lookup(rules.number_words, nm.group())
    return fm.end() if following is not None and 1 < following < 100 else 0


#: Number words that are nouns an article counts ("ein Dutzend" is 12, the article its one).
_ARTICLE_COUNTS: Final = frozenset({"dutzend"})


def _read_head(m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled) -> _Head | None:
    groups = m.groupdict()
    unit = ""
    if groups.get("digits") is not None:
        digits = m.group("digits")
        value = parse_digits(digits, rules.decimal_mark)
        if value is None:
            return None
        if groups.get("sign") and groups["sign"] != "+":
            value = -value
        start = m.start("sign") if groups.get("sign") else m.start()
        if groups.get("cur"):
            written = m.group("cur")  # the scanner ignores case: "us$" too
            unit = _CURRENCY_SIGNS.get(written) or _CURRENCY_SIGNS.get(written.upper(), "USD")
        end = m.end("digits")
        year_like = digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2099
        is_digits = True
    else:
        words = m.group("words")
        start, end = m.start("words"), m.end("words")
        skip = _article_before_number(words, rules)
        if skip:
            words, start = words[skip:], start + skip
        kept = _composing_words(words, rules)
        if kept < len(words):
            words, end = words[:kept], start + kept
        parsed = _words_value(words, rules)
        if parsed is None:
            return None
        value = parsed
        year_like = False
        is_digits = False
    factor = 1
    # "100多万": a hedge between the digits and the scale word
    inner_hedge = None
    if rules.unspaced:
        hm = c.hedge_after.match(text, end)
        if hm is not None and hm.group("hedge") in _INNER_HEDGES and c.scale.match(text, hm.end()):
            inner_hedge = hm.group("hedge")
            end = hm.end()
    sm = c.scale.match(text, end)
    if sm is None and rules.scales_before_sign:
        gm = _SCALE_BEFORE_SIGN.match(text, end)
        if gm is not None and gm.group(1) in rules.scales_before_sign:
            factor = rules.scales_before_sign[gm.group(1)]  # "19,8 G$": 19.8 billion dollars
            value, end = scale(value, factor), gm.end(1)
    # Han numerals take their scale characters in (一百二十万); after 多/余 ("三千多万") the
    # scale stands apart and is read here, as after digits.
    if sm is not None and not (is_digits is False and rules.unspaced and not inner_hedge):
        for part in c.scale_part.findall(sm.group("scale")):
            found = _lookup(rules.scales, part)
            if found is not None:
                factor *= int(found)
        end = sm.end()
        value = scale(value, factor)
        if rules.unspaced and is_digits and factor >= 10**4:
            value, end = _smaller_scale_after(text, end, value, factor, rules, c)
    if representable(value) is None:
        return None
    head = _Head(start, end, value, unit, factor, is_digits and factor == 1 and not unit, year_like)
    if inner_hedge:
        head.unit = "__more__"  # read back by _figure_at
    return head


#: "100多万", "1,800餘億元", "三千多万": a hedge between the number and its scale word.
_INNER_HEDGES: Final = frozenset({"多", "余", "餘"})
_TAIL_DIGITS: Final = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+")
_DURATIONS: Final = frozenset({"year", "month", "week", "day", "hour"})
#: What, after the digits that follow a scale word, makes them a number of their own.
_TAIL_GOES_ON: Final = re.compile(r"[.．][0-9]|[%％‰年月日号號A-Za-z]")


def _smaller_scale_after(
    text: str, end: int, value: Decimal, factor: int, rules: LanguageRules, c: _Compiled
) -> tuple[Decimal, int]:
    """1萬2千 = 12,000 and 1亿2000万 = 120,000,000: digits of a smaller scale right after a
    larger one are part of the same number; so are two or more digits with no scale word
    below it (13萬5,571 = 135,571, 12万500 = 120,500), unless a decimal, a percent sign, a
    date or a name goes on from them (3万2019年, 10万5G)."""
    dm = _TAIL_DIGITS.match(text, end)
    sm = c.scale.match(text, dm.end()) if dm is not None else None
    if dm is not None and sm is None:
        tail = Decimal(dm.group().replace(",", ""))
        if 10 <= tail < factor and not _TAIL_GOES_ON.match(text, dm.end()):
            return value + tail, dm.end()
        return value, end
    if dm is None or sm is None:
        return value, end
    tail_factor = 1
    for part in c.scale_part.findall(sm.group("scale")):
        found = _lookup(rules.scales, part)
        if found is not None:
            tail_factor *= int(found)
    tail = scale(Decimal(dm.group().replace(",", "")), tail_factor)
    if tail_factor >= factor or tail >= factor:
        return value, end  # "2万3万" is two numbers
    return value + tail, sm.end()


def _cheng_digit(
    text: str, end: int, value: Decimal, rules: LanguageRules, c: _Compiled
) -> tuple[Decimal, int]:
    """三成五 is 35%: one Han digit after 成 is a further tenth of it (hundredths), unless it
    begins another number or counts something (三成五人)."""
    digit = rules.number_words.get(text[end : end + 1], 99)
    following = text[end + 1 : end + 2]
    if not 1 <= digit <= 9 or (
        following
        and (
            following in rules.number_words
            or following in rules.counters
            or following in "人户戶"
            or c.unit.match(text, end + 1) is not None
        )
    ):
        return value, end
    return value + digit, end + 1


def _tenths_then_wei(unit_word: str, next_char: str, head: _Head) -> bool:
    """近九成为创新药 is 近九成 + 为 ("nearly 90% are innovative drugs"), not 近九 + 成为
    ("become"): a bare digit 2-9 has no counter before 成为, so there 成 is tenths."""
    return (
        unit_word == "成"
        and next_char in "为為"
        and head.factor == 1
        and head.value == head.value.to_integral_value()
        and 2 <= head.value <= 9
    )


_CLAUSE_END: Final = re.compile(r"[，。；;,!?！？：:\n]")


def _temperature_clause(text: str, start: int, rules: LanguageRules) -> bool:
    """Does a temperature word ("气温") stand in the clause before ``start``, with no word of
    electricity (电) after it?"""
    before = text[max(0, start - 20) : start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    clause = before[cut:]
    at = max((clause.rfind(w) for w in rules.temperature_words), default=-1)
    return at >= 0 and "电" not in clause[at:] and "電" not in clause[at:]


def _prefix(text: str, start: int, words: Iterable[str]) -> str | None:
    """The longest of ``words`` written right before ``start``."""
    best: str | None = None
    for word in words:
        if text.endswith(word, max(0, start - len(word)), start) and (
            best is None or len(word) > len(best)
        ):
            best = word
    return best


def _vague_at(
    m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled
) -> tuple[_Found | None, int] | None:
    """ "数百间房屋", "數千名", "数十万": several of a scale, 2X to 10X - 1."""
    written = m.groupdict().get("words")
    if not written or not rules.vague_prefixes:
        return None
    start = m.start("words")
    if start == 0 or text[start - 1] not in rules.vague_prefixes:
        return None
    if written[0] not in _CHINESE_SCALE_FIRST and written[0] not in "十拾":
        return None
    base = _chinese_value(written, rules)
    if base is None or base < 10:
        return None
    end = m.end("words")
    unit, end = _read_unit(text, end, rules, c)
    counted = "" if unit else _counted(text, end, rules, c)
    found = _Found(start - 1, end, None, 2 * base, 10 * base - 1, Qualifier.VAGUE, unit, counted)
    return found, end


def _vague_word(
    m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled
) -> tuple[_Found | None, int]:
    """ "Miles de voluntarios", "des centaines de policiers", "une vingtaine", "Zehntausende"."""
    written = re.sub(r"[ \t\u00a0\u202f]+", " ", m.group("vague")).lower()
    start, end = m.start("vague"), m.end("vague")
    factor, end = _scale_noun_after(text, end, rules)
    unit, end = _read_unit(text, end, rules, c)
    counted = "" if unit else _counted(text, end, rules, c)
    approx = _lookup(rules.approx_words, written)
    if approx is not None:
        value = Decimal(approx * factor)
        return _Found(start, end, value, None, None, Qualifier.APPROX, unit, counted), end
    bounds = _lookup(rules.vague_words, written)
    if bounds is None:
        return None, end
    low, high = bounds
    low, high = low * factor, high * factor
    found = _Found(start, end, None, Decimal(low), Decimal(high), Qualifier.VAGUE, unit, counted)
    return found, end


@cache
def _scale_noun_pattern(rules: LanguageRules) -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(rules.scale_nouns, key=len, reverse=True))
    return re.compile(rf"[ \u00a0\u202f]+(?:de[ \u00a0\u202f]+|d['’])(?P<noun>{nouns})(?!\w)", re.I)


def _scale_noun_after(text: str, end: int, rules: LanguageRules) -> tuple[int, int]:
    """The factor of a scale noun after a vague number ("une vingtaine de milliers") and
    where it ends; 1 and ``end`` when none follows."""
    if not rules.scale_nouns:
        return 1, end
    sm = _scale_noun_pattern(rules).match(text, end)
    if sm is None:
        return 1, end
    return rules.scale_nouns[sm.group("noun").lower()], sm.end()


def _figure_at(
    m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled
) -> tuple[_Found | None, int]:
    vague = _vague_at(m, text, rules, c)
    if vague is not None:
        return vague
    if m.groupdict().get("vague") is not None:
        return _vague_word(m, text, rules, c)
    head = _read_head(m, text, rules, c)
    if head is None:
        return None, m.end()
    resume = head.end
    inner_more = head.unit == "__more__"
    if inner_more:
        head.unit = ""
    if head.bare and _not_a_figure(text, head, rules):
        return None, resume
    if (
        not rules.unspaced
        and m.groupdict().get("words") is not None
        and head.factor == 1
        and head.value <= 1
        and not re.search(r"[\s-]", m.group("words"))
    ):
        return None, resume  # "un", "una", "ein": an article far more often than a figure
    if not rules.unspaced and _reference(text, head, rules):
        return None, resume
    percent_prefix = _prefix(text, head.start, rules.percent_prefixes)
    if (
        rules.unspaced
        and not head.bare
        and percent_prefix is None
        and _lone_chinese_numeral(m, text, head, rules, c)
    ):
        return None, resume
    start = head.start
    end = head.end
    unit = head.unit
    value: Decimal = head.value
    # Written before the number: a currency ("人民币"), a sign word ("负", "零下"), "百分之",
    # "每小时" (a speed); each is part of the surface.
    currency_prefix = _prefix(text, start, rules.currency_prefixes)
    if currency_prefix is not None and not unit:
        unit = rules.currency_prefixes[currency_prefix]
        start -= len(currency_prefix)
    negative = _prefix(text, start, rules.negative_prefixes)
    if negative is not None and value > 0:
        value = -value
        start -= len(negative)
    if percent_prefix is not None:
        unit = "percent"
        start -= len(percent_prefix)
    speed = _prefix(text, start, rules.speed_prefixes)
    if not unit or unit in _CURRENCY_SIGNS.values():
        new_unit, new_end = _read_unit(text, end, rules, c)
        next_char = text[new_end : new_end + 1]
        if (
            next_char
            and next_char in rules.unit_not_before.get(text[end:new_end], "")
            and not _tenths_then_wei(text[end:new_end], next_char, head)
        ):
            new_unit = ""  # 成员, 成本: the unit's character begins a word (成 is tenths)
        if new_unit and (not unit or new_unit == unit):
            unit, end = new_unit, new_end
        elif currency_prefix is not None and new_unit and new_unit in _CURRENCY_SIGNS.values():
            end = new_end  # "新臺幣2.16兆元": 元 after a named currency is that currency
    if unit == "kWh" and rules.temperature_words and text[end - 1 : end] == "度":
        temperature = _prefix(text, start, rules.temperature_prefixes)
        if temperature is not None:
            unit, start = "degC", start - len(temperature)
        elif negative is not None or _temperature_clause(text, start, rules):
            unit = "degC"  # "零下5度", "气温升至38度": a temperature, not kilowatt-hours
    factor_word = text[head.end : end].strip(" \u00a0").lower()
    if factor_word in rules.unit_factors:
        value = clean_decimal(value * Decimal(str(rules.unit_factors[factor_word])))
        if rules.unspaced and factor_word == "成":
            value, end = _cheng_digit(text, end, value, rules, c)
    if unit in _DURATIONS and rules.ago_after and text.startswith(rules.ago_after, end):
        return None, end  # "十年前": a decade ago, a time reference
    if speed is not None and unit == "km":
        unit, start = "km/h", start - len(speed)
    lower: Decimal | None = None
    upper: Decimal | None = None
    result_value: Decimal | None = value
    qualifier = Qualifier.MORE_THAN if inner_more else Qualifier.EXACT
    if inner_more:
        lower = value
    hedge = _hedge_before(text, start, rules, c)
    counter_end = end
    if rules.unspaced and c.counter is not None and not unit and c.counter.match(text, end):
        counter_end = end + 1  # 个, 条, 名: outside the surface unless a hedge follows
    # a bare year (no unit, scale or hedge) is a date
    if (
        head.year_like
        and head.bare
        and not unit
        and hedge is None
        and counter_end == end
        and not any(text.startswith(w, end) for w in rules.counted_after)
    ):
        return None, end
    # ranges
    pair = next((p for p in rules.range_pairs if hedge and hedge[1] == p[0]), None)
    jm = c.range_join.match(text, end)
    if jm is not None:
        joiner = (jm.group("join") or jm.group("word") or "").lower()
        allowed = (
            jm.group("join") is not None
            or (pair is not None and joiner == pair[1])
            or (hedge is None and joiner in rules.open_range_joiners)
        )
        if allowed:
            sm = c.second.match(text, jm.end())
            second = _read_head(sm, text, rules, c) if sm is not None else None
            if second is not None and second.unit == "__more__":
                second = None
            if second is not None:
                second_unit, second_end = _read_unit(text, second.end, rules, c)
                second_unit = second.unit or second_unit
                first_value = value
                if head.factor == 1 and second.factor != 1 and value < second.value / second.factor:
                    first_value = scale(value, second.factor)  # "3至5万", "entre 2 y 3 millones"
                if head.year_like and second.year_like:
                    return None, second_end
                if first_value < second.value and (
                    not unit or not second_unit or unit == second_unit
                ):
                    qualifier = Qualifier.RANGE
                    result_value, lower, upper = None, first_value, second.value
                    unit = second_unit or unit
                    end = second_end if second_unit else second.end
                    counter_end = end
                    if hedge is not None and (pair is not None or rules.unspaced):
                        start = hedge[0]  # "entre 2 y 3", "约2万至2.3万": the hedge inside
                    hedge = None
                    if _word_before(text, start) in _AGE_SPAN_WORDS:
                        return None, end  # "im Alter zwischen 25 und 61 Jahren"
                elif jm.group("join") is not None and not rules.unspaced:
                    return None, second.end  # a score ("3-1")
    if qualifier is not Qualifier.RANGE:
        if hedge is not None and hedge[1] not in {p[0] for p in rules.range_pairs}:
            qualifier = Qualifier(rules.hedges_before[hedge[1]])
            start = hedge[0]
            lower, upper = _bounded(qualifier, value)
        if rules.unspaced and counter_end == end:
            for person in rules.counted_after:
                if text.startswith(person, end) and c.hedge_after.match(text, end + len(person)):
                    counter_end = end + len(person)  # "2人以上": 人 inside the surface
                    break
        am = c.hedge_after.match(text, counter_end)
        if am is not None and not rules.unspaced and _COMPARISON_NEXT.match(text, am.end()):
            am = None  # "4,8 Mio. Euro und mehr als 1.200 Server": the next figure's hedge
        if am is not None:
            after = _lookup(rules.hedges_after, am.group("hedge"))
            if after is not None:
                qualifier = Qualifier(str(after))
                lower, upper = _bounded(qualifier, value)
                end = counter_end = am.end()  # "3个左右", "2人以上": the counter inside
                if not unit:  # "约30%左右" reads the unit before the hedge; "10万余元" after it
                    unit, end = _read_unit(text, end, rules, c)
                    end = counter_end = max(end, am.end())
    # money, percentages, durations and measures count nothing; a bare number its noun
    counted = "" if unit else _counted(text, end, rules, c)
    if head.year_like and head.bare and not unit and not counted and not rules.unspaced:
        return None, end  # "weniger als 2022": a year compared, not a count
    if unit and not rules.unspaced and unit not in _COUNTS_NOTHING:
        counted = _measured(text, end, unit, rules, c)
    if not unit and rules.unspaced:
        counted = _chinese_counted(text, start, end, counted, rules, c)
    elif rules.unspaced and unit not in _COUNTS_NOTHING:
        # "逾300吨危险废物", "不足2平方公里的区域", "1.2万亿元超长期特别国债"
        pos = (
            end + 1 if text.startswith("的", end) and unit not in _CURRENCY_SIGNS.values() else end
        )
        following = c.word.match(text, pos)
        counted = _chinese_noun(following.group("word"), rules) if following else ""
    return _Found(start, end, result_value, lower, upper, qualifier, unit, counted), end


_AGE_SPAN_WORDS: Final = frozenset({"alter", "âgés", "âgées", "edades", "aged", "ages"})
_COUNTS_NOTHING: Final[frozenset[str]] = frozenset(
    {"percent", "percentage_point", "year", "month", "week", "day", "hour", "degC", "degF"}
)


def detect_with_rules(text: str, rules: LanguageRules) -> list[DetectedFigure]:
    """Every figure in ``text`` read with ``rules``; offsets are code points into ``text``."""
    scanned = ascii_digits(text)
    if rules.unspaced:
        scanned = scanned.replace("．", ".")  # full-width decimal point, one for one
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
    return detected(text, found)
