"""claims/evidence/extract.py: each kind of document read into text and located figures, and
each kind of bad file refused with a message naming it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.evidence.extract import DocumentRefused, extract, guess_language, header_scale

from . import documents


def by_surface(extracted, surface):
    found = [f for f in extracted.figures if f.surface == surface]
    assert found, f"{surface!r} not among {[f.surface for f in extracted.figures]}"
    return found


def test_plain_text_figures_carry_page_line_and_span():
    text = "Ministry statement\n\nIn 2023 the office removed 1,396,000 posts.\fPage two: 214 investigations."
    extracted = extract(text.encode(), "statement.txt")
    assert extracted.kind == "text"
    assert extracted.pages == 2
    assert extracted.language == "en" or extracted.language == ""
    posts = by_surface(extracted, "1,396,000")[0]
    assert posts.value == Decimal("1396000")
    assert posts.locator["page"] == 1 and posts.locator["line"] == 3
    assert extracted.text[posts.locator["start"] : posts.locator["end"]] == "1,396,000"
    assert posts.quote == "In 2023 the office removed 1,396,000 posts."
    second = by_surface(extracted, "214")[0]
    assert second.locator["page"] == 2 and second.locator["line"] == 1
    assert second.counted == "investigations"
    assert extracted.text[second.locator["start"] : second.locator["end"]] == "214"


def test_a_pdf_is_read_page_by_page_with_its_table_by_cell():
    data = documents.pdf(
        ["Road safety report\nIntroduction.", documents.ROAD_TEXT], documents.ROAD_TABLE
    )
    extracted = extract(data, "road.pdf")
    assert extracted.kind == "pdf" and extracted.pages == 2
    assert extracted.language == "en"
    text_figures = [f for f in extracted.figures if "line" in f.locator]
    cells = [f for f in extracted.figures if "row" in f.locator]
    injured = next(f for f in text_figures if f.surface.endswith("28,000"))
    assert injured.locator["page"] == 2 and injured.locator["line"] == 3
    assert extracted.text[injured.locator["start"] : injured.locator["end"]] == injured.surface
    # The table's figures are read once, by cell, with their headers as the counted noun.
    assert [f.surface for f in cells] == ["1,711", "29,742", "1,624", "27,993"]
    deaths_2023 = cells[2]
    assert deaths_2023.locator == {
        "page": 2,
        "table": 1,
        "row": 3,
        "column": 2,
        "row_header": "2023",
        "column_header": "Deaths",
    }
    assert deaths_2023.counted == "Deaths, 2023"
    assert deaths_2023.quote == "2023 | 1,624 | 27,993"
    assert [f.surface for f in text_figures].count("1,624") == 1
    # Lines are counted as pdfplumber lays the page out: a table row is a line too.
    page_two = extracted.text.split("\f")[1].split("\n")
    assert page_two[3:] == ["Year Deaths Injured", "2022 1,711 29,742", "2023 1,624 27,993"]


def test_a_workbook_is_read_by_sheet_and_cell_with_header_scale():
    data = documents.xlsx(
        {
            "Notes": [["Labour market statistics, published by the office"]],
            "Data": [
                [None, None],
                ["Quarter", "Employed (thousands)", "Rate (%)"],
                ["Jan-Mar 2024", 33012, 4.2],
            ],
        }
    )
    extracted = extract(data, "labour.xlsx")
    assert extracted.kind == "xlsx" and extracted.pages == 2
    employed = by_surface(extracted, "33,012")[0]
    assert employed.value == Decimal("33012000")
    assert employed.locator == {
        "sheet": "Data",
        "row": 2,
        "column": 2,
        "row_header": "Jan-Mar 2024",
        "column_header": "Employed (thousands)",
        "cell": "B3",
    }
    rate = by_surface(extracted, "4.2")[0]
    assert rate.unit == "percent" and rate.locator["cell"] == "C3"
    assert rate.counted == "Rate (%), Jan-Mar 2024"


def test_a_csv_with_semicolons_is_read_by_cell():
    data = b"Region;Unemployed 2024\nNorth;12,400\nSouth;9,950\n"
    extracted = extract(data, "regions.csv")
    south = by_surface(extracted, "9,950")[0]
    assert south.locator == {
        "table": 1,
        "row": 3,
        "column": 2,
        "row_header": "South",
        "column_header": "Unemployed 2024",
    }
    assert south.counted == "Unemployed 2024, South"


def test_a_web_page_gives_its_text_language_title_and_tables():
    html = (
        "<html lang='fr'><head><title>Bilan 2023</title></head><body><article>"
        "<p>Le ministère de l'Intérieur publie le bilan de la sécurité routière pour l'année 2023 "
        "et les chiffres définitifs des accidents de la route en France métropolitaine.</p>"
        "<p>En 2023, 3 167 personnes sont mortes sur les routes de France métropolitaine.</p>"
        "<table><tr><th>Année</th><th>Tués</th></tr><tr><td>2022</td><td>3267</td></tr></table>"
        "</article></body></html>"
    ).encode()
    extracted = extract(html, "bilan.html")
    assert extracted.kind == "html" and extracted.language == "fr"
    assert extracted.title == "Bilan 2023"
    assert "3 167 personnes" in extracted.text
    cell = next(f for f in extracted.figures if "row" in f.locator)
    assert cell.value == Decimal("3267") and cell.counted == "Tués, 2022"


def test_a_word_document_gives_paragraphs_and_tables():
    data = documents.docx(
        ["The council spent £84.25 million on adult social care."],
        [["Service", "Budget (£000)"], ["Libraries", "4,120"]],
    )
    extracted = extract(data, "budget.docx")
    assert extracted.kind == "docx"
    assert any(f.unit == "GBP" and f.value == Decimal("84250000") for f in extracted.figures)
    libraries = by_surface(extracted, "4,120")[0]
    assert libraries.value == Decimal("4120000")
    assert libraries.locator["row_header"] == "Libraries"


def test_language_is_guessed_for_chinese_and_german():
    assert guess_language("共清理违法违规信息139.6万条，处置账号6.7万个，关闭网站1.3万个。") == "zh"
    assert (
        guess_language(
            "Die Zahl der Einbürgerungen ist im Jahr 2023 gestiegen, und die Behörden von Bund und Ländern"
        )
        == "de"
    )
    assert guess_language("12 34") == ""


def test_header_scale_reads_thousands_and_wan():
    assert header_scale("Budget (£000)") == 1000
    assert header_scale("常住人口（万人）") == 10_000
    assert header_scale("Deaths") == 1


# --- Bad files ---------------------------------------------------------------------------


def refused(data: bytes, name: str) -> str:
    with pytest.raises(DocumentRefused) as caught:
        extract(data, name)
    message = str(caught.value)
    assert message.startswith((f"{name}: ", f"{name}, line "))
    return message


def test_a_corrupt_pdf_is_refused():
    good = documents.pdf([documents.ROAD_TEXT])
    assert "not a readable PDF" in refused(good[:200], "broken.pdf")


def test_a_file_called_pdf_that_is_not_one_is_refused():
    assert "not a PDF file" in refused(b"hello world", "fake.pdf")


def test_an_encrypted_pdf_is_refused():
    assert "encrypted" in refused(documents.encrypted_pdf(), "locked.pdf")


def test_a_zip_bomb_is_refused_before_it_is_opened():
    assert "zip bomb" in refused(documents.zip_bomb(), "bomb.xlsx")
    assert "zip bomb" in refused(documents.zip_bomb(), "bomb.docx")


def test_a_workbook_over_the_uncompressed_limit_is_refused(settings):
    settings.CLAIMDESK_MAX_EVIDENCE_UNCOMPRESSED = 1000
    assert "over the limit of 1,000" in refused(documents.xlsx({"S": [["a", 1]]}), "big.xlsx")


def test_a_spreadsheet_over_the_cell_limit_is_refused(settings):
    settings.CLAIMDESK_MAX_EVIDENCE_CELLS = 50
    rows = [["Region", "Count"]] + [[f"R{i}", i] for i in range(40)]
    assert "the limit is 50" in refused(documents.xlsx({"Big": rows}), "big.xlsx")
    csv_data = "\n".join(f"R{i},{i}" for i in range(40)).encode()
    assert "more than 50 cells" in refused(csv_data, "big.csv")


def test_a_file_over_the_upload_limit_is_refused(settings):
    settings.CLAIMDESK_MAX_EVIDENCE_BYTES = 10
    assert "the limit is 10 bytes" in refused(b"x" * 11, "long.txt")


def test_a_workbook_that_is_not_a_zip_is_refused():
    assert "not a zip archive" in refused(b"PK but not really", "fake.xlsx")


def test_an_unknown_kind_empty_file_and_bad_encoding_are_refused():
    assert "cannot read .exe" in refused(b"MZ", "tool.exe")
    assert "empty" in refused(b"", "empty.txt")
    assert "not valid UTF-8" in refused(b"caf\xe9 1,200", "latin.txt")
    assert "no text found" in refused(b"\n\n  \n", "blank.txt")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["t.txt", "t.csv", "t.html"]))
def test_any_text_gives_a_result_or_a_clear_refusal(text, name):
    try:
        extracted = extract(text.encode(), name)
    except DocumentRefused as exc:
        assert str(exc).startswith(name)
        return
    for figure in extracted.figures:
        if "start" in figure.locator:
            assert extracted.text[figure.locator["start"] : figure.locator["end"]] == figure.surface
