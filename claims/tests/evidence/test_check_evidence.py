"""`manage.py check_evidence`: each claim figure's outcome, best evidence and reason."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Collection
from claims.evidence.store import document_attach
from claims.models import Evidence

from .conftest import DOCUMENT_TEXT, claim_with

pytestmark = pytest.mark.django_db


def check(*args: str) -> str:
    out = StringIO()
    call_command("check_evidence", "--collection", "desk", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def statement(collection, claimed_article, alice):
    document, _ = document_attach(
        collection=collection, data=DOCUMENT_TEXT.encode(), name="statement.txt", added_by=alice
    )
    return document


def test_it_gives_each_claim_figure_its_outcome_evidence_and_reason(statement, claimed_article):
    records = json.loads(check("--json"))
    by_surface = {r["surface"]: r for r in records}
    assert set(by_surface) == {"1.4 million", "67,000", "52"}
    posts = by_surface["1.4 million"]
    assert posts["claim_id"] == claim_with(claimed_article, "1.4 million").pk
    assert posts["outcome"] == "supported"
    assert posts["evidence"]["document_id"] == statement.pk
    assert posts["evidence"]["locator"] == {"page": 1, "line": 2, "start": 61, "end": 70}
    assert posts["evidence"]["quote"] == "In 2023 the office removed 1,396,000 posts."
    assert "fits: 1.4 million claims [1,350,000, 1,450,000]" in posts["reason"]
    accounts = by_surface["67,000"]
    assert accounts["outcome"] == "contradicted" and accounts["evidence"]["surface"] == "71,500"
    companies = by_surface["52"]
    assert companies["outcome"] == "not_found" and companies["evidence"] is None
    assert "companies" in companies["reason"]


def test_the_text_report_names_document_locator_and_quote(statement):
    report = check()
    assert (
        f"supported — document {statement.pk}, page 1, line 2: “In 2023 the office removed 1,396,000 posts.”"
        in report
    )
    assert "contradicted" in report and "not found" in report
    assert report.rstrip().endswith("3 figure(s): 1 supported, 1 contradicted, 1 not found.")


def test_a_stored_decision_is_shown_beside_the_suggestion(statement, claimed_article, bob):
    claim = claim_with(claimed_article, "67,000")
    figure = claim.figures.get()
    Evidence.objects.create(
        claim=claim,
        figure=figure,
        document_figure=statement.figures.get(surface="71,500"),
        outcome=Evidence.Outcome.CONTRADICTED,
        reason="The statement says 71,500.",
        decided_by=bob,
    )
    record = next(r for r in json.loads(check("--json")) if r["surface"] == "67,000")
    assert (
        record["decision"]["outcome"] == "contradicted"
        and record["decision"]["decided_by"] == "bob"
    )
    assert "decided contradicted by bob" in check()
    assert Evidence.history.filter(claim=claim).count() == 1


def test_documents_of_other_collections_are_not_evidence(collection, claimed_article, alice):
    other = Collection.objects.create(name="Other", slug="other")
    document_attach(collection=other, data=DOCUMENT_TEXT.encode(), name="statement.txt")
    assert {r["outcome"] for r in json.loads(check("--json"))} == {"not_found"}


def test_it_names_a_missing_collection_and_says_when_there_is_nothing(collection):
    with pytest.raises(CommandError, match="no collection with the slug 'nope'"):
        call_command("check_evidence", "--collection", "nope")
    assert check() == "No claim figures in collection 'desk'.\n"
    assert json.loads(check("--json")) == []


def test_jsonl_gives_one_record_a_line_with_the_document_and_the_decision(
    statement, claimed_article, bob
):
    claim = claim_with(claimed_article, "52")
    Evidence.objects.create(
        claim=claim,
        figure=claim.figures.get(),
        outcome="not_found",
        reason="Not in the statement.",
        decided_by=bob,
    )
    lines = check("--jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3 and all(r["format"] == "claimdesk-evidence/1" for r in records)
    posts = next(r for r in records if r["surface"] == "1.4 million")
    assert posts["evidence"]["document"] == {
        "title": "statement.txt",
        "kind": "text",
        "source_url": "",
    }
    assert posts["bounds"] == [1_350_000, 1_450_000]
    companies = next(r for r in records if r["surface"] == "52")
    assert companies["outcome"] == "not_found" and companies["decision"]["decided_by"] == "bob"
    assert companies["decision"]["reason"] == "Not in the statement."
