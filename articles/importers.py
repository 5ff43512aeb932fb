"""Getting articles in. Each importer turns a file into an Article (and runs detection).

Errors name the file and where in it the problem is; nothing is half-written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from articles.language import detect_language
from articles.models import Article, Collection, normalise_text, text_sha256


class ImportFailure(ValueError):
    """An input that cannot be imported, with where (file, line, field) and why."""

    def __init__(
        self, name: str, message: str, line: int | None = None, field: str | None = None
    ) -> None:
        self.name = name
        self.line = line
        self.field = field
        self.message = message
        where = f"{name}, line {line}" if line is not None else name
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


# A plain-text article may start with its publication date: "date 2023-05-28".
LEADING_DATE = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})(?=\s|\Z)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedText:
    text: str
    published_on: date | None


def decode_utf8(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailure(
            name,
            f"not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8 and try again.",
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None
    return text


def parse_plain_text(text: str, name: str) -> ParsedText:
    """Normalise `text` and read a leading `date YYYY-MM-DD` as the publication date."""
    text = normalise_text(text)
    published_on = None
    match = LEADING_DATE.match(text)
    if match:
        try:
            published_on = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ImproperDate(name, match.group(0).strip()) from None
        text = text[match.end() :]
    text = text.strip("\n")
    if not text.strip():
        raise ImportFailure(name, "the file holds no article text.")
    limit = settings.CLAIMDESK_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise ImportFailure(
            name, f"the article is {len(text):,} characters long; the limit is {limit:,}."
        )
    return ParsedText(text=text, published_on=published_on)


class ImproperDate(ImportFailure):
    def __init__(self, name: str, written: str) -> None:
        super().__init__(
            name, f"{written!r} is not a real date (expected date YYYY-MM-DD).", line=1
        )


# A first line read as a headline: one short line, not a sentence, with text after it.
HEADLINE_LIMIT = 150
TITLE_LIMIT = 100
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
# The end of the first sentence: . ! ? … (and closing quotes) before a capital, digit or quote.
_FIRST_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$)")


def split_headline(text: str) -> tuple[str, str]:
    """(headline, body) when `text` starts with a headline line, else ("", text).

    A headline is a first line of at most HEADLINE_LIMIT characters that does not end like a
    sentence (. ! ? …) or mid-sentence (, ; -), followed by a line break and more text; the
    blank lines after it go with it.
    """
    text = text.lstrip("\n")
    first, newline, rest = text.partition("\n")
    first = first.strip()
    body = rest.lstrip("\n")
    if (
        not newline
        or not first
        or not body.strip()
        or len(first) > HEADLINE_LIMIT
        or _SENTENCE_END.search(first)
        or first.endswith((",", ";", "-", "–", "—"))
    ):
        return "", text
    return first, body


def title_from_text(text: str, limit: int = TITLE_LIMIT) -> str:
    """A title for an article without one: its first sentence, cut at a word boundary to
    about `limit` characters with an ellipsis."""
    paragraph = " ".join(text.strip().split("\n\n", 1)[0].split())
    found = _FIRST_SENTENCE.search(paragraph)
    sentence = paragraph[: found.end()] if found else paragraph
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return (cut or sentence[:limit]) + "…"


def title_and_body(text: str) -> tuple[str, str]:
    """The title and body of a plain-text article given without a title: its headline line
    (removed from the body) if it has one, else its first sentence (the body unchanged)."""
    headline, body = split_headline(text)
    if headline:
        return headline, body
    return title_from_text(text), text


def import_plain_text(
    *,
    collection: Collection,
    data: bytes,
    name: str,
    title: str = "",
    created_by: Any = None,
    detect: bool = True,
    **fields: Any,
) -> tuple[Article, bool]:
    """Import one plain-text article; returns (article, created).

    Re-importing the same text gives the existing article. Detection runs on new articles.
    """
    parsed = parse_plain_text(decode_utf8(data, name), name)
    text = parsed.text
    if not title:
        title, text = title_and_body(text)
    fields.setdefault("language", detect_language(text))  # issue 16: none declared
    with transaction.atomic():
        article, created = Article.objects.import_text(
            collection=collection,
            text=text,
            title=title,
            published_on=parsed.published_on,
            created_by=created_by,
            **fields,
        )
        if created and detect:
            from claims.services import article_detect

            article_detect(article=article)
    return article, created


def import_plain_text_file(path: Path, **kwargs: Any) -> tuple[Article, bool]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(str(path), f"cannot be read: {exc.strerror}.") from None
    return import_plain_text(data=data, name=str(path), **kwargs)


# Other formats, bulk files and the all-or-nothing import ------------------------------------
#
# Every format is parsed into ArticleInput values (or ImportFailures naming the file, line
# and field); import_articles() then stores them in one transaction, running detection on
# each new article. A bulk file (JSONL, CSV) gives one input per line or row, so one bad
# row does not hide the others: all problems are listed at once.

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
# The fields a JSONL record or CSV column may set; anything else goes to Article.metadata.
ARTICLE_FIELDS = ("title", "text", "url", "outlet", "byline", "published_on", "language")
FIELD_LIMITS = {"title": 500, "url": 2000, "outlet": 200, "byline": 500, "language": 16}


@dataclass
class ArticleInput:
    """One article read from a file, checked and ready to store."""

    name: str
    line: int | None
    text: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    byline: str = ""
    published_on: date | None = None
    language: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    # Plain text: without a title, a first headline line becomes the title (title_and_body).
    headline_first: bool = False


Parsed = ArticleInput | ImportFailure


def format_for(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS_BY_SUFFIX:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise ImportFailure(
            name, f"cannot import {suffix or 'files without a suffix'}: use {known}."
        )
    return FORMATS_BY_SUFFIX[suffix]


def check_text(text: str, name: str, line: int | None = None) -> str:
    """The normalised article text, refused if empty or longer than the limit."""
    text = normalise_text(text).strip("\n")
    if not text.strip():
        raise ImportFailure(name, "the article text is empty.", line, "text" if line else None)
    limit = settings.CLAIMDESK_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise ImportFailure(
            name,
            f"the article is {len(text):,} characters long; the limit is {limit:,}.",
            line,
            "text" if line else None,
        )
    return text


def parse_date(
    value: str, name: str, line: int | None, field_name: str = "published_on"
) -> date | None:
    """YYYY-MM-DD (or an ISO date-time, whose date is kept); empty is no date."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise ImportFailure(
            name, f"{value!r} is not a date (expected YYYY-MM-DD).", line, field_name
        ) from None


def article_from_fields(record: dict[str, Any], name: str, line: int) -> ArticleInput:
    """An article from a JSONL record or CSV row, every field checked."""
    values: dict[str, str] = {}
    for key in ARTICLE_FIELDS:
        value = record.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ImportFailure(name, f"expected text, got {type(value).__name__}.", line, key)
        limit = FIELD_LIMITS.get(key)
        if limit and len(value.strip()) > limit:
            raise ImportFailure(
                name, f"is {len(value.strip()):,} characters long; the limit is {limit}.", line, key
            )
        values[key] = value if key == "text" else value.strip()
    if not values["text"].strip():
        raise ImportFailure(name, "the article text is missing or empty.", line, "text")
    text = check_text(values["text"], name, line)
    if values["url"]:
        try:
            URLValidator()(values["url"])
        except ValidationError:
            raise ImportFailure(name, f"{values['url']!r} is not a URL.", line, "url") from None
    metadata: dict[str, Any] = {}
    extra = record.get("metadata")
    if isinstance(extra, dict):
        metadata.update(extra)
    for key, value in record.items():
        if key not in ARTICLE_FIELDS and key != "metadata" and value not in ("", None):
            metadata[key] = value
    return ArticleInput(
        name=name,
        line=line,
        text=text,
        title=values["title"],
        url=values["url"],
        outlet=values["outlet"],
        byline=values["byline"],
        published_on=parse_date(values["published_on"], name, line),
        language=values["language"],
        metadata=metadata,
    )


def parse_text_file(data: bytes, name: str) -> Iterator[Parsed]:
    parsed = parse_plain_text(decode_utf8(data, name), name)
    yield ArticleInput(
        name=name,
        line=None,
        text=parsed.text,
        published_on=parsed.published_on,
        headline_first=True,
    )


_HTML_LANG = re.compile(
    rb"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)", re.I
)


def _clip(value: str | None, limit: int) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_html(data: bytes, name: str) -> Iterator[Parsed]:
    """The main text of a web page (trafilatura), with its title, date, byline and canonical URL.

    Paragraphs are separated by a blank line, as in plain-text articles. The page's own
    charset is honoured (trafilatura detects it), so HTML need not be UTF-8.
    """
    import trafilatura

    document: Any = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None or not (document.text or "").strip():
        raise ImportFailure(name, "no article text found in the page.")
    text = check_text(re.sub(r"\n+", "\n\n", document.text), name)
    url = document.url or ""
    try:
        URLValidator()(url)
    except ValidationError:
        url = ""  # a relative or broken canonical link is no use outside the page
    published_on = None
    if document.date:
        try:
            published_on = date.fromisoformat(document.date[:10])
        except ValueError:
            published_on = None
    language = document.language or ""
    if not language and (match := _HTML_LANG.search(data[:4096])):
        language = match[1].decode("ascii")
    metadata = {
        key: value
        for key, value in {
            "source_format": "html",
            "sitename": document.sitename,
            "description": document.description,
            "categories": document.categories,
            "tags": document.tags,
        }.items()
        if value
    }
    yield ArticleInput(
        name=name,
        line=None,
        text=text,
        title=_clip(document.title, 500),
        url=url,
        outlet=_clip(document.sitename, 200),
        byline=_clip(document.author, 500),
        published_on=published_on,
        language=_clip(language, 16),
        metadata=metadata,
    )


def parse_docx(data: bytes, name: str) -> Iterator[Parsed]:
    """A Word document's paragraphs, a blank line apart; read like a plain-text file."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kind
        raise ImportFailure(name, f"not a Word .docx file ({exc}).") from None
    paragraphs = [p.text.strip() for p in document.paragraphs]
    parsed = parse_plain_text("\n\n".join(p for p in paragraphs if p), name)
    properties = document.core_properties
    metadata: dict[str, Any] = {"source_format": "docx"}
    if properties.author:
        metadata["docx_author"] = properties.author
    yield ArticleInput(
        name=name,
        line=None,
        text=parsed.text,
        title=_clip(properties.title, 500),
        published_on=parsed.published_on,
        language=_clip(properties.language, 16),
        metadata=metadata,
    )


def parse_jsonl(data: bytes, name: str) -> Iterator[Parsed]:
    """One article per line: a JSON object with `text` and optional fields."""
    text = decode_utf8(data, name)
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ImportFailure(name, f"not valid JSON: {exc.msg} (column {exc.colno}).", number)
            continue
        if not isinstance(record, dict):
            yield ImportFailure(name, "each line must be a JSON object.", number)
            continue
        if isinstance(record.get("format"), str) and record["format"].startswith("claimdesk/"):
            raise ImportFailure(
                name,
                "this is a Claimdesk dataset export; load it with "
                "`manage.py import_dataset`, which keeps its claims and figures.",
                number,
            )
        try:
            yield article_from_fields(record, name, number)
        except ImportFailure as failure:
            yield failure
    if not found:
        raise ImportFailure(name, "the file holds no articles.")


def parse_csv(data: bytes, name: str) -> Iterator[Parsed]:
    """One article per row, under a header row that names a `text` column."""
    text = decode_utf8(data, name)
    # Article texts are longer than the csv module's default cell limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), settings.CLAIMDESK_MAX_ARTICLE_CHARS * 4))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
        if not any(header):
            raise ImportFailure(name, "the file holds no articles.")
        if "text" not in header:
            raise ImportFailure(name, "the header row has no 'text' column.", 1, "text")
        duplicated = sorted({c for c in header if header.count(c) > 1})
        if duplicated:
            raise ImportFailure(name, f"the header repeats {', '.join(duplicated)}.", 1)
        start = reader.line_num + 1
        found = False
        for row in reader:
            number, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            found = True
            if len(row) != len(header):
                yield ImportFailure(
                    name, f"has {len(row)} cells; the header has {len(header)}.", number
                )
                continue
            try:
                yield article_from_fields(dict(zip(header, row, strict=True)), name, number)
            except ImportFailure as failure:
                yield failure
    except csv.Error as exc:
        raise ImportFailure(name, f"not readable as CSV: {exc}.", reader.line_num) from None
    if not found:
        raise ImportFailure(name, "the file holds no articles.")


PARSERS = {
    "text": parse_text_file,
    "html": parse_html,
    "docx": parse_docx,
    "jsonl": parse_jsonl,
    "csv": parse_csv,
}


def parse_file(data: bytes, name: str, format: str | None = None) -> Iterator[Parsed]:
    """The articles in one file (format from its suffix unless given), failures included."""
    try:
        parser = PARSERS[format or format_for(name)]
        if not data.strip():
            raise ImportFailure(name, "the file is empty.")
        yield from parser(data, name)
    except ImportFailure as failure:
        yield failure


class ImportFile(Protocol):
    """A file to import: a path on disk, an uploaded file, pasted text.

    `format` overrides the format read from the name's suffix; `defaults` fills article
    fields the file itself does not set (a pasted text's title, outlet, URL).
    """

    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int | None: ...

    @property
    def format(self) -> str | None: ...

    @property
    def defaults(self) -> dict[str, Any] | None: ...

    def read(self) -> bytes: ...


@dataclass
class PathFile:
    path: Path
    format: str | None = None
    defaults: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def size(self) -> int | None:
        try:
            return self.path.stat().st_size
        except OSError:
            return None

    def read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise ImportFailure(self.name, f"cannot be read: {exc.strerror}.") from None


@dataclass
class ImportReport:
    created: list[Article] = field(default_factory=list)
    existing: list[Article] = field(default_factory=list)
    skipped: list[ImportFailure] = field(default_factory=list)


class ImportRefused(ImportFailure):
    """Some inputs were bad, so nothing was imported; `failures` lists every one."""

    def __init__(self, failures: list[ImportFailure]) -> None:
        self.failures = failures
        first = failures[0]
        shown = "\n".join(f"  {failure}" for failure in failures[:50])
        more = f"\n  … and {len(failures) - 50} more" if len(failures) > 50 else ""
        super().__init__(
            first.name,
            f"{len(failures)} problem(s); nothing was imported:\n{shown}{more}",
            first.line,
            first.field,
        )
        # The summary is the message: the first failure's place is in the list.
        self.args = (f"Nothing was imported: {len(failures)} problem(s):\n{shown}{more}",)

    def __str__(self) -> str:
        return str(self.args[0])


def article_fields(item: ArticleInput, defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields of the article `item` gives: its own, then `defaults`, then a title taken
    from the text if there is none (a plain text's headline line leaves the body)."""
    fields: dict[str, Any] = {
        key: value
        for key, value in {
            "title": item.title,
            "url": item.url,
            "outlet": item.outlet,
            "byline": item.byline,
            "published_on": item.published_on,
            "language": item.language,
        }.items()
        if value
    }
    for key, value in (defaults or {}).items():
        fields.setdefault(key, value)
    fields.setdefault("language", detect_language(item.text))  # issue 16: none declared
    fields["text"] = item.text
    if not fields.get("title"):
        if item.headline_first:
            fields["title"], fields["text"] = title_and_body(item.text)
        else:
            fields["title"] = title_from_text(item.text)
    fields["metadata"] = item.metadata
    return fields


def refusal(item: ArticleInput, exc: ValidationError) -> ImportFailure:
    """The first problem a model check found with `item`, named by its file, line and field."""
    errors = getattr(exc, "message_dict", {"": exc.messages})
    name, messages = next(iter(errors.items()))
    return ImportFailure(item.name, " ".join(messages), item.line, name or None)


def store_article(
    item: ArticleInput,
    *,
    collection: Collection,
    created_by: Any = None,
    detect: bool = True,
    defaults: dict[str, Any] | None = None,
) -> tuple[Article, bool]:
    """Store one checked article (idempotent by text) and detect its figures if new."""
    try:
        article, created = Article.objects.import_text(
            collection=collection, created_by=created_by, **article_fields(item, defaults)
        )
    except ValidationError as exc:
        raise refusal(item, exc) from None
    if created and detect:
        from claims.services import article_detect

        article_detect(article=article, created_by=created_by)
    return article, created


@dataclass
class BytesFile:
    """Text or a file already in memory (pasted text, an upload), with its own defaults."""

    name: str
    data: bytes
    format: str | None = None
    defaults: dict[str, Any] | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    def read(self) -> bytes:
        return self.data


# How many articles (and bad lines) import_articles() checks, stores and detects at a time.
IMPORT_CHUNK = 250


@dataclass
class Pending:
    """A checked article waiting in a chunk, with the defaults of its file."""

    item: ArticleInput
    defaults: dict[str, Any]


Entry = Pending | ImportFailure


def stored_texts(collection: Collection, digests: Iterable[str]) -> dict[str, Article]:
    """The articles of `collection` among the given text digests, by digest (one query)."""
    found = Article.objects.filter(collection=collection, text_sha256__in=set(digests))
    return {article.text_sha256: article for article in found}


def import_articles(
    *,
    collection: Collection,
    files: Iterable[ImportFile],
    skip_bad: bool = False,
    created_by: Any = None,
    detect: bool = True,
    defaults: dict[str, Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every article in `files` into `collection`, in one transaction.

    Without `skip_bad`, any bad file, line or row refuses the whole import (ImportRefused
    lists every problem) and the database is left as it was. With `skip_bad`, the good
    articles are imported and the bad ones listed in `report.skipped`. Articles whose text
    is already in the collection, or earlier in the import, are not imported again
    (`report.existing`). `progress`, if given, is called before each article (or bad line)
    with the number of articles, bad lines and bad files seen so far.

    The inputs are stored IMPORT_CHUNK at a time, each chunk with a fixed number of queries
    (its texts looked up at once, one bulk insert, detection of all its new articles at
    once); the report is the same as storing them one by one, which is what a chunk falls
    back to if its bulk write fails (another import stored one of its texts meanwhile).
    """
    limit = settings.CLAIMDESK_MAX_IMPORT_BYTES
    report = ImportReport()
    chunk: list[Entry] = []
    seen = 0
    options: dict[str, Any] = {
        "collection": collection,
        "skip_bad": skip_bad,
        "created_by": created_by,
        "detect": detect,
    }

    def flush() -> None:
        store_chunk(chunk, report, **options)
        chunk.clear()

    with transaction.atomic():
        for file in files:
            if file.size is not None and file.size > limit:
                chunk.append(
                    ImportFailure(
                        file.name, f"the file is {file.size:,} bytes; the limit is {limit:,}."
                    )
                )
                seen += 1
                continue
            try:
                data = file.read()
            except ImportFailure as failure:
                chunk.append(failure)
                seen += 1
                continue
            file_defaults = {**(defaults or {}), **(file.defaults or {})}
            for item in parse_file(data, file.name, file.format):
                if progress is not None:
                    progress(seen)
                seen += 1
                if isinstance(item, ImportFailure):
                    chunk.append(item)
                elif skip_bad or not report.skipped:  # else refused: go on checking only
                    chunk.append(Pending(item, file_defaults))
                if len(chunk) >= IMPORT_CHUNK:
                    flush()
        flush()
        if report.skipped and not skip_bad:
            raise ImportRefused(report.skipped)
    return report


def store_chunk(
    chunk: list[Entry],
    report: ImportReport,
    *,
    collection: Collection,
    skip_bad: bool,
    created_by: Any,
    detect: bool,
) -> None:
    """Note the failures of a chunk and store its new articles, in one savepoint.

    Falls back to storing the articles one by one (store_article) if the bulk write hits an
    IntegrityError, so the report is exact even then.
    """
    if not chunk:
        return
    try:
        with transaction.atomic():
            created, existing, skipped = bulk_store(
                chunk,
                collection=collection,
                refused=bool(report.skipped) and not skip_bad,
                skip_bad=skip_bad,
                created_by=created_by,
                detect=detect,
            )
    except IntegrityError:
        for entry in chunk:
            if isinstance(entry, ImportFailure):
                report.skipped.append(entry)
                continue
            if report.skipped and not skip_bad:
                continue
            try:
                with transaction.atomic():
                    article, new = store_article(
                        entry.item,
                        collection=collection,
                        created_by=created_by,
                        detect=detect,
                        defaults=entry.defaults,
                    )
            except ImportFailure as failure:
                report.skipped.append(failure)
                continue
            (report.created if new else report.existing).append(article)
        return
    report.created += created
    report.existing += existing
    report.skipped += skipped


def bulk_store(
    chunk: list[Entry],
    *,
    collection: Collection,
    refused: bool,
    skip_bad: bool,
    created_by: Any,
    detect: bool,
) -> tuple[list[Article], list[Article], list[ImportFailure]]:
    """(created, existing, skipped) of a chunk, with a fixed number of queries.

    The same outcome as store_article() on each entry in turn: a text already stored or
    earlier in the chunk is existing; once anything failed without `skip_bad`, nothing
    more is checked nor written.
    """
    articles: list[Article | None] = []
    for entry in chunk:
        if isinstance(entry, ImportFailure):
            articles.append(None)
            continue
        fields = article_fields(entry.item, entry.defaults)
        text = normalise_text(fields.pop("text"))
        articles.append(
            Article(
                collection=collection,
                text=text,
                text_sha256=text_sha256(text),
                created_by=created_by,
                **fields,
            )
        )
    stored = stored_texts(collection, (a.text_sha256 for a in articles if a is not None))
    created: list[Article] = []
    existing: list[Article] = []
    skipped: list[ImportFailure] = []
    for entry, article in zip(chunk, articles, strict=True):
        if isinstance(entry, ImportFailure):
            skipped.append(entry)
            continue
        assert article is not None
        if (refused or skipped) and not skip_bad:
            continue
        found = stored.get(article.text_sha256)
        if found is not None:
            existing.append(found)
            continue
        try:
            article.full_clean_new_text()  # the text was looked up above
        except ValidationError as exc:
            skipped.append(refusal(entry.item, exc))
            continue
        stored[article.text_sha256] = article
        created.append(article)
    if (refused or skipped) and not skip_bad:
        return [], [], skipped  # the import is refused: nothing to write
    Article.objects.bulk_create(created, batch_size=500)
    if detect and created:
        from claims.services import articles_detect

        articles_detect(articles=created, created_by=created_by)
    return created, existing, skipped
