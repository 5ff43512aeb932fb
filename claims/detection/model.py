"""The figure every grammar returns.

:class:`DetectedFigure` (with its :class:`Qualifier` and the :data:`VAGUE_BOUNDS` of vague
magnitudes) is what :func:`claims.detection.detect_figures` returns for any language; the steps
every grammar shares after its scan, which build it, are in :mod:`.found`. This module stays
Python when the engine is compiled (:mod:`.compiled`): the rest of Claimdesk uses its classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final


class Qualifier(StrEnum):
    """How the written figure relates to the true quantity."""

    EXACT = "exact"
    APPROX = "approx"
    APPROX_BELOW = "approx_below"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class DetectedFigure:
    """A figure found in a text; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: Qualifier
    unit: str
    counted: str


def _bounds(low: int, high: int) -> tuple[Decimal, Decimal]:
    return Decimal(low), Decimal(high)


#: Bounds for vague magnitudes: "<scale>s" spans up to just below the next named scale.
VAGUE_BOUNDS: Final[dict[str, tuple[Decimal, Decimal]]] = {
    "dozens": _bounds(24, 144),
    "scores": _bounds(40, 199),
    "hundreds": _bounds(100, 999),
    "thousands": _bounds(1_000, 999_999),
    "millions": _bounds(10**6, 10**9 - 1),
    "billions": _bounds(10**9, 10**12 - 1),
    "trillions": _bounds(10**12, 10**15 - 1),
}
