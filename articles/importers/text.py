"""Plain-text articles (.txt): a leading `date YYYY-MM-DD`, a first headline line as the title,
and the one-file import used by `load_article` and the demo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from articles import hooks
from articles.importers.base import (
    ArticleInput,
    ImportFailure,
    Parsed,
    decode_utf8,
)
from articles.language import detect_language
from articles.models import Article, Collection, normalise_text

# A plain-text article may start with its publication date: "date 2023-05-28".
LEADING_DATE = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})(?=\s|\Z)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedText:
    text: str
    published_on: date | None


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
    created_by: User | None = None,
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
            hooks.detect_figures(articles=[article])
    return article, created


def import_plain_text_file(path: Path, **kwargs: Any) -> tuple[Article, bool]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(str(path), f"cannot be read: {exc.strerror}.") from None
    return import_plain_text(data=data, name=str(path), **kwargs)


def parse_text_file(data: bytes, name: str) -> Iterator[Parsed]:
    parsed = parse_plain_text(decode_utf8(data, name), name)
    yield ArticleInput(
        name=name,
        line=None,
        text=parsed.text,
        published_on=parsed.published_on,
        headline_first=True,
    )
