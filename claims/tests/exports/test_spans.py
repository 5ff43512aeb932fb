"""`export_dataset --format spans`: span-labelling training data that Hugging Face `datasets`
loads and spaCy takes as a DocBin without glue code (docs/data-format.md, `spans`)."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Collection
from claims.exports.spans import SpanOptions, article_split, unit_class
from claims.models import Figure

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

ZH_TEXT = "国家网信办表示，已清理违法信息140万条。另有近8000个账号被关闭。\n第3季度数据未公布。"


def _chinese(collection: Collection) -> Article:
    """A Chinese article with a confirmed figure, a rejected detection and a suggestion."""
    article, _ = Article.objects.import_text(
        collection=collection, text=ZH_TEXT, title="清理", language="zh"
    )
    for surface, state, value in (
        ("140万条", "confirmed", Decimal("1400000")),
        ("近8000", "confirmed", Decimal("8000")),
        ("第3", "rejected", Decimal("3")),
    ):
        start = ZH_TEXT.index(surface)
        Figure.objects.create(
            article=article,
            start=start,
            end=start + len(surface),
            surface=surface,
            value=value,
            state=state,
            origin="detected",
        )
    return article


@pytest.fixture
def desk(db: None) -> list[Article]:
    call_command("demo")
    demo = Article.objects.get(language="en")
    # The demo's original (issue 18), a Chinese passage written for the demo, comes next.
    original = Article.objects.get(language="zh")
    return [demo, original, _chinese(demo.collection)]


def _export(tmp_path: Path, *args: str) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path / f"spans{len(args)}.jsonl"
    call_command("export_dataset", "--format", "spans", *args, "-o", str(path))
    return path, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_article_has_its_text_and_labelled_spans(desk: list[Article], tmp_path: Path) -> None:
    _, records = _export(tmp_path)
    assert [r["article_id"] for r in records] == [a.pk for a in desk]
    demo = records[0]
    assert demo["text"] == desk[0].text and demo["language"] == "en"
    figures = Figure.objects.filter(article=desk[0])
    confirmed = figures.filter(state="confirmed").count()
    rejected = figures.filter(state="rejected", origin="detected").count()
    labels = Counter(s["label"] for s in demo["spans"])
    # Reviewed figures only: the suggestions nobody decided are neither positive nor negative.
    assert labels == {"figure": confirmed, "not_figure": rejected}
    assert rejected > 0 and figures.filter(state="suggested").exists()
    for span in demo["spans"]:
        assert demo["text"][span["start"] : span["end"]] == span["text"]
    posts = next(s for s in demo["spans"] if s["text"] == "1.4 million")
    assert (posts["value"], posts["unit_class"]) == ("1400000", "count")
    zh = records[-1]  # the Chinese article of this test (the demo's original has no reviewed spans)
    assert [(s["text"], s["label"]) for s in zh["spans"]] == [
        ("140万条", "figure"),
        ("近8000", "figure"),
        ("第3", "not_figure"),
    ]


def test_by_sentence_keeps_every_span_inside_its_sentence(
    desk: list[Article], tmp_path: Path
) -> None:
    _, articles = _export(tmp_path)
    _, sentences = _export(tmp_path, "--by", "sentence")
    for article in articles:
        own = [r for r in sentences if r["article_id"] == article["article_id"]]
        assert len(own) > 1
        assert {r["split"] for r in own} == {article["split"]}  # the split is by article
        placed = []
        for record in own:
            start = record["sentence"]["start"]
            assert record["text"] == article["text"][start : record["sentence"]["end"]]
            for span in record["spans"]:
                assert record["text"][span["start"] : span["end"]] == span["text"]
                placed.append(span["figure_id"])
        # None dropped, none twice.
        assert sorted(placed) == sorted(s["figure_id"] for s in article["spans"])


def test_the_split_is_by_article_deterministic_and_follows_the_ratios(db: None) -> None:
    options = SpanOptions(split=(80, 10, 10), seed=7)
    shas = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(3000)]
    splits = [article_split(sha, options) for sha in shas]
    assert splits == [article_split(sha, options) for sha in shas]
    counts = Counter(splits)
    assert abs(counts["train"] / 3000 - 0.8) < 0.03
    assert abs(counts["dev"] / 3000 - 0.1) < 0.02 and abs(counts["test"] / 3000 - 0.1) < 0.02
    other = [article_split(sha, SpanOptions(seed=8)) for sha in shas]
    assert other != splits
    assert {article_split(sha, SpanOptions(split=(0, 0, 100))) for sha in shas} == {"test"}


def test_a_bad_split_is_refused(db: None) -> None:
    for bad, message in (
        ("80/10", "three percentages"),
        ("80/10/20", "adding up to 100"),
        ("a/b/c", "whole percentages"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("export_dataset", "--format", "spans", "--split", bad)


def test_unit_classes() -> None:
    assert [unit_class(u) for u in ("", "percent", "USD", "year", "years", "km")] == [
        "count",
        "percent",
        "currency",
        "duration",
        "duration",
        "other",
    ]


def test_hugging_face_datasets_loads_it_and_spacy_takes_every_span(
    desk: list[Article], tmp_path: Path
) -> None:
    import spacy
    from datasets import load_dataset
    from spacy.tokens import DocBin

    path, records = _export(tmp_path, "--by", "sentence", "--split", "50/25/25", "--seed", "3")
    ds = load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "hf"))
    assert len(ds) == len(records)
    assert set(ds.column_names) >= {"id", "text", "spans", "split", "language"}
    with_spans = ds.filter(lambda r: len(r["spans"]) > 0)
    assert {s["label"] for r in with_spans for s in r["spans"]} == {"figure", "not_figure"}

    # To spaCy: blank pipelines (no model download), each span a token-aligned Span or
    # reported; spans may overlap, so they go in a span group, as spancat trains on.
    nlps = {lang: spacy.blank(lang) for lang in ("en", "zh")}
    bin_ = DocBin(store_user_data=True)
    aligned = 0
    reported: list[tuple[str, str]] = []
    for record in ds:
        doc = nlps[record["language"]].make_doc(record["text"])
        group = []
        for span in record["spans"]:
            token_span = doc.char_span(span["start"], span["end"], label=span["label"])
            if token_span is None:
                reported.append((record["id"], span["text"]))
                # It is a real misalignment: expanding to whole tokens covers it.
                expanded = doc.char_span(span["start"], span["end"], alignment_mode="expand")
                assert expanded is not None and span["text"] in expanded.text
                continue
            assert token_span.text == span["text"]
            group.append(token_span)
        doc.spans["sc"] = group
        aligned += len(group)
        bin_.add(doc)
    total = sum(len(r["spans"]) for r in records)
    assert aligned + len(reported) == total and aligned > 0
    # Chinese is split into characters by the blank pipeline: every span aligns there.
    assert not [r for r in reported if r[0].startswith(f"{desk[-1].pk}:")]
    docs = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlps["en"].vocab))
    assert sum(len(d.spans["sc"]) for d in docs) == aligned
    labels = {s.label_ for d in docs for s in d.spans["sc"]}
    assert labels == {"figure", "not_figure"}
