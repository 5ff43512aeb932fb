from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Collection

SAMPLE = Path(__file__).resolve().parents[1] / "demo" / "cac-self-media-2023-05-28.txt"


def _load(path: Path, *args: str) -> None:
    call_command("load_article", str(path), "--collection", "desk", "--no-detect", *args)


@pytest.mark.django_db
def test_it_reads_the_leading_date_as_the_publication_date() -> None:
    _load(SAMPLE, "--title", "Sample")
    article = Article.objects.get()
    assert article.published_on == datetime.date(2023, 5, 28)
    assert article.text.startswith("On Saturday (May 27)")
    assert "date 2023-05-28" not in article.text
    assert Collection.objects.get().slug == "desk"


@pytest.mark.django_db
def test_loading_twice_gives_one_article(capsys: Any) -> None:
    _load(SAMPLE)
    _load(SAMPLE)
    assert Article.objects.count() == 1
    assert "Already imported" in capsys.readouterr().out


@pytest.mark.django_db
def test_it_names_the_file_and_byte_offset_of_bad_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\u00e9 owners said 40 shops closed.".encode("latin-1"))
    with pytest.raises(CommandError) as exc:
        _load(bad)
    assert str(bad) in str(exc.value)
    assert "byte offset 3" in str(exc.value)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("date 2023-05-28\n\n")
    with pytest.raises(CommandError, match="no article text"):
        _load(empty)


@pytest.mark.django_db
def test_it_refuses_an_impossible_date(tmp_path: Path) -> None:
    bad = tmp_path / "bad-date.txt"
    bad.write_text("date 2023-02-30 Some 45,000 accounts were closed.")
    with pytest.raises(CommandError, match="not a real date"):
        _load(bad)


@pytest.mark.django_db
def test_it_says_when_the_file_is_missing(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot be read"):
        _load(tmp_path / "nope.txt")


@pytest.mark.django_db
def test_it_normalises_crlf_and_decomposed_accents(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("Cafe\u0301 owners\r\nsaid 40 shops closed.\r\n".encode())
    _load(path, "--title", "Cafes")
    assert Article.objects.get().text == "Caf\u00e9 owners\nsaid 40 shops closed."
