"""The claim evidence page: suggestions with the figure highlighted (escaped), decisions by
reviewers only, outsiders kept out, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.evidence.store import document_attach
from claims.models import Evidence

from .conftest import DOCUMENT_TEXT, claim_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(collection, claimed_article):
    return document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt"
    )[0]


def url(claim) -> str:
    return f"/claims/{claim.pk}/evidence/"


def test_it_shows_the_passage_with_the_figure_highlighted(
    client, carol, statement, claimed_article
):
    client.force_login(carol)
    claim = claim_with(claimed_article, "1.4 million")
    response = client.get(url(claim))
    assert response.status_code == 200
    page = response.content.decode()
    assert "In 2023 the office removed <mark>1,396,000</mark> posts." in page
    assert "statement.txt (document" in page and "page 1, line 2" in page
    assert "Supported" in page
    assert "Accept: supported" not in page  # annotators see, reviewers decide


def test_document_text_is_escaped(client, bob, collection, claimed_article):
    document_attach(
        collection=collection,
        data=b"<script>alert(1)</script> the office removed 1,396,000 posts.",
        name="evil.txt",
    )
    client.force_login(bob)
    page = client.get(url(claim_with(claimed_article, "1.4 million"))).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; the office removed <mark>1,396,000</mark>" in page


def test_outsiders_get_404_and_annotators_may_not_decide(
    client, mallory, carol, statement, claimed_article
):
    claim = claim_with(claimed_article, "67,000")
    figure = claim.figures.get()
    client.force_login(mallory)
    assert client.get(url(claim)).status_code == 404
    assert (
        client.post(
            f"{url(claim)}decide/", {"figure": figure.pk, "outcome": "not_found"}
        ).status_code
        == 404
    )
    client.force_login(carol)
    assert (
        client.post(
            f"{url(claim)}decide/", {"figure": figure.pk, "outcome": "not_found"}
        ).status_code
        == 403
    )
    assert not Evidence.objects.exists()


def test_a_reviewer_accepts_a_suggestion_and_it_is_stored_with_history(
    client, bob, statement, claimed_article
):
    claim = claim_with(claimed_article, "67,000")
    figure = claim.figures.get()
    found = statement.figures.get(surface="71,500")
    client.force_login(bob)
    page = client.get(url(claim)).content.decode()
    assert "Accept: contradicted" in page
    response = client.post(
        f"{url(claim)}decide/",
        {
            "figure": figure.pk,
            "document_figure": found.pk,
            "outcome": "contradicted",
            "reason": "71,500 closed",
        },
    )
    assert response.status_code == 302 and response["Location"] == url(claim)
    evidence = Evidence.objects.get()
    assert (evidence.claim, evidence.figure, evidence.document_figure) == (claim, figure, found)
    assert evidence.outcome == "contradicted" and evidence.decided_by == bob
    # Rejecting it later replaces the decision; the history keeps both, with who.
    client.post(
        f"{url(claim)}decide/",
        {"figure": figure.pk, "document_figure": found.pk, "outcome": "not_found"},
    )
    evidence.refresh_from_db()
    assert evidence.outcome == "not_found" and evidence.document_figure is None
    history = list(Evidence.history.filter(id=evidence.pk).order_by("history_id"))
    assert [h.outcome for h in history] == ["contradicted", "not_found"]
    assert {h.history_user for h in history} == {bob}
    assert "Decided: <strong>Not found</strong> by bob" in client.get(url(claim)).content.decode()


def test_a_decision_needs_this_claims_figure_and_a_document_figure_to_support(
    client, bob, statement, claimed_article
):
    claim = claim_with(claimed_article, "67,000")
    other_figure = claim_with(claimed_article, "52").figures.get()
    client.force_login(bob)
    client.post(f"{url(claim)}decide/", {"figure": other_figure.pk, "outcome": "not_found"})
    client.post(f"{url(claim)}decide/", {"figure": claim.figures.get().pk, "outcome": "supported"})
    assert not Evidence.objects.exists()
    messages = client.get(url(claim)).content.decode()
    assert "Supported or contradicted needs the document" in messages


def test_the_page_reads_a_fixed_number_of_queries(
    client, bob, collection, statement, claimed_article
):
    client.force_login(bob)
    claim = claim_with(claimed_article, "1.4 million")
    client.get(url(claim))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(claim)).status_code == 200
    for n in range(5):
        document_attach(
            collection=collection,
            data=f"Report {n}: {n},100 posts and {n},200 posts removed.".encode(),
            name=f"r{n}.txt",
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(claim)).status_code == 200
    assert len(many) == len(few)


def test_the_workspace_links_each_claim_to_its_evidence(client, carol, claimed_article):
    client.force_login(carol)
    claim = claim_with(claimed_article, "52")
    page = client.get(f"/articles/{claimed_article.pk}/").content.decode()
    assert (
        f'<a class="evidence-link" href="/claims/{claim.pk}/evidence/" title="Evidence">Evidence</a>'
        in page
    )


def test_the_document_opens_at_the_figures_line_for_readers_only(
    client, carol, mallory, statement, claimed_article
):
    client.force_login(carol)
    claim = claim_with(claimed_article, "1.4 million")
    page = client.get(url(claim)).content.decode()
    assert f'href="/evidence/documents/{statement.pk}/#p1-l2"' in page
    document = client.get(f"/evidence/documents/{statement.pk}/").content.decode()
    assert '<li id="p1-l2">In 2023 the office removed 1,396,000 posts.</li>' in document
    download = client.get(f"/evidence/documents/{statement.pk}/file/")
    assert (
        download.status_code == 200
        and b"".join(download.streaming_content) == DOCUMENT_TEXT.encode()
    )
    client.force_login(mallory)
    assert client.get(f"/evidence/documents/{statement.pk}/").status_code == 404
    assert client.get(f"/evidence/documents/{statement.pk}/file/").status_code == 404
    client.logout()
    assert (
        client.get(f"/evidence/documents/{statement.pk}/").status_code == 302
    )  # to the login page
