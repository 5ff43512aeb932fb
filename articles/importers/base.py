"""What every importer shares: the failure that names file, line and field; the checked
ArticleInput a parser yields; the suffix-to-format table; the checks of text, dates and the fields of
a JSONL record or CSV row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from articles.models import normalise_text


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
    metadata: dict[str, object] = field(default_factory=dict)
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


def article_from_fields(record: dict[str, object], name: str, line: int) -> ArticleInput:
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
    metadata: dict[str, object] = {}
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


def clip(value: str | None, limit: int) -> str:
    """`value` on one line, cut to `limit` characters with an ellipsis."""
    value = " ".join((value or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
