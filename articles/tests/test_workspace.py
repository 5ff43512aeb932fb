from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from claims.models import Claim, ClaimLink, Figure, Tag


def _fill(article: Article, figures: int, claims: int) -> None:
    """`figures` figures and `claims` claims (each holding one figure, tagged and linked)."""
    text = article.text
    Figure.objects.bulk_create(
        Figure(article=article, start=i, end=i + 1, surface=text[i]) for i in range(figures)
    )
    tag = Tag.objects.get_or_create(collection=article.collection, slug="scope", name="Scope")[0]
    made = Claim.objects.bulk_create(
        Claim(article=article, start=i, end=i + 3, quote=text[i : i + 3]) for i in range(claims)
    )
    for claim in made:
        claim.tags.add(tag)
    ClaimLink.objects.bulk_create(
        ClaimLink(from_claim=a, to_claim=b, relation="repeats") for a, b in itertools.pairwise(made)
    )


def _long_article(collection: Any, n: int) -> Article:
    text = ("Some 45,000 accounts “closed” 🚀 中文. " * (n // 36 + 1))[:n]
    return Article.objects.import_text(collection=collection, text=text, title=f"Long {n}")[0]


def test_it_renders_figures_and_claims_in_the_text(
    client: Client, carol: User, article: Article
) -> None:
    figure = Figure.objects.create(
        article=article, start=15, end=21, surface="67,000", state="confirmed"
    )
    claim = Claim.objects.create(article=article, start=0, end=43, quote=article.text[:43])
    client.force_login(carol)
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert (
        f'<span class="claim claim--draft" data-claim-id="{claim.pk}" data-start="0" '
        f'data-end="43" id="claim-{claim.pk}">Officials said <mark class="figure '
        f'figure--confirmed" data-figure-id="{figure.pk}" data-start="15" data-end="21" '
        f'id="figure-{figure.pk}">67,000</mark> accounts were closed.</span>'
    ) in body
    assert f'value="confirm:{figure.pk}:1"' in body
    assert f'value="reject:{figure.pk}:1"' in body
    assert 'id="findings-panel"' in body


def test_the_text_is_escaped_and_exact(client: Client, carol: User, collection: Any) -> None:
    text = "<img src=x onerror=alert(1)> said 5 < 6\n\n  indented"
    art = Article.objects.import_text(collection=collection, text=text, title="x")[0]
    client.force_login(carol)
    body = client.get(f"/articles/{art.pk}/").content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt; said 5 &lt; 6\n\n  indented</div>" in body


def test_the_page_loads_scripts_only_from_our_origin(
    client: Client, carol: User, article: Article
) -> None:
    client.force_login(carol)
    response = client.get(f"/articles/{article.pk}/")
    body = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in body
    assert '<script type="module" src="/static/js/workspace.js"></script>' in body
    assert "<script>" not in body


def test_an_outsider_gets_404_and_a_visitor_the_login_page(
    client: Client, mallory: User, article: Article
) -> None:
    assert client.get(f"/articles/{article.pk}/").status_code == 302
    client.force_login(mallory)
    assert client.get(f"/articles/{article.pk}/").status_code == 404
    assert client.get(f"/collections/{article.collection.slug}/").status_code == 404
    assert "no role yet" in client.get("/").content.decode()


def test_a_reader_without_change_permissions_sees_no_buttons(
    client: Client, django_user_model: Any, article: Article
) -> None:
    reader = django_user_model.objects.create_user("reader", password="x")
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    client.force_login(reader)
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert "67,000" in body
    assert 'data-figure-action="confirm"' not in body
    assert 'data-command="new-claim"' not in body


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_figures_and_claims(
    client: Client, carol: User, collection: Any
) -> None:
    small = _long_article(collection, 400)
    large = _long_article(collection, 3000)
    _fill(small, figures=3, claims=2)
    _fill(large, figures=300, claims=80)
    client.force_login(carol)
    _queries(client, f"/articles/{small.pk}/")  # warm the session and permission caches
    assert _queries(client, f"/articles/{small.pk}/") == _queries(client, f"/articles/{large.pk}/")


def test_the_collection_lists_progress_with_constant_queries(
    client: Client, carol: User, collection: Any, article: Article
) -> None:
    Figure.objects.create(article=article, start=15, end=21, surface="67,000", state="confirmed")
    Figure.objects.create(article=article, start=7, end=9, surface="al", state="suggested")
    Claim.objects.create(article=article, start=0, end=43, status="submitted")
    client.force_login(carol)
    body = client.get(f"/collections/{collection.slug}/").content.decode()
    assert "1 confirmed / 1 suggested" in body
    assert "1 submitted" in body
    assert "50%" in body
    url = f"/collections/{collection.slug}/"
    before = _queries(client, url)
    for i in range(5):
        other = _long_article(collection, 100 + i)
        _fill(other, figures=4, claims=3)
    assert _queries(client, url) == before


def test_the_collection_filters_articles(
    client: Client, carol: User, collection: Any, article: Article
) -> None:
    done = _long_article(collection, 120)
    done.status = Article.Status.DONE
    done.save()
    Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    client.force_login(carol)
    url = f"/collections/{collection.slug}/"
    assert "Long 120" not in client.get(url, {"status": "new"}).content.decode()
    assert "Long 120" in client.get(url, {"status": "done"}).content.decode()
    to_review = client.get(url, {"progress": "to-review"}).content.decode()
    assert "Accounts closed" in to_review and "Long 120" not in to_review
    no_claims = client.get(url, {"progress": "no-claims"}).content.decode()
    assert "Accounts closed" in no_claims and "Long 120" in no_claims
    assert "Long 120" not in client.get(url, {"q": "accounts"}).content.decode()
