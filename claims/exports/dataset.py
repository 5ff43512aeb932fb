"""The whole tagged dataset, article by article: what `claimdesk/2` holds besides the claims.

The JSONL export (claims/exports/jsonl.py) walks the exported articles in id order, a group of
them at a time, and for each group reads, in a fixed number of queries:

- the articles (with their text) and who is assigned to annotate them;
- every figure of those articles, whatever its state, with who created it, the detector's
  first reading (the figure's first history row, for detected figures) and who decided it
  (the annotator whose judgement it now reads as, the latest one; else the user of its
  latest history row when that row is a change);
- every annotator's judgement of those figures (FigureJudgement);
- the sources the group's claims name, with their parents, the first time each is seen.

The claims themselves come from `iter_batches` (or SQLite's JSON path) filtered to the group.
On SQLite the figure and judgement records are written by the database as well
(`sqlite_json.iter_json_groups`: the same bytes, the rules above in SQL).
Memory holds one group, whatever the size of the export.

`stable_finding_key` gives a finding a key that survives a move between databases: its kind,
then per article the SHA-256 of the article's text and the figures' spans
(`contradiction:<sha>:120-131,880-899`). The consistency checks keep their own keys (figure
ids); the mapping is done here, from the figures this module read.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import connections
from django.db.models import Q, QuerySet

from articles.models import Article, Assignment, Collection
from claims.blind import READING_FIELDS
from claims.exports.common import (
    _ARTICLE_COLUMNS,
    FIGURE_ROW_FIELDS,
    ArticleRow,
    FigureRow,
    _batched,
    db_decimal_text,
    figure_row,
)
from claims.models import Claim, Figure, FigureJudgement, Source
from core.db import one_parameter


@dataclass(frozen=True)
class DatasetFilters:
    """What an export keeps (docs/data-format.md, "Filters"). Empty fields keep everything."""

    collection: Collection | None = None
    status: str | None = None  # claims: review status
    article_status: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    annotator: User | None = None  # a user: her claims, her judgements, her articles

    @property
    def filters_claims(self) -> bool:
        return bool(self.status) or self.annotator is not None


def dataset_claims(filters: DatasetFilters) -> QuerySet[Claim]:
    """The claims an export with `filters` holds, the versions a reviewer superseded when
    curating a double-annotated article included (JSONL writes `superseded_by`; the other
    formats leave them out: see `final_claims`)."""
    claims = Claim.objects.all()
    if filters.collection is not None:
        claims = claims.filter(article__collection=filters.collection)
    if filters.status:
        claims = claims.filter(status=filters.status)
    if filters.annotator is not None:
        claims = claims.filter(created_by=filters.annotator)
    if not (filters.article_status or filters.published_from or filters.published_to):
        # The collection is the only article filter, and the join above applies it: the
        # subquery would only cost each group of an export a list of all its articles.
        return claims
    return claims.filter(article__in=dataset_articles(filters, claims=None))


def final_claims(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The final annotation: without the claims superseded during curation."""
    return claims.filter(superseded_by__isnull=True)


def dataset_articles(
    filters: DatasetFilters, *, claims: QuerySet[Claim] | None
) -> QuerySet[Article]:
    """The articles an export with `filters` holds: those of the collection, with the article
    status and in the date range asked for; with a claim filter (status, annotator), only those
    holding an exported claim (an annotator's articles also when she judged a figure there or
    is assigned to them)."""
    articles = Article.objects.all()
    if filters.collection is not None:
        articles = articles.filter(collection=filters.collection)
    if filters.article_status:
        articles = articles.filter(status=filters.article_status)
    if filters.published_from is not None:
        articles = articles.filter(published_on__gte=filters.published_from)
    if filters.published_to is not None:
        articles = articles.filter(published_on__lte=filters.published_to)
    if claims is not None and filters.filters_claims:
        held = Q(pk__in=claims.values("article_id"))
        if filters.annotator is not None and not filters.status:
            held |= Q(
                pk__in=FigureJudgement.objects.filter(annotator=filters.annotator).values(
                    "figure__article_id"
                )
            ) | Q(
                pk__in=Assignment.objects.filter(annotator=filters.annotator).values("article_id")
            )
        articles = articles.filter(held)
    return articles


@dataclass(slots=True)
class DatasetFigure:
    """A figure record's content: the FigureRow fields, then who and the detector's reading."""

    row: FigureRow
    article_id: int
    created_by: str | None
    decided_by: str | None = None
    detected: dict[str, object] | None = None


@dataclass(slots=True)
class DatasetJudgement:
    figure_id: int
    annotator: str
    state: str
    value: str | None
    lower: str | None
    upper: str | None
    qualifier: str
    unit: str
    counted: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class SourceRecordRow:
    id: int
    name: str
    kind: str
    url: str
    aliases: list[str]
    parent: str | None
    parent_id: int | None


@dataclass(slots=True)
class ArticleGroup:
    """A run of exported articles and everything of theirs but the claims."""

    articles: list[ArticleRow]
    # Each article's assigned annotators: username, done_at.
    annotators: dict[int, list[dict[str, str | None]]] = field(default_factory=dict)
    figures: dict[int, list[DatasetFigure]] = field(default_factory=dict)
    judgements: dict[int, list[DatasetJudgement]] = field(default_factory=dict)

    @property
    def ids(self) -> list[int]:
        return [a.id for a in self.articles]


def db_datetime_text(value: object) -> str:
    """ISO 8601 of a datetime column's raw database value, as the ORM's aware datetime
    writes it: SQLite gives text in UTC without an offset, PostgreSQL a datetime."""
    if type(value) is str and len(value) in (19, 26) and value[10] == " ":
        # Django's own SQLite text, "2026-12-01 12:00:00[.123456]" in UTC: isoformat's digits.
        return f"{value[:10]}T{value[11:]}+00:00"
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _db_date(value: object) -> date | None:
    """A date column's raw value as a date: SQLite gives ISO text, PostgreSQL a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_ids(articles: QuerySet[Article], group_size: int) -> Iterator[list[int]]:
    """The ids of `articles` in id order, `group_size` at a time."""
    ids = articles.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=group_size)
    return _batched(ids, group_size)


# A judgement's columns as iter_article_groups reads them (raw database values: SQLite gives
# text for decimals and datetimes): article, figure, annotator's username, state, value,
# lower, upper, qualifier, unit, counted, created and updated.
JudgementColumns = tuple[int, int, str, str, object, object, object, str, str, str, object, object]


def article_group_head(chunk: list[int], using: str) -> ArticleGroup:
    """The group of articles `chunk` (ids, in order) with who is assigned to them (2 queries)."""
    # Straight from the cursor (the ORM's per-row converters cost more than the rest of the
    # article's record), the two columns that need one converted here as the ORM does.
    sql, params = (
        Article.objects.using(using)
        .filter(pk__in=one_parameter(chunk, using))
        .values_list(*_ARTICLE_COLUMNS)
        .query.sql_with_params()
    )
    rows: dict[int, ArticleRow] = {}
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        for pk, slug, name, title, url, outlet, byline, published_on, *rest in cursor.fetchall():
            language, status, sha, text, metadata = rest
            rows[pk] = ArticleRow(
                pk,
                slug,
                name,
                title,
                url,
                outlet,
                byline,
                _db_date(published_on),
                language,
                status,
                sha,
                text,
                json.loads(metadata) if isinstance(metadata, str | bytes) else metadata,
            )
    group = ArticleGroup(articles=[rows[pk] for pk in chunk if pk in rows])
    for article_id, username, done_at in (
        Assignment.objects.using(using)
        .filter(article_id__in=one_parameter(chunk, using))
        .order_by("article_id", "annotator__username")
        .values_list("article_id", "annotator__username", "done_at")
    ):
        group.annotators.setdefault(article_id, []).append(
            {"username": username, "done_at": _iso(done_at)}
        )
    return group


def iter_article_groups(
    articles: QuerySet[Article],
    *,
    group_size: int,
    annotator: User | None = None,
    judgements: bool = True,
) -> Iterator[ArticleGroup]:
    """The articles of `articles` in id order, `group_size` at a time, with their figures,
    judgements (only `annotator`'s when given; none with `judgements=False`, and then no
    `decided_by` from them) and assignments."""
    using = articles.db
    history = Figure.history.model
    users = get_user_model()
    for chunk in article_ids(articles, group_size):
        group = article_group_head(chunk, using)

        # Figures straight from the cursor, their decimals written by db_decimal_text.
        sql, params = (
            Figure.objects.using(using)
            .filter(article_id__in=chunk)
            .order_by("article_id", "start", "end", "pk")
            .values_list("article_id", "created_by__username", *FIGURE_ROW_FIELDS)
            .query.sql_with_params()
        )
        by_id: dict[int, DatasetFigure] = {}
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            for article_id, created_by, *values in cursor.fetchall():
                figure = DatasetFigure(figure_row(*values), article_id, created_by)
                by_id[figure.row.id] = figure
                group.figures.setdefault(article_id, []).append(figure)

        # The detector's first reading and who decided last, from the figures' history.
        if by_id:
            sql, params = (
                history.objects.using(using)
                .filter(article_id__in=chunk)
                .order_by("history_id")
                .values_list("id", "history_type", "history_user_id", *READING_FIELDS)
                .query.sql_with_params()
            )
            last: dict[int, tuple[str, int | None]] = {}
            with connections[using].cursor() as cursor:
                cursor.execute(sql, params)
                for pk, kind, user_id, value, lower, upper, *labels in cursor.fetchall():
                    seen = by_id.get(pk)
                    if seen is None:
                        continue
                    if (
                        kind == "+"
                        and seen.detected is None
                        and (seen.row.origin == Figure.Origin.DETECTED)
                    ):
                        seen.detected = dict(
                            zip(
                                READING_FIELDS,
                                (
                                    db_decimal_text(value),
                                    db_decimal_text(lower),
                                    db_decimal_text(upper),
                                    *labels,
                                ),
                                strict=True,
                            )
                        )
                    last[pk] = (kind, user_id)
            deciders = {pk: user for pk, (kind, user) in last.items() if kind == "~" and user}
            names = dict(
                users.objects.using(using)
                .filter(pk__in=set(deciders.values()))
                .values_list("pk", "username")
            )
            for pk, user_id in deciders.items():
                by_id[pk].decided_by = names.get(user_id)

        judged = FigureJudgement.objects.using(using).filter(figure__article_id__in=chunk)
        if annotator is not None:
            judged = judged.filter(annotator=annotator)
        # Straight from the cursor too: the ORM's converters would make a Decimal of every
        # value and an aware datetime of every time only for them to be written out.
        sql, params = (
            judged.order_by(
                "figure__article_id",
                "figure__start",
                "figure__end",
                "figure_id",
                "annotator__username",
            )
            .values_list(
                "figure__article_id",
                "figure_id",
                "annotator__username",
                "state",
                *READING_FIELDS,
                "created_at",
                "updated_at",
            )
            .query.sql_with_params()
        )
        rows_: list[JudgementColumns] = []
        if judgements:
            with connections[using].cursor() as cursor:
                cursor.execute(sql, params)
                rows_ = cursor.fetchall()
        for row in rows_:
            (
                article_id,
                figure_id,
                username,
                state,
                value,
                lower,
                upper,
                qualifier,
                unit,
                counted,
                created,
                updated,
            ) = row
            group.judgements.setdefault(article_id, []).append(
                DatasetJudgement(
                    figure_id,
                    username,
                    state,
                    db_decimal_text(value),
                    db_decimal_text(lower),
                    db_decimal_text(upper),
                    qualifier,
                    unit,
                    counted,
                    db_datetime_text(created),
                    db_datetime_text(updated),
                )
            )
        _decided_by_judgements(group, by_id)
        yield group


def _decided_by_judgements(group: ArticleGroup, figures: dict[int, DatasetFigure]) -> None:
    """Who decided a figure: the annotator whose judgement it now reads as (the latest one,
    by updated_at, then username); a figure no judgement matches keeps the history's user."""
    latest: dict[int, tuple[str, str]] = {}
    for judgements in group.judgements.values():
        for j in judgements:
            figure = figures.get(j.figure_id)
            if figure is None:
                continue
            row = figure.row
            reading = (j.state, j.value, j.lower, j.upper, j.qualifier, j.unit, j.counted)
            if reading != (
                row.state,
                row.value,
                row.lower,
                row.upper,
                row.qualifier,
                row.unit,
                row.counted,
            ):
                continue
            if j.figure_id not in latest or (j.updated_at, j.annotator) > latest[j.figure_id]:
                latest[j.figure_id] = (j.updated_at, j.annotator)
    for pk, (_, annotator) in latest.items():
        figures[pk].decided_by = annotator


class SourceRecords:
    """The sources a run of claims names, each once per export, parents before children."""

    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.seen: set[int] = set()

    def new(self, source_ids: Iterable[int]) -> list[SourceRecordRow]:
        wanted = set(source_ids) - self.seen
        found: dict[int, SourceRecordRow] = {}
        while wanted:
            for pk, name, kind, url, aliases, parent_id, parent in (
                Source.objects.using(self.using)
                .filter(pk__in=wanted)
                .values_list("pk", "name", "kind", "url", "aliases", "parent_id", "parent__name")
            ):
                found[pk] = SourceRecordRow(
                    pk,
                    name,
                    kind,
                    url,
                    [line.strip() for line in aliases.splitlines() if line.strip()],
                    parent,
                    parent_id,
                )
            wanted = {
                s.parent_id
                for s in found.values()
                if s.parent_id is not None and s.parent_id not in found
            } - self.seen
        out: list[SourceRecordRow] = []

        def visit(source: SourceRecordRow, path: set[int]) -> None:
            if source.id in self.seen or source.id in path:
                return
            parent = found.get(source.parent_id) if source.parent_id is not None else None
            if parent is not None:
                visit(parent, path | {source.id})
            self.seen.add(source.id)
            out.append(source)

        for source in sorted(found.values(), key=lambda s: s.name.casefold()):
            visit(source, set())
        return out


# Stable finding keys ------------------------------------------------------------------------

STABLE_KEY = re.compile(
    r"^(?P<kind>[a-z_]+):(?P<articles>[0-9a-f]{64}:\d+-\d+(?:,\d+-\d+)*"
    r"(?:;[0-9a-f]{64}:\d+-\d+(?:,\d+-\d+)*)*)$"
)

Span = tuple[str, int, int]  # (article text SHA-256, start, end)


def stable_finding_key(kind: str, spans: Sequence[Span]) -> str:
    """`kind:<sha>:s-e,s-e[;<sha>:s-e...]`, spans sorted, grouped by article text."""
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sha, start, end in sorted(set(spans)):
        grouped[sha].append((start, end))
    parts = [
        f"{sha}:" + ",".join(f"{start}-{end}" for start, end in pairs)
        for sha, pairs in grouped.items()
    ]
    return f"{kind}:{';'.join(parts)}"


def parse_stable_finding_key(key: str) -> tuple[str, list[Span]] | None:
    match = STABLE_KEY.match(key)
    if match is None:
        return None
    spans: list[Span] = []
    for part in match["articles"].split(";"):
        sha, pairs = part.split(":")
        for pair in pairs.split(","):
            start, end = pair.split("-")
            spans.append((sha, int(start), int(end)))
    return match["kind"], spans


def figure_spans(figure_ids: Iterable[int], using: str = "default") -> dict[int, Span]:
    """(article text SHA-256, start, end) of each figure: one query."""
    ids = list(set(figure_ids))
    spans: dict[int, Span] = {}
    for chunk in _batched(ids, 500):
        for pk, sha, start, end in (
            Figure.objects.using(using)
            .filter(pk__in=chunk)
            .values_list("pk", "article__text_sha256", "start", "end")
        ):
            spans[pk] = (sha, start, end)
    return spans
