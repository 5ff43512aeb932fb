"""The back-office lists documents (with their figures inline), document figures and
decisions, with search and filters."""

from __future__ import annotations

import pytest

from claims.evidence.store import document_attach
from claims.models import Evidence

from .conftest import DOCUMENT_TEXT, claim_with

pytestmark = pytest.mark.django_db


def test_the_back_office_lists_and_searches_evidence(client, alice, collection, claimed_article):
    document, _ = document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt"
    )
    claim = claim_with(claimed_article, "67,000")
    Evidence.objects.create(
        claim=claim,
        figure=claim.figures.get(),
        document_figure=document.figures.get(surface="71,500"),
        outcome="contradicted",
        decided_by=alice,
    )
    client.force_login(alice)
    listing = client.get("/admin/claims/evidencedocument/?q=statement&kind__exact=text")
    assert listing.status_code == 200 and "statement.txt" in listing.content.decode()
    change = client.get(f"/admin/claims/evidencedocument/{document.pk}/change/")
    assert change.status_code == 200 and "1,396,000" in change.content.decode()
    figures = client.get("/admin/claims/evidencefigure/?q=accounts")
    assert "71,500" in figures.content.decode() and "1,396,000" not in figures.content.decode()
    decisions = client.get("/admin/claims/evidence/?outcome__exact=contradicted")
    assert decisions.status_code == 200 and "Contradicted" in decisions.content.decode()
    history = client.get(f"/admin/claims/evidence/{Evidence.objects.get().pk}/history/")
    assert history.status_code == 200
