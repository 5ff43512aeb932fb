"""Full-text search (issue 8) and the estimating paginator, on SQLite and on PostgreSQL.

CI runs this module on both: PostgreSQL searches through the GIN indexes with stemming and
prefixes; SQLite requires every word to appear (icontains).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Collection
from claims.models import Claim
from claims.tests.export_data import annotated_article
from core import pagination
from core.pagination import EstimatedCountPaginator, estimated_count
from core.search import search_articles, search_claims

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def claims(collection: Collection) -> list[Claim]:
    annotated_article(collection)
    return list(Claim.objects.order_by("pk"))


def _quotes(queryset: Any) -> list[str]:
    return sorted(c.quote for c in queryset)


def test_claims_are_found_by_words_of_their_quote(claims: list[Claim]) -> None:
    posts = [c.quote for c in claims if "1.4 million posts" in c.quote]
    assert posts
    assert _quotes(search_claims(Claim.objects.all(), "million posts")) == sorted(posts)
    assert _quotes(search_claims(Claim.objects.all(), "posts million")) == sorted(posts)
    assert not search_claims(Claim.objects.all(), "helicopters").exists()
    assert search_claims(Claim.objects.all(), "  ").count() == len(claims)


def test_the_last_word_typed_is_a_prefix(claims: list[Claim]) -> None:
    found = _quotes(search_claims(Claim.objects.all(), "mill"))
    assert found and all("million" in q for q in found)


def test_notes_are_searched_too(claims: list[Claim]) -> None:
    claim = claims[0]
    claim.note = "Checked against the ministry's yearbook"
    claim.save(update_fields=["note"])
    assert list(search_claims(Claim.objects.all(), "yearbook")) == [claim]


def test_postgresql_stems_words_and_reads_phrases_sqlite_matches_words(
    claims: list[Claim],
) -> None:
    search = search_claims
    if POSTGRES:
        # "removing" and "removed" share the stem "remov".
        assert search(Claim.objects.all(), "removing posts ").exists()
        assert not search(Claim.objects.all(), '"posts million" ').exists()
        assert search(Claim.objects.all(), '"million posts" ').exists()
        assert not search(Claim.objects.all(), "posts -million ").exists()
    else:
        assert not search(Claim.objects.all(), "removing posts ").exists()
        assert search(Claim.objects.all(), "removed posts ").exists()


def test_search_uses_the_full_text_index_on_postgresql_and_like_on_sqlite(
    claims: list[Claim],
) -> None:
    queryset = search_claims(Claim.objects.all(), "accounts")
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "claim_search" in plan, plan
    else:
        assert "LIKE" in str(queryset.query)


def test_articles_are_found_by_title_and_text(collection: Collection) -> None:
    article = annotated_article(collection)
    Article.objects.import_text(
        collection=collection, text="Unrelated weather report.", title="Weather"
    )
    assert list(search_articles(Article.objects.all(), "regulator removes")) == [article]
    assert list(search_articles(Article.objects.all(), "slogan")) == [article]  # in the text
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            sql, params = search_articles(Article.objects.all(), "slogan").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "article_search" in plan, plan


def test_strange_input_does_not_break_the_search(claims: list[Claim]) -> None:
    for text in ["a & b", "(x", "!!", "foo:*", "o'brien", "'", "-", '"', "67,000", "1.4"]:
        list(search_claims(Claim.objects.all(), text))  # no database error
    assert search_claims(Claim.objects.all(), "67,000 ").exists()


def test_the_admin_searches_claims_with_full_text_search_on_postgresql(
    client: Client, alice: User, claims: list[Claim]
) -> None:
    alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/claims/claim/", {"q": "million posts"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1.4 million posts" in html
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert ("to_tsvector" in sql) if POSTGRES else ("LIKE" in sql)
    response = client.get("/admin/articles/article/", {"q": "regulator"})
    assert "removes 1.4 million posts" in response.content.decode()


def test_the_workspace_link_search_finds_claims_by_words(
    client: Client, carol: User, claims: list[Claim]
) -> None:
    client.force_login(carol)
    source = next(c for c in claims if "1.4 million posts" not in c.quote)
    response = client.get("/claims/search/", {"claim": str(source.pk), "q": "million posts"})
    assert response.status_code == 200
    assert "1.4 million posts" in response.content.decode()


def test_small_lists_are_counted_exactly(claims: list[Claim]) -> None:
    paginator = EstimatedCountPaginator(Claim.objects.order_by("pk"), 2)
    assert paginator.count == len(claims)


def test_large_lists_are_counted_from_statistics_on_postgresql_exactly_on_sqlite(
    claims: list[Claim], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "EXACT_BELOW", 1)
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    with CaptureQueriesContext(connection) as queries:
        unfiltered = EstimatedCountPaginator(Claim.objects.order_by("pk"), 2).count
        filtered = EstimatedCountPaginator(Claim.objects.filter(status="draft"), 2).count
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    # ANALYZE read every row of this small table: the estimate is the count.
    assert unfiltered == len(claims)
    if POSTGRES:
        assert "COUNT(" not in sql.upper()
        assert "reltuples" in sql and "EXPLAIN" in sql
        assert filtered >= 1
    else:
        assert estimated_count(Claim.objects.all()) is None
        assert sql.upper().count("COUNT(") == 2
        assert filtered == Claim.objects.filter(status="draft").count()


def test_the_admin_claim_list_does_not_count_the_table_on_postgresql(
    client: Client, alice: User, claims: list[Claim], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "EXACT_BELOW", 1)
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    choices: list[dict[str, str]] = [{}, {"status__exact": "draft"}]
    for params in choices:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/claims/claim/", params)
        assert response.status_code == 200
        counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        # Never the whole table a second time (show_full_result_count = False); on
        # PostgreSQL not even the filtered list.
        assert len(counts) == (0 if POSTGRES else 1), counts


def test_the_admin_tag_filter_lists_the_claims_with_the_tag(
    client: Client, alice: User, claims: list[Claim]
) -> None:
    from claims.models import Tag

    alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    tag = Tag.objects.get(slug="enforcement")
    tagged = set(Claim.objects.filter(tags=tag).values_list("pk", flat=True))
    assert tagged and len(tagged) < len(claims)
    response = client.get("/admin/claims/claim/", {"tag": str(tag.pk)})
    assert response.status_code == 200
    assert {c.pk for c in response.context["cl"].result_list} == tagged
    assert not client.get("/admin/claims/claim/", {"tag": "999999"}).context["cl"].result_list
