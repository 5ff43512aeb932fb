"""The demo builds and attaches its evidence PDF and CSV (written for the demo, and labelled so)
so that check_evidence shows supported, contradicted and not-found figures."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims.evidence.demo import DEMO_CSV_TITLE, DEMO_PDF_TITLE, demo_pdf
from claims.models import EvidenceDocument


def test_the_demo_pdf_is_the_same_file_on_every_run():
    assert demo_pdf() == demo_pdf()
    assert demo_pdf().startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_demo_evidence_gives_every_outcome_once_attached(capsys):
    call_command("demo")
    call_command("demo")  # idempotent: the same files are the same documents
    by_kind = {d.kind: d for d in EvidenceDocument.objects.all()}
    assert sorted(by_kind) == ["csv", "pdf"] and EvidenceDocument.objects.count() == 2
    pdf, csv = by_kind["pdf"], by_kind["csv"]
    assert (pdf.title, csv.title) == (DEMO_PDF_TITLE, DEMO_CSV_TITLE)
    assert all("written for the demo" in d.title for d in (pdf, csv))
    assert pdf.pages == 1 and "WRITTEN FOR THE DEMO" in pdf.text
    assert pdf.file.read() == demo_pdf()
    assert csv.figures.count() == 3
    out = StringIO()
    call_command("check_evidence", "--collection", "cac-self-media", "--json", stdout=out)
    by_surface = {r["surface"]: r for r in json.loads(out.getvalue())}
    # supported by the PDF statement, at its line
    posts = by_surface["1.4 million"]
    assert posts["outcome"] == "supported"
    assert posts["evidence"]["surface"] == "1,396,000"
    assert posts["evidence"]["document_id"] == pdf.pk
    assert posts["evidence"]["locator"]["page"] == 1 and "line" in posts["evidence"]["locator"]
    assert by_surface["nearly 8,000"]["evidence"]["surface"] == "7,993"
    assert by_surface["nearly 8,000"]["outcome"] == "supported"
    # the one the CSV gives differently
    hyping = by_surface["some 45,000"]
    assert hyping["outcome"] == "contradicted"
    assert hyping["evidence"]["surface"] == "54,000"
    assert hyping["evidence"]["document_id"] == csv.pk
    assert hyping["evidence"]["locator"]["row_header"] == "Accounts shut down for hyping hot issues"
    # in neither document
    assert by_surface["Nearly 187,000"]["outcome"] == "not_found"
    assert by_surface["Nearly 187,000"]["evidence"] is None
    printed = capsys.readouterr().out
    assert f"Attached the demo evidence document {pdf.pk}, {DEMO_PDF_TITLE}" in printed
    assert f"/evidence/documents/{csv.pk}/" in printed
