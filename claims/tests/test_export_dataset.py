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
    assert "more than 1.4 million posts" in text
    if format != "claimreview":  # the claim with CJK and emoji has no verdict
        assert "数据 🚀" in text
    if format in {"claimreview", "webannotation"}:
        json.loads(text)
    assert f"Wrote {path}" in capsys.readouterr().err


def test_dash_writes_to_standard_output(collection: Collection, alice: User, capsys: Any) -> None:
    annotated_article(collection, alice)
    call_command("export_dataset", "--format", "jsonl", "--status", "approved", "-o", "-")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["type"] for r in records] == ["schema", "article", "claim", "finding"]
    assert records[3]["kind"] == "part"


def test_no_findings_leaves_the_finding_records_out(
    collection: Collection, alice: User, capsys: Any
) -> None:
    annotated_article(collection, alice)
    call_command("export_dataset", "--format", "jsonl", "--status", "approved", "--no-findings")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["type"] for r in records] == ["schema", "article", "claim"]
    assert "suggested_link" not in records[0]  # nor are the finding fields in the schema line


def test_an_unknown_collection_is_named(db: None) -> None:
    with pytest.raises(CommandError, match="No collection with slug 'nope'"):
        call_command("export_dataset", "--format", "csv", "--collection", "nope")


def test_csv_bom(collection: Collection, alice: User, tmp_path: Path) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "excel.csv"
    call_command("export_dataset", "--format", "csv", "--bom", "-o", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbfclaim_id,")
