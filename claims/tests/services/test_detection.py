"""Detection as a batch (issue 6): articles_detect() stores what article_detect() does, one
article at a time, with a fixed number of queries however many articles it is given."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Collection
from articles.tests.test_load_article import SAMPLE
from claims.models import Figure, Source, SourceMention
from claims.services import DetectionResult, article_detect, articles_detect

TEXTS = [
    SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1],
    "Officials said 67,000 accounts were closed.\n\n"
    "Of the 67,000 accounts, nearly 8,000 spread rumours, Reuters reported.",
    "More than 1.4 million posts were removed, the Cyberspace Administration of China said.",
    "No figures here at all.",
]


def _articles(collection: Collection, user: Any) -> list[Article]:
    articles = []
    for n, text in enumerate(TEXTS):
        article, _ = Article.objects.import_text(
            collection=collection, text=text, title=f"T{n}", created_by=user
        )
        articles.append(article)
    # A reviewed figure over "nearly 8,000": detection neither repeats nor overlaps it.
    second = articles[1]
    start = second.text.index("8,000")
    Figure.objects.create(
        article=second, start=start, end=start + 5, surface="8,000", state="rejected"
    )
    return articles


def _stored(articles: list[Article]) -> dict[str, Any]:
    """What detection stored for `articles`, comparable across collections (by position)."""
    position = {article.pk: n for n, article in enumerate(articles)}
    figures = Figure.objects.filter(article__in=articles)
    history = Figure.history.filter(article_id__in=position)
    mentions = SourceMention.objects.filter(article__in=articles).select_related("source")
    return {
        "figures": sorted(
            (
                position[f.article_id],
                f.start,
                f.end,
                f.surface,
                f.value,
                f.lower,
                f.upper,
                f.qualifier,
                f.unit,
                f.counted,
                f.state,
                f.origin,
                f.created_by_id,
            )
            for f in figures
        ),
        "history": sorted(
            (
                position[h.article_id],
                h.start,
                h.end,
                h.history_type,
                h.history_change_reason,
                h.history_user_id,
                h.state,
            )
            for h in history
        ),
        "mentions": sorted(
            (
                position[m.article_id],
                m.start,
                m.end,
                m.name,
                m.cue,
                m.sentence_start,
                m.sentence_end,
                m.source.name if m.source else None,
            )
            for m in mentions
        ),
    }


@pytest.fixture
def sources(db: None) -> None:
    Source.objects.create(name="Cyberspace Administration of China", aliases="CAC")
    Source.objects.create(name="Reuters", kind="news_agency")


def test_a_batch_stores_what_one_article_at_a_time_stores(
    sources: None, collection: Collection, alice: User, bob: User
) -> None:
    one_by_one = _articles(collection, alice)
    other = Collection.objects.create(name="Other", slug="other")
    batch = _articles(other, alice)

    singles = [article_detect(article=a, created_by=bob) for a in one_by_one]
    results = articles_detect(articles=batch, created_by=bob)

    assert results == singles
    assert results[1].figures_kept == 1  # the rejected one
    assert results[3] == DetectionResult(0, 0, 0, 0)
    assert sum(r.mentions_matched for r in results) >= 2  # the CAC and Reuters
    expected, got = _stored(one_by_one), _stored(batch)
    assert got == expected
    assert len(got["figures"]) == sum(r.figures_added for r in results) + 1
    # Every suggestion has its history row: added by bob, "detected" (the rejected figure
    # made by hand has its own).
    detected = [h for h in got["history"] if h[4] == "detected"]
    assert len(detected) == sum(r.figures_added for r in results) == len(got["history"]) - 1
    assert {(h[3], h[5], h[6]) for h in detected} == {("+", bob.pk, "suggested")}
    assert not any(f[:1] + f[3:4] == (1, "nearly 8,000") for f in got["figures"])


def test_running_a_batch_again_adds_nothing(sources: None, collection: Collection) -> None:
    articles = _articles(collection, None)
    first = articles_detect(articles=articles)
    before = _stored(articles)
    again = articles_detect(articles=articles)
    assert [r.figures_added for r in again] == [0, 0, 0, 0]
    assert [r.figures_kept for r in again] == [r.figures_added + r.figures_kept for r in first]
    assert [r.mentions for r in again] == [r.mentions for r in first]
    assert _stored(articles) == before  # mentions replaced by the same, no new history


def test_an_article_given_twice_is_detected_once(collection: Collection) -> None:
    article = _articles(collection, None)[0]
    first, second = articles_detect(articles=[article, article])
    assert first == second and first.figures_added > 10
    assert article.figures.count() == first.figures_added


def test_the_queries_do_not_grow_with_the_number_of_articles(
    sources: None, collection: Collection
) -> None:
    def queries(n: int, slug: str) -> tuple[int, int]:
        """(queries other than INSERTs, INSERTs) to detect `n` articles at once."""
        coll = Collection.objects.create(name=slug, slug=slug)
        articles = [
            Article.objects.import_text(
                collection=coll, text=f"{TEXTS[1]} Case {i}: {i + 2},000 posts.", title="x"
            )[0]
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as captured:
            results = articles_detect(articles=articles)
        assert all(r.figures_added == 4 for r in results)
        inserts = sum(q["sql"].startswith("INSERT") for q in captured)
        return len(captured) - inserts, inserts

    (few, few_inserts), (many, many_inserts) = queries(2, "few"), queries(40, "many")
    assert Figure.objects.filter(article__collection__slug="many").count() == 160
    assert few == many <= 6
    # One INSERT each for figures, their history rows and mentions, split only into the
    # batches the database takes (SQLite: 999 parameters, some 50 figures an INSERT).
    assert few_inserts == 3
    rows = 160 * 2 + SourceMention.objects.filter(article__collection__slug="many").count()
    assert many_inserts <= 3 + rows // 50


def _figures(collection: Collection, user: Any) -> list[Figure]:
    """The unsaved suggestions of the sample article, stored in `collection`."""
    from claims.detection import detect_figures

    article = _articles(collection, user)[0]
    return [
        Figure.from_detected(article, d, state=Figure.State.SUGGESTED, created_by=user)
        for d in detect_figures(article.text)
    ]


def _history_rows(figures: list[Figure]) -> list[tuple[Any, ...]]:
    """Every field of the figures' history rows but the ids and the times."""
    history = Figure.history.model
    skip = {"history_id", "history_date", "id", "article", "created_at", "updated_at"}
    names = [f.name for f in history._meta.concrete_fields if f.name not in skip]
    rows = history.objects.filter(id__in=[f.pk for f in figures]).order_by("start")
    return [tuple(getattr(row, name) for name in names) for row in rows]


def test_the_copied_history_rows_are_those_simple_history_writes(
    collection: Collection, alice: User, bob: User
) -> None:
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from claims.review.history import history_entries
    from claims.services import bulk_create_with_copied_history

    theirs = _figures(collection, alice)
    bulk_create_with_history(theirs, Figure, default_user=bob, default_change_reason="detected")
    ours = _figures(Collection.objects.create(name="Other", slug="other"), alice)
    before = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        bulk_create_with_copied_history(
            ours, Figure, default_user=bob, default_change_reason="detected"
        )
    # One INSERT ... SELECT for the history rows (Django's own INSERT writes the figures).
    into = f'INSERT INTO "{Figure.history.model._meta.db_table}"'
    assert [q["sql"].startswith(into) for q in captured].count(True) == 1

    expected = _history_rows(theirs)
    assert len(expected) == len(theirs) > 10
    assert _history_rows(ours) == expected  # values, bounds, qualifier, user, reason, "+"
    history = Figure.history.filter(id__in=[f.pk for f in ours])
    assert {h.history_type for h in history} == {"+"}
    assert all(before <= h.history_date <= timezone.now() for h in history)
    stored = Figure.objects.filter(pk__in=[f.pk for f in ours])
    assert {h.id: (h.created_at, h.updated_at) for h in history} == {
        f.pk: (f.created_at, f.updated_at) for f in stored
    }
    # The workspace shows a suggestion's history as created by bob, "detected".
    entries = history_entries(ours[0])
    assert [(e.kind, e.reason, e.who) for e in entries] == [("created", "detected", "bob")]


def test_a_history_model_with_fields_of_its_own_is_left_to_simple_history(
    collection: Collection, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.services import bulk_create_with_copied_history

    monkeypatch.setattr("claims.services.copied_history_columns", lambda history: None)
    figures = _figures(collection, alice)
    bulk_create_with_copied_history(figures, Figure, default_change_reason="detected")
    assert Figure.objects.filter(pk__in=[f.pk for f in figures]).count() == len(figures) > 10
    history = Figure.history.filter(id__in=[f.pk for f in figures])
    assert history.count() == len(figures)
    assert {(h.history_change_reason, h.history_user_id) for h in history} == {("detected", None)}
