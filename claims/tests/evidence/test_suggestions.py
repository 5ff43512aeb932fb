"""Stored suggestions: matched once and read after, matched again when a claim's figure, the
collection's documents or their attachment to claims change (as stored findings are)."""

from __future__ import annotations

import pytest

from claims.evidence import suggestions
from claims.evidence.matching import EvidenceIndex
from claims.evidence.store import document_attach
from claims.evidence.suggestions import claim_matches, collection_matches
from claims.models import Figure, StoredMatches

from .conftest import DOCUMENT_TEXT, claim_with

pytestmark = pytest.mark.django_db


def outcomes(collection) -> dict[str, str]:
    return {m.figure.surface: m.outcome for m in collection_matches(collection)}


@pytest.fixture
def statement(collection, claimed_article):
    return document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt"
    )[0]


@pytest.fixture
def no_matching(monkeypatch):
    """Matching refused: what is read must come from the stored matches."""

    def refuse(*args, **kwargs):
        raise AssertionError("matched again")

    monkeypatch.setattr(EvidenceIndex, "for_collection", refuse)


def test_attaching_a_document_stores_every_articles_matches(collection, statement, claimed_article):
    stored = StoredMatches.objects.get(article=claimed_article)
    assert {(m["claim"], m["outcome"]) for m in stored.matches} == {
        (claim_with(claimed_article, "1.4 million").pk, "supported"),
        (claim_with(claimed_article, "67,000").pk, "contradicted"),
        (claim_with(claimed_article, "52").pk, "not_found"),
    }
    assert stored.engine == suggestions.ENGINE


def test_a_current_read_does_not_match_again_and_gives_the_same_evidence(
    collection, statement, claimed_article, request, django_assert_num_queries
):
    before = collection_matches(collection)
    request.getfixturevalue("no_matching")
    # The articles, their versions, the documents' key (3), the stored matches, the claim
    # figures, their claims' articles and the document figures named: whatever the sizes.
    with django_assert_num_queries(9):
        after = collection_matches(collection)
    assert [(m.outcome, m.reason, m.bounds, m.best, m.ranked) for m in after] == [
        (m.outcome, m.reason, m.bounds, m.best, m.ranked) for m in before
    ]
    claim = claim_with(claimed_article, "1.4 million")
    [match] = claim_matches(claim)
    assert match.best is not None and match.best.surface == "1,396,000"
    assert match.best.quote == "In 2023 the office removed 1,396,000 posts."


def test_a_changed_figure_is_matched_again(collection, statement, claimed_article):
    assert outcomes(collection)["67,000"] == "contradicted"
    # Any write to a figure bumps its article's version (the triggers), whichever code writes.
    Figure.objects.filter(article=claimed_article, surface="67,000").update(value=71500)
    assert outcomes(collection)["67,000"] == "supported"


def test_a_new_or_deleted_document_matches_every_claim_again(
    collection, statement, claimed_article
):
    assert outcomes(collection)["52"] == "not_found"
    fines, _ = document_attach(
        collection=collection, data=b"The office fined 52 companies in 2023.", name="fines.txt"
    )
    assert outcomes(collection)["52"] == "supported"
    fines.delete()
    assert outcomes(collection)["52"] == "not_found"


def test_attaching_a_document_to_a_claim_matches_again(collection, statement, claimed_article):
    claim = claim_with(claimed_article, "52")
    key = StoredMatches.objects.get(article=claimed_article).documents_key
    document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt", claim=claim
    )
    assert StoredMatches.objects.get(article=claimed_article).documents_key != key


def test_an_edited_document_figure_matches_again(collection, statement, claimed_article):
    statement.figures.filter(surface="71,500").update(value=67000, lower=None, upper=None)
    assert outcomes(collection)["67,000"] == "supported"
