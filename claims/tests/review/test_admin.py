"""Review workflow (issue 5) in the back-office: stale saves refused naming what changed,
history pages and revert, per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import Article
from claims.models import Claim, Figure

pytestmark = pytest.mark.django_db

LINK_FORMSETS = {
    "links_out-TOTAL_FORMS": "0",
    "links_out-INITIAL_FORMS": "0",
    "links_in-TOTAL_FORMS": "0",
    "links_in-INITIAL_FORMS": "0",
}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _claim_data(claim: Claim, **changes: Any) -> dict[str, Any]:
    return {
        "article": claim.article_id,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "attribution": claim.attribution,
        "status": claim.status,
        "verdict": claim.verdict,
        "note": claim.note,
        "seen_version": claim.version,
        **LINK_FORMSETS,
        **changes,
    }


@pytest.fixture
def claim(article: Article, carol: User) -> Claim:
    return Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=carol
    )


def test_a_stale_claim_save_is_refused_naming_who_and_what(
    claim: Claim, carol: User, dave: User
) -> None:
    url = f"/admin/claims/claim/{claim.pk}/change/"
    form_page = _client(dave).get(url).content.decode()
    assert 'name="seen_version" value="1"' in form_page
    seen = _claim_data(claim)
    response = _client(carol).post(url, _claim_data(claim, note="carol's note"))
    assert response.status_code == 302
    response = _client(dave).post(url, {**seen, "note": "dave's note"})
    assert response.status_code == 200
    error = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Not saved: carol changed this claim" in error
    assert "note: (empty) → carol's note" in error
    claim.refresh_from_db()
    assert (claim.note, claim.version) == ("carol's note", 2)


def test_a_stale_figure_save_is_refused(article: Article, carol: User, dave: User) -> None:
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    data = {
        "article": article.pk,
        "start": 15,
        "end": 21,
        "surface": "67,000",
        "qualifier": "exact",
        "state": "suggested",
        "origin": "manual",
        "unit": "",
        "counted": "",
        "seen_version": 1,
    }
    url = f"/admin/claims/figure/{figure.pk}/change/"
    assert _client(carol).post(url, {**data, "counted": "accounts"}).status_code == 302
    response = _client(dave).post(url, {**data, "qualifier": "more_than"})
    assert response.status_code == 200
    error = " ".join(response.context["adminform"].form.non_field_errors())
    assert "counted: (empty) → accounts" in error
    figure.refresh_from_db()
    assert (figure.qualifier, figure.counted, figure.version) == ("exact", "accounts", 2)


def test_the_admin_confirm_action_bumps_versions_and_records_history(
    article: Article, bob: User
) -> None:
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    _client(bob).post(
        "/admin/claims/figure/", {"action": "confirm_figures", "_selected_action": [figure.pk]}
    )
    figure.refresh_from_db()
    assert (figure.state, figure.version) == ("confirmed", 2)
    assert figure.history.latest().history_user == bob


def test_a_reverted_claim_gets_a_new_version_and_its_old_values(
    claim: Claim, carol: User, bob: User
) -> None:
    url = f"/admin/claims/claim/{claim.pk}/change/"
    _client(carol).post(url, _claim_data(claim, note="wrong"))
    first = claim.history.earliest()
    history = _client(bob).get(f"/admin/claims/claim/{claim.pk}/history/")
    assert history.status_code == 200 and "carol" in history.content.decode()
    revert_url = f"/admin/claims/claim/{claim.pk}/history/{first.history_id}/"
    form = _client(bob).get(revert_url).content.decode()
    assert 'name="seen_version" value="2"' in form  # the current version, not the old one
    claim.refresh_from_db()
    response = _client(bob).post(revert_url, _claim_data(claim, note="", seen_version=2))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.note, claim.version) == ("", 3)
    assert claim.history.latest().history_user == bob


def test_annotators_cannot_change_an_approved_claim(
    claim: Claim, carol: User, dave: User, bob: User
) -> None:
    Claim.objects.filter(pk=claim.pk).approve(by=bob)
    claim.refresh_from_db()
    url = f"/admin/claims/claim/{claim.pk}/change/"
    response = _client(dave).post(url, _claim_data(claim, status="draft", note="undo"))
    assert response.status_code == 200
    assert "only reviewers and editors change it" in str(response.context["adminform"].form.errors)
    response = _client(bob).post(url, _claim_data(claim, verdict="accurate"))
    assert response.status_code == 302


def test_a_reviewer_cannot_approve_their_own_claim_in_the_admin(
    article: Article, bob: User
) -> None:
    own = Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=bob
    )
    response = _client(bob).post(
        f"/admin/claims/claim/{own.pk}/change/", _claim_data(own, status="approved")
    )
    assert response.status_code == 200
    assert "cannot approve or reject a claim you created" in str(
        response.context["adminform"].form.errors
    )


@pytest.mark.parametrize(("who", "status"), [("alice", 200), ("bob", 200), ("carol", 403)])
def test_only_editors_and_reviewers_see_assignments_in_the_admin(
    request: pytest.FixtureRequest, who: str, status: int
) -> None:
    user = request.getfixturevalue(who)
    assert _client(user).get("/admin/articles/assignment/").status_code == status


def test_only_editors_add_assignments_in_the_admin(alice: User, bob: User) -> None:
    assert _client(alice).get("/admin/articles/assignment/add/").status_code == 200
    assert _client(bob).get("/admin/articles/assignment/add/").status_code == 403
