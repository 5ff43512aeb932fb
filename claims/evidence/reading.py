"""How a figure is read for matching: its interval by the precision rule, the words, years,
quarters and months of its passage or headers, and how a locator is written for a reader.
Split from claims/evidence/matching.py (which re-exports these names)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TypedDict

from claims.evidence import concepts
from claims.models import Figure


class Locator(TypedDict, total=False):
    """Where a document figure is (EvidenceFigure.locator; claims/evidence/extract.py writes
    it): page and line, and start and end (code points into the document's text), for running
    text; the page or sheet, table, row and column (1-based) and both headers for a table
    cell, with the table's caption and stub head when it has them and a sheet's cell address
    (B3). `first_row` (a sheet's first row holding a value) is the extractor's own, dropped
    before a locator is stored."""

    page: int
    line: int
    start: int
    end: int
    sheet: str
    first_row: int
    table: int
    caption: str
    stub: str
    row: int
    column: int
    row_header: str
    column_header: str
    cell: str


_NUMBER = re.compile(r"\d(?:[\d.,'\s\u00a0\u202f]*\d)?")
_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_PERIOD = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\bQ[1-4]\b|(?:1[89]\d\d|20\d\d)(?=年)", re.I)
#: The stop words of `tokens` (the first version's word reader): the concept reader's.
_STOP = concepts.STOP_WORDS


def precision_step(surface: str, value: float) -> float:
    """The unit of the last significant digit written in `surface` for `value`: 100,000 for
    "1.4 million", 1 for "1,624", 1,000 for "67,000" (trailing zeros are not significant)."""
    match = _NUMBER.search(surface)
    digits = re.sub(r"\D", "", match.group()) if match else ""
    significant = len(digits.strip("0")) or 1
    if value == 0 or not math.isfinite(value):
        return 1.0
    exponent = math.floor(math.log10(abs(value)))
    return float(10.0 ** (exponent - significant + 1))


def figure_bounds(
    surface: str,
    value: Decimal | float | None,
    lower: Decimal | float | None,
    upper: Decimal | float | None,
    qualifier: str,
) -> tuple[float, float] | None:
    """The interval a figure claims, by the precision rule (module docstring); None when it
    has no value at all."""
    v = None if value is None else float(value)
    lo = None if lower is None else float(lower)
    hi = None if upper is None else float(upper)
    anchor = v if v is not None else (lo if lo is not None else hi)
    if anchor is None:
        return None
    p = precision_step(surface, anchor)
    # The tolerance: the written precision, at most 10% ("one million" is not ±50%).
    t = min(p, 0.1 * abs(anchor)) if anchor else p
    Q = Figure.Qualifier
    if qualifier in (Q.RANGE, Q.VAGUE) and lo is not None and hi is not None:
        return lo, hi  # as annotated
    if qualifier in (Q.MORE_THAN, Q.AT_LEAST):
        bottom = lo if lo is not None else anchor
        return bottom, bottom + p
    if qualifier in (Q.LESS_THAN, Q.AT_MOST):
        top = hi if hi is not None else anchor
        return top - p, top
    if qualifier == Q.APPROX_BELOW:
        top = hi if hi is not None else anchor
        return top - t, top
    if qualifier == Q.APPROX:
        return anchor - t, anchor + t
    return anchor - t / 2, anchor + t / 2


def format_number(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.2f}"


def format_bounds(bounds: tuple[float, float]) -> str:
    return f"[{format_number(bounds[0])}, {format_number(bounds[1])}]"


# --- Words ----------------------------------------------------------------------------------


def tokens(text: str) -> frozenset[str]:
    """The content words of `text`, lower-cased and singular-ish; pairs of Han characters."""
    found: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if _HAN.fullmatch(word):
            continue
        if len(word) < 3 or word in _STOP:
            continue
        found.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    for run in _HAN.findall(text):
        found.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    return frozenset(found)


def periods(text: str) -> frozenset[str]:
    return frozenset(p.upper() for p in _PERIOD.findall(text))


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "jan janv enero januar 1月",
            "feb fev febrero februar 2月",
            "mar mars marzo marz 3月",
            "apr avr abril 4月",
            "may mai mayo 5月",
            "jun juin junio 6月",
            "jul juil julio 7月",
            "aug aout agosto 8月",
            "sep sept septiembre 9月",
            "oct octubre okt 10月",
            "nov noviembre 11月",
            "dec dez diciembre 12月",
        ],
        start=1,
    )
    for m in names.split()
}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|fev|avr|mai|juin|juil|aout|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar|februar|marz|okt|dez)[a-z]*"
_QUARTER_WORDS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "erste": 1,
    "ersten": 1,
    "erstes": 1,
    "1.": 1,
    "zweite": 2,
    "zweiten": 2,
    "zweites": 2,
    "2.": 2,
    "dritte": 3,
    "dritten": 3,
    "drittes": 3,
    "3.": 3,
    "vierte": 4,
    "vierten": 4,
    "viertes": 4,
    "4.": 4,
    "premier": 1,
    "1er": 1,
    "deuxieme": 2,
    "troisieme": 3,
    "3e": 3,
    "quatrieme": 4,
    "4e": 4,
    "primer": 1,
    "segundo": 2,
    "tercer": 3,
    "cuarto": 4,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
}
_QUARTER = re.compile(r"\bq([1-4])\b|(\S+)\s+(?:quarter|quartal|trimestre)|第?([一二三四1-4])季度")
_MONTH_RANGE = re.compile(_MONTH + r"\.?\s*(?:-|–|to|and|until|bis|a|au|hasta)\s*" + _MONTH, re.I)
_MONTHS_TO = re.compile(r"(?:three|3) months to " + _MONTH, re.I)
_YEAR_IN_TEXT = re.compile(r"(?<![\d,.])(19[5-9]\d|20[0-4]\d)(?![\d]|[,.]\d)")
#: A figure of the period before the one its sentence is about: "a year earlier", "Vorjahr",
#: "año anterior", "l'année précédente", "上年". "Last year" ("el año pasado", "去年", "l'an
#: passé") is not among them: it names the period the document reports, counted from its date.
_EARLIER = re.compile(
    r"a year (?:earlier|before|ago)|(?:previous|preceding|prior) (?:year|season|campaign|period)"
    r"|year before|上年|上一年|前一年|同期|vorjahr|vorperiode"
    r"|l'annee precedente|(?:la )?(?:saison|campagne|periode) precedente|l'exercice precedent"
    r"|(?:ano|campana|temporada|periodo|ejercicio) anterior",
)
#: The earlier period just before the figure: "als im Vorjahr (20.130)", "a year earlier: 4,120".
_EARLIER_JUST_BEFORE = re.compile(r"(?:" + _EARLIER.pattern + r")\s*[(:]\s*$")
_EARLIER_BEFORE = re.compile(
    r"(?:\bfrom|compared (?:with|to)|\bthan|\bvon|\bcontre|\bfrente a)\s*$"
)


def period_of(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """The years and quarters `text` names: "Jul-Sep 2024", "the third quarter of 2024",
    "2024年第三季度", "drittes Quartal" (quarter 3, year 2024)."""
    folded = concepts.fold(text)
    years = {int(y) for y in _YEAR_IN_TEXT.findall(folded)}
    quarters: set[int] = set()
    for q, word, han in _QUARTER.findall(folded):
        number = q or _QUARTER_WORDS.get(word) or _QUARTER_WORDS.get(han)
        if number:
            quarters.add(int(number))
    for first, last in _MONTH_RANGE.findall(folded):
        start, end = _MONTHS.get(first[:3], 0), _MONTHS.get(last[:3], 0)
        if start in (1, 4, 7, 10) and end == start + 2:
            quarters.add(end // 3)
    for last in _MONTHS_TO.findall(folded):
        end = _MONTHS.get(last[:3], 0)
        if end and end % 3 == 0:
            quarters.add(end // 3)
    return frozenset(years), frozenset(quarters)


# The base a change is measured against names no period of the figure: "5.1% fewer than in
# 2022", "比2023年同期增长26.3%", "up from 187 in the second quarter" keeps its quarter.
_BASE = re.compile(
    r"(?:\bthan|compared (?:with|to)|\bon|\bover|\bfrom|\bvs\.?|\bgegenüber|\bpar rapport a"
    r"|\bfrente a|\bqu'en|\bque en|\bals(?: im jahr)?)\s*(?:in\s+|the same \w+ (?:of|in)\s+)?(?:19|20)\d\d\b"
    r"|[比较較](?:19|20)\d\d年(?:同期)?"
    # ... a few words between ("qu'à la rentrée 2023", "than in the spring of 2023")
    r"|(?:\bthan|\bqu'|\bque|\bals|\bcompared (?:with|to))\s*(?:[^\W\d_]+\s+){0,3}(?:19|20)\d\d\b",
    re.I,
)


def _without_base(text: str) -> str:
    return _BASE.sub(" ", concepts.fold(text))


#: A year as a header writes it, with what makes it a period: "2023年", "2023年末", "FY2024",
#: "2024-25", "2023/24", "Jahr 2023", "año 2024", "fin 2023".
_HEADER_YEAR = re.compile(
    r"(?:\b(?:fy|year|jahr|ano|annee|ejercicio|exercice|end|ende|fin|finales de)\s*)?"
    r"(?<!\d)(?:19|20)\d\d(?:\s*[-/–]\s*(?:\d\d){1,2}(?!\d))?"
    r"(?:\s*(?:年(?:末|底|度|初|末数)?|財年|财年))?",
    re.I,
)


def _header_period_free(header: str) -> str:
    """A header without its period ("Jul-Sep 2024" -> "", "Killed 2023" -> "Killed",
    "2023年" -> "", "2024-25" -> "")."""
    text = _MONTH_RANGE.sub(" ", concepts.fold(header))
    text = _QUARTER.sub(" ", text)
    text = re.sub(r"(?<![^\W\d_])" + _MONTH + r"\b", " ", text)  # not "Südmark"
    text = re.sub(r"(?<![\w])(?:[1-9]|1[0-2])月(?:份|末|底)?", " ", text)
    return _HEADER_YEAR.sub(" ", text)


def _clause(quote: str, surface: str) -> tuple[str, str]:
    """The clause of `quote` holding `surface` ("compared with 41,275 in the same quarter of
    2023") and the words just before the figure in it."""
    at = quote.find(surface)
    if at < 0:
        return quote, ""
    cuts = [
        m.end() for m in re.finditer(r"[,;:](?=\s)|[。；，：]|(?<=\D)\.(?=\s)|\(|（", quote[:at])
    ]
    start = cuts[-1] if cuts else 0
    # ... to the next stop, or to an aside it opens ("GBP 8.4 million (2022-23: GBP 3.3
    # million)": the parenthesis is another figure's period).
    end_match = re.compile(r"[,;:](?=\s)|[。；，：]|\.(?=\s|$)|\)|）|\s[(（]").search(
        quote, at + len(surface)
    )
    end = end_match.start() if end_match else len(quote)
    return quote[start:end], quote[start:at]


#: Words of a period or a claim's attribution, compared apart or not at all.
_PERIOD_WORDS = frozenset(
    concepts.keys(
        "year years month months quarter quarters week weeks day start end first second third "
        "fourth final last latest this now today since during between period time "
        "said says say according reported report told official officials data show shows "
        "figures statistics year-on-year annual"
    )
) - {"c:report"}


def _locator_text(locator: Mapping[str, object]) -> str:
    return f"{locator.get('row_header', '')} {locator.get('column_header', '')}"


def describe_locator(locator: Mapping[str, object]) -> str:
    """'page 2, line 4' or 'sheet Data, cell B3' or 'table 1, row 3, column 2'."""
    parts = []
    if "sheet" in locator:
        parts.append(f"sheet {locator['sheet']}")
    elif "page" in locator:
        parts.append(f"page {locator['page']}")
    if "line" in locator:
        parts.append(f"line {locator['line']}")
    if "cell" in locator:
        parts.append(f"cell {locator['cell']}")
    elif "row" in locator:
        if "table" in locator:
            parts.append(f"table {locator['table']}")
        parts.append(f"row {locator['row']}, column {locator['column']}")
    return ", ".join(parts)


# --- The index ------------------------------------------------------------------------------
