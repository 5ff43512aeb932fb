"""The workspace's data: an article's figures and claims as rows of display values.

The page is read with a fixed number of queries whatever the number of figures and claims:
the article, its figures, its claims (with source and via names), their tags, their links
and the collection's tags, each as plain values (no model instance per row). What an
annotator working blind sees of them is claims/blind.py's rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Case, Count, Q, QuerySet, Value, When

from articles.models import Article
from claims import blind
from claims.models import Claim, ClaimLink, Figure, Tag


def number(value: Decimal | None) -> str:
    """67000.0000000000 -> "67,000"; 0.5 -> "0.5"; None -> ""."""
    if value is None:
        return ""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal.to_integral_value():,f}"
    return f"{normal:,f}"


# The fields a stale-edit message compares, with the label it names them by.
FIGURE_FIELDS = {
    "start": "start",
    "end": "end",
    "value": "value",
    "lower": "lower bound",
    "upper": "upper bound",
    "qualifier": "qualifier",
    "unit": "unit",
    "counted": "counted",
    "state": "state",
}
CLAIM_FIELDS = {
    "start": "start",
    "end": "end",
    "source": "source",
    "via": "via",
    "attribution": "attribution",
    "tags": "tags",
    "status": "status",
    "verdict": "verdict",
    "rejection_reason": "rejection reason",
    "note": "note",
}


def figure_snapshot(figure: Figure) -> dict[str, str]:
    return figure_row(figure).snapshot()


def claim_snapshot(claim: Claim, tags: list[Tag]) -> dict[str, str]:
    return {
        "start": str(claim.start),
        "end": str(claim.end),
        "source": str(claim.source) if claim.source_id else "",
        "via": str(claim.via) if claim.via_id else "",
        "attribution": claim.attribution,
        "tags": ", ".join(sorted(t.name for t in tags)),
        "status": claim.status,
        "verdict": claim.verdict,
        "rejection_reason": claim.rejection_reason,
        "note": claim.note,
    }


def snapshot_json(snapshot: dict[str, str]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class FigureRow:
    """One figure as the side panel shows it (values as display strings)."""

    id: int
    start: int
    end: int
    surface: str
    value: str
    lower: str
    upper: str
    qualifier: str
    unit: str
    counted: str
    state: str
    version: int

    def snapshot(self) -> dict[str, str]:
        return {
            "start": str(self.start),
            "end": str(self.end),
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "counted": self.counted,
            "state": self.state,
        }


@dataclass(slots=True)
class LinkRow:
    relation: str
    other_id: int
    other_quote: str
    other_article_id: int
    other_article_title: str


@dataclass(slots=True)
class ClaimRow:
    """One claim as the side panel shows it, with its tag ids and links both ways."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    source: str
    via: str
    attribution: str
    status: str
    verdict: str
    rejection_reason: str
    note: str
    version: int
    # Whose version of the sentence this is (double annotation), and whether curation
    # superseded it by another annotator's claim.
    created_by: str = ""
    superseded: bool = False
    tag_ids: list[int] = field(default_factory=list)
    links_out: list[LinkRow] = field(default_factory=list)
    links_in: list[LinkRow] = field(default_factory=list)

    def snapshot(self, tag_names: dict[int, str]) -> dict[str, str]:
        return {
            "start": str(self.start),
            "end": str(self.end),
            "source": self.source,
            "via": self.via,
            "attribution": self.attribution,
            "tags": ", ".join(sorted(tag_names.get(t, "") for t in self.tag_ids)),
            "status": self.status,
            "verdict": self.verdict,
            "rejection_reason": self.rejection_reason,
            "note": self.note,
        }


# The columns a FigureRow is read from, in its fields' order (one query, no instances).
FIGURE_COLUMNS = tuple(f.name for f in fields(FigureRow))


# A FigureRow's columns as stored: id, start, end, surface, value, lower, upper, qualifier,
# unit, counted, state, version.
FigureValues = tuple[
    int, int, int, str, Decimal | None, Decimal | None, Decimal | None, str, str, str, str, int
]


def _figure_row(values: FigureValues) -> FigureRow:
    pk, start, end, surface, value, lower, upper, qualifier, unit, counted, state, version = values
    return FigureRow(
        pk,
        start,
        end,
        surface,
        number(value),
        number(lower),
        number(upper),
        qualifier,
        unit,
        counted,
        state,
        version,
    )


def article_figures(article: Article, blind_for: User | None = None) -> QuerySet[Figure]:
    """The article's figures; for an annotator working blind, those she sees
    (claims.blind.visible_figures)."""
    figures = Figure.objects.filter(article=article)
    return figures if blind_for is None else blind.visible_figures(figures, blind_for)


def figure_rows(article: Article, blind_for: User | None = None) -> list[FigureRow]:
    """The article's figures in text order: one query, no model instances.

    `blind_for`, an annotator working blind (Article.is_blind_for): her figures, each as she
    reads it (claims.blind.read_as_she_reads: two more queries).
    """
    figures = article_figures(article, blind_for).order_by("start", "end")
    if blind_for is None:
        return [_figure_row(v) for v in figures.values_list(*FIGURE_COLUMNS)]
    hers = blind.read_as_she_reads(figures, blind_for, all_blind=True)
    return [figure_row(f) for f in hers]


def figure_counts(article: Article, blind_for: User | None = None) -> dict[str, int]:
    """How many of the article's figures are in each state: one query (three for an
    annotator working blind: her figures as she reads them)."""
    counts = dict.fromkeys(Figure.State.values, 0)
    if blind_for is not None:
        for row in figure_rows(article, blind_for):
            counts[row.state] += 1
        return counts
    states = Figure.objects.filter(article=article).values_list("state").annotate(n=Count("pk"))
    for state, n in states.order_by():
        counts[state] = n
    return counts


def figure_row(figure: Figure) -> FigureRow:
    """The figure's row (as she reads it, for a figure passed through claims.blind)."""
    return _figure_row(tuple(getattr(figure, "pk" if c == "id" else c) for c in FIGURE_COLUMNS))


def short_quote(quote: str) -> str:
    """A claim as one line, as Claim.__str__ shows it."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= 80 else quote[:77] + "…"


CLAIM_COLUMNS = (
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "source__name",
    "via__name",
    "attribution",
    "status",
    "verdict",
    "rejection_reason",
    "note",
    "version",
    "created_by__username",
    "superseded_by_id",
)


def claim_rows(
    article: Article,
    only: int | None = None,
    by: User | None = None,
    viewer: User | None = None,
) -> list[ClaimRow]:
    """The article's claims in text order with tags and links: three queries in all.

    `by`: only the claims that user made (an annotator working blind sees her own).
    `viewer`: without the links from or to claims hidden from that user (claims.blind.visible_links).
    """
    claims = Claim.objects.filter(article=article)
    if by is not None:
        claims = claims.filter(created_by=by)
    if only is not None:
        claims = claims.filter(pk=only)
    rows: dict[int, ClaimRow] = {}
    for v in claims.order_by("start", "end", "pk").values_list(*CLAIM_COLUMNS):
        pk, article_id, start, end, quote, source, via, *rest = v
        attribution, status, verdict, rejection_reason, note, version, maker, superseded_by = rest
        rows[pk] = ClaimRow(
            pk,
            article_id,
            start,
            end,
            quote,
            source or "",
            via or "",
            attribution,
            status,
            verdict,
            rejection_reason,
            note,
            version,
            maker or "",
            superseded_by is not None,
        )
    tagged = Claim.tags.through.objects.filter(claim__in=claims).order_by("tag_id")
    for claim_id, tag_id in tagged.values_list("claim_id", "tag_id"):
        rows[claim_id].tag_ids.append(tag_id)
    # The claims' ids as values, not a subquery: PostgreSQL then reads both link indexes
    # (from, to) instead of scanning every link of a million-claim table (issue 8).
    ids = list(rows)
    links = ClaimLink.objects.filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids))
    if viewer is not None:
        links = blind.visible_links(links, viewer)
    for (
        frm,
        to,
        relation,
        frm_quote,
        to_quote,
        frm_art,
        to_art,
        frm_title,
        to_title,
    ) in links.order_by("relation", "pk").values_list(
        "from_claim_id",
        "to_claim_id",
        "relation",
        "from_claim__quote",
        "to_claim__quote",
        "from_claim__article_id",
        "to_claim__article_id",
        "from_claim__article__title",
        "to_claim__article__title",
    ):
        label = RELATION_LABELS.get(relation, relation)
        if frm in rows:
            rows[frm].links_out.append(LinkRow(label, to, short_quote(to_quote), to_art, to_title))
        if to in rows:
            rows[to].links_in.append(
                LinkRow(label, frm, short_quote(frm_quote), frm_art, frm_title)
            )
    return list(rows.values())


RELATION_LABELS = dict(ClaimLink.Relation.choices)
QUALIFIER_LABELS = dict(Figure.Qualifier.choices)
FIGURE_STATE_LABELS = dict(Figure.State.choices)
CLAIM_STATUS_LABELS = dict(Claim.Status.choices)
VERDICT_LABELS = dict(Claim.Verdict.choices)


# Tags as the panel, the claim form and the ? overlay list them: those with a keyboard key
# first, by key (1, 2, 3…), then the others by name.
TAG_ORDER = (Case(When(key="", then=Value(1)), default=Value(0)), "key", "name")


def tags_for(article: Article) -> QuerySet[Tag]:
    """The tags a claim of `article` may carry (its collection's and global ones), in key order."""
    return Tag.objects.filter(
        Q(collection_id=article.collection_id) | Q(collection__isnull=True)
    ).order_by(*TAG_ORDER)
