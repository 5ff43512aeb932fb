"""What every reader of `import_dataset` (claims/exports/load.py) shares: the report, the
base class of a record type's reader, and the checks of a record's fields that name the
file, line and field of a bad value."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError

from articles.importers.base import ImportFailure
from core.types import LoadedRecord

if TYPE_CHECKING:
    from articles.models import Article
    from claims.exports.load import DatasetLoader


@dataclass
class DatasetReport:
    articles_created: int = 0
    articles_existing: int = 0
    claims_created: int = 0
    claims_existing: int = 0
    figures_created: int = 0
    sources_created: int = 0
    tags_created: int = 0
    links_created: int = 0
    links_skipped: list[str] = field(default_factory=list)
    findings_read: int = 0
    decisions_created: int = 0
    decisions_existing: int = 0
    decisions_skipped: list[str] = field(default_factory=list)
    other_records: dict[str, int] = field(default_factory=dict)
    figures_existing: int = 0
    judgements_created: int = 0
    judgements_existing: int = 0
    users_created: int = 0
    assignments_created: int = 0
    sources_existing: int = 0
    # Issue 18: related articles and their figure alignments (claims/exports/relations.py).
    relations_created: int = 0
    relations_skipped: int = 0
    relations_existing: int = 0
    alignments_created: int = 0
    alignments_skipped: list[str] = field(default_factory=list)


class RecordReader:
    """Reads the records of one `type` and writes what they hold; one instance per load.

    The loader (load.DatasetLoader) calls, for each reader of load.RECORD_READERS in that
    order: `start_article` when an `article` record begins an article (and its records),
    `read` for each record of the reader's type, `after_article` when the article's records
    end (write them: a fixed number of queries per article, bulk inserts), and `after_file`
    once the whole file is read (what needs every article's ids: links across articles,
    decisions). A reader reaches another's state through `self.loader.reader(OtherReader)`,
    and raises ImportFailure (`self.fail`) on a bad record: the load is one transaction.
    """

    type = ""
    # The first format holding records of this type (claimdesk/1 files are read without it).
    since = "claimdesk/1"

    def __init__(self, loader: DatasetLoader) -> None:
        self.loader = loader
        self.name = loader.name
        self.report = loader.report

    def start_article(self, article: Article) -> None:
        """A new article begins; its records follow."""

    def read(self, record: LoadedRecord, line: int) -> None:
        raise NotImplementedError

    def after_article(self) -> None:
        """Write what the current article's records hold."""

    def after_file(self) -> None:
        """Write what needs the whole file."""

    def fail(self, message: str, line: int | None, field: str | None = None) -> ImportFailure:
        return ImportFailure(self.name, message, line, field)


T = TypeVar("T")


def expect(record: LoadedRecord, name: str, kind: type[T], line: int, file: str) -> T:
    """`record[name]`, which must be a `kind` (a bool is not an int)."""
    value = record.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ImportFailure(
            file,
            f"expected {kind.__name__} for {name!r}, got {type(value).__name__}.",
            line=line,
            field=name,
        )
    return value


def parse_decimal(value: object, name: str, line: int, file: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ImportFailure(
            file, f"{value!r} is not a decimal number.", line=line, field=name
        ) from None


def claim_id_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def validation_failure(exc: ValidationError, file: str, line: int, prefix: str) -> ImportFailure:
    """The first error of a model's ValidationError, naming its field after `prefix`."""
    if hasattr(exc, "error_dict"):
        name, errors = next(iter(exc.error_dict.items()))
        return ImportFailure(file, " ".join(e.messages[0] for e in errors), line, f"{prefix}{name}")
    return ImportFailure(file, " ".join(exc.messages), line, prefix.rstrip(".") or None)
