"""Loading a `claimdesk/2` (or `claimdesk/1`) JSON Lines export (claims/exports/jsonl.py).

claimdesk/2 adds `source`, `figure` and `judgement` records, the claims' and figures' users,
the articles' annotators, and findings keyed by figure spans; what it carries is loaded back
so that exporting again gives the same records, ids aside. Users are matched by username
(created, inactive and without a password, when missing: they are names on the work, not
accounts). A figure record gets the history the export read: a first row with the detector's
reading, then, when someone decided it, a change by that user. Judgements keep their times.

The round trip: export, load here (empty or not), export again: the same records, ids
aside. Articles are matched by their text (Article.objects.import_text), sources by name
(case-insensitive), tags by slug (the collection's, then a global one), figures by span;
claims already present with the same span, source, via and attribution are reused, so
loading a file twice adds nothing. Ids in the file are remapped to this database's; new
figures and claims are created in the order of their old ids, so the new ids keep the old
ones' relative order (the consistency checks break ties by id).

Where things are: this module reads `article` records (each begins the records of its
article) and users, and hands every other record to the reader of its type, one class each
in RECORD_READERS below: `source` and `claim` in load_claims.py, `figure` and `judgement` in
load_figures.py, `finding` (reviewers' decisions restored once the file is loaded, only where
the finding holds again) in load_findings.py; what they share (the report, the reader base
class, field checks) in load_base.py. Adding a record type: a RecordReader subclass in its
own module, appended to RECORD_READERS (its docstring says when each hook runs).

Work is written one article at a time (the file holds each article's record right before
its claims), with bulk inserts, so a query count per article rather than per claim. Any
bad record stops the load with an ImportFailure naming the file, line and field, and the
transaction leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

import orjson
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from articles.importers.base import ImportFailure
from articles.limits import NestedTooDeeply, loads
from articles.models import Article, Assignment, Collection, normalise_text, text_sha256
from claims.exports.common import READABLE_FORMATS
from claims.exports.evidence_load import EvidenceDocumentReader, EvidenceReader
from claims.exports.load_base import DatasetReport, RecordReader, expect, validation_failure
from claims.exports.load_claims import ClaimReader, SourceReader
from claims.exports.load_figures import FigureReader, JudgementReader
from claims.exports.load_findings import FindingReader
from claims.exports.relations import AlignmentReader, RelationReader
from core.types import LoadedRecord

__all__ = ["RECORD_READERS", "DatasetLoader", "DatasetReport", "RecordReader", "import_dataset"]

# Every record type import_dataset reads besides `schema` and `article` (which the loader
# reads itself: an article record begins the records of that article), one reader class
# each (load_base.RecordReader). The order is the order in which their writes run after each
# article and after the file: figures before the judgements and claims that name them,
# claims (and their links) before the findings whose decisions point at links. A new record
# type is a reader class in its own module, added here; records of a type no reader takes
# are counted in the report's `other_records`, never an error.
RECORD_READERS: list[type[RecordReader]] = [
    SourceReader,
    FigureReader,
    JudgementReader,
    ClaimReader,
    RelationReader,  # stored before the findings' decisions: translation findings need them
    AlignmentReader,
    FindingReader,
    EvidenceDocumentReader,  # evidence (issue 19) last: it names claims and figures of any article
    EvidenceReader,
]

_Reader = TypeVar("_Reader", bound=RecordReader)


class DatasetLoader:
    """One load of one file: the articles, users and readers (RECORD_READERS) it has met."""

    def __init__(
        self,
        *,
        name: str,
        collection: Collection | None,
        created_by: User | None,
        readers: Iterable[type[RecordReader]] = RECORD_READERS,
    ) -> None:
        self.name = name
        self.collection = collection
        self.created_by = created_by
        self.report = DatasetReport()
        self.version: str | None = None
        self.articles: dict[int, Article] = {}  # exported article id -> article here
        self.article: Article | None = None  # the current one
        self.collections: dict[str, Collection] = {}
        self.users: dict[str, User] = {}
        self.readers: dict[str, RecordReader] = {}
        for reader in readers:
            self.readers[reader.type] = reader(self)

    def reader(self, kind: type[_Reader]) -> _Reader:
        """This load's reader of class `kind` (how one reader reads another's state)."""
        found = self.readers[kind.type]
        assert isinstance(found, kind)
        return found

    # Records -----------------------------------------------------------------------------

    def load(self, lines: Iterable[bytes | str]) -> DatasetReport:
        seen_any = False
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                record = loads(raw, orjson.loads)
            except NestedTooDeeply as exc:
                raise ImportFailure(self.name, str(exc), line=number) from None
            except orjson.JSONDecodeError as exc:
                raise ImportFailure(self.name, f"not valid JSON ({exc}).", line=number) from None
            if not isinstance(record, dict):
                raise ImportFailure(self.name, "a record must be a JSON object.", line=number)
            version = record.get("format")
            if version not in READABLE_FORMATS or (self.version and version != self.version):
                expected = self.version or " or ".join(map(repr, READABLE_FORMATS))
                raise ImportFailure(
                    self.name,
                    f"format {version!r} is not {expected}"
                    + (" (the file's first record)." if self.version else "."),
                    line=number,
                    field="format",
                )
            self.version = version
            seen_any = True
            kind = record.get("type")
            if kind == "schema":
                continue
            if kind == "article":
                self.flush()
                self.add_article(record, number)
                continue
            reader = self.readers.get(kind) if isinstance(kind, str) else None
            if reader is not None and READABLE_FORMATS.index(
                reader.since
            ) <= READABLE_FORMATS.index(version):
                reader.read(record, number)
            else:
                key = str(kind)
                self.report.other_records[key] = self.report.other_records.get(key, 0) + 1
        if not seen_any:
            raise ImportFailure(self.name, "the file holds no records.")
        self.flush()
        for reader in self.readers.values():
            reader.after_file()
        return self.report

    def flush(self) -> None:
        """Write what the current article's records hold, reader by reader."""
        for reader in self.readers.values():
            reader.after_article()

    def target_collection(self, record: LoadedRecord, line: int) -> Collection:
        if self.collection is not None:
            return self.collection
        info = record.get("collection")
        if not isinstance(info, dict) or not isinstance(info.get("slug"), str):
            raise ImportFailure(
                self.name, "the article has no collection slug.", line, "collection.slug"
            )
        slug = info["slug"]
        if slug not in self.collections:
            self.collections[slug], _ = Collection.objects.get_or_create(
                slug=slug, defaults={"name": str(info.get("name") or slug)}
            )
        return self.collections[slug]

    def add_article(self, record: LoadedRecord, line: int) -> None:
        old_id = expect(record, "id", int, line, self.name)
        text = normalise_text(expect(record, "text", str, line, self.name))
        digest = record.get("text_sha256")
        if digest != text_sha256(text):
            raise ImportFailure(
                self.name,
                "does not match the SHA-256 of the article text: the text was changed.",
                line,
                "text_sha256",
            )
        published = record.get("published_on")
        try:
            published_on = date.fromisoformat(published) if published else None
        except (TypeError, ValueError):
            raise ImportFailure(
                self.name, f"{published!r} is not a date YYYY-MM-DD.", line, "published_on"
            ) from None
        try:
            metadata = loads(record.get("metadata") or "{}")
        except NestedTooDeeply as exc:
            raise ImportFailure(self.name, str(exc), line, "metadata") from None
        except (TypeError, ValueError):
            raise ImportFailure(
                self.name, "is not a JSON object written as a string.", line, "metadata"
            ) from None
        collection = self.target_collection(record, line)
        fields = {
            name: record.get(name) or ""
            for name in ("title", "url", "outlet", "byline", "language", "status")
        }
        try:
            article, created = Article.objects.import_text(
                collection=collection,
                text=text,
                published_on=published_on,
                metadata=metadata if isinstance(metadata, dict) else {},
                created_by=self.created_by,
                **fields,
            )
        except ValidationError as exc:
            raise validation_failure(exc, self.name, line, "") from None
        if created:
            self.report.articles_created += 1
        else:
            self.report.articles_existing += 1
        self.articles[old_id] = article
        self.article = article
        self.add_assignments(article, record.get("annotators"), line)
        for reader in self.readers.values():
            reader.start_article(article)

    def user(self, username: object, line: int, name: str) -> User | None:
        """The user with this username; created (inactive, no password) when missing."""
        if username is None:
            return None
        if not isinstance(username, str) or not username.strip():
            raise ImportFailure(self.name, "expected a username or null.", line, name)
        if username not in self.users:
            model = get_user_model()
            user = model.objects.filter(username=username).first()
            if user is None:
                user = model(username=username, is_active=False)
                user.set_unusable_password()
                try:
                    user.full_clean(exclude=["password"])
                except ValidationError as exc:
                    raise validation_failure(exc, self.name, line, f"{name}.") from None
                user.save()
                self.report.users_created += 1
            self.users[username] = user
        return self.users[username]

    def add_assignments(self, article: Article, annotators: object, line: int) -> None:
        if not annotators:
            return
        if not isinstance(annotators, list) or not all(isinstance(a, dict) for a in annotators):
            raise ImportFailure(
                self.name, "expected a list of {username, done_at}.", line, "annotators"
            )
        existing = set(
            Assignment.objects.filter(article=article).values_list("annotator__username", flat=True)
        )
        for entry in annotators:
            user = self.user(entry.get("username"), line, "annotators.username")
            if user is None or user.username in existing:
                continue
            Assignment.objects.create(
                article=article,
                annotator=user,
                done_at=self.datetime(entry.get("done_at"), line, "annotators.done_at"),
            )
            existing.add(user.username)
            self.report.assignments_created += 1

    def datetime(self, value: object, line: int, name: str) -> dt.datetime | None:
        if value is None:
            return None
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None:
            raise ImportFailure(
                self.name, f"{value!r} is not an ISO 8601 date and time.", line, name
            )
        return parsed

    def current(self, line: int, what: str) -> Article:
        if self.article is None:
            raise ImportFailure(
                self.name,
                f"a {what} record must come after its article's record.",
                line,
                "type",
            )
        return self.article


@transaction.atomic
def import_dataset(
    *,
    lines: Iterable[bytes | str],
    name: str,
    collection: Collection | None = None,
    created_by: User | None = None,
) -> DatasetReport:
    """Load a claimdesk/2 (or claimdesk/1) JSONL export; all or nothing."""
    return DatasetLoader(name=name, collection=collection, created_by=created_by).load(lines)
