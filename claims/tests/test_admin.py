"""The back-office: a reviewer annotates, links and approves entirely through admin forms."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from claims.models import Claim, ClaimLink, Figure, Source, Tag

LINK_FORMSETS = {
    "links_out-TOTAL_FORMS": "0",
    "links_out-INITIAL_FORMS": "0",
    "links_in-TOTAL_FORMS": "0",
    "links_in-INITIAL_FORMS": "0",
}


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_outsiders_are_sent_to_the_login_page(client: Client, article: Article) -> None:
    response = client.get("/admin/claims/claim/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_user_without_a_role_sees_no_claims(client: Client, mallory: User) -> None:
    _login(client, mallory)
    assert client.get("/admin/claims/claim/").status_code == 302  # not staff: back to login


def test_a_reviewer_annotates_links_and_approves_through_the_admin(
    client: Client, article: Article, bob: User, carol: User
) -> None:
    _login(client, bob)
    # A figure.
    response = client.post(
        "/admin/claims/figure/add/",
        {
            "article": article.pk,
            "start": 15,
            "end": 21,
            "surface": "",
            "value": "67000",
            "qualifier": "exact",
            "unit": "",
            "counted": "accounts",
            "state": "confirmed",
            "origin": "manual",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    figure = Figure.objects.get()
    assert figure.surface == "67,000" and figure.created_by == bob
    # A source.
    response = client.post(
        "/admin/claims/source/add/",
        {"name": "Reuters", "kind": "news_agency", "url": "", "aliases": "", "notes": ""},
    )
    assert response.status_code == 302
    source = Source.objects.get(name="Reuters")
    # Adding a source a claim cites is annotation work; changing one is an editor's.
    assert client.get(f"/admin/claims/source/{source.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/claims/source/{source.pk}/change/",
        {"name": "Reuters News", "kind": "news_agency", "url": "", "aliases": "", "notes": ""},
    )
    assert response.status_code == 403
    tag = Tag.objects.create(name="Enforcement", slug="enforcement", collection=article.collection)
    # Two claims, the second linked to the first.
    for start, end in [(0, 43), (45, len(article.text))]:
        response = client.post(
            "/admin/claims/claim/add/",
            {
                "article": article.pk,
                "start": start,
                "end": end,
                "quote": "",
                "figures": [figure.pk] if start == 0 else [],
                "source": source.pk,
                "attribution": "paraphrase",
                "tags": [tag.pk],
                "status": "submitted",
                "verdict": "unchecked",
                "note": "",
                **LINK_FORMSETS,
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
    first, second = Claim.objects.order_by("start")
    response = client.post(
        f"/admin/claims/claim/{second.pk}/change/",
        {
            "article": article.pk,
            "start": second.start,
            "end": second.end,
            "quote": second.quote,
            "source": source.pk,
            "attribution": "paraphrase",
            "tags": [tag.pk],
            "status": "submitted",
            "verdict": "unchecked",
            "note": "",
            **LINK_FORMSETS,
            "links_out-TOTAL_FORMS": "1",
            "links_out-0-relation": "part_of",
            "links_out-0-to_claim": first.pk,
            "links_out-0-note": "nearly 8,000 of the 67,000",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    link = ClaimLink.objects.get()
    assert (link.from_claim, link.relation, link.to_claim, link.created_by) == (
        second,
        "part_of",
        first,
        bob,
    )
    assert list(first.figures.all()) == [figure]
    assert list(second.tags.all()) == [tag]
    # Bob created these, so he cannot approve them: Carol's claim he can.
    Claim.objects.filter(pk=first.pk).update(created_by=carol)
    response = client.post(
        "/admin/claims/claim/",
        {"action": "approve_claims", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.reviewed_by) == ("approved", bob)
    assert second.status == "submitted"


def test_an_editor_creates_sources(client: Client, alice: User) -> None:
    _login(client, alice)
    response = client.post(
        "/admin/claims/source/add/",
        {"name": "Reuters", "kind": "news_agency", "url": "", "aliases": "", "notes": ""},
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/claims/source/add/",
        {"name": "reuters", "kind": "news_agency", "url": "", "aliases": "", "notes": ""},
    )
    assert response.status_code == 200
    assert "A source with this name already exists." in response.content.decode()


def test_a_bad_span_is_refused_with_a_clear_message(
    client: Client, article: Article, bob: User
) -> None:
    _login(client, bob)
    response = client.post(
        "/admin/claims/figure/add/",
        {
            "article": article.pk,
            "start": 15,
            "end": 9999,
            "surface": "",
            "qualifier": "exact",
            "state": "suggested",
            "origin": "manual",
        },
    )
    assert response.status_code == 200
    assert "is past the end of the article text" in response.content.decode()
    assert not Figure.objects.exists()


def test_an_annotator_cannot_approve_or_set_verdicts(
    client: Client, article: Article, carol: User, bob: User
) -> None:
    claim = Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[0:43], created_by=bob
    )
    _login(client, carol)
    response = client.post(
        "/admin/claims/claim/", {"action": "approve_claims", "_selected_action": [claim.pk]}
    )
    claim.refresh_from_db()
    assert claim.status == "draft"  # the action is not offered to annotators
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/change/",
        {
            "article": article.pk,
            "start": 0,
            "end": 43,
            "quote": claim.quote,
            "attribution": "paraphrase",
            "status": "approved",
            "verdict": "accurate",
            "note": "",
            **LINK_FORMSETS,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Only reviewers and editors approve" in errors["status"][0]
    assert "Only reviewers and editors set verdicts" in errors["verdict"][0]


def test_the_reject_action_asks_for_a_reason(
    client: Client, article: Article, bob: User, carol: User
) -> None:
    claim = Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[0:43], created_by=carol
    )
    _login(client, bob)
    response = client.post(
        "/admin/claims/claim/", {"action": "reject_claims", "_selected_action": [claim.pk]}
    )
    assert response.status_code == 200
    assert "Reason" in response.content.decode()
    response = client.post(
        "/admin/claims/claim/",
        {
            "action": "reject_claims",
            "_selected_action": [claim.pk],
            "apply": "1",
            "rejection_reason": "Not a figure from the statement",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == ("rejected", "Not a figure from the statement")


def _claims(article: Article, n: int, creator: Any) -> None:
    source = Source.objects.get_or_create(name="Reuters")[0]
    tag = Tag.objects.get_or_create(name="T", slug="t")[0]
    for i in range(n):
        claim = Claim.objects.create(
            article=article,
            start=0,
            end=43,
            quote=article.text[0:43],
            created_by=creator,
            source=source,
            via=None,
            note=str(i),
        )
        claim.tags.add(tag)


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_do_not_query_per_row(client: Client, article: Article, alice: User) -> None:
    _login(client, alice)
    _claims(article, 3, alice)
    for n in range(3):
        Figure.objects.create(article=article, start=n, end=n + 1, surface=article.text[n])
    urls = ["/admin/claims/claim/", "/admin/claims/figure/", "/admin/articles/article/"]
    few = [_count_queries(client, url) for url in urls]
    _claims(article, 30, alice)
    for n in range(3, 30):
        Figure.objects.create(article=article, start=n, end=n + 1, surface=article.text[n])
    many = [_count_queries(client, url) for url in urls]
    assert few == many

