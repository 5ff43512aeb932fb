"""The plain records the consistency checks read and write: figures, claims and links in
(`FigureRecord`, `ClaimRecord`, `LinkRecord`), the interval a figure allows (`interval_of`),
and the findings out (`Finding`, `SuggestedLink`, `Kind`), each with its stable `key`.

No database and no text here: `reading.py` fills in what a figure's sentence says,
`rules.py` compares the records, `reports.py` loads them from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal, TypedDict, get_args

# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """One figure, as stored (`Figure`) or as detected (`DetectedFigure`), plus context.

    The fields after `counted` are read from the article text by `read_figures`; tests may
    set them by hand.
    """

    id: int
    article_id: int
    start: int
    end: int
    surface: str
    value: Decimal | None
    lower: Decimal | None = None
    upper: Decimal | None = None
    qualifier: str = "exact"
    unit: str = ""
    counted: str = ""
    paragraph: int = 0
    event: str = ""
    event_word: str = ""
    reason: str = ""
    other: bool = False
    part_of: int | None = None
    phrase: str = ""
    # Where the figure's sentence starts (-1: not read): accepting a finding makes a draft
    # claim of the sentence, so two figures of one sentence would share it.
    sentence_start: int = -1

    @property
    def label(self) -> str:
        """How a message names the figure: "1.4 million social media posts have been removed"."""
        return self.phrase or " ".join(
            p for p in (self.surface, self.counted, self.event_word) if p
        )

    @property
    def order(self) -> tuple[int, int]:
        return (self.article_id, self.start)


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    id: int
    article_id: int
    start: int
    end: int
    figure_ids: tuple[int, ...] = ()
    # Neither rejected nor superseded: the claim a suggested link should rather point to.
    usable: bool = True


@dataclass(frozen=True, slots=True)
class LinkRecord:
    id: int
    from_claim_id: int
    to_claim_id: int
    relation: str


# --------------------------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------------------------

INFINITY: Final = Decimal("Infinity")
# "about 45,000" is read as 40,500-49,500; "nearly one million" as 900,000-1,000,000.
APPROX_TOLERANCE: Final = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows; `lo` may be -Infinity and `hi` Infinity (always open)."""

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    def below(self, other: Interval) -> bool:
        """Every value of self is smaller than every value of other."""
        if self.hi < other.lo:
            return True
        return self.hi == other.lo and (self.hi_open or other.lo_open)

    def overlaps(self, other: Interval) -> bool:
        return not (self.below(other) or other.below(self))

    @property
    def representative(self) -> Decimal:
        """A single value for ratios: the middle of a finite interval, else its finite end."""
        if self.lo.is_finite() and self.hi.is_finite():
            return (self.lo + self.hi) / 2
        return self.lo if self.lo.is_finite() else self.hi

    def describe(self) -> str:
        lo, hi = format_number(self.lo), format_number(self.hi)
        if self.lo == self.hi:
            return lo
        if not self.hi.is_finite():
            return f"more than {lo}" if self.lo_open else f"at least {lo}"
        if self.lo == 0 and not self.lo_open:
            return f"less than {hi}" if self.hi_open else f"at most {hi}"
        return f"{lo}–{hi}"


def format_number(value: Decimal) -> str:
    if not value.is_finite():
        return "∞" if value > 0 else "-∞"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return format(value.normalize(), ",f")


def interval_of(
    qualifier: str, value: Decimal | None, lower: Decimal | None, upper: Decimal | None
) -> Interval | None:
    """The interval a figure allows, or None when it has no number at all."""
    if qualifier in ("range", "vague") or value is None:
        if lower is None and upper is None:
            if value is None:
                return None
            return Interval(value, value)
        lo = lower if lower is not None else Decimal(0)
        hi = upper if upper is not None else INFINITY
        return Interval(lo, hi, False, upper is None)
    v = value
    tolerance = abs(v) * APPROX_TOLERANCE
    floor = Decimal(0) if v >= 0 else -INFINITY
    if qualifier == "approx":
        return Interval(v - tolerance, v + tolerance)
    if qualifier == "approx_below":
        return Interval(v - tolerance, v)
    if qualifier == "more_than":
        return Interval(v, INFINITY, True, True)
    if qualifier == "at_least":
        return Interval(v, INFINITY, False, True)
    if qualifier == "at_most":
        return Interval(floor, v, floor == -INFINITY, False)
    if qualifier == "less_than":
        return Interval(floor, v, floor == -INFINITY, True)
    return Interval(v, v)


def interval_of_figure(figure: FigureRecord) -> Interval | None:
    return interval_of(figure.qualifier, figure.value, figure.lower, figure.upper)


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


class Kind:
    REPEAT: Final = "repeat"
    CONTRADICTION: Final = "contradiction"
    MAGNITUDE: Final = "magnitude"
    PART: Final = "part"
    PART_EXCEEDS_WHOLE: Final = "part_exceeds_whole"
    PARTS_EXCEED_WHOLE: Final = "parts_exceed_whole"
    REPEATS_LINK_DIFFERS: Final = "repeats_link_differs"
    CONTRADICTS_LINK_AGREES: Final = "contradicts_link_agrees"
    # A translation beside its original (issue 18, claims/alignments/): what changed.
    TRANSLATION_VALUE: Final = "translation_value"
    TRANSLATION_SCALE: Final = "translation_scale"
    TRANSLATION_HEDGE: Final = "translation_hedge"
    TRANSLATION_RANGE: Final = "translation_range"
    TRANSLATION_MISSING: Final = "translation_missing"
    TRANSLATION_ADDED: Final = "translation_added"
    TRANSLATION_NOUN: Final = "translation_noun"
    TRANSLATION_EVENT: Final = "translation_event"


KIND_LABELS: Final = {
    Kind.REPEAT: "Repeat",
    Kind.CONTRADICTION: "Contradiction",
    Kind.MAGNITUDE: "Suspicious magnitude",
    Kind.PART: "Part of a whole",
    Kind.PART_EXCEEDS_WHOLE: "Part larger than its whole",
    Kind.PARTS_EXCEED_WHOLE: "Parts sum to more than the whole",
    Kind.REPEATS_LINK_DIFFERS: "'Repeats' link between different values",
    Kind.CONTRADICTS_LINK_AGREES: "'Contradicts' link between agreeing values",
    Kind.TRANSLATION_VALUE: "Translation: value changed",
    Kind.TRANSLATION_SCALE: "Translation: scale slip",
    Kind.TRANSLATION_HEDGE: "Translation: hedge changed",
    Kind.TRANSLATION_RANGE: "Translation: range made one number",
    Kind.TRANSLATION_MISSING: "Translation: figure left out",
    Kind.TRANSLATION_ADDED: "Translation: figure not in the original",
    Kind.TRANSLATION_NOUN: "Translation: counted noun changed (weaker)",
    Kind.TRANSLATION_EVENT: "Translation: event changed (weaker)",
}
# The translation kinds, by the change of claims.translations they stand for.
TRANSLATION_KINDS: Final = {
    k.removeprefix("translation_"): k for k in KIND_LABELS if k.startswith("translation_")
}
SEVERITIES: Final = ("high", "medium", "low", "info")
# The ClaimLink relation a reviewer is offered for each kind of pair finding.
SUGGESTED_RELATION: Final = {
    Kind.REPEAT: "repeats",
    Kind.CONTRADICTION: "contradicts",
    Kind.MAGNITUDE: "contradicts",
    Kind.PART: "part_of",
    # The translation's figure -> the original's: a changed figure contradicts it; a changed
    # hedge still repeats it (the values overlap); a figure left out or added has no link.
    Kind.TRANSLATION_VALUE: "contradicts",
    Kind.TRANSLATION_SCALE: "contradicts",
    Kind.TRANSLATION_RANGE: "contradicts",
    Kind.TRANSLATION_NOUN: "contradicts",
    Kind.TRANSLATION_EVENT: "contradicts",
    Kind.TRANSLATION_HEDGE: "repeats",
}


class StoredLink(TypedDict):
    """A SuggestedLink as StoredFindings holds it (`SuggestedLink.stored`)."""

    relation: str
    from_figure_id: int
    to_figure_id: int
    from_claim_id: int | None
    to_claim_id: int | None
    from_label: str
    to_label: str
    from_claim_ids: list[int]
    to_claim_ids: list[int]


class StoredFinding(TypedDict):
    """A Finding as StoredFindings holds it (`Finding.stored`)."""

    kind: str
    severity: str
    figure_ids: list[int]
    message: str
    claim_ids: list[int]
    suggested_link: StoredLink | None
    link_ids: list[int]
    article_ids: list[int]


# What `SuggestedLink.as_dict` (the pages and exports) shows of `stored`, in this order (a
# stored row read back from PostgreSQL's jsonb has its keys in another).
ShownLinkField = Literal[
    "relation",
    "from_figure_id",
    "to_figure_id",
    "from_claim_id",
    "to_claim_id",
    "from_label",
    "to_label",
]
SHOWN_LINK_FIELDS: Final[tuple[ShownLinkField, ...]] = get_args(ShownLinkField)


@dataclass(frozen=True, slots=True)
class SuggestedLink:
    """A ClaimLink to create: the claim holding `from_figure_id` -> the one holding `to_figure_id`.

    The claim ids are None when the figure has no claim yet (accepting creates one).
    """

    relation: str
    from_figure_id: int
    to_figure_id: int
    from_claim_id: int | None = None
    to_claim_id: int | None = None
    # How a reviewer recognises the figures: "“1.4 million” (paragraph 1)".
    from_label: str = ""
    to_label: str = ""
    # Every claim holding each figure: a link between any of them with the relation (an
    # annotator linking her own claims) counts as the suggested link made.
    from_claim_ids: tuple[int, ...] = ()
    to_claim_ids: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The link as the pages and exports show it: `stored` without the claim id lists."""
        stored = self.stored()
        return {name: stored[name] for name in SHOWN_LINK_FIELDS}

    def stored(self) -> StoredLink:
        """Every field, as JSON (StoredFindings); `from_stored` reads it back."""
        return {
            "relation": self.relation,
            "from_figure_id": self.from_figure_id,
            "to_figure_id": self.to_figure_id,
            "from_claim_id": self.from_claim_id,
            "to_claim_id": self.to_claim_id,
            "from_label": self.from_label,
            "to_label": self.to_label,
            "from_claim_ids": list(self.from_claim_ids),
            "to_claim_ids": list(self.to_claim_ids),
        }

    @classmethod
    def from_stored(cls, data: StoredLink) -> SuggestedLink:
        """What `stored` wrote (stored findings are read only when of the current ENGINE,
        so always with every key)."""
        return cls(
            relation=data["relation"],
            from_figure_id=data["from_figure_id"],
            to_figure_id=data["to_figure_id"],
            from_claim_id=data["from_claim_id"],
            to_claim_id=data["to_claim_id"],
            from_label=data["from_label"],
            to_label=data["to_label"],
            from_claim_ids=tuple(data["from_claim_ids"]),
            to_claim_ids=tuple(data["to_claim_ids"]),
        )


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    severity: str
    figure_ids: tuple[int, ...]
    message: str
    claim_ids: tuple[int, ...] = ()
    suggested_link: SuggestedLink | None = None
    link_ids: tuple[int, ...] = ()
    article_ids: tuple[int, ...] = ()
    # Stable across re-checks: the kind and the sorted ids of the figures involved. Made
    # once (an export and a report read it several times a finding).
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", finding_key(self.kind, self.figure_ids))

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "severity": self.severity,
            "figure_ids": list(self.figure_ids),
            "claim_ids": list(self.claim_ids),
            "article_ids": list(self.article_ids),
            "link_ids": list(self.link_ids),
            "message": self.message,
            "suggested_link": self.suggested_link.as_dict() if self.suggested_link else None,
        }

    def stored(self) -> StoredFinding:
        """Every field, as JSON (StoredFindings); `from_stored` reads it back."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "figure_ids": list(self.figure_ids),
            "message": self.message,
            "claim_ids": list(self.claim_ids),
            "suggested_link": self.suggested_link.stored() if self.suggested_link else None,
            "link_ids": list(self.link_ids),
            "article_ids": list(self.article_ids),
        }

    @classmethod
    def from_stored(cls, data: StoredFinding) -> Finding:
        link = data["suggested_link"]
        return cls(
            kind=data["kind"],
            severity=data["severity"],
            figure_ids=tuple(data["figure_ids"]),
            message=data["message"],
            claim_ids=tuple(data["claim_ids"]),
            suggested_link=SuggestedLink.from_stored(link) if link else None,
            link_ids=tuple(data["link_ids"]),
            article_ids=tuple(data["article_ids"]),
        )


def finding_key(kind: str, figure_ids: Iterable[int]) -> str:
    return f"{kind}:" + ",".join(str(i) for i in sorted(set(figure_ids)))


def parse_finding_key(key: str) -> tuple[str, tuple[int, ...]] | None:
    kind, _, ids = key.partition(":")
    if kind not in KIND_LABELS or not ids:
        return None
    try:
        figure_ids = tuple(sorted({int(i) for i in ids.split(",")}))
    except ValueError:
        return None
    return kind, figure_ids


def unique_findings(findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.key, finding)
    return list(seen.values())


_RANK: Final = {s: i for i, s in enumerate(SEVERITIES)}


def finding_order(
    severity: str, article_ids: Sequence[int], figure_ids: Sequence[int]
) -> tuple[int, Sequence[int], Sequence[int]]:
    """Where a finding comes in a report: by severity, then its articles and figures (tuples
    for Finding objects, lists for stored rows: never both in one sort)."""
    return (_RANK.get(severity, 9), article_ids, figure_ids)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: finding_order(f.severity, f.article_ids, f.figure_ids))
