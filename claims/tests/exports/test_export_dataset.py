from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Collection
from claims.tests.export_data import annotated_article


@pytest.mark.parametrize("format", ["jsonl", "csv", "claimreview", "webannotation"])
def test_every_format_writes_a_file(
    collection: Collection, alice: User, tmp_path: Path, format: str, capsys: Any
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / f"out.{format}"
    call_command("export_dataset", "--format", format, "--collection", "desk", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    assert "more than 1.4 million" in text
    if format not in {"claimreview", "csv"}:  # the claim with CJK and emoji has no verdict
        # nor figures (CSV rows are figures)
        assert "数据 🚀" in text
    if format in {"claimreview", "webannotation"}:
        json.loads(text)
    assert f"Wrote {path}" in capsys.readouterr().err


def test_dash_writes_to_standard_output(collection: Collection, alice: User, capsys: Any) -> None:
    annotated_article(collection, alice)
    call_command("export_dataset", "--format", "jsonl", "--status", "approved", "-o", "-")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    types = [r["type"] for r in records]
    assert types == ["schema", "article", *["figure"] * 4, "source", "source", "claim", "finding"]
    assert records[-1]["kind"] == "part"


def test_no_findings_leaves_the_finding_records_out(
    collection: Collection, alice: User, capsys: Any
) -> None:
    annotated_article(collection, alice)
    call_command("export_dataset", "--format", "jsonl", "--status", "approved", "--no-findings")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["type"] for r in records] == [
        "schema",
        "article",
        *["figure"] * 4,
        "source",
        "source",
        "claim",
    ]
    assert "suggested_link" not in records[0]  # nor are the finding fields in the schema line


def test_an_unknown_collection_is_named(db: None) -> None:
    with pytest.raises(CommandError, match="No collection with slug 'nope'"):
        call_command("export_dataset", "--format", "csv", "--collection", "nope")


def test_csv_bom(collection: Collection, alice: User, tmp_path: Path) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "excel.csv"
    call_command("export_dataset", "--format", "csv", "--bom", "-o", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbfarticle_id,")


def test_csv_rows_claims(collection: Collection, alice: Any, tmp_path: Path) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "claims.csv"
    call_command("export_dataset", "--format", "csv", "--rows", "claims", "-o", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("claim_id,") and len(lines) == 4  # header and three claims


def _types(capsys: Any, *args: str) -> list[tuple[str, Any]]:
    call_command("export_dataset", "--format", "jsonl", "--no-findings", *args)
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return [(r["type"], r.get("id")) for r in records if r["type"] in {"article", "claim"}]


def test_article_filters_keep_the_articles_asked_for_with_all_their_figures(
    collection: Collection, alice: Any, capsys: Any
) -> None:
    from datetime import date

    from articles.models import Article

    first = annotated_article(collection, alice)
    second = annotated_article(collection, alice, text=first.text + "\nAgain.")
    bare, _ = Article.objects.import_text(
        collection=collection, text="No claims: 5 posts.", title="Bare"
    )
    Article.objects.filter(pk=second.pk).update(status="done", published_on=date(2024, 1, 2))
    Article.objects.filter(pk=bare.pk).update(published_on=date(2024, 6, 1))
    every = [pk for kind, pk in _types(capsys) if kind == "article"]
    # No claim filter: every article, those without claims too.
    assert every == [first.pk, second.pk, bare.pk]
    assert [pk for kind, pk in _types(capsys, "--article-status", "done") if kind == "article"] == [
        second.pk
    ]
    dated = _types(capsys, "--published-from", "2024-01-01", "--published-to", "2024-03-31")
    assert [pk for kind, pk in dated if kind == "article"] == [second.pk]
    assert sum(kind == "claim" for kind, _ in dated) == 3
    # A claim filter keeps the articles holding a kept claim.
    approved = _types(capsys, "--status", "approved")
    assert [pk for kind, pk in approved if kind == "article"] == [first.pk, second.pk]
    with pytest.raises(CommandError, match="'2024-13-01' is not a date"):
        call_command("export_dataset", "--format", "jsonl", "--published-from", "2024-13-01")


def test_the_annotator_filter_keeps_her_claims_judgements_and_articles(
    collection: Collection, alice: Any, carol: Any, dave: Any, capsys: Any
) -> None:
    from articles.models import Article, Assignment
    from claims.models import Claim, Figure, FigureJudgement

    first = annotated_article(collection, alice)
    assigned, _ = Article.objects.import_text(
        collection=collection, text="Assigned: 5 posts.", title="Assigned"
    )
    Assignment.objects.assign(articles=[assigned], annotators=[carol], assigned_by=alice)
    figure = Figure.objects.filter(article=first).earliest("start")
    for person in (carol, dave):
        FigureJudgement.objects.record(figure, annotator=person)
    mine = Claim.objects.create(
        article=first, start=0, end=7, quote=first.text[:7], created_by=carol
    )
    call_command("export_dataset", "--format", "jsonl", "--no-findings", "--annotator", "carol")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records if r["type"] == "article"] == [first.pk, assigned.pk]
    assert [r["id"] for r in records if r["type"] == "claim"] == [mine.pk]
    assert [r["annotator"] for r in records if r["type"] == "judgement"] == ["carol"]
    assert (
        sum(r["type"] == "figure" for r in records)
        == Figure.objects.filter(article=first).count()
        + Figure.objects.filter(article=assigned).count()
    )
    with pytest.raises(CommandError, match="No user with username 'nobody'"):
        call_command("export_dataset", "--format", "jsonl", "--annotator", "nobody")


def test_a_file_that_cannot_be_written_is_named(collection: Collection, alice: User) -> None:
    annotated_article(collection, alice)
    with pytest.raises(CommandError, match="Cannot write /dev/full: No space left on device"):
        call_command("export_dataset", "--format", "jsonl", "-o", "/dev/full")
