"""Evidence in the claimdesk/2 JSONL export: documents and decisions written once, loaded back
by import_dataset, and exported again the same (ids aside); loading twice adds nothing."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from articles.models import Collection
from claims.exports import DatasetFilters, selection
from claims.exports.evidence import DOCUMENT_FIELDS, FIGURE_FIELDS
from claims.exports.jsonl import RECORD_PRODUCERS, export_jsonl, schema_record
from claims.exports.load import import_dataset
from claims.models import Claim, Evidence, EvidenceDocument, EvidenceFigure
from claims.tests.exports.test_round_trip import export_records, without_ids

from .conftest import claim_with

pytestmark = pytest.mark.django_db


def test_documents_and_decisions_survive_the_round_trip(collection, decided, claimed_article):
    statement = decided[0]
    before = export_records(collection)
    kinds = [r["type"] for r in before]
    assert kinds.count("evidence_document") == 1 and kinds.count("evidence") == 2
    # After the article's claims, before its findings.
    assert kinds.index("evidence_document") > max(i for i, k in enumerate(kinds) if k == "claim")
    document = next(r for r in before if r["type"] == "evidence_document")
    assert document["document"]["sha256"] == statement.sha256
    assert document["document"]["text"] == statement.text
    assert document["attached_claim_ids"] == [claim_with(claimed_article, "52").pk]
    located = next(f for f in document["document_figures"] if f["surface"] == "1,396,000")
    assert json.loads(located["locator"]) == {"end": 70, "line": 2, "page": 1, "start": 61}
    assert located["value"] == "1396000"
    supported = next(r for r in before if r["type"] == "evidence" and r["outcome"] == "supported")
    assert supported["evidence_quote"] == "In 2023 the office removed 1,396,000 posts."
    assert supported["decided_by"] == "bob"

    target = Collection.objects.create(name="Copy", slug="copy")
    lines = [json.dumps(r, ensure_ascii=False) for r in before]
    import_dataset(lines=lines, name="export.jsonl", collection=target)
    copy = EvidenceDocument.objects.get(collection=target)
    assert copy.figures.count() == statement.figures.count() and not copy.file
    after = export_records(target)
    assert without_ids(after) == without_ids(before)
    # Loading the same file again adds nothing.
    import_dataset(lines=lines, name="export.jsonl", collection=target)
    assert EvidenceDocument.objects.filter(collection=target).count() == 1
    assert Evidence.objects.filter(claim__article__collection=target).count() == 2
    assert EvidenceFigure.objects.filter(document__collection=target).count() == (
        statement.figures.count()
    )


def test_every_evidence_field_is_in_the_schema(collection, decided):
    schema = schema_record(RECORD_PRODUCERS)
    for record in export_records(collection):
        if record["type"] in ("evidence", "evidence_document"):
            assert set(record) <= set(schema), set(record) - set(schema)
    document, figures = schema["document"], schema["document_figures"]
    assert isinstance(document, dict)
    assert isinstance(figures, list)
    assert isinstance(figures[0], dict)
    assert set(document) == set(DOCUMENT_FIELDS)
    assert set(figures[0]) == set(FIGURE_FIELDS)


def test_a_decision_whose_document_is_not_in_the_file_is_listed(collection, decided):
    records = [r for r in export_records(collection) if r["type"] != "evidence_document"]
    target = Collection.objects.create(name="Copy", slug="copy")
    report = import_dataset(
        lines=[json.dumps(r) for r in records], name="export.jsonl", collection=target
    )
    assert any("its document is not in the file" in s for s in report.decisions_skipped)
    # The not-found decision needs no document: it is restored.
    assert list(
        Evidence.objects.filter(claim__article__collection=target).values_list("outcome", flat=True)
    ) == ["not_found"]


def test_a_bad_outcome_names_its_line_and_field_and_loads_nothing(collection, decided):
    from articles.importers.base import ImportFailure

    records = export_records(collection)
    bad = next(i for i, r in enumerate(records) if r["type"] == "evidence")
    records[bad]["outcome"] = "maybe"
    target = Collection.objects.create(name="Copy", slug="copy")
    with pytest.raises(ImportFailure, match=rf"line {bad + 1}, field 'outcome'"):
        import_dataset(lines=[json.dumps(r) for r in records], name="x.jsonl", collection=target)
    assert not EvidenceDocument.objects.filter(collection=target).exists()


def test_a_status_filter_leaves_out_the_decisions_on_the_claims_it_leaves_out(collection, decided):

    _, posts, fines = decided
    Claim.objects.filter(pk=posts.pk).update(status=Claim.Status.APPROVED)
    Claim.objects.filter(pk=fines.pk).update(status=Claim.Status.DRAFT)
    claims, chosen = selection(DatasetFilters(collection=collection, status="approved"))
    records = [
        json.loads(line)
        for line in "".join(export_jsonl(claims, articles=chosen.articles)).splitlines()
    ]
    # Both claims are in the one article the export keeps; only the kept claim's decision is written.
    assert [r["claim_id"] for r in records if r["type"] == "evidence"] == [posts.pk]
    assert fines.pk not in [r["id"] for r in records if r["type"] == "claim"]


def test_a_decision_without_its_time_is_loaded_with_the_time_of_the_load(collection, decided):
    records = export_records(collection)
    for record in records:
        if record["type"] == "evidence":
            del record["decided_at"]
    target = Collection.objects.create(name="Copy", slug="copy")
    started = timezone.now()
    import_dataset(lines=[json.dumps(r) for r in records], name="x.jsonl", collection=target)
    loaded = Evidence.objects.filter(claim__article__collection=target)
    assert loaded.count() == 2
    assert all(e.decided_at >= started for e in loaded)
