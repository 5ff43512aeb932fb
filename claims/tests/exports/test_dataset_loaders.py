"""The jsonl export loads unchanged in pandas and Hugging Face datasets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Collection
from claims.exports import export_claims
from claims.exports.jsonl import export_jsonl
from claims.models import Claim, ClaimLink, Figure, Source, Tag
from claims.tests.export_data import annotated_article

# Everything is local: never ask the Hub for anything.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def _judged(article: Article) -> Article:
    """The annotated article with alice's judgement of its first figure."""
    from claims.models import FigureJudgement

    figure = Figure.objects.filter(article=article).earliest("start")
    assert article.created_by is not None
    FigureJudgement.objects.record(figure, annotator=article.created_by)
    return article


def _write(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for chunk in export_jsonl(export_claims()):
            out.write(chunk)
    return path


def _load_hf(path: Path, cache: Path) -> Any:
    from datasets import load_dataset

    return load_dataset("json", data_files=str(path), split="train", cache_dir=str(cache))


EXPECTED_TYPES = [
    "schema",
    "article",
    *["figure"] * 4,
    "judgement",
    "source",
    "source",
    "claim",
    "claim",
    "claim",
    "finding",
]


def test_pandas_reads_articles_claims_and_findings(
    collection: Collection, alice: User, tmp_path: Path
) -> None:
    import pandas as pd

    _judged(annotated_article(collection, alice))
    frame = pd.read_json(_write(tmp_path / "d.jsonl"), lines=True)
    assert list(frame.type) == EXPECTED_TYPES
    claims = frame[frame.type == "claim"]
    assert claims.iloc[0].figures[0]["value"] == "1400000"
    assert claims.iloc[0].source["name"] == "Cyberspace Administration of China"
    assert claims.iloc[2].quote == "“数据 🚀 q\u0307”"
    article = frame[frame.type == "article"].iloc[0]
    assert article.text.startswith("BEIJING")
    finding = frame[frame.type == "finding"].iloc[0]
    assert (finding.kind, finding.status) == ("part", "open")
    assert list(finding.figure_ids) == [f["id"] for f in claims.iloc[1].figures]
    assert finding.suggested_link is None


def test_hugging_face_datasets_reads_articles_claims_and_findings(
    collection: Collection, alice: User, tmp_path: Path
) -> None:
    _judged(annotated_article(collection, alice))
    ds = _load_hf(_write(tmp_path / "d.jsonl"), tmp_path / "cache")
    assert ds["type"] == EXPECTED_TYPES
    judgement = ds.filter(lambda r: r["type"] == "judgement")[0]
    assert (judgement["annotator"], judgement["state"]) == ("alice", "confirmed")
    figures = ds.filter(lambda r: r["type"] == "figure")
    assert figures[0]["detected"] is None and figures[0]["state"] == "confirmed"
    claims = ds.filter(lambda r: r["type"] == "claim")
    assert claims[0]["figures"][0]["surface"] == "more than 1.4 million"
    assert claims[1]["links"][0]["relation"] == "part_of"
    assert claims[2]["source"] is None
    findings = ds.filter(lambda r: r["type"] == "finding")
    assert findings[0]["kind"] == "part"
    assert findings[0]["figure_ids"] == [f["id"] for f in claims[1]["figures"]]
    assert findings[0]["suggested_link"] is None
    assert findings[0]["claim_ids"] == [claims[1]["id"]]


def test_hugging_face_datasets_reads_a_file_whose_first_10_mb_have_no_links_tags_or_via(
    collection: Collection, tmp_path: Path
) -> None:
    # datasets fixes column types from the first 10 MB; without the schema line a field that
    # is null or [] there and filled later makes it refuse the whole file.
    filler = "Officials said nothing new today. " * 30_000  # ~1 MB of text per article
    claims = []
    for i in range(12):
        text = f"Report {i}: 5,000 posts were removed. " + filler
        article, _ = Article.objects.import_text(collection=collection, text=text, title=f"R{i}")
        start = text.index("5,000")
        figure = Figure.objects.create(
            article=article, start=start, end=start + 5, surface="5,000", value=5000
        )
        claim = Claim.objects.create(
            article=article, start=0, end=len(f"Report {i}: 5,000 posts were removed.")
        )
        claim.figures.set([figure])
        claims.append(claim)
    last = claims[-1]
    Figure.objects.filter(claims=last).update(lower=4000, upper=6000, qualifier="range")
    last.via = Source.objects.create(name="Reuters", kind="news_agency")
    last.source = Source.objects.create(name="The ministry", kind="government")
    last.save()
    last.tags.set([Tag.objects.create(collection=collection, name="Late", slug="late")])
    ClaimLink.objects.create(from_claim=last, to_claim=claims[0], relation="repeats")

    path = _write(tmp_path / "big.jsonl")
    assert path.stat().st_size > 11 * 1024 * 1024
    ds = _load_hf(path, tmp_path / "cache")
    final = ds[len(ds) - 1]
    assert final["type"] == "claim"
    assert final["via"] == {"name": "Reuters", "kind": "news_agency"}
    assert final["tags"] == [{"slug": "late", "name": "Late"}]
    assert final["links"][0]["target"] == claims[0].pk
    assert final["figures"][0]["lower"] == "4000"


@pytest.mark.parametrize("loader", ["pandas", "datasets"])
def test_an_export_without_claims_still_loads(db: None, tmp_path: Path, loader: str) -> None:
    path = _write(tmp_path / "empty.jsonl")
    if loader == "pandas":
        import pandas as pd

        assert list(pd.read_json(path, lines=True).type) == ["schema"]
    else:
        assert _load_hf(path, tmp_path / "cache")["type"] == ["schema"]
