"""Evidence in the CSV (claims rows), ClaimReview (citation, isBasedOn, ratingExplanation) and
Web Annotation (a `linking` annotation from the article's figure to the document's, passing
the W3C must-assertions) exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claims.exports import export, export_claims
from claims.models import Evidence
from claims.tests.exports import test_webannotation as webannotation_tests
from claims.tests.exports.test_webannotation import _failures, _registry

from .conftest import claim_with

pytestmark = pytest.mark.django_db
BASE = "https://cd.example"


def test_the_claims_csv_has_each_decided_figure_in_words(decided):
    statement, posts, fines = decided
    text = "".join(export("csv", export_claims(), rows="claims"))
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(text))}
    assert rows[posts.pk]["evidence"] == (
        f"1.4 million: supported by 1,396,000 (Annual statement (document {statement.pk}), "
        "page 1, line 2)"
    )
    assert rows[fines.pk]["evidence"] == "52: not found in the documents"
    assert rows[claim_with(posts.article, "67,000").pk]["evidence"] == ""


def test_claimreview_cites_the_documents_and_explains_the_rating(decided):
    statement, posts, fines = decided
    reviews = json.loads("".join(export("claimreview", export_claims(), base_url=BASE)))
    by_url = {r["url"].rsplit("-", 1)[-1]: r for r in reviews}
    review = by_url[str(posts.pk)]
    cited = [
        {
            "@type": "CreativeWork",
            "name": "Annual statement",
            "url": f"{BASE}/evidence/documents/{statement.pk}/",
            "sameAs": "https://regulator.example/statement",
        }
    ]
    assert review["citation"] == cited and review["isBasedOn"] == cited
    assert review["reviewRating"]["ratingExplanation"].startswith(
        "1.4 million: supported by 1,396,000 (Annual statement"
    )
    # Not found: an explanation, no document to cite.
    assert "citation" not in by_url[str(fines.pk)]
    assert by_url[str(fines.pk)]["reviewRating"]["ratingExplanation"] == (
        "52: not found in the documents."
    )


def _suite() -> Path:
    """The W3C schemas: beside the repository, or beside the worktrees' folder."""
    here = Path(webannotation_tests.__file__).resolve().parents[2]
    for root in (here.parent, here.parent.parent):
        suite = root / "shared" / "conformance" / "web-annotation-tests"
        if suite.is_dir():
            return suite
    raise FileNotFoundError("the W3C web-annotation-tests schemas (../shared/conformance/)")


def test_web_annotation_links_the_article_figure_to_the_document_figure(decided, monkeypatch):
    monkeypatch.setattr(webannotation_tests, "SUITE", _suite())
    statement, posts, _ = decided
    exported = json.loads("".join(export("webannotation", export_claims(), base_url=BASE)))
    items = exported["first"]["items"]
    assert exported["total"] == len(items)
    linking = [a for a in items if a["motivation"] == "linking"]
    assert len(linking) == 1  # a not-found decision names no document figure
    [annotation] = linking
    evidence = Evidence.objects.get(claim=posts)
    assert annotation["id"] == f"{BASE}/annotations/evidence/{evidence.pk}"
    target = annotation["target"]["selector"]
    assert target[0]["exact"] == "1.4 million"
    document, assessing = annotation["body"]
    assert document["purpose"] == "linking"
    assert document["source"] == f"{BASE}/evidence/documents/{statement.pk}/"
    quote, position = document["selector"]
    assert quote["exact"] == "1,396,000" and quote["prefix"] == "In 2023 the office removed "
    assert statement.text[position["start"] : position["end"]] == "1,396,000"
    assert assessing["purpose"] == "assessing" and "supported by 1,396,000" in assessing["value"]
    assert _failures(annotation, "annotations/annotationMusts.test", _registry()) == []
