"""The back-office change page of an article: its figures and claims as pages of read-only rows.

Figures and claims are made through the article's reverse relations (article.figures,
article.claims): the articles app imports nothing from claims.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Collection

# Session, user, article, two permission reads, a count and a page of each list (the figures'
# claims prefetched), the collection and user choices of the form: whatever the number of rows.
MAX_QUERIES = 12


def _long_article(collection: Collection, alice: Any, figures: int, claims: int) -> Article:
    text = "".join(
        f"Officials closed {1000 + n:,} accounts.\n" for n in range(max(figures, claims))
    )
    article, _ = Article.objects.import_text(
        collection=collection, text=text, title=f"{figures} figures", created_by=alice
    )
    lines = [0]
    for line in text.split("\n")[:-1]:
        lines.append(lines[-1] + len(line) + 1)
    Figure = article.figures.model
    Claim = article.claims.model
    made = Figure.objects.bulk_create(
        Figure(
            article=article,
            start=lines[n] + 17,
            end=lines[n] + 22,
            surface=f"{1000 + n:,}",
            value=Decimal(1000 + n),
            counted="accounts",
        )
        for n in range(figures)
    )
    stated = Claim.objects.bulk_create(
        Claim(
            article=article,
            start=lines[n],
            end=lines[n + 1] - 1,
            created_by=alice,
            quote=text[lines[n] : lines[n + 1] - 1],
        )
        for n in range(claims)
    )
    for figure, claim in zip(made, stated, strict=False):
        claim.figures.add(figure)
    return article


def _page(client: Client, article: Article, query: str = "") -> str:
    response = client.get(f"/admin/articles/article/{article.pk}/change/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_figures_and_claims_as_rows_linking_to_their_own_pages(
    client: Client, article: Article, alice: Any
) -> None:
    figure = article.figures.create(
        start=15,
        end=21,
        surface="67,000",
        value=Decimal("67000"),
        counted="accounts",
        state="confirmed",
    )
    half = article.figures.create(start=59, end=64, surface="8,000", value=Decimal("0.5"))
    claim = article.claims.create(start=0, end=43, quote=article.text[:43], created_by=alice)
    claim.figures.add(figure)
    client.force_login(alice)
    html = _page(client, article)
    assert "Figures 1–2 of 2" in html and "Claims 1–1 of 1" in html
    assert f'href="/admin/claims/figure/{figure.pk}/change/"' in html
    assert f'href="/admin/claims/figure/{half.pk}/change/"' in html
    assert f'href="/admin/claims/claim/{claim.pk}/change/">#{claim.pk}</a>' in html  # its claim
    assert f'href="/admin/claims/claim/{claim.pk}/change/">Officials said 67,000' in html
    assert "<td>67,000</td>" in html and "<td>0.5</td>" in html and "<td>Confirmed</td>" in html
    assert f'href="/articles/{article.pk}/"' in html  # edit in the workspace
    assert "figures-TOTAL_FORMS" not in html  # rows, not inline forms


def test_it_pages_through_many_figures_with_a_count(
    client: Client, collection: Collection, alice: Any
) -> None:
    article = _long_article(collection, alice, figures=250, claims=3)
    client.force_login(alice)
    first = _page(client, article)
    assert "Figures 1–100 of 250" in first and "Claims 1–3 of 3" in first
    assert "<td>1,099</td>" in first and "<td>1,100</td>" not in first
    assert 'href="?figures_page=2#article-figures" rel="next"' in first
    assert "previous figures" not in first and "next claims" not in first
    last = _page(client, article, "?figures_page=3")
    assert (
        "Figures 201–250 of 250" in last
        and "<td>1,249</td>" in last
        and "<td>1,199</td>" not in last
    )
    assert 'href="?figures_page=2#article-figures" rel="prev"' in last
    assert "next figures" not in last
    # The other list's page is kept when one list moves on.
    both = _page(client, article, "?figures_page=2&claims_page=1")
    assert 'href="?figures_page=3&amp;claims_page=1#article-figures"' in both
    # A page past the end or not a number shows the last or the first page.
    assert "Figures 201–250 of 250" in _page(client, article, "?figures_page=99")
    assert "Figures 1–100 of 250" in _page(client, article, "?figures_page=zz")


def test_an_article_without_annotations_says_so(
    client: Client, article: Article, alice: Any
) -> None:
    client.force_login(alice)
    html = _page(client, article)
    assert "No figures" in html and "No claims" in html


@pytest.mark.parametrize("size", [5, 250])
def test_the_page_makes_a_fixed_number_of_queries(
    client: Client,
    collection: Collection,
    alice: Any,
    size: int,
    django_assert_max_num_queries: Any,
) -> None:
    article = _long_article(collection, alice, figures=size, claims=size)
    client.force_login(alice)
    _page(client, article)  # warm-up: content types, permissions
    with django_assert_max_num_queries(MAX_QUERIES):
        _page(client, article)


def test_the_query_count_does_not_grow_with_the_rows(
    client: Client, collection: Collection, alice: Any
) -> None:
    counts = []
    for size in (5, 250):
        article = _long_article(collection, alice, figures=size, claims=size)
        client.force_login(alice)
        _page(client, article)
        with CaptureQueriesContext(connection) as queries:
            _page(client, article)
        counts.append(len(queries))
        article.delete()
    assert counts[0] == counts[1]


def test_article_text_surfaces_and_quotes_are_escaped(
    client: Client, collection: Collection, alice: Any
) -> None:
    text = 'He wrote <script>alert("x")</script> and 5 <b>bold</b> claims.'
    article, _ = Article.objects.import_text(
        collection=collection, text=text, title="Markup", created_by=alice
    )
    start = text.index("<script>")
    article.figures.create(start=start, end=start + 8, surface="<script>")
    article.claims.create(start=0, end=len(text), quote=text, created_by=alice)
    client.force_login(alice)
    html = _page(client, article)
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert ">&lt;script&gt;</a>" in html  # the figure's row
