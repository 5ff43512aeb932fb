"""Streaming the claims of an export, in batches, with everything each format needs.

Every format reads the same thing: claims in article order, each with its article, source,
via, tags, outgoing links and figures. Reading that through model instances and
`prefetch_related` costs a Python object per row (a claim with three figures and two tags is
seven objects); the exports read plain tuples instead, in batches of `chunk_size` claims,
with a fixed number of queries per batch:

1. the claims themselves, one streaming query (`values_list(...).iterator()`: a server-side
   cursor on PostgreSQL, `fetchmany` on SQLite);
2. the figures of the batch's claims (through the claim-figure table, joined to figures);
3. the tags of the batch's claims (tags themselves are cached: a collection has few);
4. the outgoing links of the batch's claims;
5. the articles first seen in the batch (with their text: the quote's prefix and suffix and
   the `article` records come from it), and any sources not seen before.

Memory holds one batch and the texts of its articles, whatever the size of the export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db.models import QuerySet

from articles.models import Article, Collection
from claims.models import Claim, ClaimLink, Source, Tag

# How many characters of context the jsonl and Web Annotation exports give either side of a
# quote: enough to find it again in a copy of the article, short enough to stay readable.
CONTEXT_CHARS = 32
DEFAULT_CHUNK_SIZE = 2000

FORMAT_VERSION = "claimdesk/1"


@dataclass(slots=True)
class ArticleRow:
    id: int
    collection_slug: str
    collection_name: str
    title: str
    url: str
    outlet: str
    byline: str
    published_on: date | None
    language: str
    status: str
    text_sha256: str
    text: str
    metadata: dict[str, Any]


@dataclass(slots=True)
class SourceRow:
    id: int
    name: str
    kind: str


@dataclass(slots=True)
class TagRow:
    id: int
    slug: str
    name: str


@dataclass(slots=True)
class LinkRow:
    relation: str
    target: int
    note: str


@dataclass(slots=True)
class FigureRow:
    id: int
    start: int
    end: int
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str
    state: str
    origin: str


@dataclass(slots=True)
class ClaimRow:
    id: int
    article: ArticleRow
    start: int
    end: int
    quote: str
    source: SourceRow | None
    via: SourceRow | None
    attribution: str
    status: str
    verdict: str
    note: str
    rejection_reason: str
    created_at: datetime | None
    updated_at: datetime | None
    reviewed_at: datetime | None
    tags: list[TagRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return self.article.text[max(0, self.start - CONTEXT_CHARS) : self.start]

    @property
    def suffix(self) -> str:
        return self.article.text[self.end : self.end + CONTEXT_CHARS]


@dataclass(slots=True)
class ExportBatch:
    """Up to `chunk_size` claims, and the articles that first appear among them."""

    new_articles: list[ArticleRow]
    claims: list[ClaimRow]


def export_claims(
    *, collection: Collection | None = None, status: str | None = None
) -> QuerySet[Claim]:
    """The claims an export with these filters holds."""
    claims = Claim.objects.all()
    if collection is not None:
        claims = claims.filter(article__collection=collection)
    if status:
        claims = claims.filter(status=status)
    return claims


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal in plain notation without trailing zeros: 1400000, 0.5, -3.25."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def _batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


_CLAIM_COLUMNS = (
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "source_id",
    "via_id",
    "attribution",
    "status",
    "verdict",
    "note",
    "rejection_reason",
)
_TIME_COLUMNS = ("created_at", "updated_at", "reviewed_at")
_FIGURE_COLUMNS = (
    "claim_id",
    "figure_id",
    "figure__start",
    "figure__end",
    "figure__surface",
    "figure__value",
    "figure__lower",
    "figure__upper",
    "figure__qualifier",
    "figure__unit",
    "figure__counted",
    "figure__state",
    "figure__origin",
)
_ARTICLE_COLUMNS = (
    "id",
    "collection__slug",
    "collection__name",
    "title",
    "url",
    "outlet",
    "byline",
    "published_on",
    "language",
    "status",
    "text_sha256",
    "text",
    "metadata",
)


def _figure_order(figure: FigureRow) -> tuple[int, int, int]:
    return (figure.start, figure.end, figure.id)


def _link_order(link: LinkRow) -> tuple[str, int]:
    return (link.relation, link.target)


def _sorted_tags(ids: list[int], tags: dict[int, TagRow]) -> list[TagRow]:
    found = [tags[pk] for pk in ids]
    if len(found) > 1:
        found.sort(key=lambda tag: tag.slug)
    return found


def iter_batches(
    claims: QuerySet[Claim],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    with_times: bool = False,
) -> Iterator[ExportBatch]:
    """The claims of `claims` in article order, `chunk_size` at a time, fully loaded.

    `with_times` also reads created_at, updated_at and reviewed_at (the formats that do
    not write them skip the cost of converting 600,000 datetimes per 200,000 claims).
    """
    columns = _CLAIM_COLUMNS + (_TIME_COLUMNS if with_times else ())
    rows = (
        claims.order_by("article_id", "start", "end", "id")
        .values_list(*columns)
        .iterator(chunk_size=chunk_size)
    )
    figure_through = Claim.figures.through
    tag_through = Claim.tags.through
    articles: dict[int, ArticleRow] = {}
    sources: dict[int, SourceRow] = {}
    tags: dict[int, TagRow] = {}

    for batch in _batched(rows, chunk_size):
        claim_ids = {row[0] for row in batch}
        # The batch's claims lie in a run of articles (they come in article order): the
        # figures, tags and links below are read for that run, which is cheaper to ask for
        # than 2,000 ids, and rows of claims outside the batch are dropped.
        in_run = {"claim__article_id__gte": batch[0][1], "claim__article_id__lte": batch[-1][1]}

        # Articles: keep only those this batch needs; the last one may carry on.
        wanted = {row[1] for row in batch}
        articles = {pk: a for pk, a in articles.items() if pk in wanted}
        missing = wanted - articles.keys()
        new_articles: list[ArticleRow] = []
        if missing:
            for values in Article.objects.filter(pk__in=missing).values_list(*_ARTICLE_COLUMNS):
                articles[values[0]] = ArticleRow(*values)
            new_articles = sorted((articles[pk] for pk in missing), key=lambda a: a.id)

        wanted_sources = {pk for row in batch for pk in (row[5], row[6]) if pk is not None}
        missing = wanted_sources - sources.keys()
        if missing:
            for pk, name, kind in Source.objects.filter(pk__in=missing).values_list(
                "id", "name", "kind"
            ):
                sources[pk] = SourceRow(pk, name, kind)

        figures: defaultdict[int, list[FigureRow]] = defaultdict(list)
        for claim_id, *values in figure_through.objects.filter(**in_run).values_list(
            *_FIGURE_COLUMNS
        ):
            if claim_id in claim_ids:
                figures[claim_id].append(FigureRow(*values))

        claim_tags: defaultdict[int, list[int]] = defaultdict(list)
        for claim_id, tag_id in tag_through.objects.filter(**in_run).values_list(
            "claim_id", "tag_id"
        ):
            if claim_id in claim_ids:
                claim_tags[claim_id].append(tag_id)
        missing = {pk for ids in claim_tags.values() for pk in ids} - tags.keys()
        if missing:
            for pk, slug, name in Tag.objects.filter(pk__in=missing).values_list(
                "id", "slug", "name"
            ):
                tags[pk] = TagRow(pk, slug, name)

        links: defaultdict[int, list[LinkRow]] = defaultdict(list)
        for from_id, relation, to_id, note in (
            ClaimLink.objects.filter(
                from_claim__article_id__gte=batch[0][1], from_claim__article_id__lte=batch[-1][1]
            )
            .order_by()
            .values_list("from_claim_id", "relation", "to_claim_id", "note")
        ):
            if from_id in claim_ids:
                links[from_id].append(LinkRow(relation, to_id, note))

        out = []
        for row in batch:
            pk = row[0]
            claim_figures = figures.get(pk, [])
            if len(claim_figures) > 1:
                claim_figures.sort(key=_figure_order)
            claim_links = links.get(pk, [])
            if len(claim_links) > 1:
                claim_links.sort(key=_link_order)
            out.append(
                ClaimRow(
                    id=pk,
                    article=articles[row[1]],
                    start=row[2],
                    end=row[3],
                    quote=row[4],
                    source=sources[row[5]] if row[5] is not None else None,
                    via=sources[row[6]] if row[6] is not None else None,
                    attribution=row[7],
                    status=row[8],
                    verdict=row[9],
                    note=row[10],
                    rejection_reason=row[11],
                    created_at=row[12] if with_times else None,
                    updated_at=row[13] if with_times else None,
                    reviewed_at=row[14] if with_times else None,
                    tags=_sorted_tags(claim_tags[pk], tags) if pk in claim_tags else [],
                    links=claim_links,
                    figures=claim_figures,
                )
            )
        yield ExportBatch(new_articles=new_articles, claims=out)


def iter_claim_rows(
    claims: QuerySet[Claim], *, chunk_size: int = DEFAULT_CHUNK_SIZE, with_times: bool = False
) -> Iterator[ClaimRow]:
    for batch in iter_batches(claims, chunk_size=chunk_size, with_times=with_times):
        yield from batch.claims
