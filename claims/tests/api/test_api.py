"""The JSON API at /api/v1/: tokens, roles, the forms' validation, versions, pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ApiToken, Article, Collection
from claims.api import api as ninja_api
from claims.models import Claim, ClaimLink, Figure, Source, Tag


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The cast's accounts are created for every test; PBKDF2 would make that the slowest part.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Api:
    """A client that sends a user's API token and JSON bodies."""

    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, **self.headers)

    def _send(self, method: str, path: str, data: Any) -> Any:
        send = getattr(self.client, method)
        return send(path, json.dumps(data), content_type="application/json", **self.headers)

    def post(self, path: str, data: Any) -> Any:
        return self._send("post", path, data)

    def patch(self, path: str, data: Any) -> Any:
        return self._send("patch", path, data)

    def put(self, path: str, data: Any) -> Any:
        return self._send("put", path, data)

    def delete(self, path: str) -> Any:
        return self.client.delete(path, **self.headers)


@pytest.fixture
def api(client: Client) -> Callable[[Any], Api]:
    def for_user(user: Any) -> Api:
        return Api(client, ApiToken.objects.issue(user=user, name="tests")[1])

    return for_user


@pytest.fixture
def figure(article: Article, carol: User) -> Figure:
    return Figure.objects.create(
        article=article, start=15, end=21, surface="67,000", value=67000, created_by=carol
    )


@pytest.fixture
def claim(article: Article, figure: Figure, carol: User) -> Claim:
    claim = Claim.objects.create(
        article=article,
        start=0,
        end=43,
        quote="Officials said 67,000 accounts were closed.",
        status=Claim.Status.SUBMITTED,
        created_by=carol,
    )
    claim.figures.add(figure)
    return claim


# Tokens ---------------------------------------------------------------------------------


def test_it_answers_401_json_without_a_token_not_the_login_redirect(
    client: Client, article: Article
) -> None:
    response = client.get("/api/v1/articles")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer" in response.json()["detail"]


def test_it_refuses_an_unknown_token_and_the_token_of_an_inactive_user(
    client: Client, alice: User
) -> None:
    assert Api(client, "cd_not-a-real-token").get("/api/v1/articles").status_code == 401
    token = ApiToken.objects.issue(user=alice)[1]
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert Api(client, token).get("/api/v1/articles").status_code == 401


def test_a_token_is_stored_only_as_its_sha256_and_records_its_last_use(
    client: Client, alice: User
) -> None:
    token, secret = ApiToken.objects.issue(user=alice, name="notebook")
    assert secret.startswith("cd_") and len(secret) > 40
    assert secret not in {token.key_hash, token.prefix}
    assert token.key_hash == ApiToken.objects.get().key_hash
    assert secret.startswith(token.prefix)
    assert token.last_used_at is None
    assert Api(client, secret).get("/api/v1/articles").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < ApiToken.LAST_USED_RESOLUTION


def test_a_session_login_is_not_enough_for_the_api(client: Client, alice: User) -> None:
    # Cookie authentication would need CSRF protection: the API takes tokens only.
    client.force_login(alice)
    assert client.get("/api/v1/articles").status_code == 401


def test_the_openapi_document_is_served_to_a_token_or_a_session_only(
    client: Client, api: Callable[[Any], Api], alice: User
) -> None:
    assert client.get("/api/v1/openapi.json").status_code == 401
    document = api(alice).get("/api/v1/openapi.json").json()
    assert document == json.loads(json.dumps(ninja_api.get_openapi_schema()))
    assert "/api/v1/claims/{claim_id}" in document["paths"]
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    client.force_login(alice)
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_an_unknown_api_path_answers_json_404(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert "openapi.json" in response.json()["detail"]


# Roles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/collections",
        "/api/v1/articles",
        "/api/v1/figures",
        "/api/v1/claims",
        "/api/v1/sources",
        "/api/v1/tags",
        "/api/v1/links",
    ],
)
def test_an_outsider_with_a_token_gets_403(
    api: Callable[[Any], Api], mallory: User, claim: Claim, path: str
) -> None:
    response = api(mallory).get(path)
    assert response.status_code == 403
    assert "permission" in response.json()["detail"]


def test_an_outsider_cannot_write_either(
    api: Callable[[Any], Api], mallory: User, article: Article, claim: Claim
) -> None:
    client = api(mallory)
    response = client.post("/api/v1/figures", {"article": article.pk, "start": 52, "end": 58})
    assert response.status_code == 403
    response = client.patch(f"/api/v1/claims/{claim.pk}", {"version": 1, "note": "mine"})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.note == ""
    assert not Figure.objects.filter(start=52).exists()


def test_annotators_add_sources_but_only_editors_change_sources_and_tags(
    api: Callable[[Any], Api], alice: User, carol: User, collection: Collection
) -> None:
    response = api(carol).post("/api/v1/sources", {"name": "Reuters", "kind": "news_agency"})
    assert response.status_code == 201
    source_id = response.json()["id"]
    response = api(carol).patch(f"/api/v1/sources/{source_id}", {"name": "Reuters Ltd"})
    assert response.status_code == 403
    tag = {"name": "Rumours", "slug": "rumours", "collection": collection.pk}
    assert api(carol).post("/api/v1/tags", tag).status_code == 403

    editor = api(alice)
    assert (
        editor.patch(f"/api/v1/sources/{source_id}", {"url": "https://reuters.com"}).json()["url"]
        == "https://reuters.com"
    )
    response = editor.post("/api/v1/tags", tag)
    assert response.status_code == 201
    tag_id = response.json()["id"]
    assert editor.patch(f"/api/v1/tags/{tag_id}", {"colour": "#d97706"}).json()["colour"] == (
        "#d97706"
    )
    assert Source.objects.get().url == "https://reuters.com"
    assert Tag.objects.get().colour == "#d97706"


def test_only_editors_add_and_change_articles(
    api: Callable[[Any], Api], alice: User, carol: User, collection: Collection
) -> None:
    payload = {"collection": collection.pk, "title": "New", "text": "Some 3 cats.\r\nMore."}
    assert api(carol).post("/api/v1/articles", payload).status_code == 403
    response = api(alice).post("/api/v1/articles", payload)
    assert response.status_code == 201
    body = response.json()
    assert body["text"] == "Some 3 cats.\nMore."  # normalised by the model's clean()
    article = Article.objects.get(pk=body["id"])
    assert article.created_by == alice
    assert body["text_sha256"] == article.text_sha256
    # Issue 20: annotators annotate; the workspace marks the article in progress for them.
    response = api(carol).patch(f"/api/v1/articles/{article.pk}", {"status": "in_progress"})
    assert response.status_code == 403
    response = api(alice).patch(f"/api/v1/articles/{article.pk}", {"status": "in_progress"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.IN_PROGRESS


def test_a_new_article_has_its_figures_detected_unless_asked_not_to(
    api: Callable[[Any], Api], alice: User, collection: Collection
) -> None:
    text = "Officials said 67,000 accounts were closed, and nearly 8,000 were suspended."
    payload = {"collection": collection.pk, "title": "Closures", "text": text}
    client = api(alice)
    article_id = client.post("/api/v1/articles", payload).json()["id"]
    figures = client.get("/api/v1/figures", article=article_id).json()["items"]
    assert {(f["surface"], f["state"], f["origin"]) for f in figures} >= {
        ("67,000", "suggested", "detected")
    }
    assert any(f["surface"].endswith("8,000") for f in figures)
    quiet = client.post("/api/v1/articles?detect=false", {**payload, "text": text + " Again."})
    assert quiet.status_code == 201
    assert not Figure.objects.filter(article_id=quiet.json()["id"]).exists()


def test_deleting_figures_and_claims_needs_the_reviewer_role(
    api: Callable[[Any], Api], bob: User, carol: User, claim: Claim, figure: Figure
) -> None:
    assert api(carol).delete(f"/api/v1/claims/{claim.pk}").status_code == 403
    assert api(carol).delete(f"/api/v1/figures/{figure.pk}").status_code == 403
    assert api(bob).delete(f"/api/v1/claims/{claim.pk}").status_code == 204
    assert api(bob).delete(f"/api/v1/figures/{figure.pk}").status_code == 204
    assert not Claim.objects.exists() and not Figure.objects.exists()
    assert api(bob).delete(f"/api/v1/claims/{claim.pk}").status_code == 404


# The forms' validation --------------------------------------------------------------------


def test_an_annotator_adds_a_figure_and_its_surface_is_filled_in(
    api: Callable[[Any], Api], carol: User, article: Article
) -> None:
    response = api(carol).post(
        "/api/v1/figures",
        {
            "article": article.pk,
            "start": 69,
            "end": 81,
            "value": "8000",
            "qualifier": "approx_below",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["surface"] == "nearly 8,000"
    assert body["value"] == "8000"
    assert body["version"] == 1
    figure = Figure.objects.get(pk=body["id"])
    assert figure.created_by == carol
    assert figure.qualifier == Figure.Qualifier.APPROX_BELOW


def test_it_refuses_a_figure_whose_surface_is_not_the_text_with_the_forms_message(
    api: Callable[[Any], Api], carol: User, article: Article
) -> None:
    response = api(carol).post(
        "/api/v1/figures", {"article": article.pk, "start": 15, "end": 21, "surface": "68,000"}
    )
    assert response.status_code == 422
    assert response.json()["errors"]["surface"] == [
        "The surface must be the article text at 15:21, which is '67,000', not '68,000'."
    ]
    response = api(carol).post("/api/v1/figures", {"article": article.pk, "start": 15, "end": 999})
    assert response.status_code == 422
    assert "past the end of the article text" in response.json()["errors"]["end"][0]
    assert not Figure.objects.exists()


def test_it_refuses_misspelt_fields_and_wrong_types(
    api: Callable[[Any], Api], carol: User, article: Article
) -> None:
    response = api(carol).post(
        "/api/v1/figures", {"article": article.pk, "start": "x", "end": 21, "vaule": 3}
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"start", "vaule"}


def test_a_claims_figures_must_lie_inside_it(
    api: Callable[[Any], Api], carol: User, article: Article, figure: Figure
) -> None:
    response = api(carol).post(
        "/api/v1/claims", {"article": article.pk, "start": 45, "end": 115, "figures": [figure.pk]}
    )
    assert response.status_code == 422
    assert "inside the claim's span" in response.json()["errors"]["figures"][0]


def test_an_annotator_adds_a_claim_with_figures_tags_and_source(
    api: Callable[[Any], Api], carol: User, article: Article, figure: Figure
) -> None:
    source = Source.objects.create(name="Officials")
    tag = Tag.objects.create(name="Closures", slug="closures")
    response = api(carol).post(
        "/api/v1/claims",
        {
            "article": article.pk,
            "start": 0,
            "end": 43,
            "figures": [figure.pk],
            "tags": [tag.pk],
            "source": source.pk,
            "status": "submitted",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["quote"] == "Officials said 67,000 accounts were closed."
    assert (body["figures"], body["tags"], body["source"]) == ([figure.pk], [tag.pk], source.pk)
    assert body["created_by"] == "carol"
    claim = Claim.objects.get(pk=body["id"])
    assert list(claim.figures.all()) == [figure]
    assert claim.status == Claim.Status.SUBMITTED


def test_an_annotator_cannot_approve_nor_set_a_verdict(
    api: Callable[[Any], Api], dave: User, claim: Claim
) -> None:
    client = api(dave)
    response = client.patch(f"/api/v1/claims/{claim.pk}", {"version": 1, "status": "approved"})
    assert response.status_code == 422
    assert response.json()["errors"]["status"] == [
        "Only reviewers and editors approve or reject claims."
    ]
    response = client.patch(f"/api/v1/claims/{claim.pk}", {"version": 1, "verdict": "accurate"})
    assert response.status_code == 422
    assert response.json()["errors"]["verdict"] == ["Only reviewers and editors set verdicts."]
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.version) == ("submitted", "unchecked", 1)


def test_a_reviewer_approves_a_claim_and_it_records_who_and_when(
    api: Callable[[Any], Api], bob: User, claim: Claim
) -> None:
    response = api(bob).patch(
        f"/api/v1/claims/{claim.pk}",
        {"version": 1, "status": "approved", "verdict": "accurate", "note": "Checked."},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["verdict"], body["reviewed_by"]) == ("approved", "accurate", "bob")
    assert body["version"] == 2  # one change, one new version
    claim.refresh_from_db()
    assert claim.reviewed_by == bob and claim.reviewed_at is not None
    assert (claim.note, claim.verdict) == ("Checked.", "accurate")


def test_rejecting_needs_a_reason(api: Callable[[Any], Api], bob: User, claim: Claim) -> None:
    path = f"/api/v1/claims/{claim.pk}"
    response = api(bob).patch(path, {"version": 1, "status": "rejected"})
    assert response.status_code == 422
    assert response.json()["errors"]["rejection_reason"] == ["Say why the claim is rejected."]
    response = api(bob).patch(
        path, {"version": 1, "status": "rejected", "rejection_reason": "Not a claim."}
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == ("rejected", "Not a claim.")


def test_nobody_approves_a_claim_they_created(
    api: Callable[[Any], Api], bob: User, article: Article
) -> None:
    client = api(bob)
    response = client.post(
        "/api/v1/claims", {"article": article.pk, "start": 0, "end": 43, "status": "approved"}
    )
    assert response.status_code == 422
    assert response.json()["errors"]["status"] == [
        "You cannot approve or reject a claim you created."
    ]
    assert not Claim.objects.exists()
    created = client.post("/api/v1/claims", {"article": article.pk, "start": 0, "end": 43})
    claim_id = created.json()["id"]
    response = client.patch(f"/api/v1/claims/{claim_id}", {"version": 1, "status": "approved"})
    assert response.status_code == 422
    assert Claim.objects.get().status == Claim.Status.DRAFT


def test_links_join_claims_of_one_collection_and_never_a_claim_to_itself(
    api: Callable[[Any], Api], carol: User, claim: Claim, article: Article
) -> None:
    other = Claim.objects.create(article=article, start=45, end=115)
    client = api(carol)
    response = client.post(
        "/api/v1/links", {"from_claim": claim.pk, "to_claim": claim.pk, "relation": "repeats"}
    )
    assert response.status_code == 422
    response = client.post(
        "/api/v1/links", {"from_claim": other.pk, "to_claim": claim.pk, "relation": "part_of"}
    )
    assert response.status_code == 201
    link = ClaimLink.objects.get()
    assert (link.relation, link.created_by) == ("part_of", carol)
    response = client.post(
        "/api/v1/links", {"from_claim": other.pk, "to_claim": claim.pk, "relation": "part_of"}
    )
    assert response.status_code == 422  # the same link twice
    response = client.patch(f"/api/v1/links/{link.pk}", {"relation": "supports"})
    assert response.json()["relation"] == "supports"
    assert client.get("/api/v1/links", claim=claim.pk).json()["count"] == 1
    assert client.delete(f"/api/v1/links/{link.pk}").status_code == 204
    assert not ClaimLink.objects.exists()


def test_article_text_cannot_change_once_annotated(
    api: Callable[[Any], Api], alice: User, figure: Figure
) -> None:
    response = api(alice).patch(f"/api/v1/articles/{figure.article_id}", {"text": "Other."})
    assert response.status_code == 422
    assert "cannot be changed" in response.json()["errors"]["text"][0]


# Versions ---------------------------------------------------------------------------------


def test_a_stale_figure_update_gets_409_showing_what_changed(
    api: Callable[[Any], Api], carol: User, dave: User, figure: Figure
) -> None:
    path = f"/api/v1/figures/{figure.pk}"
    first = api(carol).patch(path, {"version": 1, "state": "confirmed", "counted": "accounts"})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    # Dave read version 1 too.
    response = api(dave).patch(path, {"version": 1, "state": "rejected", "counted": "accounts"})
    assert response.status_code == 409
    body = response.json()
    assert (body["your_version"], body["current_version"]) == (1, 2)
    assert body["changes"] == {"state": {"yours": "rejected", "current": "confirmed"}}
    # The one stale-edit message (core.locking), as the workspace and the back-office word it.
    assert body["detail"].startswith("Not saved: carol changed this figure after you opened it")
    assert "state: suggested → confirmed" in body["detail"]
    figure.refresh_from_db()
    assert (figure.state, figure.version) == ("confirmed", 2)
    # With the current version it goes through.
    assert api(dave).patch(path, {"version": 2, "state": "rejected"}).json()["version"] == 3


def test_a_stale_claim_update_gets_409_and_saves_nothing(
    api: Callable[[Any], Api], bob: User, dave: User, claim: Claim
) -> None:
    path = f"/api/v1/claims/{claim.pk}"
    assert api(bob).patch(path, {"version": 1, "verdict": "misleading"}).status_code == 200
    response = api(dave).patch(path, {"version": 1, "note": "Looks fine", "verdict": "unchecked"})
    assert response.status_code == 409
    assert response.json()["changes"] == {
        "note": {"yours": "Looks fine", "current": ""},
        "verdict": {"yours": "unchecked", "current": "misleading"},
    }
    claim.refresh_from_db()
    assert (claim.note, claim.verdict, claim.version) == ("", "misleading", 2)


def test_updates_of_figures_and_claims_must_carry_the_version(
    api: Callable[[Any], Api], carol: User, claim: Claim, figure: Figure
) -> None:
    response = api(carol).patch(f"/api/v1/figures/{figure.pk}", {"state": "confirmed"})
    assert response.status_code == 422
    assert "version" in response.json()["errors"]
    assert api(carol).put(f"/api/v1/claims/{claim.pk}", {"note": "x"}).status_code == 422


def test_put_replaces_a_figure(api: Callable[[Any], Api], carol: User, figure: Figure) -> None:
    response = api(carol).put(
        f"/api/v1/figures/{figure.pk}",
        {"version": 1, "article": figure.article_id, "start": 52, "end": 58, "value": 67000.0},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["start"], body["surface"], body["value"], body["version"]) == (
        52,
        "67,000",
        "67000",
        2,
    )
    assert body["counted"] == "" and body["state"] == "suggested"


def test_moving_a_span_takes_the_text_at_the_new_offsets(
    api: Callable[[Any], Api], carol: User, figure: Figure
) -> None:
    response = api(carol).patch(
        f"/api/v1/figures/{figure.pk}", {"version": 1, "start": 52, "end": 58}
    )
    assert response.status_code == 200
    figure.refresh_from_db()
    assert (figure.start, figure.end, figure.surface) == (52, 58, "67,000")


def test_an_update_that_changes_nothing_keeps_the_version(
    api: Callable[[Any], Api], carol: User, figure: Figure
) -> None:
    response = api(carol).patch(f"/api/v1/figures/{figure.pk}", {"version": 1, "value": "67000.00"})
    assert response.status_code == 200
    assert response.json()["version"] == 1


# Lists ----------------------------------------------------------------------------------


def test_lists_are_paged_and_filtered(
    api: Callable[[Any], Api], alice: User, claim: Claim, article: Article
) -> None:
    Claim.objects.create(article=article, start=45, end=115, status=Claim.Status.APPROVED)
    client = api(alice)
    page = client.get("/api/v1/claims", limit=1, offset=1).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (2, 1, 1, 1)
    assert page["items"][0]["start"] == 45
    assert client.get("/api/v1/claims", status="approved").json()["count"] == 1
    assert client.get("/api/v1/claims", collection="desk").json()["count"] == 2
    assert client.get("/api/v1/claims", collection="elsewhere").json()["count"] == 0
    assert client.get("/api/v1/figures", article=article.pk).json()["count"] == 1
    assert client.get("/api/v1/claims", limit=501).status_code == 422
    listed = client.get("/api/v1/articles").json()["items"][0]
    assert "text" not in listed  # lists leave the text out; GET /articles/{id} has it
    assert client.get(f"/api/v1/articles/{article.pk}").json()["text"] == article.text


def _fill(collection: Collection, first: int, last: int, users: list[Any]) -> None:
    """Items first..last-1: per item an article with two figures, a claim with both figures,
    two new tags and a new source, a link to the previous claim, and a collection."""
    previous = Claim.objects.order_by("-pk").first()
    for i in range(first, last):
        Collection.objects.create(name=f"Desk {i}", slug=f"desk-{i}")
        source = Source.objects.create(name=f"Source {i}")
        tags = [Tag.objects.create(name=f"Tag {i}{x}", slug=f"tag-{i}{x}") for x in "ab"]
        article = Article.objects.create(
            collection=collection, title=f"A{i}", text=f"Item {i}: 10 and 20.", text_sha256=str(i)
        )
        start = article.text.index("10")
        figures = [
            Figure.objects.create(article=article, start=start, end=start + 2, surface="10"),
            Figure.objects.create(article=article, start=start + 7, end=start + 9, surface="20"),
        ]
        claim = Claim.objects.create(
            article=article,
            start=0,
            end=len(article.text),
            quote=article.text,
            source=source,
            created_by=users[0],
            reviewed_by=users[1],
        )
        claim.figures.set(figures)
        claim.tags.set(tags)
        if previous is not None:
            ClaimLink.objects.create(from_claim=claim, to_claim=previous, relation="repeats")
        previous = claim


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/articles",
        "/api/v1/figures",
        "/api/v1/claims",
        "/api/v1/sources",
        "/api/v1/tags",
        "/api/v1/links",
        "/api/v1/collections",
    ],
)
def test_a_page_costs_the_same_queries_whatever_its_size(
    api: Callable[[Any], Api],
    alice: User,
    bob: User,
    carol: User,
    collection: Collection,
    path: str,
) -> None:
    client = api(alice)
    client.get(path)  # the token's first use writes last_used_at
    counts, sizes = [], []
    for first, last in [(0, 3), (3, 15)]:
        _fill(collection, first, last, [carol, bob])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
        sizes.append(len(response.json()["items"]))
    assert sizes[0] < sizes[1]
    assert counts[0] == counts[1], (path, counts)
    assert counts[1] <= 7  # token, two for permissions, count, rows, two prefetches
