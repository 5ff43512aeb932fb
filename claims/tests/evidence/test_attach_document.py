"""`manage.py attach_document`: each kind of document attached with its figures; a bad file
exits non-zero naming it and stores nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connections

from claims.models import EvidenceDocument, EvidenceFigure

from . import documents
from .conftest import DOCUMENT_TEXT, claim_with

pytestmark = pytest.mark.django_db


def attach(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("attach_document", str(path), "--collection", "desk", *args, stdout=out)
    return out.getvalue()


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.mark.parametrize(
    ("name", "build", "pages"),
    [
        ("statement.txt", lambda: documents.ROAD_TEXT.encode(), 1),
        (
            "report.pdf",
            lambda: documents.pdf(["Contents", documents.ROAD_TEXT], documents.ROAD_TABLE),
            2,
        ),
        ("tables.xlsx", lambda: documents.xlsx({"Deaths": documents.ROAD_TABLE}), 1),
        (
            "table.csv",
            lambda: "\n".join(",".join(f'"{c}"' for c in r) for r in documents.ROAD_TABLE).encode(),
            1,
        ),
        (
            "page.html",
            lambda: f"<html><body><p>{documents.ROAD_TEXT}</p></body></html>".encode(),
            1,
        ),
        (
            "memo.docx",
            lambda: documents.docx(documents.ROAD_TEXT.split("\n"), documents.ROAD_TABLE),
            1,
        ),
    ],
)
def test_it_attaches_each_kind_with_its_figures(collection, tmp_path, _media, name, build, pages):
    path = tmp_path / name
    path.write_bytes(build())
    output = attach(path)
    document = EvidenceDocument.objects.get()
    assert output.startswith(f"Document {document.pk} (")
    assert f"{pages} page(s), {document.figures.count()} figure(s) found" in output
    assert document.pages == pages and document.figures.count() >= 2
    assert document.collection == collection and document.status == "ready"
    assert document.file.read() == path.read_bytes()
    assert "1,624" in document.text
    assert document.figures.filter(value=1624).exists()


def test_it_attaches_to_a_claim_and_reuses_a_file_attached_before(
    collection, claimed_article, tmp_path
):
    path = tmp_path / "statement.txt"
    path.write_text(DOCUMENT_TEXT)
    attach(path)
    claim = claim_with(claimed_article, "1.4 million")
    output = attach(path, "--claim", str(claim.pk))
    assert "already attached" in output and f"attached to claim {claim.pk}" in output
    document = EvidenceDocument.objects.get()
    assert list(document.claims.all()) == [claim]
    located = document.figures.get(surface="1,396,000")
    assert located.locator == {"page": 1, "line": 2, "start": 61, "end": 70}
    assert document.text[61:70] == "1,396,000"
    assert located.quote == "In 2023 the office removed 1,396,000 posts."


@pytest.mark.parametrize(
    ("name", "build", "problem"),
    documents.BAD_FILES,
)
def test_a_bad_file_exits_non_zero_naming_it_and_stores_nothing(
    collection, tmp_path, _media, capsys, monkeypatch, name, build, problem
):
    path = tmp_path / name
    path.write_bytes(build())
    # run_from_argv closes the connections when it ends: not the test's own (PostgreSQL).
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(
            ["manage.py", "attach_document", str(path), "--collection", "desk"]
        )
    assert exited.value.code == 1
    error = capsys.readouterr().err
    assert name in error and problem in error
    assert not EvidenceDocument.objects.exists() and not EvidenceFigure.objects.exists()
    assert stored_files(_media) == []


def test_a_spreadsheet_over_the_cell_limit_is_refused(collection, tmp_path, settings):
    settings.CLAIMDESK_MAX_EVIDENCE_CELLS = 100
    path = tmp_path / "million.xlsx"
    path.write_bytes(
        documents.xlsx({"Big": [["Region", "Count"]] + [[f"R{i}", i] for i in range(60)]})
    )
    with pytest.raises(
        CommandError, match=r"million\.xlsx: sheet 'Big' holds 122 cells; the limit is 100"
    ):
        attach(path)
    assert not EvidenceDocument.objects.exists()


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(collection, tmp_path, settings):
    settings.CLAIMDESK_MAX_EVIDENCE_BYTES = 100
    path = tmp_path / "long.txt"
    path.write_text("1,000 posts. " * 20)
    with pytest.raises(
        CommandError, match=r"long\.txt: the file is 260 bytes; the limit is 100 bytes"
    ):
        attach(path)
    assert not EvidenceDocument.objects.exists()


def test_a_database_failure_half_way_leaves_neither_rows_nor_file(
    collection, tmp_path, _media, monkeypatch
):
    def refuse(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(EvidenceFigure.objects, "bulk_create", refuse)
    path = tmp_path / "statement.txt"
    path.write_text(DOCUMENT_TEXT)
    with pytest.raises(RuntimeError, match="disk full"):
        attach(path)
    assert not EvidenceDocument.objects.exists()
    assert stored_files(_media) == []


def test_it_names_a_missing_collection_claim_or_file(
    collection, claimed_article, tmp_path, django_user_model
):
    from articles.models import Article, Collection

    path = tmp_path / "statement.txt"
    with pytest.raises(CommandError, match="no such file"):
        attach(path)
    path.write_text(DOCUMENT_TEXT)
    with pytest.raises(CommandError, match="no collection with the slug 'nope'"):
        call_command("attach_document", str(path), "--collection", "nope")
    other = Collection.objects.create(name="Other", slug="other")
    elsewhere, _ = Article.objects.import_text(
        collection=other, text=claimed_article.text, title="Elsewhere"
    )
    claim = claim_with(claimed_article, "52")
    claim.article = elsewhere
    claim.save(update_fields=["article"])
    with pytest.raises(CommandError, match=f"no claim {claim.pk} in collection 'desk'"):
        attach(path, "--claim", str(claim.pk))
    assert not EvidenceDocument.objects.exists()


def test_a_csv_of_a_million_cells_is_refused_at_the_default_limit(collection, tmp_path, _media):
    path = tmp_path / "million.csv"
    row = ",".join(str(n) for n in range(10)) + "\n"
    path.write_text("a,b,c,d,e,f,g,h,i,j\n" + row * 100_000)  # 1,000,010 cells
    with pytest.raises(CommandError, match=r"million\.csv: the table holds more than 500,000 cells"):
        attach(path)
    assert not EvidenceDocument.objects.exists() and not EvidenceFigure.objects.exists()
    assert stored_files(_media) == []
