"""Roles hold on every path (issue 20, points 1 and 2).

1. Only Editors change an article (title, text, collection, language, status): the API, the
   back-office and every form refuse the others with 403 naming the permission, and nothing
   changes. An article becomes done when every assigned annotator submitted it, or when an
   editor sets it; annotating still marks a new article in progress.
2. Whoever creates a claim never sets its review status, on creation or later: one rule
   (Claim.review_refusal) called by the workspace, the back-office, the API, bulk review and
   curation. Loading a dataset restores the statuses it recorded (an editor's restore).
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.test import Client

from articles.models import ApiToken, Article, Assignment
from articles.tests.test_models import _form_data
from claims.exports.load import import_dataset
from claims.models import Claim, Figure

HX = {"HX-Request": "true"}
CHANGE_ARTICLE = "articles.change_article"
LINK_FORMSETS = {
    "links_out-TOTAL_FORMS": "0",
    "links_out-INITIAL_FORMS": "0",
    "links_in-TOTAL_FORMS": "0",
    "links_in-INITIAL_FORMS": "0",
}


def _bearer(user: Any) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.objects.issue(user=user)[1]}"}


def _patch(client: Client, user: Any, article: Article, changes: dict[str, Any]) -> Any:
    return client.patch(
        f"/api/v1/articles/{article.pk}",
        json.dumps(changes),
        content_type="application/json",
        **_bearer(user),
    )


# --- 1. Only editors change articles ------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "done"},
        {"title": "Retitled"},
        {"language": "de"},
        {"text": "Another text of 12 words."},
    ],
)
@pytest.mark.parametrize("who", ["carol", "bob"])
def test_annotators_and_reviewers_cannot_change_an_article_in_the_api(
    client: Client, article: Article, who: str, changes: dict[str, Any], request: Any
) -> None:
    response = _patch(client, request.getfixturevalue(who), article, changes)
    assert response.status_code == 403, response.content
    assert CHANGE_ARTICLE in response.json()["detail"]
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status, stored.language, stored.text) == (
        article.title,
        "new",
        article.language,
        article.text,
    )


def test_an_annotator_cannot_move_an_article_to_another_collection(
    client: Client, article: Article, carol: Any
) -> None:
    other = type(article.collection).objects.create(name="Other", slug="other")
    response = _patch(client, carol, article, {"collection": other.pk})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).collection_id == article.collection_id


def test_an_editor_changes_an_article_in_the_api(
    client: Client, article: Article, alice: Any
) -> None:
    response = _patch(client, alice, article, {"status": "done", "title": "Retitled"})
    assert response.status_code == 200, response.content
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.title) == ("done", "Retitled")


ARTICLE_INLINES = {
    "figures-TOTAL_FORMS": "0",
    "figures-INITIAL_FORMS": "0",
    "claims-TOTAL_FORMS": "0",
    "claims-INITIAL_FORMS": "0",
}


def _article_form(article: Article, **changes: Any) -> dict[str, Any]:
    """The article's change page as posted: its fields (articles/tests/test_models.py) and
    its empty figure and claim inlines."""
    return {**_form_data(article, **changes), **ARTICLE_INLINES}


def test_the_back_office_shows_an_annotator_no_save_button_and_refuses_her_save(
    client: Client, article: Article, carol: Any
) -> None:
    client.force_login(carol)
    url = f"/admin/articles/article/{article.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, _article_form(article, status="done", title="Mine now"))
    assert response.status_code == 403
    assert CHANGE_ARTICLE in response.content.decode()
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.title) == ("new", article.title)


def test_the_back_office_saves_an_editors_change(
    client: Client, article: Article, alice: Any
) -> None:
    client.force_login(alice)
    url = f"/admin/articles/article/{article.pk}/change/"
    response = client.post(url, _article_form(article, status="done"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).status == "done"


def test_a_blind_annotator_cannot_end_blind_annotation_by_marking_the_article_done(
    client: Client, article: Article, carol: Any, dave: Any, alice: Any
) -> None:
    for annotator in (carol, dave):
        Assignment.objects.create(article=article, annotator=annotator, assigned_by=alice)
    theirs = Claim.objects.create(article=article, start=0, end=43, created_by=dave)
    assert _patch(client, carol, article, {"status": "done"}).status_code == 403
    assert article.is_blind_for(carol)
    claims = client.get(f"/api/v1/claims?article={article.pk}", **_bearer(carol)).json()
    assert theirs.pk not in [c["id"] for c in claims["items"]]
    # Done only when every assigned annotator has submitted it.
    Assignment.objects.filter(annotator=carol).update(done_at="2026-01-01T00:00Z")
    assert not Article.objects.get(pk=article.pk).mark_done_if_finished()
    Assignment.objects.filter(annotator=dave).update(done_at="2026-01-01T00:00Z")
    assert Article.objects.get(pk=article.pk).mark_done_if_finished()


def test_annotating_still_marks_a_new_article_in_progress(
    client: Client, article: Article, carol: Any
) -> None:
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    client.force_login(carol)
    response = client.post(
        "/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"}, headers=HX
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).status == "in_progress"


def _codes(group: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def test_after_migrate_only_editors_may_change_articles(db: None) -> None:
    assert CHANGE_ARTICLE in _codes("Editors")
    assert CHANGE_ARTICLE not in _codes("Reviewers")
    assert CHANGE_ARTICLE not in _codes("Annotators")
    # What annotating needs is still there.
    assert {"claims.change_figure", "claims.add_claim"} <= _codes("Annotators")


def test_the_migration_corrects_the_groups_of_an_existing_database(db: None) -> None:
    """A database migrated before the fix: its Annotators and Reviewers hold change_article
    (claims/migrations/0002_groups.py gave it them); the correction takes it away."""
    change = Permission.objects.get(content_type__app_label="articles", codename="change_article")
    for name in ("Annotators", "Reviewers"):
        Group.objects.get(name=name).permissions.add(change)
    migration = importlib.import_module("claims.migrations.0011_only_editors_change_articles")
    migration.only_editors_change_articles(django_apps, None)
    assert CHANGE_ARTICLE not in _codes("Annotators")
    assert CHANGE_ARTICLE not in _codes("Reviewers")
    assert CHANGE_ARTICLE in _codes("Editors")
    migration.give_back(django_apps, None)  # the reverse restores the old state
    assert CHANGE_ARTICLE in _codes("Annotators")


# --- 2. Nobody reviews a claim they created -----------------------------------------------


def _claim_data(**changes: Any) -> dict[str, Any]:
    data = {"start": 0, "end": 43, "attribution": "paraphrase", "status": "draft", "note": ""}
    data.update(changes)
    return data


@pytest.mark.parametrize("status", ["approved", "rejected"])
@pytest.mark.parametrize("who", ["bob", "alice"])
def test_the_workspace_refuses_a_new_claim_reviewed_by_its_creator(
    client: Client, article: Article, who: str, status: str, request: Any
) -> None:
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"/articles/{article.pk}/claims/new/",
        _claim_data(status=status, rejection_reason="Wrong year"),
        headers=HX,
    )
    assert response.status_code == 422
    assert "You cannot approve or reject a claim you created." in response.content.decode()
    assert not Claim.objects.exists()


def test_the_workspace_refuses_a_later_self_approval(
    client: Client, article: Article, bob: Any
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=bob)
    client.force_login(bob)
    response = client.post(
        f"/claims/{claim.pk}/edit/", _claim_data(status="approved", version=1), headers=HX
    )
    assert response.status_code == 422
    assert Claim.objects.get(pk=claim.pk).status == "draft"


def _admin_claim(article: Article, **changes: Any) -> dict[str, Any]:
    data = {
        "article": article.pk,
        "start": 0,
        "end": 43,
        "quote": "",
        "attribution": "paraphrase",
        "status": "approved",
        "verdict": "unchecked",
        "rejection_reason": "",
        "note": "",
        **LINK_FORMSETS,
    }
    data.update(changes)
    return data


def test_the_back_office_add_page_refuses_a_claim_approved_by_its_creator(
    client: Client, article: Article, alice: Any
) -> None:
    client.force_login(alice)
    response = client.post("/admin/claims/claim/add/", _admin_claim(article))
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["adminform"].form.errors
    assert errors["status"] == ["You cannot approve or reject a claim you created."]
    assert not Claim.objects.exists()


def test_the_back_office_change_page_refuses_a_later_self_approval(
    client: Client, article: Article, alice: Any
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=alice)
    client.force_login(alice)
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/change/", _admin_claim(article, seen_version=1)
    )
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim.pk).status == "draft"


def test_the_back_office_lets_a_reviewer_approve_someone_elses_claim(
    client: Client, article: Article, alice: Any, carol: Any
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    client.force_login(alice)
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/change/", _admin_claim(article, seen_version=1)
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == ("approved", alice)


def test_the_api_refuses_a_claim_approved_by_its_creator(
    client: Client, article: Article, bob: Any
) -> None:
    response = client.post(
        "/api/v1/claims",
        json.dumps({"article": article.pk, "start": 0, "end": 43, "status": "approved"}),
        content_type="application/json",
        **_bearer(bob),
    )
    assert response.status_code == 422
    assert response.json()["errors"]["status"] == [
        "You cannot approve or reject a claim you created."
    ]
    assert not Claim.objects.exists()


def test_bulk_review_and_curation_skip_the_reviewers_own_claims(
    client: Client, article: Article, bob: Any, carol: Any
) -> None:
    own = Claim.objects.create(article=article, start=0, end=43, created_by=bob, status="submitted")
    hers = Claim.objects.create(
        article=article, start=45, end=len(article.text), created_by=carol, status="submitted"
    )
    client.force_login(bob)
    client.post("/review/bulk/", {"claim": [own.pk, hers.pk], "action": "approve"})
    own.refresh_from_db()
    hers.refresh_from_db()
    assert (own.status, hers.status) == ("submitted", "approved")
    response = client.post(f"/claims/{own.pk}/keep/", {"other": [hers.pk]}, follow=True)
    assert "You cannot approve or reject a claim you created." in response.content.decode()
    own.refresh_from_db()
    assert own.status == "submitted"


def test_the_rule_itself(article: Article, alice: Any, bob: Any, carol: Any) -> None:
    new = Claim(article=article, start=0, end=43)
    assert new.review_refusal(by=bob) == "You cannot approve or reject a claim you created."
    hers = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    assert hers.review_refusal(by=bob) is None
    assert hers.review_refusal(by=alice) is None
    assert hers.review_refusal(by=carol) == "Only reviewers and editors approve or reject claims."


def test_loading_a_dataset_restores_its_recorded_statuses(article: Article, alice: Any) -> None:
    """An editor's restore, not a review: the statuses and rejection reasons the file
    recorded come back (the format carries no user names: docs/data-format.md)."""
    from claims.exports import export

    Claim.objects.create(article=article, start=0, end=43, status="approved", created_by=alice)
    Claim.objects.create(
        article=article,
        start=45,
        end=len(article.text),
        status="rejected",
        rejection_reason="Wrong year",
        created_by=alice,
    )
    lines = "".join(export("jsonl", Claim.objects.filter(article=article))).splitlines()
    target = type(article.collection).objects.create(name="Copy", slug="copy")
    import_dataset(lines=lines, name="export.jsonl", collection=target, created_by=alice)
    restored = Claim.objects.filter(article__collection=target).order_by("start")
    assert [(c.status, c.rejection_reason, c.created_by) for c in restored] == [
        ("approved", "", alice),
        ("rejected", "Wrong year", alice),
    ]
