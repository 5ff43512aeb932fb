"""The demo attaches its evidence table (written for the demo) so that check_evidence shows
supported, contradicted and not-found figures."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims.evidence.demo import DEMO_TITLE
from claims.models import EvidenceDocument


@pytest.mark.django_db
def test_the_demo_evidence_gives_every_outcome_once_attached(capsys):
    call_command("demo")
    call_command("demo")  # idempotent: the same file is the same document
    document = EvidenceDocument.objects.get()
    assert document.title == DEMO_TITLE and "written for the demo" in document.title
    assert document.kind == "csv" and document.figures.count() == 6
    out = StringIO()
    call_command("check_evidence", "--collection", "cac-self-media", "--json", stdout=out)
    by_surface = {r["surface"]: r for r in json.loads(out.getvalue())}
    assert by_surface["1.4 million"]["outcome"] == "supported"
    assert by_surface["1.4 million"]["evidence"]["surface"] == "1,396,000"
    assert by_surface["hundreds of thousands"]["outcome"] == "contradicted"
    assert by_surface["Nearly 187,000"]["outcome"] == "not_found"
