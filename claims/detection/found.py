"""The steps every grammar shares after its scan, compiled with the engine.

A scanner builds mutable :class:`_Found` records, lets :func:`_inherit_counted` fill in the
nouns of bare numbers from the figures around them, and turns them into the public
:class:`~.model.DetectedFigure` with :func:`detected`. These live apart from :mod:`.model` so
that they are compiled (:mod:`.compiled`): ``_Found`` is then a native class, whose fields the
compiled scanners read and write directly.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from itertools import pairwise
from typing import Final

from .model import DetectedFigure, Qualifier
from .sentences import breaks_between


class _Found:
    """What a scanner found, before it becomes a DetectedFigure.

    A plain class with slots rather than a dataclass: compiled (:mod:`.compiled`) it is built
    natively, where a dataclass keeps its generated Python ``__init__``.
    """

    __slots__ = (
        "counted",
        "end",
        "lower",
        "qualifier",
        "start",
        "unit",
        "upper",
        "value",
    )

    start: int
    end: int
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: Qualifier
    unit: str
    counted: str

    def __init__(
        self,
        start: int,
        end: int,
        value: Decimal | None,
        lower: Decimal | None,
        upper: Decimal | None,
        qualifier: Qualifier,
        unit: str,
        counted: str,
    ) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.lower = lower
        self.upper = upper
        self.qualifier = qualifier
        self.unit = unit
        self.counted = counted


_LOWER_BOUNDED: Final = frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST})
_UPPER_BOUNDED: Final = frozenset({Qualifier.APPROX_BELOW, Qualifier.AT_MOST, Qualifier.LESS_THAN})


def _bounded(qualifier: Qualifier, value: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if qualifier in _LOWER_BOUNDED:
        return value, None
    if qualifier in _UPPER_BOUNDED:
        return None, value
    return None, None


_SP = r"[ \t\u00a0]"  # horizontal space, as the English scanner reads it
_OF_THE: Final = re.compile(rf"{_SP}+of{_SP}+(?:the{_SP}+)?$", re.IGNORECASE)
# How many earlier figures a bare number may look back through for its noun (keeps it linear).
_INHERIT_LOOKBACK: Final = 6


def _inherit_counted(text: str, found: list[_Found]) -> None:
    """Fill in what a bare number counts from the figures around it.

    "240 of the 543 seats": the first counts seats too.  "Nearly 187,000 people ..., while more
    than 430,000 have": the second counts people (same sentence).  "4,200 schools had reopened.
    A further 1,300 remain closed": the previous sentence of the same paragraph.
    """
    if not any(f.counted == "" and f.unit == "" for f in found):
        return
    for figure, following in pairwise(found):
        if (
            not figure.counted
            and not figure.unit
            and following.counted
            and not following.unit
            and _OF_THE.match(text[figure.end : following.start])
        ):
            figure.counted = following.counted
    # Sentence and paragraph breaks between consecutive figures, read only where a figure
    # without a noun looks back (segmenting the whole text would cost more than the rest).
    gaps: dict[int, tuple[int, bool]] = {}
    for i, figure in enumerate(found):
        if figure.counted or figure.unit or i == 0:
            continue
        sentences = 0  # sentence starts between found[j] and this figure
        for j in range(i - 1, max(-1, i - 1 - _INHERIT_LOOKBACK), -1):
            previous = found[j]
            gap = gaps.get(j)
            if gap is None:
                gap = gaps[j] = breaks_between(text, previous.start, found[j + 1].start)
            sentences += gap[0]
            if sentences >= 2:
                break
            if sentences and any(gaps[k][1] for k in range(j, i)):
                break  # the sentence before, but in another paragraph
            if previous.counted and not previous.unit:
                figure.counted = previous.counted
                break


# DetectedFigure is frozen, so its generated __init__ sets every field through
# object.__setattr__ (2 µs a figure, the largest part of building the list); its slots'
# descriptors set the same fields directly, in half the time, and give an equal object.
_FIGURE_FIELDS: Final = (
    *("start", "end", "surface", "value", "lower", "upper", "qualifier", "unit", "counted"),
)


if tuple(field.name for field in dataclasses.fields(DetectedFigure)) != _FIGURE_FIELDS:
    raise RuntimeError("detected() sets DetectedFigure's fields in _FIGURE_FIELDS: update it")


_SET_FIGURE_FIELDS: Final = tuple(getattr(DetectedFigure, name).__set__ for name in _FIGURE_FIELDS)


def detected(text: str, found: list[_Found]) -> list[DetectedFigure]:
    """The public figures of what a scanner found in ``text`` (surfaces from the original
    text, which may differ from the scanned one in its digits)."""
    new = object.__new__
    start, end, surface, value, lower, upper, qualifier, unit, counted = _SET_FIGURE_FIELDS
    figures: list[DetectedFigure] = []
    for f in found:
        figure = new(DetectedFigure)
        start(figure, f.start)
        end(figure, f.end)
        surface(figure, text[f.start : f.end])
        value(figure, f.value)
        lower(figure, f.lower)
        upper(figure, f.upper)
        qualifier(figure, f.qualifier)
        unit(figure, f.unit)
        counted(figure, f.counted)
        figures.append(figure)
    return figures
