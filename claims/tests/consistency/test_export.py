"""Findings in the JSONL export: the `finding` record type (claims.exports.findings.FindingRecords)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Collection
from claims.consistency.decisions import finding_decide
from claims.consistency.records import Kind, finding_key
from claims.exports import export_claims
from claims.exports.findings import FindingRecords
from claims.exports.jsonl import RECORD_PRODUCERS, export_jsonl, schema_record
from claims.models import Claim, ClaimLink
from claims.tests.consistency.sample import by_surface, load_sample

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def _export(**kwargs: Any) -> list[dict[str, Any]]:
    """The default export: findings are in it."""
    text = "".join(export_jsonl(export_claims(), **kwargs))
    return [json.loads(line) for line in text.splitlines()]


def test_findings_are_a_default_record_type() -> None:
    # Evidence before the findings; related articles and their alignments (issue 18) last.
    assert [p.type for p in RECORD_PRODUCERS] == ["claim", "evidence", "finding", "relation"]
    # claimdesk/2 writes FindingRecords' records keyed by figure spans (claims/exports/jsonl.py).
    findings = next(p for p in RECORD_PRODUCERS if p.type == "finding")
    assert isinstance(findings.findings, FindingRecords)  # type: ignore[attr-defined]


@pytest.fixture
def reviewed(collection: Collection, alice: User, bob: User) -> Article:
    """The sample, with the posts contradiction and the 67,000 repeat accepted."""
    article = load_sample(collection, created_by=alice)
    ids = by_surface(article)
    for kind, pair in [
        (Kind.CONTRADICTION, [ids["1.4 million"][0], ids["nearly one million"][0]]),
        (Kind.REPEAT, ids["67,000"]),
    ]:
        finding_decide(
            collection=collection, key=finding_key(kind, pair), decision="accepted", by=bob
        )
    return article


def test_findings_follow_the_claims_of_their_article(reviewed: Article) -> None:
    records = _export()
    types = [r["type"] for r in records]
    # The article's figure and source records come before its claims (claimdesk/2).
    kept = [t for t in types if t not in {"figure", "source"}]
    assert kept == ["schema", "article"] + ["claim"] * 4 + ["finding"] * 6
    findings = [r for r in records if r["type"] == "finding"]
    assert all(f["format"] == "claimdesk/2" for f in findings)
    # The file's keys name figure spans; the checks' own keys are rebuilt from figure_ids.
    by_key = {finding_key(f["kind"], f["figure_ids"]): f for f in findings}
    ids = by_surface(reviewed)
    contradiction = by_key[
        finding_key(Kind.CONTRADICTION, [ids["1.4 million"][0], ids["nearly one million"][0]])
    ]
    assert contradiction["status"] == "accepted"
    assert contradiction["severity"] == "high"
    assert contradiction["explanation"].startswith(
        "1.4 million social media posts have been removed (paragraph 1) vs nearly one million"
    )
    assert contradiction["article_ids"] == [reviewed.pk]
    link = ClaimLink.objects.get(relation="contradicts")
    assert sorted(contradiction["claim_ids"]) == sorted([link.from_claim_id, link.to_claim_id])
    assert contradiction["suggested_link"]["relation"] == "contradicts"
    # The claims carry the accepted links.
    claims = {r["id"]: r for r in records if r["type"] == "claim"}
    assert {"relation": "contradicts", "target": link.to_claim_id, "note": link.note} in claims[
        link.from_claim_id
    ]["links"]
    assert {f["status"] for f in findings} == {"accepted", "open"}
    assert "message" not in contradiction  # datasets would read it as an agent trace


def test_a_finding_across_two_articles_is_written_once(
    collection: Collection, alice: User, bob: User
) -> None:
    articles = []
    for n, value in enumerate(("67,000", "76,000")):
        article, _ = Article.objects.import_text(
            collection=collection, text=f"Story {n}: {value} accounts were closed.", title=str(n)
        )
        start = article.text.index(value)
        figure = article.figures.create(
            start=start,
            end=start + 6,
            surface=value,
            value=value.replace(",", ""),
            counted="accounts",
        )
        claim = Claim.objects.create(article=article, start=0, end=len(article.text) - 1)
        claim.figures.add(figure)
        articles.append((article, claim))
    ClaimLink.objects.create(from_claim=articles[1][1], to_claim=articles[0][1], relation="repeats")
    findings = [r for r in _export(chunk_size=1) if r["type"] == "finding"]
    assert [f["kind"] for f in findings] == ["repeats_link_differs"]
    assert findings[0]["article_ids"] == [articles[0][0].pk, articles[1][0].pk]


def test_every_finding_field_is_in_the_schema_and_documented(reviewed: Article) -> None:
    schema = schema_record(RECORD_PRODUCERS)
    finding = next(r for r in _export() if r["type"] == "finding")
    assert set(finding) <= set(schema)
    suggested_link = schema["suggested_link"]
    assert isinstance(suggested_link, dict)
    assert set(finding["suggested_link"]) == set(suggested_link)
    doc = (Path(__file__).resolve().parents[3] / "docs" / "data-format.md").read_text()
    assert "### `finding`" in doc
    for name in FindingRecords().template():
        assert f"`{name}`" in doc, name
    for name in suggested_link:
        assert f"`suggested_link.{name}`" in doc, name


def test_the_export_with_findings_loads_in_hugging_face_datasets(
    reviewed: Article, tmp_path: Path
) -> None:
    from datasets import load_dataset

    path = tmp_path / "d.jsonl"
    path.write_text("".join(export_jsonl(export_claims())), encoding="utf-8")
    ds = load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "c"))
    findings = ds.filter(lambda r: r["type"] == "finding")
    assert len(findings) == 6
    magnitude = findings.filter(lambda r: r["kind"] == "magnitude")
    assert magnitude[0]["suggested_link"] is None
    assert len(magnitude[0]["figure_ids"]) == 1
