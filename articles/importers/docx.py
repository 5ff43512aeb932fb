"""Word documents (.docx), read like a plain-text file."""

from __future__ import annotations

import io
from collections.abc import Iterator

from articles.importers.base import (
    ArticleInput,
    ImportFailure,
    Parsed,
    clip,
)
from articles.importers.text import parse_plain_text


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
    metadata: dict[str, object] = {"source_format": "docx"}
    if properties.author:
        metadata["docx_author"] = properties.author
    yield ArticleInput(
        name=name,
        line=None,
        text=parsed.text,
        title=clip(properties.title, 500),
        published_on=parsed.published_on,
        language=clip(properties.language, 16),
        metadata=metadata,
    )
