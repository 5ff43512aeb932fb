"""Issue 16: an article's language is detected on import (when none is declared) and decides
how its figures are read."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from articles.importers.store import BytesFile, import_articles
from articles.language import detect_language, paragraph_languages
from articles.models import Article, Collection

SPANISH = "Casi un millón de cuentas fueron cerradas, según el INE, y 2.300 millones de dólares."
GERMAN = "Mehr als 100.000 Konten wurden gesperrt, teilte die Behörde am Montag mit."
CHINESE = "据路透社报道，近140万条违法信息被删除，6.7万个账号被关闭。"
FRENCH = "Près de 1,4 million de comptes ont été fermés, selon l'Insee, soit 12,5 % de plus."
ENGLISH = "Nearly 187,000 people were penalised, the regulator said on Friday."


@pytest.mark.parametrize(
    ("text", "code"),
    [(SPANISH, "es"), (GERMAN, "de"), (CHINESE, "zh"), (FRENCH, "fr"), (ENGLISH, "en")],
)
def test_it_detects_each_supported_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "12", "\ud800\x00", "!!! ???", "1,400,000"])
def test_too_little_text_gives_the_default(text: str) -> None:
    assert detect_language(text) == "en"
    assert paragraph_languages(text) == [(0, len(text), "en")]


def test_paragraphs_in_different_languages_are_separate_runs() -> None:
    text = f"{ENGLISH}\n\n{GERMAN}\n{CHINESE}"
    runs = paragraph_languages(text)
    assert [code for _, _, code in runs] == ["en", "de", "zh"]
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(runs))


def _import(collection: Collection, name: str, data: bytes, **kwargs: Any) -> Any:
    return import_articles(collection=collection, files=[BytesFile(name, data)], **kwargs)


@pytest.mark.django_db
def test_an_imported_article_without_a_language_gets_the_detected_one(
    collection: Collection,
) -> None:
    lines = "\n".join(
        [
            f'{{"text": "{SPANISH}"}}',
            f'{{"text": "{CHINESE}"}}',
            f'{{"text": "{GERMAN}", "language": "de-CH"}}',
        ]
    ).encode()
    _import(collection, "a.jsonl", lines, detect=True)
    by_text = {a.text: a for a in Article.objects.all()}
    assert by_text[SPANISH].language == "es"
    assert by_text[CHINESE].language == "zh"
    assert by_text[GERMAN].language == "de-CH"  # a declared language is kept
    # detection reads each article in its language
    chinese = sorted(by_text[CHINESE].figures.values_list("surface", "value"))
    assert ("近140万", Decimal(1400000)) in chinese
    german = list(by_text[GERMAN].figures.values_list("surface", "value", "counted"))
    assert german == [("Mehr als 100.000", Decimal(100000), "konten")]


@pytest.mark.django_db
def test_a_plain_text_file_gets_its_language_detected(collection: Collection) -> None:
    _import(collection, "pasted.txt", FRENCH.encode(), detect=False)
    assert Article.objects.get().language == "fr"


def test_plainly_english_paragraphs_are_told_without_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import articles.language as language

    asked: list[str] = []
    detector = language._detector

    def model() -> Any:
        asked.append("lingua")
        return detector()

    monkeypatch.setattr(language, "_detector", model)
    english = "The regulator said on Friday that it had closed 6,700 of the accounts."
    assert paragraph_languages(f"{english}\n{english}") == [(0, 2 * len(english) + 1, "en")]
    assert asked == []  # English function words, no foreign ones: no need to ask lingua
    # a Spanish word ("de", "el"), even without an accent: the model decides
    detect_language("Cerca de un millon de cuentas fueron cerradas por el regulador.")
    assert asked == ["lingua"]
    assert detect_language(SPANISH) == "es"
