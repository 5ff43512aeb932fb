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
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Final, TypeVar

from .figures import (
    DetectedFigure,
    Qualifier,
    _bounded,
    _Found,
    _inherit_counted,
    detected,
)
from .languages.base import LanguageRules, compose_number_words
from .lexicon import CURRENCY_PREFIXES, alternation_trie
from .numerals import ascii_digits, clean_decimal, parse_digits, representable, scale
from .units import ATTACHED_SYMBOL, SYMBOLS

_T = TypeVar("_T")
_SP = r"[ \t\u00a0\u202f]"
_LETTER = r"[^\W\d_]"
_CURRENCY_SIGNS: Final[dict[str, str]] = {
    k: v for k, v in CURRENCY_PREFIXES.items() if not k.isalpha() and k not in ("Rs.",)
} | {"￥": "CNY", "US$": "USD"}


def _alternation(words: object, *, spaced: bool = True, fold: bool = True) -> str:
    """A trie-shaped regex of ``words`` (each character tested once rather than each word in
    turn), spaces matching any run of spaces when ``spaced``. ``fold`` lower-cases the words
    first, for the case-insensitive patterns (else "M" and "milliard" would be two branches and
    the first would win)."""
    items = {str(w).lower() if fold else str(w) for w in words}  # type: ignore[attr-defined]
    if not items:
        return "(?!)"
    pattern = alternation_trie(items)
    return pattern.replace(r"\ ", rf"{_SP}+") if spaced else pattern


@cache
def _ending(words: tuple[str, ...]) -> re.Pattern[str]:
    """ "(one of) ``words`` then spaces, at the end": for the look-backs over a few characters."""
    return re.compile(
        rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})[ \u00a0]+$", re.IGNORECASE
    )


@dataclass(frozen=True)
class _Compiled:
    master: re.Pattern[str]
    scale: re.Pattern[str]
    scale_part: re.Pattern[str]
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
    # Chinese has no spaces: only Latin letters glue to a number ("C919", "5G").
    boundary = r"(?<![A-Za-z])" if r.unspaced else rf"(?<!{_LETTER})"
    no_letter = "" if r.unspaced else rf"(?!{_LETTER})"
    digits = (
        rf"(?:[0-9]{{1,3}}(?:[{groups}][0-9]{{3}})+(?![0-9])|[0-9]+)"
        rf"(?:{dec}[0-9]+(?![0-9]))?"
        if groups
        else rf"[0-9]+(?:{dec}[0-9]+)?"
    ) + (r"(?![A-Za-z])" if r.unspaced else rf"(?![0-9])(?:(?!{_LETTER})|{ATTACHED_SYMBOL})")
    # Not part of a longer token: "A320", "COVID-19", "1.4" seen from its "4".
    before = rf"(?<![0-9_.,/\\:@#=&?%$£€¥₹−-]){boundary}"
    signs = _alternation(_CURRENCY_SIGNS, spaced=False)
    numeral = (
        rf"(?P<sign>(?<![{'0-9A-Za-z' if r.unspaced else chr(92) + 'w'}.,-])[-−+](?=[0-9]))?"
        rf"(?:(?P<cur>{signs}){_SP}?)?(?P<digits>{digits})"
    )
    words_alt = _alternation(r.number_words)
    fractions = _alternation(r.scale_fractions)
    joiners = _alternation(r.number_joiners) if r.number_joiners else "(?!)"
    if r.unspaced:
        han = "".join(r.number_words)
        number_word = rf"(?P<words>[{han}](?:[{han}]|[点點](?=[{han}]))*)"
    else:
        pieces = _alternation([*r.number_words, *r.number_joiners])
        one = (
            rf"(?:{words_alt})(?:{pieces})*(?!{_LETTER})"
            if r.compound_number_words
            else rf"(?:{words_alt})(?!{_LETTER})"
        )
        part = rf"(?:{words_alt}|{fractions})(?!{_LETTER})" if r.scale_fractions else one
        number_word = (
            rf"(?P<words>(?:(?:{fractions})[{_SP[1:-1]}-]+)?{one}"
            rf"(?:(?:{_SP}+(?:(?:{joiners}){_SP}+)?|-){part})*)"
        )
    traps = "|".join(
        [
            *r.traps,
            # numeric dates and times: 28/05/2023, 28.05.2023, 2023-05-28, 10:30, 10.30 Uhr
            r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
            r"[0-9]{1,4}[/.][0-9]{1,2}[/.][0-9]{1,4}(?![0-9])",
            r"[0-9]{1,2}[:h][0-9]{2}(?![0-9])",
            r"[0-9]+:[0-9]+",  # scores and ratios: 2:0, 3:1
            r"[0-9]+/[0-9]+",
            r"\+[0-9][0-9 ().-]{6,}[0-9]",
        ]
    )
    vague_words = [*r.vague_words, *r.approx_words]
    vague = (
        rf"|(?<!{_LETTER})(?P<vague>{_alternation(vague_words)})(?!{_LETTER})"
        if vague_words
        else ""
    )
    master = re.compile(
        rf"(?=[0-9+])(?:{before})(?P<trap>{traps})"
        rf"|(?=[-−+0-9{re.escape(''.join(_CURRENCY_SIGNS))}]){before}{numeral}"
        rf"{vague}"
        rf"|{'' if r.unspaced else rf'(?<!{_LETTER})'}{number_word}",
        re.IGNORECASE,
    )
    scales = _alternation(r.scales)
    scale_re = re.compile(
        (r"(?P<scale>" if r.unspaced else rf"{_SP}*(?P<scale>")
        + rf"(?:(?:{scales}){f'(?![{r.scale_not_before}])' if r.scale_not_before else ''})+)"
        + no_letter,
        re.IGNORECASE if not r.unspaced else 0,
    )
    currency = _alternation(r.currency_words)
    units = _alternation(r.unit_words)
    symbols = _alternation([s for s in SYMBOLS if len(s) > 1 or s in "%℃"], fold=False)
    links = _alternation(r.unit_links)
    unit_re = re.compile(
        rf"(?P<pct>{_SP}?[%％])"
        rf"|{_SP}*(?:(?:{links}){_SP}*)?(?P<cur>{currency}){no_letter}"
        rf"|(?:{_SP}*(?:(?:{links}){_SP}*)?|-)(?P<unit>{units}){no_letter}"
        rf"|{_SP}?(?-i:(?P<sym>{symbols}))(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    hedge_after = re.compile(
        rf"{'' if r.unspaced else _SP + '*'}(?P<hedge>{_alternation(r.hedges_after)})"
        + ("" if r.unspaced else rf"(?!{_LETTER})"),
        re.IGNORECASE,
    )
    articles = rf"(?:{_SP}+(?:{_alternation(r.hedge_articles)}))?" if r.hedge_articles else ""
    hedge_before = re.compile(
        ("" if r.unspaced else rf"(?<!{_LETTER})")
        + rf"(?P<hedge>{_alternation(r.hedges_before)}){articles}"
        + ("$" if r.unspaced else rf"(?:{_SP}+|(?<=['’]))$"),
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
        word = re.compile(r"(?P<word>[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9]{1,12})")
    else:
        word = re.compile(rf"{_SP}+(?P<word>{_LETTER}(?:[\w’'-]*{_LETTER})?)")
    counter = re.compile(rf"[{re.escape(r.counters)}]") if r.counters else None
    return _Compiled(
        master=master,
        scale=scale_re,
        scale_part=re.compile(scales, re.IGNORECASE),
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


def _lookup(table: Mapping[str, _T], written: str) -> _T | None:
    """``table[written]`` ignoring case and runs of spaces ("Mio." / "mio.")."""
    key = re.sub(r"\s+", " ", written).lower()
    for candidate in (written, key, key.rstrip(".")):
        if candidate in table:
            return table[candidate]
    for k, v in table.items():
        if k.lower() == key:
            return v
    return None


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
    for ch in written:
        digit = rules.number_words.get(ch, 99) < 10
        if digit and previous_digit:
            return None  # "十四五", "四五": a name or a list, not one number
        previous_digit = digit
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
    tokens = [t for t in re.split(r"[\s\u00a0\u202f-]+", written) if t]
    if rules.compound_number_words:
        tokens = [piece for token in tokens for piece in _split_compound(token, rules)]
    for token in tokens:
        low = token.lower()
        if low in rules.scale_fractions:  # "medio millón", "un demi-million"
            multiplier = Decimal(str(rules.scale_fractions[low]))
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
        values.append(int(value))  # type: ignore[call-overload]
    composed = compose_number_words(values)
    return None if composed is None else clean_decimal(multiplier * composed)


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
        for part in c.scale_part.findall(sm.group("scale")):
            found = _lookup(rules.scales, part)
            if found is not None:
                factor *= int(found)  # type: ignore[call-overload]
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


_TAIL_DIGITS: Final = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+")
_DURATIONS: Final = frozenset({"year", "month", "week", "day", "hour"})


def _smaller_scale_after(
    text: str, end: int, value: Decimal, factor: int, rules: LanguageRules, c: _Compiled
) -> tuple[Decimal, int]:
    """1萬2千 = 12,000 and 1亿2000万 = 120,000,000: digits of a smaller scale right after a
    larger one are part of the same number."""
    dm = _TAIL_DIGITS.match(text, end)
    sm = c.scale.match(text, dm.end()) if dm is not None else None
    if dm is None or sm is None:
        return value, end
    tail_factor = 1
    for part in c.scale_part.findall(sm.group("scale")):
        found = _lookup(rules.scales, part)
        if found is not None:
            tail_factor *= int(found)  # type: ignore[call-overload]
    tail = scale(Decimal(dm.group().replace(",", "")), tail_factor)
    if tail_factor >= factor or tail >= factor:
        return value, end  # "2万3万" is two numbers
    return value + tail, sm.end()


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
    if not rules.unspaced and not (
        text[start - 1 : start].isspace() or text[start - 1 : start] in ("'", "’")
    ):
        return None
    hm = c.hedge_before.search(text, max(0, start - 30), start)
    if hm is None:
        return None
    hedge = re.sub(r"[ \t\u00a0\u202f]+", " ", hm.group("hedge").lower())
    if hedge.startswith("hasta") and (
        _word_before(text, hm.start()).endswith("ó")
        or text[max(0, hm.start() - 2) : hm.start()].rstrip().endswith(",")
    ):
        return None  # "bajó hasta los 2.739.110": where a change arrived, not a bound
    return hm.start(), hedge


def _word_before(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start].rstrip(" \t\u00a0\u202f")
    if not before or not (before[-1].isalpha() or before[-1] in ".º°§"):
        return before[-1:] if before[-1:] in ("§", "#") else ""
    word = before.split()[-1].lower()
    return word[2:] if word[:2] in ("l'", "l’", "d'", "d’") else word


_POPULATION_AFTER: Final = re.compile(r"[ \u00a0]+(?:habitants|naissances|élèves|adultes)\b")


def _not_a_figure(text: str, head: _Head, rules: LanguageRules) -> bool:
    """Identifiers ("Artículo 19", "Calle Mayor 12"), emergency numbers ("llamar al 112"),
    ages in apposition ("Juan Pérez, de 45 años,")."""
    written = text[head.start : head.end]
    if rules.unspaced:
        before = text[max(0, head.start - 6) : head.start]
        if before.endswith(("第", "双", "雙")):
            return True  # ordinals, "双11"
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
        words = text[max(0, head.start - 40) : head.start].lower().split()[-5:]
        if any(w.strip(".,") in rules.emergency_words for w in words):
            return True
        following = text[head.end : head.end + 30].lower().split()[:2]
        if any(w.strip(".,") in rules.emergency_words for w in following):
            return True
    recent = text[max(0, head.start - 20) : head.start].lower()
    if (
        rules.denominator_words
        and _ending(rules.denominator_words).search(recent)
        and (rules.code != "fr" or _POPULATION_AFTER.match(text, head.end))
    ):
        return True  # "por cada 100.000 habitantes": a rate's denominator
    if head.bare and len(written) <= 3 and written.isdigit():
        before = text[max(0, head.start - 40) : head.start]
        after_age = text[head.end : head.end + 8].lstrip(" \u00a0").split(" ")[0].strip(",.;)")
        if after_age.lower() in rules.age_words and (
            re.search(r",[ \u00a0]+de[ \u00a0]+$", before)
            or (
                re.search(r"(?:^|[ \u00a0])(\w+)[ \u00a0]+de[ \u00a0]+$", before)
                and re.search(r"(\w+)[ \u00a0]+de[ \u00a0]+$", before).group(1).lower()  # type: ignore[union-attr]
                in rules.person_nouns
            )
        ):
            return True  # "el delantero, de 24 años,", "una mujer de 83 años"
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
# A noun written after a number ends where a verb starts ("居民受伤", "村民连夜撤离").
_VERB_STARTS: Final = frozenset(
    "受被遭进進到赶趕参參登支按一检檢撤执執举舉连連死获獲发發在已将將于於为為是有等从從向对對通经經因由遇均全共也都"
)
_NOT_A_NOUN_START: Final = frozenset("因被在将將已于於从從向对對为為是有等也都均")


def _chinese_noun(run: str, rules: LanguageRules) -> str:
    cut = len(run)
    for i, ch in enumerate(run):
        if ch in rules.counted_stop or (i >= 2 and ch in _VERB_STARTS):
            cut = i
            break
    noun = run[:cut]
    if noun in ("之间", "之間", "左右", "以上", "以内", "以內"):
        return ""
    if not noun or noun[0] in _NOT_A_NOUN_START or (len(noun) < 2 and noun not in "人户戶"):
        return ""
    return noun.lower()


def _lone_chinese_numeral(
    m: re.Match[str], text: str, head: _Head, rules: LanguageRules, c: _Compiled
) -> bool:
    """Han numerals inside ordinary words: 一些, 统一, 万一, 十分, 第三 are not figures. A numeral
    counts when it is not 1 and a counter, scale, unit, currency or hedge comes next (三名,
    三十万, 五个月), or when it is three characters or more (一百二十)."""
    written = m.groupdict().get("words")
    if written is None:
        return False
    if text[max(0, head.start - 1) : head.start] == "第":
        return True
    if written[0] in _CHINESE_SCALE_FIRST:
        # 千万 is also "by all means" and 万一 "in case": a figure only when hedged and
        # measured or counted ("逾千万元", "近万人")
        following = text[head.end : head.end + 1]
        counted = bool(following) and (following in rules.counters or following in "人户戶")
        measured = counted or c.unit.match(text, head.end) is not None
        return not (measured and _hedge_before(text, head.start, rules, c) is not None)
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
        return _chinese_noun(m.group("word"), rules) if pos > end else ""
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
        if low in _ADJECTIVES_BEFORE and len(taken) == 1:
            continue  # "nuevos contagios", "nouveaux logements"
        noun = True
        break
    if not noun:
        return ""
    if not rules.capitalised_nouns:
        # adjectives after the noun: "turistas internacionales", "gas natural licuado"
        while len(taken) < 4:
            m = c.word.match(text, pos)
            if m is None or not m.group("word").lower().endswith(_ADJECTIVE_ENDINGS):
                break
            if m.group("word").lower() in rules.counted_stop:
                break
            taken.append(m.group("word").lower())
            pos = m.end()
    return " ".join(taken)


_ADJECTIVES_BEFORE: Final = frozenset(
    [
        "nuevos",
        "nuevas",
        "otros",
        "otras",
        "nouveaux",
        "nouvelles",
        "nouveau",
        "autres",
        "grandes",
        "petits",
        "petites",
        "jóvenes",
    ]
)
_ADJECTIVE_ENDINGS: Final = (
    *("al", "ales", "ano", "anos", "ana", "anas", "ico", "icos", "ica", "icas", "ivo"),
    *("ivos", "iva", "ivas", "ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas"),
    *("ero", "eros", "era", "eras", "aux", "ale", "ique", "iques", "ive", "ives", "if"),
    *("ifs", "ais", "aise", "aises", "ains", "aine", "aines", "iers", "ières", "ière"),
    *("és", "ées", "ée", "eño", "eños", "eña", "eñas", "ista", "istas", "ble", "bles"),
    *("ciales", "ciaux", "ires", "ire", "ers", "ois", "oise", "oises", "enses", "ense"),
    *("ales", "iens", "ienne", "iennes", "ien"),
)


_ELIDED: Final = re.compile(rf"{_SP}+(?P<word>[dDlL]['’]{_LETTER}[\w-]*)")


def _starts_upper(text: str, end: int, c: _Compiled) -> bool:
    """Is the first word after ``end`` (past "von", "der") capitalised?"""
    m = c.word.match(text, end)
    return m is not None and m.group("word")[:1].isupper()


def _prefix(text: str, start: int, words: object) -> str | None:
    """The longest of ``words`` written right before ``start``."""
    best: str | None = None
    for word in words:  # type: ignore[attr-defined]
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


_MEASURE_LINK: Final = re.compile(rf"{_SP}+(?:de|d['’]|en|of)(?={_SP}|{_LETTER})", re.IGNORECASE)


def _measured(text: str, end: int, unit: str, rules: LanguageRules, c: _Compiled) -> str:
    """What a measure measures or money is in: "820.000 toneladas de pescado" -> "pescado",
    "16 Tonnen Kokain" -> "kokain", "850 000 euros en liquide" -> "liquide"."""
    is_money = unit in _CURRENCY_SIGNS.values() or (len(unit) == 3 and unit.isupper())
    if is_money and not rules.money_counted:
        return ""
    if rules.capitalised_nouns:
        m = c.word.match(text, end)
        if m is None or not m.group("word")[:1].isupper():
            return ""
        return m.group("word").lower()
    link = _MEASURE_LINK.match(text, end)
    if link is None:
        return ""
    if is_money and link.group().strip().lower() not in ("en", "de", "d'", "d’"):
        return ""
    if link.group().strip().lower() == "en":
        return _counted(text, link.end(), rules, c)  # "850 000 euros en liquide"
    return _counted(text, end, rules, c)


def _reference(text: str, head: _Head, rules: LanguageRules) -> bool:
    """A number that is part of a proportion ("un vol sur cinq"), an address ("12 rue de la
    République"), a compound ("un deux-pièces") or a time reference ("il y a deux ans")."""
    previous = _word_before(text, head.start)
    small = head.value <= 20 and not _PERCENT_AFTER.match(text, head.end)
    if (
        previous
        and small
        and rules.ratio_before
        and _ending(rules.ratio_before).search(text, max(0, head.start - 12), head.start)
    ):
        return True
    following = text[head.end : head.end + 16].split()
    if following and following[0].lower().strip(",.") in rules.street_after:
        return True
    if (
        text[head.end : head.end + 1] == "-"
        and text[head.end + 1 : head.end + 2].isalpha()
        and not _read_unit(text, head.end, rules, _compiled(rules))[0]
    ):
        return True  # "un deux-pièces"; "60-Quadratmeter-Wohnung" is a measure
    return bool(
        rules.ago_before
        and _ending(rules.ago_before).search(text, max(0, head.start - 10), head.start)
        and _DURATION_AFTER.match(text, head.end)
    )


_PERCENT_AFTER: Final = re.compile(r"[ \u00a0]*[%％]")
_DURATION_AFTER: Final = re.compile(
    r"[ \u00a0]+(?:ans?|années?|mois|semaines?|jours?|años?|meses|mes|días?|semanas?"
    r"|jahren?|jahr|monaten?|wochen?|tagen?)\b",
    re.IGNORECASE,
)


def _vague_word(
    m: re.Match[str], text: str, rules: LanguageRules, c: _Compiled
) -> tuple[_Found | None, int]:
    """ "Miles de voluntarios", "des centaines de policiers", "une vingtaine", "Zehntausende"."""
    written = re.sub(r"[ \t\u00a0\u202f]+", " ", m.group("vague")).lower()
    start, end = m.start("vague"), m.end("vague")
    unit, end = _read_unit(text, end, rules, c)
    counted = "" if unit else _counted(text, end, rules, c)
    approx = _lookup(rules.approx_words, written)
    if approx is not None:
        value = Decimal(approx)
        return _Found(start, end, value, None, None, Qualifier.APPROX, unit, counted), end
    bounds = _lookup(rules.vague_words, written)
    if bounds is None:
        return None, end
    low, high = bounds
    found = _Found(start, end, None, Decimal(low), Decimal(high), Qualifier.VAGUE, unit, counted)
    return found, end


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
        if next_char and next_char in rules.unit_not_before.get(text[end:new_end], ""):
            new_unit = ""  # 成员, 成本: the unit's character begins a word (成 is tenths)
        if new_unit and (not unit or new_unit == unit):
            unit, end = new_unit, new_end
        elif currency_prefix is not None and new_unit and new_unit in _CURRENCY_SIGNS.values():
            end = new_end  # "新臺幣2.16兆元": 元 after a named currency is that currency
    factor_word = text[head.end : end].strip(" \u00a0").lower()
    if factor_word in rules.unit_factors:
        value = clean_decimal(value * Decimal(str(rules.unit_factors[factor_word])))
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
        allowed = jm.group("join") is not None or (pair is not None and joiner == pair[1])
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
                    if pair is not None and hedge is not None:
                        start = hedge[0]
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


def _chinese_counted(
    text: str, start: int, end: int, after: str, rules: LanguageRules, c: _Compiled
) -> str:
    """人/人次/户 after the number; else the noun after its counter; else the noun phrase
    written before it in the clause ("关闭账号6.7万个" -> 账号, "倒塌房屋1.5万余间" -> 房屋)."""
    for word in rules.counted_after:
        if text.startswith(word, end):
            following = c.word.match(text, end + len(word))
            noun = _chinese_noun(following.group("word"), rules) if following else ""
            return noun if word in ("户", "戶") and noun else word
    has_counter = c.counter is not None and c.counter.match(text, end) is not None
    if has_counter and after:
        return after
    clause_start = max(0, start - 24)
    clause = text[clause_start:start]
    for mark in "，。；：、！？,;:（）()「」“”":
        clause = clause.rsplit(mark, 1)[-1]
    for cut in rules.noun_before_cut:
        if cut in clause:
            clause = clause.rsplit(cut, 1)[-1]
    clause = clause.strip()
    for measure in (
        *("销量", "銷量", "产量", "產量", "人数", "人數", "数量", "數量", "总额", "總額"),
        *("偏多", "偏少", "较常年", "同比", "增长", "增長", "下降", "上升"),
    ):
        if clause.endswith(measure):
            clause = clause[: -len(measure)]
    if 2 <= len(clause) <= 10 and all("\u3400" <= ch <= "\u9fff" or ch.isalnum() for ch in clause):
        return clause.lower()
    return after if not has_counter else ""


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
