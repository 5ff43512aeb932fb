"""A figure decision records the annotator's judgement wherever it is made: the workspace,
the API and the back-office all call claims.services (figure_decide, figure_add,
figure_correct, figures_decide)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import ApiToken, Article
from claims.models import Figure, FigureJudgement


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def figure(article: Article) -> Figure:
    return Figure.objects.create(
        article=article, start=15, end=21, surface="67,000", origin=Figure.Origin.DETECTED
    )


def _api(client: Client, user: Any, method: str, path: str, data: Any) -> Any:
    token = ApiToken.objects.issue(user=user, name="tests")[1]
    send = getattr(client, method)
    return send(
        path,
        json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _judgement(figure: Figure, user: Any) -> FigureJudgement:
    return FigureJudgement.objects.get(figure=figure, annotator=user)


def test_a_workspace_decision_records_her_judgement(
    client: Client, carol: User, figure: Figure
) -> None:
    client.force_login(carol)
    response = client.post("/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"})
    assert response.status_code == 302
    assert _judgement(figure, carol).state == "confirmed"


def test_an_api_update_records_her_judgement_as_the_workspace_does(
    client: Client, carol: User, figure: Figure
) -> None:
    path = f"/api/v1/figures/{figure.pk}"
    response = _api(client, carol, "patch", path, {"version": 1, "state": "rejected"})
    assert response.status_code == 200
    judgement = _judgement(figure, carol)
    assert (judgement.state, judgement.value) == ("rejected", None)
    figure.refresh_from_db()
    assert (figure.state, figure.version) == ("rejected", 2)
    assert figure.article.status == Article.Status.IN_PROGRESS


def test_an_api_created_figure_records_her_judgement(
    client: Client, carol: User, article: Article
) -> None:
    start = article.text.index("8,000")
    data = {
        "article": article.pk,
        "start": start,
        "end": start + 5,
        "value": "8000",
        "qualifier": "approx",
        "state": "confirmed",
    }
    response = _api(client, carol, "post", "/api/v1/figures", data)
    assert response.status_code == 201, response.content
    figure = Figure.objects.get(pk=response.json()["id"])
    assert figure.created_by == carol
    judgement = _judgement(figure, carol)
    assert (judgement.state, judgement.qualifier, judgement.value) == ("confirmed", "approx", 8000)


def test_an_admin_save_records_her_judgement_as_the_workspace_does(
    carol: User, figure: Figure
) -> None:
    client = Client()
    client.force_login(carol)
    data = {
        "article": figure.article_id,
        "start": 15,
        "end": 21,
        "surface": "67,000",
        "value": "67000",
        "qualifier": "more_than",
        "state": "confirmed",
        "origin": "detected",
        "unit": "",
        "counted": "accounts",
        "seen_version": 1,
    }
    response = client.post(f"/admin/claims/figure/{figure.pk}/change/", data)
    assert response.status_code == 302, response.content
    figure.refresh_from_db()
    assert (figure.qualifier, figure.counted, figure.version) == ("more_than", "accounts", 2)
    judgement = _judgement(figure, carol)
    assert (judgement.state, judgement.qualifier, judgement.counted) == (
        "confirmed",
        "more_than",
        "accounts",
    )


def test_an_admin_bulk_decision_records_a_judgement_of_each_figure(
    carol: User, figure: Figure, article: Article
) -> None:
    start = article.text.index("8,000")
    other = Figure.objects.create(
        article=article, start=start, end=start + 5, surface="8,000", state="confirmed"
    )
    FigureJudgement.objects.create(
        figure=other, annotator=carol, state="rejected", qualifier="exact"
    )
    client = Client()
    client.force_login(carol)
    response = client.post(
        "/admin/claims/figure/",
        {"action": "confirm_figures", "_selected_action": [figure.pk, other.pk]},
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.state, figure.version) == ("confirmed", 2)
    assert _judgement(figure, carol).state == "confirmed"
    # Already confirmed: no new version, but her judgement now says what she decided.
    assert _judgement(other, carol).state == "confirmed"
    assert Figure.objects.get(pk=other.pk).version == 1
    assert _judgement(figure, carol).history.count() == 1
