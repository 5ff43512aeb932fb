"""Evidence documents built in the test, never downloaded: PDFs with fpdf2, workbooks with
openpyxl, Word files with python-docx, zips by hand."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

ROAD_TEXT = (
    "Road deaths fell in 2023.\n"
    "There were 1,624 road deaths in 2023, down 5%.\n"
    "Nearly 28,000 people were seriously injured."
)
ROAD_TABLE = [
    ["Year", "Deaths", "Injured"],
    ["2022", "1,711", "29,742"],
    ["2023", "1,624", "27,993"],
]


def pdf(pages: Sequence[str], table: Sequence[Sequence[str]] | None = None) -> bytes:
    """A text PDF, one string per page; `table` drawn on the last page under its text."""
    from fpdf import FPDF

    document = FPDF()
    document.set_font("helvetica", size=11)
    for text in pages:
        document.add_page()
        document.multi_cell(0, 6, text)
    if table:
        document.ln(4)
        with document.table() as drawn:
            for row in table:
                cells = drawn.row()
                for value in row:
                    cells.cell(value)
    return bytes(document.output())


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=11)
    document.cell(text="Secret: 1,624 road deaths.")
    document.set_encryption(owner_password="owner", user_password="reader")
    return bytes(document.output())


def xlsx(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx(paragraphs: Sequence[str], table: Sequence[Sequence[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        drawn = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                drawn.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb(member_bytes: int = 8 * 1024 * 1024) -> bytes:
    """An .xlsx-named zip whose one member unpacks megabytes of zeros from a few kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * member_bytes)
    return out.getvalue()


def _broken_pdf() -> bytes:
    return pdf([ROAD_TEXT])[:300]


#: Each bad kind of file (name, its bytes, the problem its refusal names), refused alike by
#: attach_document, the upload form's page and the API.
BAD_FILES = [
    ("broken.pdf", _broken_pdf, "not a readable PDF"),
    ("locked.pdf", encrypted_pdf, "encrypted"),
    ("bomb.xlsx", zip_bomb, "zip bomb"),
    ("bomb.docx", zip_bomb, "zip bomb"),
    ("fake.xlsx", lambda: b"not a zip", "not a zip archive"),
    ("latin.txt", lambda: b"caf\xe9 1,200", "not valid UTF-8"),
]
