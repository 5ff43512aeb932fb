"""`next` after a change stays on this site (core.access.safe_next): no open redirect."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from articles.models import Article
from claims.models import Source
from core.access import safe_next

EVIL = ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "///evil.example"]


@pytest.mark.parametrize("target", EVIL)
def test_adding_a_source_never_redirects_off_the_site(
    client: Client, carol: User, target: str
) -> None:
    client.force_login(carol)
    response = client.post(
        "/sources/new/",
        {"newsource-name": "Xinhua", "newsource-kind": "news_agency", "next": target},
    )
    assert response.status_code == 302
    xinhua = Source.objects.get(name="Xinhua")
    assert response["Location"] == f"/?source={xinhua.pk}"


@pytest.mark.parametrize("target", EVIL)
def test_a_refused_source_never_redirects_off_the_site(
    client: Client, carol: User, target: str
) -> None:
    client.force_login(carol)
    response = client.post("/sources/new/", {"newsource-kind": "other", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not Source.objects.exists()


@pytest.mark.parametrize("target", EVIL)
def test_a_refused_source_goes_back_to_the_page_it_came_from_on_this_site(
    client: Client, carol: User, target: str
) -> None:
    client.force_login(carol)
    page = "http://testserver/articles/1/claims/new/?start=0&end=10"
    form = {"newsource-kind": "other", "next": target}
    assert client.post("/sources/new/", form, HTTP_REFERER=page)["Location"] == page
    assert client.post("/sources/new/", form, HTTP_REFERER=target)["Location"] == "/"
    assert not Source.objects.exists()


def test_adding_a_source_returns_to_the_claim_form_it_came_from(
    client: Client, carol: User, article: Article
) -> None:
    client.force_login(carol)
    back = f"/articles/{article.pk}/claims/new/?start=0&end=10"
    response = client.post(
        "/sources/new/", {"newsource-name": "Xinhua", "newsource-kind": "other", "next": back}
    )
    xinhua = Source.objects.get(name="Xinhua")
    assert response["Location"] == f"{back}&source={xinhua.pk}"


@pytest.mark.parametrize("target", EVIL)
def test_a_review_decision_never_redirects_off_the_site(
    client: Client, bob: User, target: str
) -> None:
    client.force_login(bob)
    response = client.post("/review/bulk/", {"action": "approve", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert not response["Location"].startswith(("javascript:", "//"))


def test_safe_next_keeps_a_local_path_and_refuses_http_from_an_https_page() -> None:
    factory = RequestFactory()
    plain = factory.get("/")
    assert safe_next(plain, "/review/?page=2", "/") == "/review/?page=2"
    assert safe_next(plain, "http://testserver/review/", "/") == "http://testserver/review/"
    assert safe_next(plain, "", "/fallback/") == "/fallback/"
    assert safe_next(plain, None, "/fallback/") == "/fallback/"
    secure = factory.get("/", secure=True)
    assert safe_next(secure, "http://testserver/review/", "/") == "/"
    assert safe_next(secure, "https://testserver/review/", "/") == "https://testserver/review/"
