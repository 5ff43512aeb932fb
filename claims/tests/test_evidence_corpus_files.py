"""The evidence-matching corpus (issue 19), checked as data, without any matching or detection code.

``evidence_corpus/claims.json`` (dev) and ``evidence_corpus/heldout/claims.json`` are read as plain JSON
and held to ``evidence_corpus/README.md``: the keys, the figure's fields (as in the detection corpus), the
documents named, and for every expected evidence that its ``evidence_surface`` is written in the
document's source at the locator (a line of a text, HTML or PDF page, a CSV/HTML/PDF table cell found by
its row and column headers, an XLSX cell). The README's tolerance rule is applied to the annotated
``evidence_value``: a supported claim's interval meets the document figure's, a contradicted one's does
not. The PDF and XLSX files are rebuilt and compared with the committed ones (pdfplumber's text, the
cell values). Nothing here imports ``claims.detection`` or any matcher.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "evidence_corpus"
DOCUMENTS = CORPUS / "documents"
SOURCES = DOCUMENTS / "src"
DEV = CORPUS / "claims.json"
HELDOUT = CORPUS / "heldout" / "claims.json"

LANGUAGES = {"en", "zh", "es", "fr", "de"}
# The language each document is written in: it decides how its numbers are grouped.
DOCUMENT_LANGUAGES = {
    "cac-zhengzhi-zimeiti-2023.txt": "zh",
    "osa-enforcement-bulletin-2024-q3.txt": "en",
    "tra-rufnummernmissbrauch-2023.txt": "de",
    "nbs-changzhu-renkou-2023.csv": "zh",
    "ons-labour-market-2024.csv": "en",
    "ine-paro-registrado-2024.csv": "es",
    "harbourline-annual-report-2023.pdf": "en",
    "road-safety-report-2023.pdf": "en",
    "xingneng-auto-annual-report-2023.pdf": "zh",
    "interieur-securite-routiere-2023.html": "fr",
    "sanidad-trasplantes-2023.html": "es",
    "mot-chunyun-2024.html": "zh",
    "riverton-council-budget.xlsx": "en",
    "einbuergerungen-2023.xlsx": "de",
    "lakeside-water-annual-report-2024.pdf": "en",
    "huadong-wenlv-tongji-2024.pdf": "zh",
    "aeroports-regionaux-trafic-2024.csv": "fr",
    "agricultura-cosecha-aceite-2024.html": "es",
    "landesamt-wohnungsbau-2024.txt": "de",
    "ashcombe-university-annual-report-2024.pdf": "en",
    "yunling-nengyuan-tongji-2024.pdf": "zh",
    "abfallbilanz-2024.xlsx": "de",
    "creations-entreprises-2024.csv": "fr",
    "proteccion-datos-balance-2024.txt": "es",
    "northern-isles-fish-landings-2024.html": "en",
    "bramley-wyre-hospitals-annual-report-2024.pdf": "en",
    "haixi-haiguan-maoyi-2024.pdf": "zh",
    "kriminalstatistik-suedmark-2024.xlsx": "de",
    "turismo-llegadas-2024.csv": "es",
    "education-rentree-2024.html": "fr",
    "fernhill-airport-traffic-2024.txt": "en",
    "kestrel-valley-railways-annual-report-2024.pdf": "en",
    "qinghe-nongye-tongji-2024.pdf": "zh",
    "allocataires-solidarite-2024.csv": "fr",
    "incendios-forestales-2024.xlsx": "es",
    "lebensmittelkontrollen-westmark-2024.html": "de",
    "gaming-standards-board-statement-2024.txt": "en",
    "ashford-vale-libraries-annual-report-2024.pdf": "en",
    "lanjiang-shuili-gongbao-2024.pdf": "zh",
    "gemeindefinanzen-nordtal-2024.csv": "de",
    "cinema-entrees-2024.xlsx": "fr",
    "donaciones-sangre-2024.html": "es",
    "northshire-athletics-statement-2024.txt": "en",
}
CLAIM_KEYS = {"id", "language", "sentence", "figure", "collection_documents", "expected"}
FIGURE_KEYS = {"surface", "value", "lower", "upper", "qualifier", "unit", "counted"}
EXPECTED_KEYS = {"outcome", "document", "locator", "evidence_surface", "evidence_value", "reason"}
OUTCOMES = {"supported", "contradicted", "not_found"}
# the qualifiers by the bounds they set (as in the detection corpus's conventions)
POINT = {"exact", "approx"}
UPPER_ONLY = {"approx_below", "less_than", "at_most"}
LOWER_ONLY = {"more_than", "at_least"}
BOTH = {"range", "vague"}
QUALIFIERS = POINT | UPPER_ONLY | LOWER_ONLY | BOTH
UNITS = {
    "",
    "percent",
    "percentage_point",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "t",
    "CNY",
    "EUR",
    "GBP",
    "USD",
}
GROUPING_COMMA = {"en", "zh"}  # 1,396,000 and 1.4; the others write 1.396.000 and 1,4
WORD_NUMBERS = {"one": 1, "un": 1, "ein": 1}


def load(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


DEV_CLAIMS = load(DEV)
HELDOUT_CLAIMS = [c for path in sorted(HELDOUT.parent.glob("*.json")) for c in load(path)]
ALL_CLAIMS = [("dev", c) for c in DEV_CLAIMS] + [("heldout", c) for c in HELDOUT_CLAIMS]
EVIDENCED = [c for _, c in ALL_CLAIMS if c["expected"]["outcome"] != "not_found"]


def claim_id(claim: dict[str, Any]) -> str:
    return claim["id"]


# --- the files and their shape -------------------------------------------------------------


def test_sizes_and_outcome_mix():
    assert len(DEV_CLAIMS) >= 70
    assert len(HELDOUT_CLAIMS) >= 35
    for claims in (DEV_CLAIMS, HELDOUT_CLAIMS):
        counts = Counter(c["expected"]["outcome"] for c in claims)
        share = {k: counts[k] / len(claims) for k in OUTCOMES}
        assert 0.45 <= share["supported"] <= 0.65, share
        assert 0.18 <= share["contradicted"] <= 0.35, share
        assert 0.15 <= share["not_found"] <= 0.30, share


def test_documents_listed_exist_in_two_languages_and_every_kind():
    on_disk = {p.name for p in DOCUMENTS.iterdir() if p.is_file()}
    assert set(DOCUMENT_LANGUAGES) == on_disk, "every document has its language listed here"
    assert len(DOCUMENT_LANGUAGES) >= 12
    assert {"en", "zh"} <= set(DOCUMENT_LANGUAGES.values())
    assert {Path(n).suffix for n in DOCUMENT_LANGUAGES} == {
        ".txt",
        ".csv",
        ".pdf",
        ".html",
        ".xlsx",
    }
    sources = [json.loads(s.read_text(encoding="utf-8")) for s in SOURCES.glob("*.json")]
    assert any(s["kind"] == "pdf" and len(s["pages"]) >= 3 for s in sources), "a multi-page PDF"


def test_ids_unique_and_heldout_ids_only_in_heldout():
    ids = [c["id"] for _, c in ALL_CLAIMS]
    assert len(ids) == len(set(ids))
    assert all(
        c["id"].startswith(("heldout-", "heldout2-", "heldout3-", "heldout4-", "heldout5-", "heldout6-"))
        for c in HELDOUT_CLAIMS
    )
    assert not any(c["id"].startswith("heldout") for c in DEV_CLAIMS)


def test_heldout_evidence_is_not_dev_evidence():
    """Held-out claims are checked against other documents (or at least other rows) than dev claims."""
    dev_places = {
        (c["expected"]["document"], json.dumps(c["expected"]["locator"], sort_keys=True))
        for c in DEV_CLAIMS
    }
    for claim in HELDOUT_CLAIMS:
        place = (
            claim["expected"]["document"],
            json.dumps(claim["expected"]["locator"], sort_keys=True),
        )
        if place[0] is not None:
            assert place not in dev_places, claim["id"]


@pytest.mark.parametrize("claim", [c for _, c in ALL_CLAIMS], ids=claim_id)
def test_claim_shape(claim):
    assert set(claim) == CLAIM_KEYS
    assert claim["language"] in LANGUAGES
    figure = claim["figure"]
    assert set(figure) == FIGURE_KEYS
    assert figure["surface"] and figure["surface"] in claim["sentence"]
    assert figure["qualifier"] in QUALIFIERS
    assert figure["unit"] in UNITS
    assert figure["counted"] == figure["counted"].lower()
    for key in ("value", "lower", "upper"):
        if figure[key] is not None:
            Decimal(figure[key])
    value, lower, upper, qualifier = (figure[k] for k in ("value", "lower", "upper", "qualifier"))
    if qualifier in POINT:
        assert value is not None and lower is None and upper is None
    elif qualifier in UPPER_ONLY:
        assert value is not None and lower is None and upper == value
    elif qualifier in LOWER_ONLY:
        assert value is not None and lower == value and upper is None
    else:
        assert value is None and lower is not None and upper is not None
    documents = claim["collection_documents"]
    assert documents and len(documents) == len(set(documents))
    assert set(documents) <= set(DOCUMENT_LANGUAGES), documents
    expected = claim["expected"]
    assert set(expected) == EXPECTED_KEYS
    assert expected["outcome"] in OUTCOMES
    assert expected["reason"] and "\n" not in expected["reason"]
    if expected["outcome"] == "not_found":
        assert expected["document"] is expected["locator"] is expected["evidence_surface"] is None
        assert expected["evidence_value"] is None
    else:
        assert expected["document"] in documents
        assert expected["evidence_surface"]
        Decimal(expected["evidence_value"])


# --- evidence found in the document at its locator ----------------------------------------


class _Tables(HTMLParser):
    """The cells of every <table> in an HTML document, as lists of rows of stripped cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_cell(rows: list[list[str]], row: str, column: str) -> str:
    header = [str(h) for h in rows[0]]
    assert column in header, f"no column {column!r} in {header}"
    matches = [r for r in rows[1:] if str(r[0]) == row]
    assert len(matches) == 1, f"row {row!r} found {len(matches)} times"
    return str(matches[0][header.index(column)])


def pdf_lines(page: list[Any]) -> list[str]:
    """The page's lines as build.py draws them: each text line, each table row joined by spaces."""
    lines: list[str] = []
    for block in page:
        if isinstance(block, str):
            lines.append(block)
        else:
            table = block["table"]
            lines.extend(" ".join(str(c) for c in row) for row in [table["header"], *table["rows"]])
    return lines


def xlsx_display(value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def found_at_locator(document: str, locator: dict[str, Any]) -> str:
    """The text of the document at the locator (a line, or a cell)."""
    path = DOCUMENTS / document
    suffix = path.suffix
    if suffix in {".txt", ".html"} and set(locator) == {"page", "line"}:
        assert locator["page"] == 1, "text and HTML documents have one page"
        return path.read_text(encoding="utf-8").split("\n")[locator["line"] - 1]
    if suffix == ".html":
        assert set(locator) == {"table", "row", "column"}
        parser = _Tables()
        parser.feed(path.read_text(encoding="utf-8"))
        return table_cell(parser.tables[locator["table"] - 1], locator["row"], locator["column"])
    if suffix == ".csv":
        assert set(locator) == {"table", "row", "column"} and locator["table"] == 1
        with path.open(encoding="utf-8", newline="") as handle:
            return table_cell(list(csv.reader(handle)), locator["row"], locator["column"])
    source = json.loads((SOURCES / f"{path.stem}.json").read_text(encoding="utf-8"))
    if suffix == ".pdf":
        page = source["pages"][locator["page"] - 1]
        if set(locator) == {"page", "line"}:
            return pdf_lines(page)[locator["line"] - 1]
        assert set(locator) == {"page", "table", "row", "column"}
        tables = [b["table"] for b in page if not isinstance(b, str)]
        table = tables[locator["table"] - 1]
        return table_cell([table["header"], *table["rows"]], locator["row"], locator["column"])
    assert suffix == ".xlsx" and set(locator) == {"sheet", "row", "column"}
    sheet = next(s for s in source["sheets"] if s["name"] == locator["sheet"])
    column = ord(locator["column"]) - ord("A")
    return xlsx_display(sheet["rows"][locator["row"] - 1][column])


@pytest.mark.parametrize("claim", EVIDENCED, ids=claim_id)
def test_evidence_surface_at_locator(claim):
    expected = claim["expected"]
    text = found_at_locator(expected["document"], expected["locator"])
    if "line" in expected["locator"]:
        assert expected["evidence_surface"] in text, (expected["evidence_surface"], text)
    else:
        assert text == expected["evidence_surface"]


# --- the tolerance rule of the README, applied to the annotation ---------------------------

NUMBER = re.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")


def written_number(surface: str, language: str) -> tuple[Decimal, Decimal]:
    """The number as written (without its scale) and the unit of its last significant digit."""
    match = NUMBER.search(surface)
    if match is None:
        word = next(w for w in WORD_NUMBERS if re.search(rf"\b{w}\b", surface, re.IGNORECASE))
        return Decimal(WORD_NUMBERS[word]), Decimal(1)
    token = re.sub(r"[\u00a0\u202f ]", "", match.group())
    if language in GROUPING_COMMA:
        token = token.replace(",", "")
    else:
        token = token.replace(".", "").replace(",", ".")
    number = Decimal(token)
    if "." in token:
        step = Decimal(1).scaleb(-len(token.split(".")[1]))
    else:
        digits = token.lstrip("-")
        step = Decimal(1).scaleb(len(digits) - len(digits.rstrip("0")))
    return number, step


def steps(surface: str, value: Decimal, language: str) -> tuple[Decimal, Decimal]:
    """The written step p (scaled) and the tolerance t = min(p, 10% of the value)."""
    number, step = written_number(surface, language)
    scale = value / number if number else Decimal(1)
    assert scale == Decimal(1).scaleb(scale.adjusted()), (
        f"{surface!r} and {value} differ by no power of ten"
    )
    p = step * abs(scale)
    return p, min(p, abs(value) / 10)


def claim_interval(figure: dict[str, Any], language: str) -> tuple[Decimal, Decimal]:
    qualifier = figure["qualifier"]
    if qualifier in BOTH:
        return Decimal(figure["lower"]), Decimal(figure["upper"])
    value = Decimal(figure["value"])
    p, t = steps(figure["surface"], value, language)
    return {
        "exact": (value - t / 2, value + t / 2),
        "approx": (value - t, value + t),
        "approx_below": (value - t, value),
        "more_than": (value, value + p),
        "at_least": (value, value + p),
        "less_than": (value - p, value),
        "at_most": (value - p, value),
    }[qualifier]


@pytest.mark.parametrize("claim", EVIDENCED, ids=claim_id)
def test_outcome_follows_the_tolerance_rule(claim):
    expected = claim["expected"]
    figure = claim["figure"]
    low, high = claim_interval(figure, claim["language"])
    value = Decimal(expected["evidence_value"])
    if figure["unit"] in {"percent", "percentage_point"} and value < 0 < Decimal(figure["value"]):
        value = -value  # "fell 8.1%" against a table's -8.1: the verb carries the sign
    document = expected["document"]
    # XLSX cells are shown as their number format writes them (#,##0), whatever the language
    language = "en" if document.endswith(".xlsx") else DOCUMENT_LANGUAGES[document]
    _, t = steps(expected["evidence_surface"], value, language)
    meets = value - t / 2 <= high and value + t / 2 >= low
    strict = figure["qualifier"] in {"more_than", "less_than"}
    if strict:  # the open end excludes the value itself
        meets = meets and value != Decimal(figure["value"])
    assert meets == (expected["outcome"] == "supported"), (str(low), str(high), str(value))


# --- the built documents -------------------------------------------------------------------


def _build_module():
    spec = importlib.util.spec_from_file_location("evidence_corpus_build", CORPUS / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BUILT = sorted(p.stem for p in SOURCES.glob("*.json"))


@pytest.mark.parametrize("name", BUILT)
def test_rebuild_gives_the_same_document(name, tmp_path):
    build = _build_module()
    rebuilt = build.build(name, tmp_path)
    committed = DOCUMENTS / rebuilt.name
    assert committed.exists(), f"{committed.name} is not committed: run build.py"
    if rebuilt.suffix == ".pdf":
        import pdfplumber

        def pages(path: Path) -> list[str]:
            with pdfplumber.open(path) as pdf:
                return [page.extract_text() for page in pdf.pages]

        committed_pages = pages(committed)
        assert committed_pages == pages(rebuilt)
        source = json.loads((SOURCES / f"{name}.json").read_text(encoding="utf-8"))
        assert [text.split("\n") for text in committed_pages] == [
            pdf_lines(p) for p in source["pages"]
        ]
        with pdfplumber.open(committed) as pdf:  # the ruled tables come out cell by cell
            tables = [page.extract_tables() for page in pdf.pages]
        assert tables == [
            [[b["table"]["header"], *b["table"]["rows"]] for b in page if not isinstance(b, str)]
            for page in source["pages"]
        ]
    else:
        import openpyxl

        def cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
            workbook = openpyxl.load_workbook(path, read_only=True)
            return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}

        assert cells(committed) == cells(rebuilt)
        source = json.loads((SOURCES / f"{name}.json").read_text(encoding="utf-8"))
        assert cells(committed) == {
            s["name"]: [tuple(r) for r in s["rows"]] for s in source["sheets"]
        }
    assert committed.read_bytes() == rebuilt.read_bytes(), "build.py is deterministic"
