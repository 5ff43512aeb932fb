"""Getting articles in. Each importer turns a file into an Article (and runs detection).

Errors name the file and where in it the problem is; nothing is half-written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from articles.models import Article, Collection, normalise_text


class ImportFailure(ValueError):
    """An input that cannot be imported, with where and why."""

    def __init__(self, name: str, message: str, line: int | None = None) -> None:
        self.name = name
        self.line = line
        self.message = message
        where = f"{name}, line {line}" if line is not None else name
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


def title_from_text(text: str, limit: int = 120) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut + "…"


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
    with transaction.atomic():
        article, created = Article.objects.import_text(
            collection=collection,
            text=parsed.text,
            title=title or title_from_text(parsed.text),
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
