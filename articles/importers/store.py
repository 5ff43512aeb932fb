"""Bulk files and the all-or-nothing import.

Every format is parsed into ArticleInput values (or ImportFailures naming the file, line and
field); import_articles() then stores them in one transaction, running detection on each new
article. A bulk file (JSONL, CSV) gives one input per line or row, so one bad row does not hide the
others: all problems are listed at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles import hooks
from articles.importers.base import (
    ArticleInput,
    ImportFailure,
    Parsed,
    format_for,
)
from articles.importers.csv import parse_csv
from articles.importers.docx import parse_docx
from articles.importers.html import parse_html
from articles.importers.jsonl import parse_jsonl
from articles.importers.text import (
    parse_text_file,
    title_and_body,
    title_from_text,
)
from articles.language import detect_language
from articles.limits import too_large
from articles.models import Article, Collection, normalise_text, text_sha256

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
    def defaults(self) -> dict[str, object] | None: ...

    def read(self) -> bytes: ...


@dataclass
class PathFile:
    path: Path
    format: str | None = None
    defaults: dict[str, object] | None = None

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


def article_fields(item: ArticleInput, defaults: dict[str, object] | None = None) -> dict[str, Any]:
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
    created_by: User | None = None,
    detect: bool = True,
    defaults: dict[str, object] | None = None,
) -> tuple[Article, bool]:
    """Store one checked article (idempotent by text) and detect its figures if new."""
    try:
        article, created = Article.objects.import_text(
            collection=collection, created_by=created_by, **article_fields(item, defaults)
        )
    except ValidationError as exc:
        raise refusal(item, exc) from None
    if created and detect:
        hooks.detect_figures(articles=[article], created_by=created_by)
    return article, created


@dataclass
class BytesFile:
    """Text or a file already in memory (pasted text, an upload), with its own defaults."""

    name: str
    data: bytes
    format: str | None = None
    defaults: dict[str, object] | None = None

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
    defaults: dict[str, object]


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
    created_by: User | None = None,
    detect: bool = True,
    defaults: dict[str, object] | None = None,
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
                        file.name,
                        too_large("the file", file.size, limit, "CLAIMDESK_MAX_IMPORT_BYTES"),
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
    created_by: User | None,
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
    created_by: User | None,
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
        hooks.detect_figures(articles=created, created_by=created_by)
    return created, existing, skipped
