"""The records evidence matching reads: a claim's figure (`ClaimFigure`) and a document's
figure as a candidate (`Candidate`), read from a stored EvidenceFigure row
(`candidate_from_row`) or from a figure just extracted (`candidate_from_found`): its keys, the
keys of its table's headers, caption and sheet, its period and whether it is the earlier figure
beside a current one. Split from claims/evidence/matching.py (which re-exports these names)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from claims.evidence import concepts
from claims.evidence.reading import (
    _EARLIER,
    _EARLIER_BEFORE,
    _EARLIER_JUST_BEFORE,
    Locator,
    _clause,
    _header_period_free,
    _locator_text,
    _without_base,
    figure_bounds,
    period_of,
    periods,
)

if TYPE_CHECKING:
    from claims.evidence.extract import FoundFigure


@dataclass(frozen=True)
class ClaimFigure:
    """One figure of one claim, as matching reads it."""

    claim_id: int
    figure_id: int
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str
    claim_quote: str = ""
    #: The claim's article's language (BCP 47); a document in it is preferred on a tie.
    language: str = ""


@dataclass(frozen=True)
class Candidate:
    """A document figure, as the index holds it."""

    pk: int
    document_id: int
    surface: str
    value: float
    low: float
    high: float
    unit: str
    counted: str
    quote: str
    locator: Locator
    tokens: frozenset[str]
    periods: frozenset[str]
    #: The keys (claims/evidence/concepts.py) of the figure's own clause, counted noun and
    #: headers: what the figure itself is about. `tokens` holds these and its whole line's.
    near: frozenset[str] = frozenset()
    #: A table cell's row and column header keys (empty for prose).
    row_keys: frozenset[str] = frozenset()
    column_keys: frozenset[str] = frozenset()
    is_cell: bool = False
    #: The figure's period: years and quarters named in its clause or headers, and whether
    #: it is an earlier figure beside the current one ("down from 4,120 a year earlier").
    years: frozenset[int] = frozenset()
    quarters: frozenset[int] = frozenset()
    previous: bool = False
    #: The document's language (BCP 47).
    language: str = ""
    #: A table's total row ("Total nacional", "Insgesamt", "合计"): about the whole table.
    total_row: bool = False
    #: ... named by a word after the thing ("Land insgesamt"): the table's total only when no
    #: other row is named so ("Straftaten insgesamt" above "Diebstahl insgesamt": subtotals).
    total_after: bool = False


#: The table a cell is in, (document id, sheet, page, table), or its document's prose,
#: (document id,): a key of the index's tables.
TableKey = tuple[int] | tuple[int, str | None, int | None, int | None]


def _table_of(candidate: Candidate) -> TableKey:
    """The table a cell is in (its document, sheet, page and table), or its document's prose."""
    if not candidate.is_cell:
        return (candidate.document_id,)
    where = candidate.locator
    return (candidate.document_id, where.get("sheet"), where.get("page"), where.get("table"))


#: Words of a table header that say how its numbers are written, not what they count.
_HEADER_NOISE = frozenset(
    k
    for k in concepts.keys(
        "thousands thousand million millions billion bn m gbp eur pence pct percent year end "
        "count counts number value values total amount figure "
        # a count of cases says only how the cells are counted ("Fälle", "cas", "casos")
        "cases fälle cas casos 案件数 件数 "
        "（万人） （万人次） （亿元） （万元）"
    )
    if not k.startswith("c:")
)


def _context_keys(locator: Mapping[str, object]) -> frozenset[str]:
    """The keys of a table's caption, stub head and sheet name, without their period."""
    text = " ".join(str(locator.get(k) or "") for k in ("caption", "stub", "sheet"))
    return _header_keys(text) if text.strip() else frozenset()


def _header_keys(header: str) -> frozenset[str]:
    """What a table header says its cells are about: its keys without its period, its scale
    and the unit its cells are written in ("Tonnes 2024" says only how they are counted;
    the claim's unit must be the same anyway)."""
    from claims.evidence.extract import header_unit_text

    text = _header_period_free(header)
    unit = header_unit_text(header)
    written = concepts.keys(unit[2]) if unit else frozenset()
    return concepts.keys(text) - _HEADER_NOISE - written


#: A comparison after a figure: what follows is its base ("than", "als", "que", "比").
_COMPARED = re.compile(
    r"\b(?:than|compared|against|on|over|from|als|gegenuber|que|qu'|par rapport|frente|contre)\b"
    r"|比|较"
)


#: A row header naming a table's total, in the five languages.
_TOTAL = re.compile(
    r"\s*(?:(?:grand |sum )?totals?|all\b|overall|insgesamt|gesamt|summe|zusammen|ensemble"
    r"|total general|todos|合计|总计|总数|全部|共计|小计)",
)

#: ... or ending one ("Land insgesamt", "Straftaten insgesamt", "Spain total").
_TOTAL_AFTER = re.compile(r"\b(?:totals?|insgesamt|gesamt|en total|ensemble|合计|总计)\s*$")

# The columns of an EvidenceFigure a Candidate is made of, in candidate_from_row's order.
CANDIDATE_COLUMNS = (
    "pk",
    "document_id",
    "surface",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "quote",
    "locator",
    "document__language",
)


def candidate_from_row(
    pk: int,
    document_id: int,
    surface: str,
    value: Decimal | None,
    lower: Decimal | None,
    upper: Decimal | None,
    qualifier: str,
    unit: str,
    counted: str,
    quote: str,
    locator: Locator,
    language: str = "",
) -> Candidate:
    number = float(value or 0)  # the index reads only figures with a value
    bounds = figure_bounds(surface, value, lower, upper, qualifier) or (number, number)
    headers = _locator_text(locator)
    is_cell = "row_header" in locator or "column_header" in locator
    if is_cell:
        row_header = str(locator.get("row_header", ""))
        column_header = str(locator.get("column_header", ""))
        near = concepts.keys(f"{counted} {headers}")
        row_years, row_quarters = period_of(row_header)
        column_years, column_quarters = period_of(column_header)
        years, quarters = row_years | column_years, row_quarters | column_quarters
        if not years:  # the sheet's or the caption's period: a sheet named "2024-25"
            for context in (locator.get("sheet"), locator.get("caption")):
                if context and not years:
                    years, quarters = period_of(str(context))
        row_keys = _header_keys(row_header)
        column_keys = _header_keys(column_header)
        total_row = bool(_TOTAL.match(concepts.fold(row_header)))
        total_after = not total_row and bool(_TOTAL_AFTER.search(concepts.fold(row_header)))
        total_row = total_row or total_after
        previous = False
    else:
        clause, before = _clause(quote, surface)
        near = concepts.keys(f"{counted} {clause}")
        if len(near - concepts.change_keys()) <= 1:
            # "£7.25 million," or "soit 4,3 % de moins qu'en 2022": a clause that names no
            # thing of its own is about its sentence's subject.
            near = near | concepts.keys(quote)
        years, quarters = period_of(_without_base(clause.replace(surface, " ")))
        own_years = bool(years)
        if not years:  # "In 2023, 1,624 people were killed": the line's opening clauses
            at = quote.find(clause)
            years = period_of(_without_base(quote[: max(at, 0)]))[0]
        row_keys = column_keys = frozenset()
        total_row = total_after = False
        at = quote.find(surface)
        after = clause[clause.find(surface) + len(surface) :] if surface in clause else ""
        earlier = _EARLIER.search(_without_base(clause))
        if (
            earlier
            and _EARLIER.search(concepts.fold(after))
            and _COMPARED.search(concepts.fold(after))
        ):
            # "7.4% fewer than the year before": the earlier period is the change's base.
            earlier = None
        previous = bool(
            earlier
            or _EARLIER_BEFORE.search(before)
            or (at > 0 and _EARLIER_JUST_BEFORE.search(concepts.fold(quote[max(0, at - 60) : at])))
        )
        if previous and years and not own_years:
            # "In 2023 ... 148,370 complaints, after 126,912 the year before": the line's
            # year is the current figure's; the earlier one is of the year before it.
            years = frozenset(y - 1 for y in years)
    return Candidate(
        pk=pk,
        document_id=document_id,
        surface=surface,
        value=number,
        low=bounds[0],
        high=bounds[1],
        unit=unit,
        counted=counted,
        quote=quote,
        locator=locator,
        # A table's caption and sheet name say what all its cells are about.
        tokens=near
        | concepts.keys(f"{quote} {headers}")
        | (_context_keys(locator) if is_cell else frozenset()),
        periods=periods(f"{quote} {headers}"),
        near=near,
        row_keys=row_keys,
        column_keys=column_keys,
        is_cell=is_cell,
        years=years,
        quarters=quarters,
        previous=previous,
        language=(language or "").split("-")[0].lower(),
        total_row=total_row,
        total_after=total_after,
    )


def candidate_from_found(
    pk: int, document_id: int, figure: FoundFigure, language: str = ""
) -> Candidate:
    """A figure just extracted from a document (not stored yet) as a candidate, with the same
    reading as a stored EvidenceFigure's (benchmarks and tests match without a database)."""
    return candidate_from_row(
        pk,
        document_id,
        figure.surface,
        figure.value,
        figure.lower,
        figure.upper,
        figure.qualifier,
        figure.unit,
        figure.counted,
        figure.quote,
        figure.locator,
        language,
    )
