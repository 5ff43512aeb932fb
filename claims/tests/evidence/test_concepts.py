"""The causes of issue 19's matching errors, one general fix each: scaled table cells,
cross-language counted nouns, periods, header-text locators."""

from __future__ import annotations

from decimal import Decimal

from claims.evidence.concepts import keys
from claims.evidence.extract import extract
from claims.evidence.matching import describe_locator, period_of


def test_a_chinese_noun_and_an_english_noun_share_a_concept():
    assert "c:post" in keys("1.4 million social media posts") & keys("清理违法和不良信息139.6万条")
    assert "c:bavaria" in keys("Bavaria naturalised 25,040 people") & keys("Bayern")
    assert "c:death" in keys("road deaths") & keys("Tués 2023")


def test_a_cell_takes_its_scale_and_unit_from_either_header():
    data = "地区,2023年末常住人口（万人）\n广东,12706\n".encode()
    cell = next(f for f in extract(data, "t.csv").figures if f.surface == "12706")
    assert cell.value == Decimal(127_060_000)
    rows = 'Key figure,2023\nRevenue (GBP m),"1,284.6"\nDividend per share (pence),18.5\n'
    figures = {f.locator["row_header"]: f for f in extract(rows.encode(), "r.csv").figures}
    assert figures["Revenue (GBP m)"].unit == "GBP"
    assert figures["Revenue (GBP m)"].value == Decimal("1284600000.0")
    assert figures["Dividend per share (pence)"].value == Decimal("0.185")


def test_periods_read_quarters_and_leave_out_a_change_base():
    assert period_of("Jul-Sep 2024") == ({2024}, {3})
    assert period_of("the three months to March 2024") == ({2024}, {1})
    assert period_of("2024年第三季度") == ({2024}, {3})


def test_a_cell_locator_names_its_headers():
    where = {"table": 1, "row": 2, "column": 3, "row_header": "广东", "column_header": "2023"}
    assert "row 2, column 3" in describe_locator(where)
    data = b'Period,Unemployed (thousands)\nApr-Jun 2024,"1,454"\n'
    cell = extract(data, "o.csv").figures[0]
    assert cell.locator["row_header"] == "Apr-Jun 2024"
    assert cell.locator["column_header"] == "Unemployed (thousands)"
