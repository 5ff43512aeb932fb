"""Training data for span-labelling models: JSON Lines of `text` and `spans`, split by article.

One record per article (or, `by="sentence"`, per sentence: the detector's sentence boundaries,
claims/detection/sentences.py), each with the text and its labelled spans:

- `figure`: a figure an annotator confirmed (or corrected), with its normalised value, bounds,
  qualifier, unit and unit class;
- `not_figure`: a detector suggestion an annotator rejected, kept as a labelled negative (a
  model learns what is not a quoted figure from them).

Suggestions nobody reviewed yet are left out (they are neither). Every record carries its
article's `split` (`train`, `dev` or `test`): a hash of the seed and the article text's SHA-256
places each article, so the split is the same in every database holding the article and for
every sentence of it, and changes only with the seed or the ratios. Documented in
docs/data-format.md (`spans`), tested by loading with Hugging Face `datasets` and converting to
a spaCy `DocBin` (claims/tests/exports/test_spans.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import orjson
from django.db.models import QuerySet

from articles.models import Article
from claims.detection.sentences import Segmentation
from claims.exports.dataset import DatasetFigure, iter_article_groups
from claims.models import Claim, Figure

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "spans.jsonl"
FORMAT = "claimdesk-spans/1"

SPLITS = ("train", "dev", "test")
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})


@dataclass(frozen=True)
class SpanOptions:
    """`by`: article or sentence; `split`: the train/dev/test percentages; `seed` for the hash."""

    by: str = "article"
    split: tuple[int, int, int] = (80, 10, 10)
    seed: int = 0

    def __post_init__(self) -> None:
        if self.by not in ("article", "sentence"):
            raise ValueError(f"Unknown --by {self.by!r}; choose article or sentence.")
        if len(self.split) != 3 or any(p < 0 for p in self.split) or sum(self.split) != 100:
            raise ValueError(
                f"--split takes three percentages adding up to 100 (train/dev/test), "
                f"not {'/'.join(map(str, self.split))}."
            )


def parse_split(text: str) -> tuple[int, int, int]:
    """'80/10/10' -> (80, 10, 10); a clear error otherwise."""
    parts = text.split("/")
    try:
        numbers = tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(f"--split {text!r}: expected three whole percentages, 80/10/10.") from None
    if len(numbers) != 3:
        raise ValueError(f"--split {text!r}: expected three percentages, train/dev/test.")
    return numbers


def unit_class(unit: str) -> str:
    """count (no unit), percent, currency (an ISO 4217 code), duration, or other."""
    if not unit:
        return "count"
    if unit == "percent":
        return "percent"
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return "currency"
    return "duration" if unit.rstrip("s") in DURATIONS else "other"


def article_split(text_sha256: str, options: SpanOptions) -> str:
    """The article's split: the first 8 bytes of SHA-256(seed:text sha) as a fraction."""
    digest = hashlib.sha256(f"{options.seed}:{text_sha256}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64 * 100
    train, dev, _ = options.split
    return "train" if point < train else "dev" if point < train + dev else "test"


def span_of(figure: DatasetFigure, offset: int = 0) -> dict[str, object] | None:
    """The labelled span of a reviewed figure, offsets from `offset`; None for suggestions
    and for rejected figures an annotator added (not a detector's mistake)."""
    row = figure.row
    if row.state == Figure.State.CONFIRMED:
        label = "figure"
    elif row.state == Figure.State.REJECTED and row.origin == Figure.Origin.DETECTED:
        label = "not_figure"
    else:
        return None
    return {
        "start": row.start - offset,
        "end": row.end - offset,
        "label": label,
        "text": row.surface,
        "value": row.value,
        "lower": row.lower,
        "upper": row.upper,
        "qualifier": row.qualifier,
        "unit": row.unit,
        "unit_class": unit_class(row.unit),
        "figure_id": row.id,
    }


def sentence_runs(
    text: str, spans: list[tuple[DatasetFigure, dict[str, object]]]
) -> list[tuple[int, int]]:
    """The text's sentences (claims/detection/sentences.py), consecutive ones joined where a
    labelled figure runs across their boundary (a missed abbreviation, say): every span lies
    inside one record, none is cut or dropped."""
    runs: list[tuple[int, int]] = []
    crossing = [(f.row.start, f.row.end) for f, _ in spans]
    for start, end in Segmentation.of(text).sentences:
        # A figure starting before this sentence and ending past the run so far.
        if runs and any(a < start and b > runs[-1][1] for a, b in crossing):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def export_spans(
    claims: QuerySet[Claim],
    *,
    articles: QuerySet[Article] | None = None,
    options: SpanOptions | None = None,
    group_size: int = 200,
) -> Iterator[bytes]:
    """The records as UTF-8 JSON Lines chunks, one chunk per group of articles."""
    options = options or SpanOptions()
    if articles is None:
        articles = Article.objects.filter(pk__in=claims.values("article_id"))
    for group in iter_article_groups(articles, group_size=group_size, judgements=False):
        lines: list[bytes] = []
        for article in group.articles:
            split = article_split(article.text_sha256, options)
            figures = group.figures.get(article.id, [])
            head = {
                "format": FORMAT,
                "article_id": article.id,
                "text_sha256": article.text_sha256,
                "language": article.language,
                "split": split,
            }
            if options.by == "article":
                spans = [s for f in figures if (s := span_of(f)) is not None]
                lines.append(
                    orjson.dumps(
                        {
                            "id": str(article.id),
                            **head,
                            "sentence": None,
                            "text": article.text,
                            "spans": spans,
                        }
                    )
                )
                continue
            labelled = [(f, s) for f in figures if (s := span_of(f)) is not None]
            for index, (start, end) in enumerate(sentence_runs(article.text, labelled)):
                lines.append(
                    orjson.dumps(
                        {
                            "id": f"{article.id}:{index}",
                            **head,
                            "sentence": {"index": index, "start": start, "end": end},
                            "text": article.text[start:end],
                            "spans": [
                                span_of(f, start)
                                for f, _ in labelled
                                if f.row.start >= start and f.row.end <= end
                            ],
                        }
                    )
                )
        if lines:
            lines.append(b"")
            yield b"\n".join(lines)
