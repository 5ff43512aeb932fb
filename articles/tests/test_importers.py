from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from articles.importers.base import ArticleInput, ImportFailure
from articles.importers.store import BytesFile, ImportRefused, PathFile, import_articles, parse_file
from articles.importers.text import split_headline, title_from_text
from articles.models import Article, Collection

HTML = b"""<!doctype html>
<html lang="en-GB"><head>
<title>Regulator removes posts | Wire</title>
<link rel="canonical" href="https://wire.example/2023/05/28/posts">
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="The Wire">
<meta property="article:published_time" content="2023-05-28T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Regulator removes 1.4 million posts</h1>
<p>China's internet regulator said on Saturday it had removed more than 1.4 million posts
and closed 67,000 accounts in a campaign against rumours.</p>
<p>Of the 67,000 accounts, nearly 8,000 spread rumours about public affairs, the regulator
said in a statement.</p>
</article>
<footer>Copyright The Wire. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def _docx(*paragraphs: str, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _one(data: bytes, name: str) -> Any:
    items = list(parse_file(data, name))
    assert len(items) == 1
    return items[0]


def _import(collection: Collection, *files: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("detect", False)
    return import_articles(collection=collection, files=list(files), **kwargs)


def test_html_gives_the_main_text_and_the_page_metadata() -> None:
    item = _one(HTML, "page.html")
    assert "removed more than 1.4 million posts" in item.text
    assert "Subscribe" not in item.text and "Home" not in item.text
    assert "\n\n" in item.text  # paragraphs a blank line apart
    assert item.url == "https://wire.example/2023/05/28/posts"
    assert item.published_on == date(2023, 5, 28)
    assert item.byline == "Jane Roe"
    assert item.title
    assert item.language == "en-GB"
    assert item.metadata["source_format"] == "html"


def test_html_in_its_declared_charset_is_read() -> None:
    page = HTML.replace(b"<head>", b'<head><meta charset="windows-1252">').replace(
        b"public affairs", "caf\u00e9 owners".encode("cp1252")
    )
    assert "café owners" in _one(page, "page.htm").text


def test_html_without_article_text_is_refused() -> None:
    failure = _one(
        b"<html><head><title>T</title></head><body><script>x()</script></body></html>", "empty.html"
    )
    assert isinstance(failure, ImportFailure)
    assert str(failure) == "empty.html: no article text found in the page."


def test_docx_paragraphs_become_the_text_and_a_leading_date_the_publication_date() -> None:
    item = _one(
        _docx(
            "date 2023-05-28",
            "Officials said 67,000 accounts were closed.",
            "Second paragraph.",
            title="Closures",
        ),
        "story.docx",
    )
    assert item.text == "Officials said 67,000 accounts were closed.\n\nSecond paragraph."
    assert item.published_on == date(2023, 5, 28)
    assert item.title == "Closures"


def test_a_file_that_is_not_docx_is_refused_by_name() -> None:
    failure = _one(b"PK\x03\x04 not really a zip", "story.docx")
    assert isinstance(failure, ImportFailure)
    assert str(failure).startswith("story.docx: not a Word .docx file")


def test_jsonl_reads_known_fields_and_keeps_the_rest_as_metadata() -> None:
    line = {
        "title": "Closures",
        "text": "Officials said 67,000 accounts were closed.",
        "url": "https://wire.example/a",
        "outlet": "Wire",
        "published_on": "2023-05-28",
        "language": "en",
        "section": "World",
        "metadata": {"wordcount": 7},
    }
    item = _one(json.dumps(line).encode(), "bulk.jsonl")
    assert (item.title, item.url, item.outlet, item.language) == (
        "Closures",
        "https://wire.example/a",
        "Wire",
        "en",
    )
    assert item.published_on == date(2023, 5, 28)
    assert item.metadata == {"section": "World", "wordcount": 7}
    assert item.line == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"text": "ok 5 posts"}\n{"text": "broken\n', "bulk.jsonl, line 2: not valid JSON"),
        (
            b'{"text": "ok 5 posts"}\n\n[1, 2]\n',
            "bulk.jsonl, line 3: each line must be a JSON object",
        ),
        (
            b'{"title": "no text"}\n',
            "bulk.jsonl, line 1, field 'text': the article text is missing or empty.",
        ),
        (
            b'{"text": "x", "published_on": "2023-02-30"}\n',
            "bulk.jsonl, line 1, field 'published_on': '2023-02-30' is not a date",
        ),
        (
            b'{"text": "x", "url": "not a url"}\n',
            "bulk.jsonl, line 1, field 'url': 'not a url' is not a URL.",
        ),
        (
            b'{"text": "x", "title": 5}\n',
            "bulk.jsonl, line 1, field 'title': expected text, got int.",
        ),
        (
            b'{"text": "x", "outlet": "' + b"o" * 201 + b'"}\n',
            "field 'outlet': is 201 characters long; the limit is 200.",
        ),
        (b"\n\n", "bulk.jsonl: the file is empty."),
        (
            b'{"format": "claimdesk/1", "type": "schema"}\n',
            "load it with `manage.py import_dataset`",
        ),
    ],
)
def test_bad_jsonl_names_the_line_and_field(content: bytes, expected: str) -> None:
    failures = [i for i in parse_file(content, "bulk.jsonl") if isinstance(i, ImportFailure)]
    assert any(expected in str(f) for f in failures), [str(f) for f in failures]


def test_csv_reads_one_article_per_row_with_multiline_cells() -> None:
    content = (
        b"title,text,outlet,published_on,desk\r\n"
        b'One,"First line 5 posts.\r\n\r\nSecond paragraph.",Wire,2023-05-28,World\r\n'
        b"Two,Nearly 8000 spread rumours.,AP,,\r\n"
    )
    first, second = list(parse_file(content, "bulk.csv"))
    assert isinstance(first, ArticleInput) and isinstance(second, ArticleInput)
    assert first.text == "First line 5 posts.\n\nSecond paragraph."
    assert first.metadata == {"desk": "World"}
    assert first.line == 2 and second.line == 5
    assert second.published_on is None and second.outlet == "AP"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"title,body\r\nOne,text\r\n",
            "bulk.csv, line 1, field 'text': the header row has no 'text' column.",
        ),
        (
            b"title,text\r\nOne,ok 5\r\nTwo,\r\n",
            "bulk.csv, line 3, field 'text': the article text is missing or empty.",
        ),
        (b"title,text\r\nOne,ok,extra\r\n", "bulk.csv, line 2: has 3 cells; the header has 2."),
        (
            b"text,published_on\r\nok 5,28/05/2023\r\n",
            "bulk.csv, line 2, field 'published_on': '28/05/2023' is not a date",
        ),
        (b"title,text,title\r\n", "bulk.csv, line 1: the header repeats title."),
        (b"text\r\n", "bulk.csv: the file holds no articles."),
        (
            "text\r\ncaf\u00e9 5\r\n".encode("latin-1"),
            "bulk.csv, line 2: not valid UTF-8 at byte offset 9",
        ),
    ],
)
def test_bad_csv_names_the_line_and_field(content: bytes, expected: str) -> None:
    failures = [str(i) for i in parse_file(content, "bulk.csv") if isinstance(i, ImportFailure)]
    assert any(expected in f for f in failures), failures


def test_unknown_file_types_are_refused_by_name() -> None:
    failure = _one(b"x", "scan.pdf")
    assert isinstance(failure, ImportFailure)
    assert "scan.pdf: cannot import .pdf" in str(failure)


def test_an_import_is_all_or_nothing_by_default(collection: Collection) -> None:
    existing, _ = Article.objects.import_text(
        collection=collection, text="Already 5 here.", title="Old"
    )
    good = BytesFile("good.jsonl", b'{"text": "Some 45,000 accounts were closed."}\n')
    bad = BytesFile("bad.csv", b"title,text\r\nA,Nearly 8000 posts.\r\nB,\r\n")
    with pytest.raises(ImportRefused) as exc:
        _import(collection, good, bad)
    assert [str(f) for f in exc.value.failures] == [
        "bad.csv, line 3, field 'text': the article text is missing or empty."
    ]
    assert "Nothing was imported" in str(exc.value)
    assert list(Article.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.title == "Old"


def test_skip_bad_imports_the_rest_and_lists_what_it_skipped(collection: Collection) -> None:
    good = BytesFile("good.jsonl", b'{"text": "Some 45,000 accounts were closed."}\n{"text": \n')
    bad = BytesFile("bad.csv", b"title,text\r\nA,Nearly 8000 posts.\r\nB,\r\n")
    report = _import(collection, good, bad, skip_bad=True)
    assert len(report.created) == 2
    assert [str(f) for f in report.skipped] == [
        "good.jsonl, line 2: not valid JSON: Expecting value (column 10).",
        "bad.csv, line 3, field 'text': the article text is missing or empty.",
    ]
    assert Article.objects.count() == 2


def test_reimporting_is_idempotent(collection: Collection) -> None:
    files = [
        BytesFile("a.jsonl", b'{"text": "Some 45,000 accounts were closed."}\n'),
        BytesFile("page.html", HTML),
        BytesFile("b.docx", _docx("Officials said 67,000 accounts were closed.")),
    ]
    first = _import(collection, *files)
    again = _import(collection, *files)
    assert len(first.created) == 3 and not first.existing
    assert not again.created and len(again.existing) == 3
    assert Article.objects.count() == 3


def test_the_same_text_twice_in_one_file_is_one_article(collection: Collection) -> None:
    line = b'{"text": "Some 45,000 accounts were closed."}\n'
    report = _import(collection, BytesFile("a.jsonl", line + line))
    assert len(report.created) == 1 and len(report.existing) == 1


@override_settings(CLAIMDESK_MAX_IMPORT_BYTES=100)
def test_an_oversized_file_is_refused_before_it_is_read(
    collection: Collection, tmp_path: Path
) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 200 + b'"}\n')
    with pytest.raises(ImportRefused, match=r"big.jsonl: the file is 213 bytes; the limit is 100 bytes",):
        _import(collection, PathFile(path))


@override_settings(CLAIMDESK_MAX_ARTICLE_CHARS=20)
def test_an_oversized_article_is_refused_with_its_line(collection: Collection) -> None:
    with pytest.raises(
        ImportRefused,
        match=r"a.jsonl, line 2, field 'text': the article is 30 characters long; the limit is 20.",
    ):
        _import(
            collection,
            BytesFile("a.jsonl", b'{"text": "short 5"}\n{"text": "' + b"y" * 30 + b'"}\n'),
        )


def test_an_empty_file_is_refused(collection: Collection) -> None:
    with pytest.raises(ImportRefused, match=r"empty\.txt: the file is empty\."):
        _import(collection, BytesFile("empty.txt", b""))


def test_pasted_text_uses_its_own_title_and_outlet(collection: Collection) -> None:
    pasted = BytesFile(
        "pasted text",
        b"date 2023-05-28\nSome 45,000 accounts.",
        format="text",
        defaults={"title": "Pasted", "outlet": "Wire"},
    )
    report = _import(collection, pasted)
    article = report.created[0]
    assert (article.title, article.outlet, article.published_on) == (
        "Pasted",
        "Wire",
        date(2023, 5, 28),
    )
    assert article.text == "Some 45,000 accounts."


def test_detection_runs_on_every_new_article(collection: Collection) -> None:
    lines = b'{"text": "Officials said 67,000 accounts were closed."}\n{"text": "Nearly 8,000 spread rumours."}\n'
    report = _import(collection, BytesFile("a.jsonl", lines), detect=True)
    surfaces = [[f.surface for f in a.figures.all()] for a in report.created]
    assert surfaces == [["67,000"], ["Nearly 8,000"]]


def test_a_headline_line_becomes_the_title_and_leaves_the_body(collection: Collection) -> None:
    pasted = BytesFile(
        "pasted text",
        b"date 2023-05-28\nRegulator closes 67,000 accounts\n\n\n"
        b"Officials said 67,000 accounts were closed.\nMore news.",
        format="text",
    )
    article = _import(collection, pasted, detect=True).created[0]
    assert article.title == "Regulator closes 67,000 accounts"
    assert article.text == "Officials said 67,000 accounts were closed.\nMore news."
    assert article.published_on == date(2023, 5, 28)
    # The headline's figure is not in the body, so it is detected once: no spurious repeat.
    assert [f.surface for f in article.figures.all()] == ["67,000"]
    # The same for a .txt upload; a title given keeps the first line in the body.
    upload = BytesFile("closures.txt", b"Closures in May\nSome 45,000 accounts.")
    article = _import(collection, upload).created[0]
    assert (article.title, article.text) == ("Closures in May", "Some 45,000 accounts.")
    titled = BytesFile(
        "pasted text",
        b"Closures in June\nSome 46,000 accounts.",
        format="text",
        defaults={"title": "Given"},
    )
    article = _import(collection, titled).created[0]
    assert (article.title, article.text) == ("Given", "Closures in June\nSome 46,000 accounts.")


@pytest.mark.parametrize(
    "first_line",
    [
        "On Saturday (May 27), the regulator said it had closed 67,000 accounts.",  # a sentence
        "The regulator said on Saturday that it had closed accounts of users who spread rumours "
        "about the economy and other matters, and would go on doing so for the rest of the year",
        "Officials said that,",  # mid-sentence
    ],
)
def test_without_a_headline_the_title_is_the_first_sentence(
    collection: Collection, first_line: str
) -> None:
    text = f"{first_line}\nIt also removed 1.4 million posts. More to come."
    article = _import(collection, BytesFile("story.txt", text.encode())).created[0]
    assert article.text == text
    assert len(article.title) <= 101
    assert " ".join(text.split()).startswith(article.title.removesuffix("…"))
    if len(first_line) > 100:
        assert article.title.endswith("…") and not article.title.endswith(" …")
        assert first_line[len(article.title) - 1] == " "  # cut at a word boundary
    else:
        assert article.title.endswith(".") or article.title.endswith("…")


def test_title_from_text_is_the_first_sentence_cut_at_a_word() -> None:
    assert title_from_text("The U.S. said so. Then more.") == "The U.S. said so."
    long = "word " * 40 + "end. Next."
    title = title_from_text(long)
    assert title.endswith("word…") and len(title) <= 101
    assert split_headline("One line only") == ("", "One line only")
    assert split_headline("Headline\n\n\nBody.") == ("Headline", "Body.")
    assert split_headline("A sentence.\nBody.") == ("", "A sentence.\nBody.")


def test_the_sample_article_keeps_its_first_line_as_body(collection: Collection) -> None:
    sample = Path(__file__).resolve().parents[1] / "demo" / "cac-self-media-2023-05-28.txt"
    data = sample.read_bytes()
    assert data.lstrip().startswith(b"date 2023-05-28 On Saturday (May 27)")
    article = _import(collection, BytesFile(sample.name, data)).created[0]
    assert article.text.startswith("On Saturday (May 27)")
    assert article.title.startswith("On Saturday (May 27)") and len(article.title) <= 101


# --- Importing in chunks (issue 6): a fixed number of queries per chunk --------------------


def _jsonl(*texts: str) -> bytes:
    return b"".join(json.dumps({"text": text}).encode() + b"\n" for text in texts)


def _queries(collection: Collection, n: int) -> tuple[int, int]:
    """(queries other than INSERTs, INSERTs) to import `n` new articles with detection."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lines = _jsonl(*(f"Officials said {i + 2},000 accounts were closed in May." for i in range(n)))
    with CaptureQueriesContext(connection) as captured:
        report = _import(collection, BytesFile(f"{n}.jsonl", lines), detect=True)
    assert len(report.created) == n
    inserts = sum(q["sql"].startswith("INSERT") for q in captured)
    return len(captured) - inserts, inserts


def test_a_batch_import_issues_the_same_queries_for_5_and_50_articles(
    collection: Collection,
) -> None:
    few, few_inserts = _queries(collection, 5)
    many, many_inserts = _queries(Collection.objects.create(name="Many", slug="many"), 50)
    assert few == many <= 12
    # One INSERT each for the articles, the figures, their history rows and the mentions
    # ("Officials said"), split only into the batches the database takes (SQLite: 999
    # parameters, some 50 rows an INSERT).
    assert few_inserts == 4
    assert many_inserts <= 4 + 200 // 50
    from claims.models import Figure

    assert Figure.objects.filter(article__collection__slug="many").count() == 50


def test_texts_stored_or_repeated_in_the_file_are_reported_as_existing(
    collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("articles.importers.store.IMPORT_CHUNK", 2)  # repeats across chunks too
    stored, _ = Article.objects.import_text(
        collection=collection, text="Nearly 8,000 spread rumours.", title="Old"
    )
    a, b = "Some 45,000 accounts were closed.", "More than 1.4 million posts were removed."
    lines = _jsonl(a, b, a, "Nearly 8,000 spread rumours.", b, a)
    report = _import(collection, BytesFile("a.jsonl", lines), detect=True)
    assert [x.text for x in report.created] == [a, b]
    assert [x.text for x in report.existing] == [a, "Nearly 8,000 spread rumours.", b, a]
    by_text = {x.text: x.pk for x in report.created}
    assert [x.pk for x in report.existing] == [by_text[a], stored.pk, by_text[b], by_text[a]]
    assert Article.objects.count() == 3
    # Detection ran once on each new article, not on the stored one.
    surfaces = {x.title: [f.surface for f in x.figures.all()] for x in report.created}
    assert list(surfaces.values()) == [["Some 45,000"], ["More than 1.4 million"]]
    assert not stored.figures.exists()
    again = _import(collection, BytesFile("a.jsonl", lines), detect=True)
    assert not again.created and len(again.existing) == 6


def test_failures_keep_their_order_across_chunks(
    collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("articles.importers.store.IMPORT_CHUNK", 2)
    progress: list[int] = []
    files = [
        BytesFile("good.jsonl", _jsonl("Some 45,000 accounts.") + b'{"text": \n'),
        # Refused by the model's own checks (the field checks of full_clean).
        BytesFile("pasted", b"Nearly 8,000 posts.", format="text", defaults={"url": "nope"}),
        BytesFile("bad.csv", b"title,text\r\nA,Nearly 9000 posts.\r\nB,\r\n"),
    ]
    report = _import(collection, *files, skip_bad=True, progress=progress.append)
    assert [str(f) for f in report.skipped] == [
        "good.jsonl, line 2: not valid JSON: Expecting value (column 10).",
        "pasted, field 'url': Enter a valid URL.",
        "bad.csv, line 3, field 'text': the article text is missing or empty.",
    ]
    assert [x.text for x in report.created] == ["Some 45,000 accounts.", "Nearly 9000 posts."]
    assert progress == [0, 1, 2, 3, 4]
    with pytest.raises(ImportRefused) as exc:
        _import(collection, *files[1:])
    assert [str(f) for f in exc.value.failures] == [
        "pasted, field 'url': Enter a valid URL.",
        "bad.csv, line 3, field 'text': the article text is missing or empty.",
    ]
    assert Article.objects.count() == 2


def test_a_chunk_whose_write_fails_is_stored_one_by_one(
    collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another import stored a text after the chunk looked its texts up.
    stored, _ = Article.objects.import_text(
        collection=collection, text="Nearly 8,000 spread rumours.", title="Old"
    )
    monkeypatch.setattr("articles.importers.store.stored_texts", lambda collection, digests: {})
    lines = _jsonl("Some 45,000 accounts were closed.", "Nearly 8,000 spread rumours.")
    report = _import(collection, BytesFile("a.jsonl", lines), detect=True)
    assert [x.text for x in report.created] == ["Some 45,000 accounts were closed."]
    assert [x.pk for x in report.existing] == [stored.pk]
    assert Article.objects.count() == 2
    assert [f.surface for f in report.created[0].figures.all()] == ["Some 45,000"]
