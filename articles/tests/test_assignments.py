"""Review workflow (issue 5): assigning articles, and each user's queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.test import Client

from articles.models import Article, Assignment, Collection
from claims.models import Claim

pytestmark = pytest.mark.django_db


def _articles(collection: Collection, n: int, alice: User) -> list[Article]:
    return [
        Article.objects.import_text(
            collection=collection, text=f"Article {i} says 1,000 things.", title=f"A{i}"
        )[0]
        for i in range(n)
    ]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_round_robin_spreads_articles_evenly(
    collection: Collection, alice: User, carol: User, dave: User, bob: User
) -> None:
    articles = _articles(collection, 5, alice)
    made = Assignment.objects.assign_round_robin(
        articles=articles, annotators=[carol, dave, bob], per_article=1, assigned_by=alice
    )
    assert len(made) == 5
    loads = sorted(Assignment.objects.filter(annotator=u).count() for u in (carol, dave, bob))
    assert loads == [1, 2, 2]


def test_double_annotation_gives_two_different_people_per_article_and_is_idempotent(
    collection: Collection, alice: User, carol: User, dave: User, bob: User
) -> None:
    articles = _articles(collection, 3, alice)
    people = [carol, dave, bob]
    Assignment.objects.assign_round_robin(
        articles=articles, annotators=people, per_article=2, assigned_by=alice
    )
    for article in articles:
        assert article.assignments.count() == 2
    assert (
        Assignment.objects.assign_round_robin(
            articles=articles, annotators=people, per_article=2, assigned_by=alice
        )
        == []
    )
    with pytest.raises(ValidationError):
        Assignment.objects.assign_round_robin(
            articles=articles, annotators=[carol], per_article=2, assigned_by=alice
        )


@pytest.mark.parametrize(("who", "status"), [("bob", 403), ("carol", 403), ("mallory", 404)])
def test_only_editors_open_the_assign_page(
    request: pytest.FixtureRequest, collection: Collection, who: str, status: int
) -> None:
    user = request.getfixturevalue(who)
    assert _client(user).get(f"/collections/{collection.slug}/assign/").status_code == status


def test_an_editor_assigns_round_robin_across_a_group(
    collection: Collection, alice: User, carol: User, dave: User
) -> None:
    articles = _articles(collection, 2, alice)
    client = _client(alice)
    assert client.get("/collections/desk/assign/").status_code == 200
    response = client.post(
        "/collections/desk/assign/",
        {
            "mode": "round_robin",
            "per_article": "2",
            "group": Group.objects.get(name="Annotators").pk,
        },
    )
    assert response.status_code == 302
    assert "Made 4 assignments of 2 articles to 2 annotators." in (
        client.get(response["Location"]).content.decode()
    )
    for article in articles:
        assert set(article.assignments.values_list("annotator__username", flat=True)) == {
            "carol",
            "dave",
        }
    assert Assignment.objects.first().assigned_by == alice  # type: ignore[union-attr]


def test_assigning_by_hand_needs_articles(collection: Collection, alice: User, carol: User) -> None:
    (article,) = _articles(collection, 1, alice)
    client = _client(alice)
    refused = client.post(
        "/collections/desk/assign/", {"mode": "hand", "per_article": "1", "annotators": [carol.pk]}
    )
    assert refused.status_code == 422
    client.post(
        "/collections/desk/assign/",
        {"mode": "hand", "per_article": "1", "annotators": [carol.pk], "articles": [article.pk]},
    )
    assert list(article.assignments.values_list("annotator", flat=True)) == [carol.pk]


def test_my_queue_lists_my_articles_and_submits_my_drafts(
    article: Article, alice: User, carol: User, dave: User
) -> None:
    (assignment,) = Assignment.objects.assign(
        articles=[article], annotators=[carol], assigned_by=alice
    )
    mine = Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=carol
    )
    theirs = Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=dave
    )
    client = _client(carol)
    page = client.get("/queue/").content.decode()
    assert f'data-assignment-id="{assignment.pk}"' in page
    assert "1 draft" in page
    assert _client(dave).post(f"/queue/{assignment.pk}/submit/").status_code == 404
    client.post(f"/queue/{assignment.pk}/submit/")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assignment.refresh_from_db()
    assert (mine.status, theirs.status) == ("submitted", "draft")
    assert assignment.done_at is not None
    assert mine.history.latest().history_user == carol


def test_my_queue_is_hidden_from_outsiders(mallory: User) -> None:
    assert _client(mallory).get("/queue/").status_code == 404


def test_the_article_is_done_when_its_last_annotator_submits(
    article: Article, alice: User, carol: User, dave: User
) -> None:
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_PROGRESS)
    Assignment.objects.assign(articles=[article], annotators=[carol, dave], assigned_by=alice)
    Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=carol
    )
    carols = Assignment.objects.get(annotator=carol)
    response = _client(carol).post(f"/queue/{carols.pk}/submit/", follow=True)
    assert "Sent 1 claim on" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "in_progress"  # dave is still working on it
    daves = Assignment.objects.get(annotator=dave)
    response = _client(dave).post(f"/queue/{daves.pk}/submit/", follow=True)
    body = response.content.decode()
    assert "Sent 0 claims on" in body and "the article is done" in body
    article.refresh_from_db()
    assert article.status == "done"


def test_an_article_without_assignments_is_not_marked_done(article: Article) -> None:
    assert article.mark_done_if_finished() is False
    article.refresh_from_db()
    assert article.status == "new"
