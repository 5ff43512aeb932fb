"""`manage.py compare_translation`: two files, or two stored articles."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Collection

ORIGINAL = "网信办表示，专项行动累计清理违法和不良信息近140万条，处置账号6.7万个。\n"
TRANSLATION = "The regulator said it removed about 1.4 million posts and closed 67,000 accounts.\n"


def run(*args: object) -> str:
    out = StringIO()
    call_command("compare_translation", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    original, translation = tmp_path / "original.txt", tmp_path / "translation.txt"
    original.write_text(ORIGINAL, encoding="utf-8")
    translation.write_text(TRANSLATION, encoding="utf-8")
    return original, translation


def test_it_lists_the_changes_and_the_alignment_of_two_files(files: tuple[Path, Path]) -> None:
    output = run(*files)
    assert "Original in zh, translation in en." in output
    assert "[hedge] 近140万: 'nearly' in the original, 'about' in the translation" in output
    assert (
        "1 change(s); 2 figure(s) aligned of 2 in the original and 2 in the translation." in output
    )
    assert (
        "6.7万 | 67,000: aligned by value 67,000 and 'account', paragraph 1 to paragraph 1"
        in output
    )


def test_it_writes_json_with_spans(files: tuple[Path, Path]) -> None:
    data = json.loads(run(*files, "--json"))
    [change] = data["changes"]
    assert change["kind"] == "hedge"
    start = ORIGINAL.index("近140万")
    assert change["original"] == {"start": start, "end": start + 5, "surface": "近140万"}
    assert change["translation"]["surface"] == "about 1.4 million"
    assert len(data["alignment"]) == 2


def test_a_missing_file_is_named(files: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"nowhere\.txt: no such file"):
        run(files[0], tmp_path / "nowhere.txt")


def test_a_file_that_is_not_utf8_is_named(files: tuple[Path, Path], tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Prix: 1 500 €".encode("cp1252"))
    with pytest.raises(CommandError, match=r"latin1\.txt: not UTF-8 text \(byte 12"):
        run(bad, files[1])


def test_a_binary_file_is_refused(files: tuple[Path, Path], tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match=r"image\.png: a binary file"):
        run(files[0], binary)


def test_it_exits_non_zero_naming_the_file_from_the_shell(tmp_path: Path) -> None:
    import subprocess
    import sys

    manage = Path(__file__).resolve().parents[3] / "manage.py"
    done = subprocess.run(
        [
            sys.executable,
            str(manage),
            "compare_translation",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "a.txt: no such file" in done.stderr


def test_it_needs_two_files_or_two_articles() -> None:
    with pytest.raises(CommandError, match="Give ORIGINAL_FILE TRANSLATION_FILE"):
        run("only-one.txt")


@pytest.mark.django_db
def test_it_compares_two_stored_articles_in_their_languages(collection: Collection) -> None:
    original, _ = Article.objects.import_text(
        collection=collection, title="原文", text=ORIGINAL, language="zh"
    )
    translation, _ = Article.objects.import_text(
        collection=collection, title="Translation", text=TRANSLATION, language="en"
    )
    data = json.loads(run("--article", translation.pk, "--original", original.pk, "--json"))
    assert (data["original_language"], data["translation_language"]) == ("zh", "en")
    assert [c["kind"] for c in data["changes"]] == ["hedge"]


@pytest.mark.django_db
def test_an_unknown_article_is_named(collection: Collection) -> None:
    article, _ = Article.objects.import_text(collection=collection, title="T", text=TRANSLATION)
    with pytest.raises(CommandError, match="There is no article 999999"):
        run("--article", article.pk, "--original", 999999)
    with pytest.raises(CommandError, match="--article and --original go together"):
        run("--article", article.pk)
