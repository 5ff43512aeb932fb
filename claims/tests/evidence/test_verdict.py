"""A claim's verdict proposed from its evidence, shown beside it and confirmed only by a
reviewer (with history); refused when the evidence changed since the page was shown."""

from __future__ import annotations

import pytest

from claims.evidence.store import document_attach
from claims.evidence.verdict import FigureOutcome, propose_verdict
from claims.models import Claim

from .conftest import DOCUMENT_TEXT, claim_with


def outcomes(*pairs: tuple[str, str]) -> list[FigureOutcome]:
    return [FigureOutcome(surface, outcome, "1", "doc 1, page 1") for surface, outcome in pairs]


def test_all_supported_is_accurate_any_contradicted_inaccurate_else_needs_context():
    accurate = propose_verdict(outcomes(("1.4 million", "supported"), ("67,000", "supported")))
    assert accurate is not None and (accurate.verdict, accurate.label) == ("accurate", "accurate")
    mixed = propose_verdict(
        outcomes(("1.4 million", "supported"), ("67,000", "contradicted"), ("52", "not_found"))
    )
    assert mixed is not None and mixed.verdict == Claim.Verdict.INACCURATE
    open_ = propose_verdict(outcomes(("1.4 million", "supported"), ("52", "not_found")))
    assert open_ is not None and open_.label == "needs context"
    assert open_.verdict == Claim.Verdict.UNVERIFIABLE and open_.verdict_label == "Unverifiable"
    assert propose_verdict([]) is None


def test_the_explanation_names_each_figure_and_its_evidence():
    proposal = propose_verdict(
        [
            FigureOutcome("1.4 million", "supported", "1,396,000", "Statement, page 1, line 2"),
            FigureOutcome("52", "not_found", decided=True),
        ]
    )
    assert proposal is not None
    assert proposal.explanation == (
        "Needs context: 1.4 million: supported by 1,396,000 (Statement, page 1, line 2), "
        "suggested; 52: not found in the documents."
    )


@pytest.fixture
def statement(collection, claimed_article):
    return document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt"
    )[0]


def url(claim: Claim) -> str:
    return f"/claims/{claim.pk}/evidence/"


@pytest.mark.django_db
def test_a_reviewer_confirms_the_proposed_verdict_with_history(
    client, bob, statement, claimed_article
):
    claim = claim_with(claimed_article, "1.4 million")
    client.force_login(bob)
    page = client.get(url(claim)).content.decode()
    assert "Proposed verdict: <strong>Accurate</strong>" in page
    assert "1.4 million: supported by 1,396,000 (statement.txt (document" in page
    assert "Confirm verdict: accurate" in page
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.UNCHECKED  # proposed, never set on its own
    response = client.post(f"{url(claim)}verdict/", {"verdict": "accurate"})
    assert response.status_code == 302 and response["Location"] == url(claim)
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.ACCURATE
    latest = claim.history.order_by("-history_id").first()
    assert latest is not None and latest.verdict == "accurate" and latest.history_user == bob
    assert latest.history_change_reason == "verdict accurate confirmed from evidence"
    page = client.get(url(claim)).content.decode()
    assert "Verdict set to Accurate" in page and "Confirm verdict" not in page


@pytest.mark.django_db
def test_a_stale_proposal_is_refused_and_nothing_changes(client, bob, statement, claimed_article):
    claim = claim_with(claimed_article, "67,000")  # 71,500 in the statement: inaccurate
    client.force_login(bob)
    assert "Proposed verdict: <strong>Inaccurate</strong>" in client.get(url(claim)).content.decode()
    version = claim.version
    response = client.post(f"{url(claim)}verdict/", {"verdict": "accurate"}, follow=True)
    assert "the evidence changed since the page was shown; it now proposes inaccurate" in (
        response.content.decode()
    )
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.UNCHECKED and claim.version == version


@pytest.mark.django_db
def test_a_reviewers_decision_outweighs_the_suggestion(client, bob, statement, claimed_article):
    claim = claim_with(claimed_article, "1.4 million")
    client.force_login(bob)
    client.post(
        f"{url(claim)}decide/", {"figure": claim.figures.get().pk, "outcome": "not_found"}
    )
    page = client.get(url(claim)).content.decode()
    assert "Proposed verdict: <strong>Needs context</strong>" in page
    assert "(verdict unverifiable)" in page
    assert "1.4 million: not found in the documents." in page
    client.post(f"{url(claim)}verdict/", {"verdict": "unverifiable"})
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.UNVERIFIABLE


@pytest.mark.django_db
def test_annotators_see_the_proposal_but_may_not_confirm_it(
    client, carol, statement, claimed_article
):
    claim = claim_with(claimed_article, "1.4 million")
    client.force_login(carol)
    page = client.get(url(claim)).content.decode()
    assert "Proposed verdict" in page and "Confirm verdict" not in page
    assert client.post(f"{url(claim)}verdict/", {"verdict": "accurate"}).status_code == 403
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.UNCHECKED
