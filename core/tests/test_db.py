"""core.db.one_parameter: a list for `__in` as one query parameter, on SQLite and PostgreSQL."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Collection
from core.db import one_parameter

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles() -> list[Article]:
    desk = Collection.objects.create(name="Desk", slug="desk")
    return [
        Article.objects.import_text(
            collection=desk, title=f"Report {i}", text=f"{i} posts removed."
        )[0]
        for i in range(5)
    ]


def test_ids_select_the_same_rows_as_a_list(articles: list[Article]) -> None:
    wanted = {articles[0].pk, articles[3].pk, articles[4].pk, 10**9}
    by_list = set(Article.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    by_one = Article.objects.filter(pk__in=one_parameter(wanted, DEFAULT_DB_ALIAS))
    assert set(by_one.values_list("pk", flat=True)) == by_list == wanted - {10**9}


def test_texts_select_the_same_rows_as_a_list(articles: list[Article]) -> None:
    titles = ["Report 1", "Report 2", "nothing", 'quote " and \\ and 中文']
    chosen = Article.objects.filter(title__in=one_parameter(titles, DEFAULT_DB_ALIAS))
    assert sorted(chosen.values_list("title", flat=True)) == ["Report 1", "Report 2"]


def test_many_ids_are_one_parameter(articles: list[Article]) -> None:
    ids = list(range(1, 5001))  # more than SQLite's old limit of 999 parameters
    with CaptureQueriesContext(connection) as queries:
        found = list(Article.objects.filter(pk__in=one_parameter(ids, DEFAULT_DB_ALIAS)))
    assert {a.pk for a in found} == {a.pk for a in articles}
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert "json_each" in sql or "unnest" in sql


def test_nothing_is_an_empty_list_and_no_query(articles: list[Article]) -> None:
    assert one_parameter(set(), DEFAULT_DB_ALIAS) == []
    with CaptureQueriesContext(connection) as queries:
        assert list(Article.objects.filter(pk__in=one_parameter([], DEFAULT_DB_ALIAS))) == []
    assert len(queries) == 0
