"""Build the evidence corpus's PDF and XLSX documents from their hand-written sources.

``documents/src/<name>.json`` holds a document's content; this script writes ``documents/<name>.pdf``
(reportlab) or ``documents/<name>.xlsx`` (openpyxl), byte for byte the same on every run: reportlab runs
in its ``invariant`` mode (fixed dates and ids) and the XLSX package is rewritten with fixed timestamps.

Source formats:

- PDF: ``{"kind": "pdf", "font": "Helvetica" | "STSong-Light", "pages": [[block, ...], ...]}`` where a
  block is a string (one text line) or ``{"table": {"header": [...], "rows": [[...], ...]}}``
  (optional ``"widths"``: column widths in points). Every
  text line and every table row (the header included) is drawn on its own baseline, top to bottom, so
  a locator's ``line`` is the 1-based index of that line on its page. Tables get ruled cells, so a
  table extractor sees them as tables. ``STSong-Light`` is one of the CID fonts reportlab ships
  (Chinese without embedding a font file).
- XLSX: ``{"kind": "xlsx", "sheets": [{"name": ..., "rows": [[cell, ...], ...], "formats":
  {"B": "#,##0", ...}}]}``; a cell is a string, a number or null; row 1 is the header row.

Usage: ``python claims/tests/evidence_corpus/build.py`` (all sources) or with source names.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
SOURCES = DOCUMENTS / "src"

PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89  # A4 in points
MARGIN = 56.0
LEADING = 18.0
FONT_SIZE = 10.0
FIXED_TIME = datetime(2026, 12, 4, 0, 0, 0)
ZIP_TIME = (2026, 12, 4, 0, 0, 0)


def build_pdf(source: dict[str, Any], target: Path) -> None:
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = source.get("font", "Helvetica")
    if font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    pdf.setTitle(source.get("title", target.stem))
    pdf.setAuthor("Claimdesk evidence corpus (written for the corpus)")
    for page in source["pages"]:
        y = PAGE_HEIGHT - MARGIN
        pdf.setFont(font, FONT_SIZE)
        for block in page:
            if isinstance(block, str):
                pdf.drawString(MARGIN, y, block)
                y -= LEADING
                continue
            table = block["table"]
            rows = [table["header"], *table["rows"]]
            widths = table.get("widths") or _column_widths(len(table["header"]))
            top = y + LEADING * 0.7
            for row in rows:
                x = MARGIN
                for cell, width in zip(row, widths, strict=True):
                    pdf.drawString(x + 4, y, str(cell))
                    x += width
                y -= LEADING
            bottom = y + LEADING * 0.7
            right = MARGIN + sum(widths)
            for index in range(len(rows) + 1):  # horizontal rules
                line_y = top - index * LEADING
                pdf.line(MARGIN, line_y, right, line_y)
            x = MARGIN
            for width in [0.0, *widths]:  # vertical rules
                x += width
                pdf.line(x, top, x, bottom)
            y -= LEADING * 0.5
        pdf.showPage()
    pdf.save()
    target.write_bytes(buffer.getvalue())


def _column_widths(count: int) -> list[float]:
    usable = PAGE_WIDTH - 2 * MARGIN
    first = usable * 0.4
    return [first] + [(usable - first) / (count - 1)] * (count - 1)


def build_xlsx(source: dict[str, Any], target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_source in source["sheets"]:
        sheet = workbook.create_sheet(sheet_source["name"])
        for row in sheet_source["rows"]:
            sheet.append(row)
        for column, number_format in sheet_source.get("formats", {}).items():
            for cell in sheet[column][1:]:
                cell.number_format = number_format
    workbook.properties.creator = "Claimdesk evidence corpus (written for the corpus)"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed entry timestamps and a fixed modified date."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _fix_core_dates(content)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            new.writestr(fixed, content)
    return out.getvalue()


def _fix_core_dates(content: bytes) -> bytes:
    import re

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
        rb"\g<1>" + stamp + rb"\g<2>",
        content,
    )


def build(name: str, out_dir: Path = DOCUMENTS) -> Path:
    """Build ``documents/src/<name>.json`` into ``out_dir``; returns the written path."""
    source = json.loads((SOURCES / f"{name}.json").read_text(encoding="utf-8"))
    kind = source["kind"]
    target = out_dir / f"{name}.{kind}"
    if kind == "pdf":
        build_pdf(source, target)
    elif kind == "xlsx":
        build_xlsx(source, target)
    else:
        raise ValueError(f"{name}.json: unknown kind {kind!r} (expected pdf or xlsx)")
    return target


def source_names() -> list[str]:
    return sorted(path.stem for path in SOURCES.glob("*.json"))


def main(argv: list[str]) -> int:
    for name in argv or source_names():
        print(build(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
