"""Text, tables and figures out of an evidence document (PDF, XLSX, CSV, HTML, DOCX, text).

`extract(data, name)` reads the whole document in memory and returns an `Extracted`: the
text (NFC, `\\n` line endings, pages separated by a form feed), the page count, a guessed
language and every figure with its locator. Nothing is stored here; claims/evidence/store.py
stores the result in one transaction, so a document that fails half-way stores nothing.

Running text is read page by page; a figure's locator is its page and line (1-based) and its
code-point span in the text. Tables (pdfplumber's table finder, XLSX sheets, CSV, HTML and
Word tables) are read cell by cell: the first row holds the column headers, the first column
the row headers when it holds words or years; a cell's figure takes its counted noun from
its column and row headers ("Deaths, 2023").

Bad input raises `DocumentRefused` (an articles ImportFailure: "name: problem"): a file over
the upload limit, a corrupt or encrypted PDF, a zip bomb (the XLSX and DOCX members'
uncompressed sizes are checked before the zip is opened), a table over the cell limit.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from articles.importers.base import ImportFailure, decode_utf8
from articles.models import normalise_text
from claims.detection import detect_figures

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from claims.evidence.reading import Locator

KINDS_BY_SUFFIX = {
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
}
# A zip member this many times larger than its compressed size is a bomb, whatever the total.
MAX_ZIP_RATIO = 200
_LETTERS = re.compile(r"[^\W\d_]")
_YEAR = re.compile(r"^\s*(1[89]\d\d|20\d\d)\s*$")
_BARE_NUMBER = re.compile(r"^[-+−]?[\d.,\s]+$")
# A header that gives its cells' scale, in any of the five languages: "Employed (thousands)",
# "Budget (£000)", "Umsatz in Tsd. Euro", "Population en milliers", "Paro (miles)",
# "常住人口（万人）", "营业收入（亿元）". The scale word is in parentheses, or after "in" / "en" /
# "in thousands of", or after a comma at the header's end. Bare numbers under it are
# multiplied out, as "33 thousand" would be. Longer words first ("miles de millones" is a
# billion, "miles" a thousand).
_SCALE_WORDS = (
    (r"miles de millones|milliards?|milliarden|mrd\.?|billions?|bn", 10**9),
    (r"millions?|millones|millionen|mio\.?|mn|m", 10**6),
    (r"thousands?|milliers?|miles|tausend|tsd\.?|000s?", 1000),
)
_HEADER_SCALES = (
    *(
        (
            re.compile(
                rf"[(（][^)）]*(?<![\w.])(?:{words})(?!\w)[^)）]*[)）]"
                rf"|\b(?:in|en)\s+(?:(?:the|de|des)\s+)?(?:{words})(?!\w)"
                rf"|,\s*(?:in\s+)?(?:{words})(?!\w)[^,]*$",
                re.I,
            ),
            scale,
        )
        for words, scale in _SCALE_WORDS
    ),
    (re.compile(r"[(（][^)）]*\d?000[)）]"), 1000),
    (re.compile(r"[(（][^)）]*亿[^)）]*[)）]|单位[:：]\s*亿"), 10**8),
    (re.compile(r"[(（][^)）]*万[^)）]*[)）]|单位[:：]\s*万"), 10**4),
    (re.compile(r"[(（][^)）]*千[^)）]*[)）]"), 1000),
)


class DocumentRefused(ImportFailure):
    """A document that cannot be attached, with its name and the problem."""


@dataclass(frozen=True)
class FoundFigure:
    locator: Locator
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str
    quote: str


@dataclass
class Extracted:
    kind: str
    text: str = ""
    pages: int = 0
    language: str = ""
    title: str = ""
    figures: list[FoundFigure] = field(default_factory=list)


def kind_for(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS_BY_SUFFIX:
        known = ", ".join(sorted(KINDS_BY_SUFFIX))
        raise DocumentRefused(
            name, f"cannot read {suffix or 'files without a suffix'}: use {known}."
        )
    return KINDS_BY_SUFFIX[suffix]


def extract(data: bytes, name: str, kind: str | None = None) -> Extracted:
    """Everything `claims.evidence.store` stores about the document `name` holding `data`."""
    limit = settings.CLAIMDESK_MAX_EVIDENCE_BYTES
    if len(data) > limit:
        raise DocumentRefused(
            name, f"the file is {len(data):,} bytes; the limit is {limit:,} bytes."
        )
    kind = kind or kind_for(name)
    if not data:
        raise DocumentRefused(name, "the file is empty.")
    builder = _Builder(name, kind)
    readers = {
        "pdf": _read_pdf,
        "xlsx": _read_xlsx,
        "csv": _read_csv,
        "html": _read_html,
        "docx": _read_docx,
        "text": _read_text,
    }
    try:
        readers[kind](data, name, builder)
    except DocumentRefused:
        raise
    except ImportFailure as exc:  # the article importers' helpers (decode_utf8)
        raise DocumentRefused(exc.name, exc.message, exc.line, exc.field) from None
    result = builder.result()
    if not result.text.strip():
        raise DocumentRefused(name, "no text found in the document.")
    return result


# --- Building the text and its figures ----------------------------------------------------


class _Builder:
    """Accumulates the document's text page by page and the figures found in it."""

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.out = Extracted(kind=kind)
        self.parts: list[str] = []
        self.length = 0
        self.cells = 0

    def _append(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def new_page(self) -> int:
        if self.out.pages:
            self._append("\f")
        self.out.pages += 1
        return self.out.pages

    def add_text(
        self,
        text: str,
        page: int,
        skip_lines: set[int] | None = None,
        keep_lines: bool = False,
    ) -> None:
        """Running text of `page`: its figures located by line (1-based), but those on
        `skip_lines` (a PDF's table rows, read by cell instead)."""
        text = normalise_text(text)
        if not keep_lines:  # a PDF's lines are counted as laid out, blank ones included
            text = text.strip("\n")
        if not text.strip():
            return
        if self.parts and not self.parts[-1].endswith(("\f", "\n")):
            self._append("\n")
        base = self._append(text + "\n")
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        previous: tuple[int, str, str] = (-1, "", "")  # line, currency and surface before
        for found in detect_figures(text):
            index = bisect_right(line_starts, found.start) - 1
            unit = _elided_currency(found.surface, found.unit, previous, index)
            if found.unit and found.unit.isupper() and len(found.unit) == 3:
                previous = (index, found.unit, found.surface)
            if skip_lines and index + 1 in skip_lines:
                continue
            line_end = text.find("\n", line_starts[index])
            quote = text[line_starts[index] : line_end if line_end >= 0 else len(text)]
            self.out.figures.append(
                FoundFigure(
                    locator={
                        "page": page,
                        "line": index + 1,
                        "start": base + found.start,
                        "end": base + found.end,
                    },
                    surface=found.surface[:300],
                    value=found.value,
                    lower=found.lower,
                    upper=found.upper,
                    qualifier=str(found.qualifier),
                    unit=unit,
                    counted=found.counted[:300],
                    quote=quote.strip(),
                )
            )

    def count_cells(self, cells: int) -> None:
        self.cells += cells
        limit = settings.CLAIMDESK_MAX_EVIDENCE_CELLS
        if self.cells > limit:
            raise DocumentRefused(
                self.name, f"the tables hold more than {limit:,} cells (the limit); split the file."
            )

    def add_table(
        self,
        where: Locator,
        cells: Sequence[Sequence[object]],
        in_text: bool = False,
        caption: str = "",
    ) -> None:
        """A table at `where` ({"page": 2, "table": 1} or {"sheet": "Data"}): each data
        cell's figure with its column and row headers; the rows are added to the text too,
        unless they are in it already (`in_text`: a PDF page's lines). A `caption` (an HTML
        table's <caption>, "Producción por comunidad (toneladas)") gives the scale and unit of
        bare numbers that neither header gives, and is kept in each cell's locator."""
        caption = " ".join(caption.split())[:300]
        if caption:
            where = {**where, "caption": caption}
        rows = [row for row in ([_cell_text(c) for c in row] for row in cells) if any(row)]
        if len(rows) < 2:
            if rows:
                self.add_text(" | ".join(c for c in rows[0] if c), where.get("page", 1))
            return
        self.count_cells(sum(len(r) for r in rows))
        header = rows[0]
        numbers = self.out.language or table_number_language(rows) or ""
        first_is_header = not header[0] or any(
            _LETTERS.search(row[0]) or _YEAR.match(row[0]) for row in rows[1:] if row[0]
        )
        # The header of the row-header column ("Item (GBP 000)", "Indicateur (en milliers)")
        # is the table's stub head: its scale and unit are the whole table's.
        corner = header[0] if first_is_header and header[0] and len(header) > 1 else ""
        if corner and len(corner.split()) > 2:
            # A stub head that says what the table is ("Straftatengruppe 2024 (Polizeiliche
            # Kriminalstatistik Südmark)") is kept, as a caption is, for what its cells are about.
            where = {**where, "stub": " ".join(corner.split())[:300]}
        # A caption that restates one column's scale and unit ("... budget en millions
        # d'euros" over "Budget 2024 (en millions d'euros)") says how that column is written,
        # not the pupils' or teachers' columns beside it.
        units = caption if caption and _says_how_written(caption) else ""
        if units and any(
            h and _says_how_written(h) and _how_written(h) == _how_written(units)
            for h in header[1:]
        ):
            units = ""
        if not in_text:
            if self.parts and not self.parts[-1].endswith(("\f", "\n")):
                self._append("\n")
            self._append("\t".join(header) + "\n")
        for r, row in enumerate(rows[1:], start=2):
            if not in_text:
                self._append("\t".join(row) + "\n")
            row_header = row[0] if first_is_header else ""
            quote = " | ".join(c for c in row if c)
            for c, text in enumerate(row, start=1):
                if not text or (c == 1 and first_is_header):
                    continue
                column_header = header[c - 1] if c - 1 < len(header) else ""
                self._add_cell(
                    where, r, c, text, row_header, column_header, quote, numbers, corner, units
                )

    def _add_cell(
        self,
        where: Locator,
        row: int,
        column: int,
        text: str,
        row_header: str,
        column_header: str,
        quote: str,
        numbers: str = "",
        corner: str = "",
        caption: str = "",
    ) -> None:
        """One cell's figure; `caption` is the caption's text when it gives the cells' scale
        and unit (`add_table`)."""
        found = detect_figures(text, numbers or None)
        if found:
            figure = found[0]
            value, lower, upper = figure.value, figure.lower, figure.upper
            unit, surface, qualifier = figure.unit, figure.surface, str(figure.qualifier)
            counted = figure.counted
        elif re.fullmatch(r"\d{4}", text) and any(
            header_scale(h) != 1 or header_unit_of(h)
            for h in (column_header, row_header, corner, caption)
        ):
            # "2015" under "Budget (£000)" is an amount, not the year the engine reads.
            value, lower, upper = Decimal(text), None, None
            unit, surface, qualifier, counted = "", text, "exact", ""
        else:
            return
        if _BARE_NUMBER.match(text):
            # A bare number is written in its headers' scale and unit: the column's first
            # ("Employed (thousands)"), else the row's ("Revenue (GBP m)", "Dividend (pence)").
            # ... else the table's stub head ("Item (GBP 000)"), else its caption
            # ("Producción por comunidad (toneladas)").
            sources = [column_header, row_header, corner, caption]
            sources = [h for h in sources if h]
            # The nearest header that says how its numbers are written decides their scale:
            # "Tonnes 2024" is in tonnes, whatever "(tonnes; value in GBP 000)" says of the
            # table's other columns.
            scale: Decimal | int = next(
                (header_scale(h) for h in sources if header_scale(h) != 1 or header_unit_of(h)),
                1,
            )
            header_unit, factor = next((u for u in map(header_unit_of, sources) if u), ("", 1))
            if (unit or header_unit) == "percent":
                # A percentage is a share whatever scale its row's amounts are written in
                # ("增长（%）" beside "全社会用电量（亿千瓦时）").
                scale = 1
            scale = Decimal(scale) * Decimal(str(factor))
            if scale != 1:
                value, lower, upper = (
                    None if v is None else v * scale for v in (value, lower, upper)
                )
            unit = unit or header_unit
        headers = ", ".join(h for h in (column_header, row_header) if h)
        locator: Locator = {
            **where,
            "row": row,
            "column": column,
            "row_header": row_header,
            "column_header": column_header,
        }
        if "sheet" in where:
            from openpyxl.utils import get_column_letter

            locator["cell"] = f"{get_column_letter(column)}{row + where.get('first_row', 1) - 1}"
            locator.pop("first_row", None)
        self.out.figures.append(
            FoundFigure(
                locator=locator,
                surface=surface[:300],
                value=value,
                lower=lower,
                upper=upper,
                qualifier=qualifier,
                unit=unit,
                counted=(counted or headers)[:300],
                quote=quote[:2000],
            )
        )

    def result(self) -> Extracted:
        self.out.text = "".join(self.parts).rstrip("\n")
        if not self.out.pages and self.out.text:
            self.out.pages = 1
        if not self.out.language:
            self.out.language = guess_language(self.out.text)
        return self.out


# A header's unit, in its parentheses or as its last word: "(GBP m)", "(£000)", "(pence)",
# "(%)", "（亿元）", "(thousand t CO2e)" -> (unit code, factor to that unit).
_HEADER_UNITS = (
    (re.compile(r"\bpence\b|\(p\)", re.I), "GBP", 0.01),
    (re.compile(r"\bcents?\b", re.I), "USD", 0.01),
    (
        re.compile(r"%|\bper ?cent\b|\bprozent\b|\bpourcentage\b|\bpor ?ciento\b", re.I),
        "percent",
        1,
    ),
    (re.compile(r"\bGBP\b|£"), "GBP", 1),
    (re.compile(r"\bEUR\b|€|\beuros?\b", re.I), "EUR", 1),
    (re.compile(r"\bUSD\b|US\$|\$"), "USD", 1),
    (re.compile(r"\bCNY\b|\bRMB\b|(?<![美欧歐港日])元"), "CNY", 1),
    (
        re.compile(
            r"[(（][^)）]*(?:\b(?:t|tonnes?|tons?|toneladas?|tonnen)\b|吨)[^)）]*[)）]", re.I
        ),
        "t",
        1,
    ),
)


_PARENTHESES = re.compile(r"[(（]([^)）]{1,40})[)）]")
_FIRST_WORD = re.compile(r"^\s*([^\W\d_]+)")


def header_unit_of(header: str) -> tuple[str, float] | None:
    """The unit a table header gives its bare numbers, and the factor to it (pence: 0.01
    pounds), or None (`header_unit_text`)."""
    found = header_unit_text(header)
    return None if found is None else (found[0], found[1])


@lru_cache(maxsize=4096)
def header_unit_text(header: str) -> tuple[str, float, str] | None:
    """The unit a table header gives its bare numbers, the factor to it (pence: 0.01
    pounds) and the header's text that names it, or None. Beyond the units listed above, any unit the figure engine reads after a
    number, written in the header's parentheses or as its first word: "（亿千瓦时）" (kWh),
    "(kg)", "Tonnes 2024"."""
    for pattern, unit, factor in _HEADER_UNITS:
        match = pattern.search(header)
        if match:
            return unit, factor, match.group()
    written = [m.group(1) for m in _PARENTHESES.finditer(header)]
    first = _FIRST_WORD.match(header)
    if first:
        written.append(first.group(1))
    for text in written:
        text = text.strip()
        space = "" if re.match(r"[\u3400-\u9fff]", text) else " "
        written_as = f"1{space}{text}"
        for found in detect_figures(written_as):
            # ... the whole of it ("(year end)" is not a unit of years).
            if found.unit and found.surface == written_as:
                return str(found.unit), 1, text
    return None


def header_scale(header: str) -> int:
    """What a column header says its numbers are counted in: 1000 for "(thousands)"."""
    for pattern, scale in _HEADER_SCALES:
        if pattern.search(header):
            return scale
    return 1


# Numbers written with dots between thousands and a decimal comma ("2.560.718", "1.234,5",
# "-8,1"), or with commas between thousands and a decimal point ("2,560,718", "-8.1").
_DOT_THOUSANDS = re.compile(
    r"^[-+−]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$|^[-+−]?\d+,\d{1,2}$|\d\.\d{3},\d"
)
_COMMA_THOUSANDS = re.compile(
    r"^[-+−]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$|^[-+−]?\d+\.\d{1,2}$|\d,\d{3}\.\d"
)


_ONE_DOT_THREE = re.compile(r"^[-+−]?\d{1,3}\.\d{3}$")


def table_number_language(rows: Sequence[Sequence[str]]) -> str | None:
    """How a table of a document of unknown language writes its numbers, read from the cells
    that can only be read one way: "es" (read as dots between thousands, "598.105" = 598,105)
    when some cell is "2.560.718" or "-8,1" and none is "2,560,718" or "-8.1"; else None."""
    dots = commas = False
    three_after_dot = other_decimals = 0
    for row in rows[1:]:
        for cell in row:
            dots = dots or bool(_DOT_THOUSANDS.search(cell))
            commas = commas or bool(_COMMA_THOUSANDS.search(cell))
            if _ONE_DOT_THREE.match(cell):
                three_after_dot += 1
            elif re.search(r"\d[.,]\d", cell):
                other_decimals += 1
    # Numbers that all have three digits after one dot ("1.210", "2.080", beside "870"),
    # several of them and no other decimal: dots between thousands.
    dots = dots or (three_after_dot >= 3 and not other_decimals)
    return "es" if dots and not commas else None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # A number cell reads as the engine reads a written number: 1396000 -> "1,396,000".
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return " ".join(normalise_text(str(value)).split())


# --- Languages ------------------------------------------------------------------------------

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "were", "was", "is", "for", "with", "by"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "con", "una"},
    "fr": {"le", "la", "les", "des", "de", "et", "en", "du", "une", "est", "pour", "sur"},
    "de": {"der", "die", "das", "und", "den", "von", "mit", "im", "ist", "des", "zu", "wurden"},
}


def guess_language(text: str) -> str:
    """A BCP 47 code for the document's main language (en, zh, es, fr, de), or "" when its
    sample holds too few words to tell: Han characters first, then the commonest words."""
    sample = text[:20000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if han >= 10 and han * 4 >= len(sample.replace(" ", "")) // 4:
        return "zh"
    words = re.findall(r"[^\W\d_]+", sample.lower())
    scores = {code: sum(1 for w in words if w in stop) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= 3 else ""


# --- Readers, one per kind ------------------------------------------------------------------


def _read_text(data: bytes, name: str, builder: _Builder) -> None:
    text = decode_utf8(data, name)
    for page_text in text.split("\f"):
        builder.add_text(page_text, builder.new_page())


def _read_pdf(data: bytes, name: str, builder: _Builder) -> None:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data.lstrip()[:5] == b"%PDF-":
        raise DocumentRefused(name, "not a PDF file (it does not start with %PDF-).")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds; the cause is in its arguments
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or b"/Encrypt" in data:
            raise DocumentRefused(
                name, "the PDF is encrypted with a password; attach an unlocked copy."
            ) from None
        raise DocumentRefused(
            name, f"not a readable PDF ({cause or type(exc).__name__})."
        ) from None
    try:
        with pdf:
            for page in pdf.pages:
                number = builder.new_page()
                tables = page.find_tables()
                # Lines as pdfplumber lays the page out (a table row is a line too), so a
                # locator's line is the line a reader counts; a table's rows are read by cell
                # below, not as prose.
                boxes = [table.bbox for table in tables]
                lines = page.extract_text_lines()
                builder.add_text(
                    "\n".join(line["text"] for line in lines),
                    number,
                    skip_lines={i for i, line in enumerate(lines, start=1) if _inside(line, boxes)},
                    keep_lines=True,
                )
                for index, table in enumerate(tables, start=1):
                    builder.add_table(
                        {"page": number, "table": index}, table.extract(), in_text=True
                    )
    except DocumentRefused:
        raise
    except Exception as exc:
        raise DocumentRefused(name, f"the PDF is damaged ({exc or type(exc).__name__}).") from None


# Any: pdfplumber's own type of a text line (`T_obj`, a dict[str, Any]).
def _inside(line: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    middle = (line["top"] + line["bottom"]) / 2
    return any(
        top <= middle <= bottom and line["x0"] < x1 and line["x1"] > x0
        for x0, top, x1, bottom in boxes
    )


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip (XLSX, DOCX) that is not one, or whose members would unpack to more than
    the limit or far more than they weigh: read from the zip's directory, nothing unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise DocumentRefused(name, "not a valid Office file (it is not a zip archive).") from None
    total = sum(m.file_size for m in members)
    limit = settings.CLAIMDESK_MAX_EVIDENCE_UNCOMPRESSED
    if total > limit:
        raise DocumentRefused(
            name,
            f"it would unpack to {total:,} bytes, over the limit of {limit:,} (a zip bomb?).",
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_ZIP_RATIO * max(
            member.compress_size, 1
        ):
            raise DocumentRefused(
                name,
                f"its member {member.filename} unpacks {member.compress_size:,} bytes to "
                f"{member.file_size:,} (a zip bomb).",
            )


def _read_xlsx(data: bytes, name: str, builder: _Builder) -> None:
    import openpyxl

    check_zip(data, name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl, zipfile and lxml each raise their own kind
        raise DocumentRefused(name, f"not a readable Excel workbook ({exc}).") from None
    limit = settings.CLAIMDESK_MAX_EVIDENCE_CELLS
    try:
        for sheet in workbook.worksheets:
            declared = (sheet.max_row or 0) * (sheet.max_column or 0)
            if declared > limit:
                raise DocumentRefused(
                    name,
                    f"sheet {sheet.title!r} holds {declared:,} cells; the limit is {limit:,}.",
                )
            builder.new_page()
            rows: list[tuple[object, ...]] = []
            cells = 0
            first_row = 0
            for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells += len(row)
                if cells > limit:
                    raise DocumentRefused(
                        name, f"sheet {sheet.title!r} holds more than {limit:,} cells (the limit)."
                    )
                if not first_row and any(v is not None for v in row):
                    first_row = index
                if first_row:
                    rows.append(row)
            # Locators name the sheet; "cell" is the spreadsheet's own address (B3).
            builder.add_table({"sheet": sheet.title, "first_row": first_row or 1}, rows)
    finally:
        workbook.close()


def _read_csv(data: bytes, name: str, builder: _Builder) -> None:
    text = normalise_text(decode_utf8(data, name))
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    builder.new_page()
    limit = settings.CLAIMDESK_MAX_EVIDENCE_CELLS
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            cells += len(row)
            if cells > limit:
                raise DocumentRefused(
                    name, f"the table holds more than {limit:,} cells (the limit)."
                )
            rows.append(row)
    except csv.Error as exc:
        raise DocumentRefused(name, f"not a readable CSV file ({exc}).") from None
    builder.add_table({"table": 1}, rows)


def _html_tables(tree: HtmlElement) -> Iterable[tuple[list[list[str]], str]]:
    """Each table's rows and its caption's text."""
    for table in tree.iter("table"):
        rows = []
        for tr in table.iter("tr"):
            rows.append(
                [" ".join(cell.text_content().split()) for cell in tr if cell.tag in ("td", "th")]
            )
        caption = table.find(".//caption")
        yield rows, "" if caption is None else " ".join(caption.text_content().split())


def _read_html(data: bytes, name: str, builder: _Builder) -> None:
    """The page's main text (trafilatura, as the article importer reads it) and its tables
    (lxml), each table taken out of the text first so its figures are read once, by cell."""
    import lxml.etree
    import lxml.html
    import trafilatura

    try:
        # UTF-8 unless it is not: lxml reads undeclared bytes as Latin-1.
        tree = lxml.html.document_fromstring(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, lxml.etree.LxmlError):  # the second try names it
        tree = None
    try:
        tree = tree if tree is not None else lxml.html.document_fromstring(data)
    except Exception as exc:  # lxml's ParserError and friends
        raise DocumentRefused(name, f"not a readable web page ({exc}).") from None
    tables = list(_html_tables(tree))
    for table in list(tree.iter("table")):
        table.drop_tree()
    builder.out.language = (tree.get("lang") or "").split("-")[0].lower()[:16]
    title = tree.findtext(".//title") or ""
    builder.out.title = " ".join(title.split())[:500]
    text = trafilatura.extract(lxml.html.tostring(tree, encoding="unicode"), include_tables=False)
    # trafilatura keeps the headline as metadata, not text: a press release's <h1> often
    # holds its main figure ("… se recupera un 38,2 % …"), so it opens the text.
    headline = " ".join(" ".join(h.text_content().split()) for h in tree.iter("h1"))
    if headline and headline not in (text or ""):
        text = f"{headline}\n{text or ''}"
    page = builder.new_page()
    builder.add_text(re.sub(r"\n+", "\n", text or ""), page)
    for index, (rows, caption) in enumerate(tables, start=1):
        builder.add_table({"page": page, "table": index}, rows, caption=caption)


def _read_docx(data: bytes, name: str, builder: _Builder) -> None:
    import docx

    check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kind
        raise DocumentRefused(name, f"not a Word .docx file ({exc}).") from None
    page = builder.new_page()
    builder.out.title = (document.core_properties.title or "")[:500]
    builder.add_text("\n".join(p.text.strip() for p in document.paragraphs if p.text.strip()), page)
    for index, table in enumerate(document.tables, start=1):
        builder.add_table(
            {"page": page, "table": index},
            [[cell.text for cell in row.cells] for row in table.rows],
        )


def _how_written(header: str) -> tuple[int, tuple[str, float] | None]:
    """A header's scale and unit ("(en millions d'euros)": 10**6, EUR)."""
    return header_scale(header), header_unit_of(header)


def _says_how_written(header: str) -> bool:
    """Whether a header gives a scale or a unit for its numbers."""
    return header_scale(header) != 1 or bool(header_unit_of(header))


def _elided_currency(surface: str, unit: str, previous: tuple[int, str, str], line: int) -> str:
    """A figure's unit, or the currency of the figure before it on its line when it leaves
    the currency out after the same scale word ("41,7 millones de euros; la mayor, de 6,2
    millones": 6,2 millones of euros)."""
    if unit or previous[0] != line:
        return unit
    words = re.findall(r"[^\W\d_]+", surface)
    if words and len(words[-1]) >= 3 and words[-1] in previous[2].split():
        return previous[1]
    return unit
