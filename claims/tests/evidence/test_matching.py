"""claims/evidence/matching.py: the precision rule, the index, and the suggested outcome."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.evidence.extract import extract
from claims.evidence.matching import (
    RANKED_CANDIDATES,
    ClaimFigure,
    EvidenceIndex,
    candidate_from_found,
    candidate_from_row,
    figure_bounds,
    precision_step,
)
from claims.models import Figure

from . import documents

Q = Figure.Qualifier


def test_the_written_precision_decides_the_bounds():
    assert figure_bounds("1.4 million", Decimal(1_400_000), None, None, Q.EXACT) == (
        1_350_000,
        1_450_000,
    )
    assert figure_bounds("67,000", Decimal(67_000), None, None, Q.EXACT) == (66_500, 67_500)
    assert figure_bounds("1,624", Decimal(1624), None, None, Q.EXACT) == (1623.5, 1624.5)
    assert figure_bounds("about 3,200", Decimal(3200), None, None, Q.APPROX) == (3100, 3300)
    assert figure_bounds(
        "nearly 10,000", Decimal(10_000), None, Decimal(10_000), Q.APPROX_BELOW
    ) == (9000, 10_000)
    assert figure_bounds("more than 3,000", Decimal(3000), Decimal(3000), None, Q.MORE_THAN) == (
        3000,
        4000,
    )
    assert figure_bounds("up to 500", Decimal(500), None, Decimal(500), Q.AT_MOST) == (400, 500)
    # The tolerance is at most 10% of the value.
    assert figure_bounds("one million", Decimal(10**6), None, None, Q.EXACT) == (950_000, 1_050_000)
    assert figure_bounds("between 10 and 12", None, Decimal(10), Decimal(12), Q.RANGE) == (10, 12)
    assert figure_bounds("no number", None, None, None, Q.EXACT) is None
    assert precision_step("12.5%", 12.5) == pytest.approx(0.1)


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=3),
    st.text(max_size=20),
    st.sampled_from(list(Q.values)),
)
def test_bounds_of_any_figure_are_ordered(value, surface, qualifier):
    bounds = figure_bounds(surface, value, value, value, qualifier)
    assert bounds is not None and bounds[0] <= bounds[1] and not math.isnan(bounds[0])


def index_of(
    *named: tuple[str, bytes], attached: dict[int, set[int]] | None = None
) -> EvidenceIndex:
    rows = []
    for document_id, (name, data) in enumerate(named, start=1):
        for position, f in enumerate(extract(data, name).figures):
            if f.value is not None:
                rows.append(candidate_from_found(document_id * 1000 + position, document_id, f))
    return EvidenceIndex(rows, attached or {})


def claimed(surface, value, counted, quote, unit="", qualifier=Q.EXACT, lower=None, upper=None):
    return ClaimFigure(1, 1, surface, Decimal(value), lower, upper, qualifier, unit, counted, quote)


STATEMENT = (
    "statement.txt",
    b"In 2023 the office removed 1,396,000 posts and closed 71,500 accounts.\n"
    b"The unemployment rate was 12.5% in 2023.",
)
ROAD = ("road.pdf", documents.pdf([documents.ROAD_TEXT], documents.ROAD_TABLE))


def test_a_rounded_claim_is_supported_by_the_precise_figure():
    match = index_of(STATEMENT).match(
        claimed(
            "1.4 million", 1_400_000, "posts", "In 2023 the regulator removed 1.4 million posts."
        )
    )
    assert match.outcome == "supported"
    assert match.best is not None and match.best.surface == "1,396,000"
    assert match.best.locator["line"] == 1
    assert (
        "1,396,000 (document 1, page 1, line 1) fits: 1.4 million claims [1,350,000, 1,450,000]"
        in match.reason
    )


def test_a_figure_about_the_same_thing_outside_the_bounds_contradicts():
    match = index_of(STATEMENT).match(
        claimed("67,000", 67_000, "accounts", "It closed 67,000 accounts.")
    )
    assert match.outcome == "contradicted"
    assert match.best is not None and match.best.surface == "71,500"
    assert "about “accounts” is outside the bounds: 67,000 claims [66,500, 67,500]" in match.reason


def test_nothing_about_the_same_thing_is_not_found():
    match = index_of(STATEMENT).match(
        claimed("52", 52, "companies", "The office fined 52 companies.")
    )
    assert match.outcome == "not_found" and match.best is None
    assert match.reason.startswith("No figure about “companies” in the documents")


def test_units_must_agree():
    index = index_of(STATEMENT)
    rate = index.match(
        claimed(
            "12.5%", "12.5", "unemployment rate", "The unemployment rate was 12.5%.", unit="percent"
        )
    )
    assert rate.outcome == "supported" and rate.best is not None and rate.best.unit == "percent"
    dollars = index.match(
        claimed(
            "$12.5", "12.5", "unemployment rate", "The unemployment rate was $12.5.", unit="USD"
        )
    )
    assert dollars.outcome == "not_found"


def test_a_table_row_of_the_claimed_year_decides():
    index = index_of(ROAD)
    right = index.match(
        claimed("1,624", 1624, "road deaths", "There were 1,624 road deaths in 2023.")
    )
    assert right.outcome == "supported" and right.best is not None
    # The running text also says 1,624; either is right, both are 2023's figure.
    assert right.best.value == 1624
    wrong_year = index.match(
        claimed("1,711", 1711, "road deaths", "In 2023 there were 1,711 road deaths.")
    )
    assert wrong_year.outcome == "contradicted"
    assert wrong_year.best is not None and wrong_year.best.value == 1624


def test_a_document_attached_to_the_claim_ranks_first():
    other = ("other.txt", b"In 2023 the agency removed 1,380,000 posts.")
    claim = claimed(
        "1.4 million", 1_400_000, "posts", "In 2023 the regulator removed 1.4 million posts."
    )
    plain = index_of(STATEMENT, other).match(claim).best
    assert plain is not None and plain.document_id == 1
    preferred = index_of(STATEMENT, other, attached={1: {2}}).match(claim)
    assert preferred.best is not None and preferred.best.document_id == 2
    assert preferred.outcome == "supported"


def test_lookup_reads_the_index_not_every_figure():
    rows = [
        candidate_from_row(
            i, 1, f"{i * 7:,}", Decimal(i * 7), None, None, Q.EXACT, "", "widgets", "", {"page": 1}
        )
        for i in range(1, 20_001)
    ]
    index = EvidenceIndex(rows, {})
    figure = claimed("70,357", 70_357, "posts", "They removed 70,357 posts.")
    bounds = figure_bounds("70,357", 70_357, None, None, Q.EXACT)
    assert bounds == (70_356.5, 70_357.5)
    # Of 20,000 figures none shares a word with the claim: none is ranked.
    assert index.lookup(figure, bounds) == set()
    assert index.match(figure).outcome == "not_found"  # widgets are not posts
    widgets = claimed("70,357", 70_357, "widgets", "They made 70,357 widgets.")
    looked_at = index.lookup(widgets, bounds)
    # The figure within the bounds (70,357 = 7 x 10,051) among at most RANKED_CANDIDATES.
    assert 10_050 in looked_at and len(looked_at) <= RANKED_CANDIDATES
    assert index.match(widgets).outcome == "supported"
