"""Actions that span several models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections, models, router, transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_history_model_for_model,
)

from articles.models import Article
from claims import blind
from claims.detection import (
    DetectedAttribution,
    detect_attributions,
    detect_figures,
    source_match_key,
    source_name_candidates,
)
from claims.models import Figure, FigureJudgement, Source, SourceMention
from claims.review.models import reading_of
from core.locking import bump_version, lock_new_versions, save_version


@dataclass(frozen=True)
class DetectionResult:
    figures_added: int
    figures_kept: int
    mentions: int
    mentions_matched: int


def source_index(sources: Iterable[Source]) -> dict[str, Source]:
    """The sources by the match key of their name and of each alias (the first one wins)."""
    by_name: dict[str, Source] = {}
    for source in sources:
        for known in [source.name, *source.alias_list]:
            by_name.setdefault(source_match_key(known), source)
    return by_name


def match_source(name: str, sources: list[Source] | dict[str, Source]) -> Source | None:
    """The Source whose name or alias equals one of the candidate forms of `name`.

    `sources` is a list of sources or, to match many names, their source_index().
    """
    by_name = sources if isinstance(sources, dict) else source_index(sources)
    for candidate in source_name_candidates(name):
        found = by_name.get(source_match_key(candidate))
        if found is not None:
            return found
    return None


# Figures whose history rows one INSERT ... SELECT copies (their ids are its parameters).
HISTORY_BATCH = 900
HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user")

if TYPE_CHECKING:

    class HistoryModel(models.Model):
        """What simple-history's history models (`Figure.history.model`) have besides a
        model's: the fields of the model they track, set on the class."""

        tracked_fields: ClassVar[list[models.Field[Any, Any]]]

        class Meta:
            abstract = True


def copied_history_columns(history: type[HistoryModel]) -> list[tuple[str, str]] | None:
    """(history column, model column) of each tracked field of a simple-history model, or
    None if the history model has fields of its own that only simple-history can fill."""
    pairs = [(_column(history, f.name), f.column) for f in history.tracked_fields]
    known = {column for column, _ in pairs} | {_column(history, "pk")}
    known |= {_column(history, name) for name in HISTORY_FIELDS}
    return pairs if all(f.column in known for f in history._meta.concrete_fields) else None


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return cast(models.Field[Any, Any], field).column


def bulk_create_with_copied_history(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    batch_size: int = 500,
    default_user: User | None = None,
    default_change_reason: str | None = None,
) -> None:
    """simple-history's bulk_create_with_history(), several times faster: the rows with
    bulk_create, then their "created" history rows (every tracked field, the user, the
    reason, now) copied from the stored rows by the database with INSERT ... SELECT, one per
    HISTORY_BATCH rows, instead of built and prepared value by value in Python.

    Falls back to bulk_create_with_history() where the copy cannot do the same: a database
    whose bulk inserts return no ids, or a history model with fields of its own.
    """
    history = get_history_model_for_model(model)  # model.history.model
    pairs = copied_history_columns(history)
    connection = connections[router.db_for_write(model)]
    if pairs is None or not connection.features.can_return_rows_from_bulk_insert:
        bulk_create_with_history(
            objs,
            model,
            batch_size=batch_size,
            default_user=default_user,
            default_change_reason=default_change_reason,
        )
        return
    model._default_manager.bulk_create(objs, batch_size=batch_size)
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    user = default_user or history.get_default_history_user(objs[0])  # the request's, if any
    meta = history._meta
    values = (timezone.now(), default_change_reason, "+", user.pk if user is not None else None)
    params = [
        meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in zip(HISTORY_FIELDS, values, strict=True)
    ]
    quote = connection.ops.quote_name
    target = [column for column, _ in pairs] + [_column(history, n) for n in HISTORY_FIELDS]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, target))}) "
        f"SELECT {', '.join(quote(column) for _, column in pairs)}, %s, %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(_column(model, 'pk'))} IN "
    )
    ids = [obj.pk for obj in objs]
    with connection.cursor() as cursor:
        for at in range(0, len(ids), HISTORY_BATCH):
            batch = ids[at : at + HISTORY_BATCH]
            cursor.execute(sql + f"({', '.join(['%s'] * len(batch))})", [*params, *batch])


def article_detect(*, article: Article, created_by: User | None = None) -> DetectionResult:
    """Store detected figures as suggestions and record who the sentences cite.

    Idempotent: a span that already has a figure (suggested, confirmed or rejected) is left
    as it is, so re-running never duplicates a figure nor touches a reviewed one. Spans
    overlapping a reviewed (confirmed or rejected) figure are not suggested again.
    """
    return articles_detect(articles=[article], created_by=created_by)[0]


@transaction.atomic
def articles_detect(
    *, articles: Iterable[Article], created_by: User | None = None
) -> list[DetectionResult]:
    """article_detect() for many articles at once; one DetectionResult per article, in order.

    A fixed number of queries whatever the number of articles: their existing figures, one
    bulk_create of every new suggestion and their "detected" history rows (copied by the
    database, one INSERT per HISTORY_BATCH figures), the sources, one delete of their old
    source mentions and one bulk_create of the new ones. Callers pass a few hundred
    articles at a time (the ids go into IN lists).
    """
    given = list(articles)
    # An article given twice is detected once, and both get its result.
    articles = list({article.pk: article for article in given}.values())
    if not articles:
        return []
    ids = [article.pk for article in articles]
    existing: dict[int, list[tuple[int, int, str]]] = {pk: [] for pk in ids}
    for article_id, start, end, state in Figure.objects.filter(article_id__in=ids).values_list(
        "article_id", "start", "end", "state"
    ):
        existing[article_id].append((start, end, state))

    new: list[Figure] = []
    found: list[tuple[Article, list[DetectedAttribution]]] = []
    added: list[int] = []
    for article in articles:
        detected = detect_figures(article.text, article.language)
        have = existing[article.pk]
        taken = {(start, end) for start, end, _ in have}
        reviewed = [(s, e) for s, e, state in have if state != Figure.State.SUGGESTED]
        suggested = [
            Figure.from_detected(article, d, state=Figure.State.SUGGESTED, created_by=created_by)
            for d in detected
            if (d.start, d.end) not in taken
            and not any(s < d.end and d.start < e for s, e in reviewed)
        ]
        new += suggested
        added.append(len(suggested))
        found.append((article, detect_attributions(article.text, detected)))
    # Issue 5: the suggestions enter each figure's history (bulk_create sends no signals).
    bulk_create_with_copied_history(
        new, Figure, default_user=created_by, default_change_reason="detected"
    )

    sources = source_index(Source.objects.all())
    mentions: list[list[SourceMention]] = [
        [
            SourceMention(
                article=article,
                start=attribution.start,
                end=attribution.end,
                name=attribution.name[:500],
                cue=attribution.cue[:100],
                sentence_start=attribution.sentence_start,
                sentence_end=attribution.sentence_end,
                source=match_source(attribution.name, sources),
            )
            for attribution in attributions
        ]
        for article, attributions in found
    ]
    SourceMention.objects.filter(article_id__in=ids).delete()
    SourceMention.objects.bulk_create([m for ms in mentions for m in ms], batch_size=500)
    results = {
        article.pk: DetectionResult(
            figures_added=n,
            figures_kept=len(existing[article.pk]),
            mentions=len(ms),
            mentions_matched=sum(1 for m in ms if m.source_id is not None),
        )
        for article, n, ms in zip(articles, added, mentions, strict=True)
    }
    return [results[article.pk] for article in given]


# --- figure decisions: the workspace, the API and the back-office call these ------------------


def _decided(figure: Figure, *, by: User) -> Figure:
    """What follows every figure decision: the annotator's judgement (what she decided, for
    agreement and curation, issue 5) and the article's start (new -> in progress)."""
    FigureJudgement.objects.record(figure, annotator=by)
    figure.article.mark_in_progress()
    return figure


@transaction.atomic
def figure_decide(
    *, figure: Figure, state: str, by: User, reading: blind.Reading | None = None
) -> Figure:
    """`by` confirms, rejects or sets back to suggested one figure (locked by the caller).

    `reading`: her reading of it, for an annotator working blind (claims.blind.her_reading):
    her reading with the new state becomes the working copy (Figure.take_reading).
    """
    if reading is not None:
        figure.take_reading({**reading, "state": state})
    elif figure.state != state:
        figure.set_state(state)
    return _decided(figure, by=by)


@transaction.atomic
def figures_decide(*, figures: QuerySet[Figure], state: str, by: User) -> int:
    """`by` confirms or rejects many figures at once (the back-office's actions): a new
    version and a history record each, and her judgement of each, in a fixed number of
    queries per batch. Returns how many changed state."""
    ids = list(figures.exclude(state=state).values_list("pk", flat=True))
    changing = lock_new_versions(Figure.objects.filter(pk__in=ids))
    now = timezone.now()
    for figure in changing:
        figure.state = state
        figure.updated_at = now
    bulk_update_with_history(
        changing,
        Figure,
        ["state", "version", "updated_at"],
        batch_size=500,
        default_user=by,
        default_change_reason=state,
        default_date=now,
    )
    decided = Figure.objects.filter(pk__in=figures.values("pk"))
    FigureJudgement.objects.record_many(decided, annotator=by)
    for article in Article.objects.filter(pk__in=decided.values("article_id")).only("pk"):
        article.mark_in_progress()
    return len(changing)


@transaction.atomic
def figure_add(*, figure: Figure, by: User) -> Figure:
    """`by` adds a figure the detector missed (`figure`, unsaved, as her form built it).

    On an article both annotate blind another annotator may have added a figure at this very
    span (hidden from her, claims.blind.hidden_figures): figures are one row per span, so hers
    is a reading of that row (her judgement, and the working copy, as when she corrects one).
    """
    at_span = Figure.objects.filter(
        article_id=figure.article_id, start=figure.start, end=figure.end
    )
    hidden = blind.hidden_figures(at_span, by).select_for_update().first()
    if hidden is None:
        figure.created_by = by
        figure.save()
    else:
        hidden.take_reading(reading_of(figure))
        hidden.article = figure.article
        figure = hidden
    return _decided(figure, by=by)


@transaction.atomic
def figure_correct(*, figure: Figure, by: User, fields: Sequence[str] | None = None) -> Figure:
    """`by` corrects a figure (`figure` holds her values; its row locked by the caller):
    `fields`, the columns that changed, are saved as its next version (every column when
    None: the back-office's save and revert)."""
    if fields is None:
        bump_version(figure)
        figure.save()
    else:
        save_version(figure, *fields)
    return _decided(figure, by=by)
