"""Related articles through the JSON API."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import ApiToken, Article, ArticleRelation, Assignment, Collection
from claims.tests.alignments.pair import load_pair

pytestmark = pytest.mark.django_db


def _api(client: Client, user: User) -> dict[str, Any]:
    secret = ApiToken.objects.issue(user=user)[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def unrelated(collection: Collection, alice: User) -> tuple[Article, Article]:
    translation, original, _ = load_pair(collection, by=alice, relate=False)
    return translation, original


def test_an_editor_relates_articles_and_reads_the_alignment(
    client: Client, alice: User, carol: User, unrelated: tuple[Article, Article]
) -> None:
    translation, original = unrelated
    response = client.post(
        "/api/v1/relations",
        {"derived": translation.pk, "original": original.pk, "kind": "translation_of"},
        content_type="application/json",
        **_api(client, alice),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["derived"], body["original"], body["original_language"]) == (
        translation.pk,
        original.pk,
        "zh",
    )
    relation = ArticleRelation.objects.get()
    assert relation.created_by == alice
    listed = client.get(f"/api/v1/relations?article={original.pk}", **_api(client, carol)).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == relation.pk
    alignment = client.get(
        f"/api/v1/relations/{relation.pk}/alignment", **_api(client, carol)
    ).json()
    changes = {row["change"] for row in alignment["figures"]}
    assert {"hedge", "event", "added"} <= changes
    kinds = {f["kind"] for f in alignment["findings"]}
    assert "translation_event" in kinds and all(
        f["status"] == "open" for f in alignment["findings"]
    )


def test_annotators_cannot_relate_articles(
    client: Client, carol: User, unrelated: tuple[Article, Article]
) -> None:
    translation, original = unrelated
    response = client.post(
        "/api/v1/relations",
        {"derived": translation.pk, "original": original.pk},
        content_type="application/json",
        **_api(client, carol),
    )
    assert response.status_code == 403 and "articles.change_article" in response.json()["detail"]
    assert not ArticleRelation.objects.exists()


def test_a_relation_to_itself_or_twice_is_refused_naming_the_field(
    client: Client, alice: User, unrelated: tuple[Article, Article]
) -> None:
    translation, original = unrelated
    auth = _api(client, alice)
    itself = client.post(
        "/api/v1/relations",
        {"derived": translation.pk, "original": translation.pk},
        content_type="application/json",
        **auth,
    )
    assert itself.status_code == 422 and "itself" in itself.content.decode()
    ok = {"derived": translation.pk, "original": original.pk}
    assert (
        client.post("/api/v1/relations", ok, content_type="application/json", **auth).status_code
        == 201
    )
    again = client.post("/api/v1/relations", ok, content_type="application/json", **auth)
    assert again.status_code == 422 and "already related" in again.content.decode()
    assert ArticleRelation.objects.count() == 1


def test_the_alignment_is_hidden_from_an_annotator_working_blind(
    client: Client, alice: User, carol: User, dave: User, collection: Collection
) -> None:
    translation, _, relation = load_pair(collection, by=alice)
    assert relation is not None
    for annotator in (carol, dave):
        Assignment.objects.create(article=translation, annotator=annotator, assigned_by=alice)
    response = client.get(f"/api/v1/relations/{relation.pk}/alignment", **_api(client, carol))
    assert response.status_code == 403


def test_an_editor_deletes_a_relation(client: Client, alice: User, collection: Collection) -> None:
    _, _, relation = load_pair(collection, by=alice)
    assert relation is not None
    response = client.delete(f"/api/v1/relations/{relation.pk}", **_api(client, alice))
    assert response.status_code == 204 and not ArticleRelation.objects.exists()
