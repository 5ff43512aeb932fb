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

import gc
import queue
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Context, Decimal
from itertools import islice
from typing import Protocol, TypeVar

from django.db import connections
from django.db.models import QuerySet

from articles.models import Article, Collection
from claims.models import Claim, ClaimLink, Figure, Source, Tag

T = TypeVar("T")

# How many characters of context the jsonl and Web Annotation exports give either side of a
# quote: enough to find it again in a copy of the article, short enough to stay readable.
CONTEXT_CHARS = 32
DEFAULT_CHUNK_SIZE = 2000

FORMAT_VERSION = "claimdesk/2"
# The versions import_dataset reads (docs/data-format.md says what changed).
READABLE_FORMATS = ("claimdesk/1", "claimdesk/2")


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
    metadata: dict[str, object]


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
    # Decimals as exact plain-notation text (decimal_text): "1400000", "0.5", or None.
    value: str | None
    lower: str | None
    upper: str | None
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
    created_by: str | None
    superseded_by: int | None
    created_at: datetime | None
    updated_at: datetime | None
    reviewed_at: datetime | None
    tags: list[TagRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return prefix_of(self.article.text, self.start)

    @property
    def suffix(self) -> str:
        return suffix_of(self.article.text, self.end)


def claim_article_ref(article: ArticleRow) -> dict[str, str | int | None]:
    """The article as a claim record names it (id, title, url, outlet, published_on,
    text_sha256)."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "text_sha256": article.text_sha256,
    }


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects allocated so far kept out of the cyclic garbage collector's passes while an
    export runs: each full pass would walk every module, model and form of the app again as
    the export's rows trigger it (about 3% of a large JSONL export's instructions). What the
    export itself allocates is collected as usual; everything is unfrozen after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


# Chunks made but not yet written, at most: each is a group's records (a few megabytes).
WRITE_AHEAD = 2


def write_chunks(chunks: Iterable[bytes], out: Writable) -> int:
    """Write `chunks` to `out` and return the bytes written. The writing runs on a thread of
    its own while the next chunk is made: the database makes most of a large export's bytes
    with Python's lock released, and copying hundreds of megabytes into a file then costs no
    wall time (a tenth of a 200,000-claim JSONL export's, written on one thread). Memory holds
    at most WRITE_AHEAD chunks more. An error of the writing (a full disk) is raised here, as
    one of making the chunks is; either way the thread is ended before this returns."""
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=WRITE_AHEAD)
    failed: list[BaseException] = []

    def drain() -> None:
        while (data := pending.get()) is not None:
            if not failed:  # after an error, only emptied, so that put() never blocks
                try:
                    out.write(data)
                except BaseException as exc:  # raised again on the caller's thread
                    failed.append(exc)

    writer = threading.Thread(target=drain, name="export-writer", daemon=True)
    writer.start()
    size = 0
    try:
        for data in chunks:
            if failed:
                break
            pending.put(data)
            size += len(data)
    finally:
        pending.put(None)
        writer.join()
    if failed:
        raise failed[0]
    return size


def prefix_of(text: str, start: int) -> str:
    """The CONTEXT_CHARS code points of `text` before offset `start` (a claim's prefix)."""
    return text[max(0, start - CONTEXT_CHARS) : start]


def suffix_of(text: str, end: int) -> str:
    """The CONTEXT_CHARS code points of `text` after offset `end` (a claim's suffix)."""
    return text[end : end + CONTEXT_CHARS]


@dataclass(slots=True)
class ExportBatch:
    """Up to `chunk_size` claims, and the articles that first appear among them."""

    new_articles: list[ArticleRow]
    claims: list[ClaimRow]


def export_claims(
    *, collection: Collection | None = None, status: str | None = None
) -> QuerySet[Claim]:
    """The claims an export with these filters holds.

    Claims a reviewer superseded while curating a double-annotated article (issue 5) are
    left out: the export holds the final annotation.
    """
    claims = Claim.objects.filter(superseded_by__isnull=True)
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


# The figure columns' scale, and a context wide enough to hold max_digits=40 at that scale.
_SCALE = Decimal(1).scaleb(-Figure._meta.get_field("value").decimal_places)
_WIDE = Context(prec=80)


def db_decimal_text(value: object) -> str | None:
    """decimal_text of a decimal column's raw database value, without the ORM's converter.

    SQLite hands back an int, a float (its REAL keeps 15 significant digits, which is what
    Django reads too) or text; PostgreSQL a Decimal. Most figures are whole numbers: an int
    is written as it is, with no Decimal made at all.
    """
    if value is None:
        return None
    if type(value) is int:
        return str(value)
    if isinstance(value, float):
        number = Decimal(format(value, ".15g"))
    elif isinstance(value, Decimal):
        number = value
    else:
        number = Decimal(str(value))
    return decimal_text(number.quantize(_SCALE, context=_WIDE))


def figure_row(
    pk: int,
    start: int,
    end: int,
    surface: str,
    value: object,
    lower: object,
    upper: object,
    *rest: str,
) -> FigureRow:
    """A FigureRow from a figure's columns as the database cursor gives them (in the order of
    FIGURE_ROW_FIELDS), its decimals written as text by db_decimal_text."""
    return FigureRow(
        pk,
        start,
        end,
        surface,
        db_decimal_text(value),
        db_decimal_text(lower),
        db_decimal_text(upper),
        *rest,
    )


# The figure's columns as FigureRow holds them.
FIGURE_ROW_FIELDS = tuple(f.name for f in fields(FigureRow))


def _batched(rows: Iterable[T], size: int) -> Iterator[list[T]]:
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
    "created_by__username",
    "superseded_by_id",
)
_TIME_COLUMNS = ("created_at", "updated_at", "reviewed_at")
# A claim's figures: the claim, then the figure's columns in FigureRow's order.
_FIGURE_COLUMNS = ("claim_id", "figure_id", *(f"figure__{n}" for n in FIGURE_ROW_FIELDS[1:]))
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


def iter_batches(
    claims: QuerySet[Claim],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    with_times: bool = False,
    known_articles: dict[int, ArticleRow] | None = None,
) -> Iterator[ExportBatch]:
    """The claims of `claims` in article order, `chunk_size` at a time, fully loaded.

    `with_times` also reads created_at, updated_at and reviewed_at (the formats that do
    not write them skip the cost of converting 600,000 datetimes per 200,000 claims).
    `known_articles` are article rows read already (the JSONL export reads its articles
    first): they are not read again, and not in any batch's `new_articles`.
    """
    columns = _CLAIM_COLUMNS + (_TIME_COLUMNS if with_times else ())
    rows = (
        claims.order_by("article_id", "start", "end", "id")
        .values_list(*columns)
        .iterator(chunk_size=chunk_size)
    )
    figure_through = Claim.figures.through
    tag_through = Claim.tags.through
    articles: dict[int, ArticleRow] = dict(known_articles or {})
    known = set(articles)
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
        articles = {pk: a for pk, a in articles.items() if pk in wanted or pk in known}
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

        # The largest query (2-3 rows a claim) goes straight to the cursor: the ORM's
        # per-row converters would turn each decimal into a Decimal only to write it out.
        figures: defaultdict[int, list[FigureRow]] = defaultdict(list)
        sql, params = (
            figure_through.objects.filter(**in_run)
            .order_by("claim_id", "figure__start", "figure__end", "figure_id")
            .values_list(*_FIGURE_COLUMNS)
            .query.sql_with_params()
        )
        with connections[claims.db].cursor() as cursor:
            cursor.execute(sql, params)
            for claim_id, *values in cursor.fetchall():
                if claim_id in claim_ids:
                    figures[claim_id].append(figure_row(*values))

        tag_pairs = [
            pair
            for pair in tag_through.objects.filter(**in_run)
            .order_by("claim_id", "tag__slug", "tag_id")
            .values_list("claim_id", "tag_id")
            if pair[0] in claim_ids
        ]
        missing = {tag_id for _, tag_id in tag_pairs} - tags.keys()
        if missing:
            for pk, slug, name in Tag.objects.filter(pk__in=missing).values_list(
                "id", "slug", "name"
            ):
                tags[pk] = TagRow(pk, slug, name)
        claim_tags: defaultdict[int, list[TagRow]] = defaultdict(list)
        for claim_id, tag_id in tag_pairs:
            claim_tags[claim_id].append(tags[tag_id])

        links: defaultdict[int, list[LinkRow]] = defaultdict(list)
        for from_id, relation, to_id, note in (
            ClaimLink.objects.filter(
                from_claim__article_id__gte=batch[0][1], from_claim__article_id__lte=batch[-1][1]
            )
            .order_by("from_claim_id", "relation", "to_claim_id")
            .values_list("from_claim_id", "relation", "to_claim_id", "note")
        ):
            if from_id in claim_ids:
                links[from_id].append(LinkRow(relation, to_id, note))

        # Figures, tags and links arrive sorted (by position, slug, relation) from SQL.
        out = [
            ClaimRow(
                pk,
                articles[article_id],
                start,
                end,
                quote,
                sources[source_id] if source_id is not None else None,
                sources[via_id] if via_id is not None else None,
                attribution,
                status,
                verdict,
                note,
                reason,
                created_by,
                superseded_by,
                times[0] if times else None,
                times[1] if times else None,
                times[2] if times else None,
                claim_tags.get(pk, []),
                links.get(pk, []),
                figures.get(pk, []),
            )
            for (
                pk,
                article_id,
                start,
                end,
                quote,
                source_id,
                via_id,
                attribution,
                status,
                verdict,
                note,
                reason,
                created_by,
                superseded_by,
                *times,
            ) in batch
        ]
        yield ExportBatch(new_articles=new_articles, claims=out)


def iter_claim_rows(
    claims: QuerySet[Claim], *, chunk_size: int = DEFAULT_CHUNK_SIZE, with_times: bool = False
) -> Iterator[ClaimRow]:
    for batch in iter_batches(claims, chunk_size=chunk_size, with_times=with_times):
        yield from batch.claims
