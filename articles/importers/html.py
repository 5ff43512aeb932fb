"""Web pages (.html): the main text and metadata as trafilatura reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from articles.importers.base import (
    ArticleInput,
    ImportFailure,
    Parsed,
    check_text,
    clip,
)

_HTML_LANG = re.compile(
    rb"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)", re.I
)


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
        title=clip(document.title, 500),
        url=url,
        outlet=clip(document.sitename, 200),
        byline=clip(document.author, 500),
        published_on=published_on,
        language=clip(language, 16),
        metadata=metadata,
    )
