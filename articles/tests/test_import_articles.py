from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Collection


def _run(*args: str) -> None:
    call_command("import_articles", *args, "--no-detect")


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "one.txt").write_text("date 2023-05-28\nSome 45,000 accounts were closed.\n")
    (tmp_path / "bulk.jsonl").write_text(
        '{"title": "A", "text": "Nearly 8,000 spread rumours."}\n'
        '{"title": "B", "text": ""}\n'
        '{"title": "C", "text": "More than 1.4 million posts were removed."}\n'
    )
    (tmp_path / "notes.md").write_text("not imported: unknown suffix")
    return tmp_path


def test_it_refuses_everything_when_one_line_is_bad(db: None, files: Path) -> None:
    with pytest.raises(CommandError) as exc:
        _run(str(files / "one.txt"), str(files / "bulk.jsonl"), "--collection", "desk")
    message = str(exc.value)
    assert (
        f"{files / 'bulk.jsonl'}, line 2, field 'text': the article text is missing or empty."
        in message
    )
    assert "Nothing was imported" in message and "--skip-bad" in message
    assert Article.objects.count() == 0


def test_skip_bad_imports_the_rest_and_lists_the_skipped_lines(
    db: None, files: Path, capsys: Any
) -> None:
    _run(str(files / "one.txt"), str(files / "bulk.jsonl"), "--collection", "desk", "--skip-bad")
    out = capsys.readouterr().out
    assert "Imported 3 article(s) into desk; 0 already there." in out
    assert "Skipped 1:" in out and "bulk.jsonl, line 2, field 'text'" in out
    assert Collection.objects.get(slug="desk").articles.count() == 3


def test_a_directory_imports_the_files_it_knows(db: None, files: Path, capsys: Any) -> None:
    (files / "bulk.jsonl").unlink()
    _run(str(files), "--collection", "desk")
    assert "Imported 1 article(s)" in capsys.readouterr().out


def test_running_it_again_imports_nothing_new(db: None, files: Path, capsys: Any) -> None:
    _run(str(files / "one.txt"), "--collection", "desk")
    _run(str(files / "one.txt"), "--collection", "desk")
    assert "Imported 0 article(s) into desk; 1 already there." in capsys.readouterr().out
    assert Article.objects.count() == 1


def test_a_missing_file_is_named(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"gone\.txt: cannot be read"):
        _run(str(tmp_path / "gone.txt"), "--collection", "desk")
