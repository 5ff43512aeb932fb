"""The shared engine's regexes, compiled once per language from its
:class:`~claims.detection.languages.base.LanguageRules`, and the lookups into its tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Final, TypeVar

from .languages.base import LanguageRules
from .lexicon import CURRENCY_PREFIXES, alternation_trie
from .units import ATTACHED_SYMBOL, SYMBOLS

_T = TypeVar("_T")
_SP = r"[ \t\u00a0\u202f]"
_LETTER = r"[^\W\d_]"
_CURRENCY_SIGNS: Final[dict[str, str]] = {
    k: v for k, v in CURRENCY_PREFIXES.items() if not k.isalpha() and k not in ("Rs.",)
} | {"￥": "CNY", "US$": "USD"}


def _alternation(words: Iterable[object], *, spaced: bool = True, fold: bool = True) -> str:
    """A trie-shaped regex of ``words`` (each character tested once rather than each word in
    turn), spaces matching any run of spaces when ``spaced``. ``fold`` lower-cases the words
    first, for the case-insensitive patterns (else "M" and "milliard" would be two branches and
    the first would win)."""
    items = {str(w).lower() if fold else str(w) for w in words}
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
    # "entre el 30 % y el 35 %": the second bound may take its article as the first did
    second_article = rf"(?:(?:{_alternation(r.hedge_articles)}){_SP}+)?" if r.hedge_articles else ""
    # Chinese also joins with an em dash or a full-width hyphen ("3—4万"); in spaced languages
    # an em dash sets off a clause
    dashes = "-|–|~|～|至|到|—|－" if r.unspaced else "-|–|~|～|至|到"
    range_join = re.compile(
        rf"{_SP}*(?P<join>{dashes})(?!{_SP}*[-−]){_SP}*"
        rf"|{_SP}+(?P<word>{pair_joiners}){_SP}+{second_article}",
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


class _Head:
    """A number read at a figure's start (a plain class: see :class:`.found._Found`)."""

    __slots__ = (
        "bare",
        "end",
        "factor",
        "start",
        "unit",
        "value",
        "year_like",
    )

    start: int
    end: int
    value: Decimal
    unit: str
    factor: int
    bare: bool  # plain digits with no scale, unit or currency
    year_like: bool

    def __init__(
        self,
        start: int,
        end: int,
        value: Decimal,
        unit: str,
        factor: int,
        bare: bool,
        year_like: bool,
    ) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.factor = factor
        self.bare = bare
        self.year_like = year_like


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
