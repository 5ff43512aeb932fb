"""The evidence API: documents, a claim's suggested evidence, a reviewer's decision, and an
address fetched by a background job (refused clearly when it is not one)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from articles.models import ApiToken, Job
from claims.evidence.store import document_attach
from claims.models import Evidence

from .conftest import DOCUMENT_TEXT, claim_with

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def statement(collection, claimed_article):
    return document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt"
    )[0]


def call(client, user, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    token = ApiToken.objects.issue(user=user)[1]
    kwargs: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(path, **kwargs)


def test_documents_are_listed_with_their_figures(client, carol, statement):
    body = call(client, carol, "get", "/api/v1/evidence/documents?collection=desk").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["id"], item["collection"], item["kind"]) == (statement.pk, "desk", "text")
    assert item["figures"] == statement.figures.count() and item["sha256"] == statement.sha256
    one = call(client, carol, "get", f"/api/v1/evidence/documents/{statement.pk}").json()
    assert one == item
    assert call(client, carol, "get", "/api/v1/evidence/documents/999999").status_code == 404


def test_a_claims_evidence_and_a_reviewers_decision(client, carol, bob, statement, claimed_article):
    claim = claim_with(claimed_article, "67,000")
    [record] = call(client, carol, "get", f"/api/v1/claims/{claim.pk}/evidence").json()
    assert record["outcome"] == "contradicted" and record["evidence"]["surface"] == "71,500"
    assert record["evidence"]["locator"]["line"] == 3
    decision = {
        "figure": record["figure_id"],
        "document_figure": record["evidence"]["figure_id"],
        "outcome": "contradicted",
        "reason": "71,500 closed",
    }
    assert (
        call(client, carol, "post", f"/api/v1/claims/{claim.pk}/evidence", decision).status_code
        == 403
    )
    response = call(client, bob, "post", f"/api/v1/claims/{claim.pk}/evidence", decision)
    assert response.status_code == 200
    assert response.json()["decided_by"] == "bob" and response.json()["outcome"] == "contradicted"
    stored = Evidence.objects.get()
    assert (stored.claim, stored.document_figure_id) == (claim, record["evidence"]["figure_id"])
    [again] = call(client, carol, "get", f"/api/v1/claims/{claim.pk}/evidence").json()
    assert again["decision"]["outcome"] == "contradicted" and again["decision"]["decided_by"] == "bob"


def test_a_decision_the_form_refuses_is_a_422_naming_the_field(
    client, bob, statement, claimed_article
):
    claim = claim_with(claimed_article, "67,000")
    figure = claim.figures.get()
    response = call(
        client,
        bob,
        "post",
        f"/api/v1/claims/{claim.pk}/evidence",
        {"figure": figure.pk, "outcome": "supported"},
    )
    assert response.status_code == 422
    assert "document_figure" in response.json()["errors"]
    assert not Evidence.objects.exists()


def test_a_fetch_starts_a_job_and_what_is_not_an_address_is_refused(client, alice, collection):
    refused = call(
        client, alice, "post", "/api/v1/evidence/fetch", {"collection": "desk", "url": "file:///x"}
    )
    assert refused.status_code == 400
    assert "not an http:// or https:// address" in refused.json()["detail"]
    assert not Job.objects.exists()
    # A port nobody listens on (SSRF protection would refuse it anyway): the job fails clearly.
    response = call(
        client,
        alice,
        "post",
        "/api/v1/evidence/fetch",
        {"collection": "desk", "url": "http://127.0.0.1:9/statement.html"},
    )
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "failed" and "could not be fetched" in job["error"]
    assert job["url"] == f"/jobs/{job['id']}/"
