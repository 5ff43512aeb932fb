"""Readers of `figure` and `judgement` records (claimdesk/2) for `import_dataset`.

Figures are matched by span within their article; a new one is created with the users and
the history its record describes (the detector's first reading, then a change by who decided
it). The figure index (`FigureReader.figures`, by span; `figure_ids`, exported id -> id here)
is what the claim, judgement and finding readers look figures up in. Judgements keep their
times; one already stored for the figure and annotator is kept as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from claims.exports.dataset import READING_FIELDS
from claims.exports.load_base import RecordReader, expect, parse_decimal, validation_failure
from claims.models import Figure, FigureJudgement
from core.types import LoadedRecord

if TYPE_CHECKING:
    from claims.exports.load import DatasetLoader
    from claims.review.models import Reading


@dataclass
class _PendingFigure:
    """What a `figure` record adds to a new figure: its users and the detector's reading."""

    created_by: str | None
    decided_by: str | None
    detected: LoadedRecord | None  # checked field by field when stored


class FigureReader(RecordReader):
    """`figure` records of the current article: every figure, whatever its state; also the
    figures a claim record names (claimdesk/1 files have no figure records)."""

    type = "figure"
    since = "claimdesk/2"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        self.figures: dict[tuple[int, int], Figure] = {}  # the current article's, by span
        self.new_figures: dict[tuple[int, int], Figure] = {}
        # The current article's figures by exported id, resolved to ids here after it.
        self.figure_spans: dict[int, tuple[int, int]] = {}
        self.figure_ids: dict[int, int] = {}  # exported figure id -> figure id here
        self.figure_extras: dict[tuple[int, int], _PendingFigure] = {}

    def start_article(self, article: Article) -> None:
        self.figures = {(f.start, f.end): f for f in Figure.objects.filter(article=article)}
        self.new_figures = {}

    def read(self, record: LoadedRecord, line: int) -> None:
        loader = self.loader
        article = loader.current(line, "figure")
        old_article = record.get("article_id")
        if loader.articles.get(old_article if isinstance(old_article, int) else -1) is not article:
            raise self.fail(
                f"refers to article {old_article!r}, not the one before it.", line, "article_id"
            )
        expect(record, "id", int, line, self.name)
        key = self.figure(record, line)
        detected = record.get("detected")
        if detected is not None and not isinstance(detected, dict):
            raise self.fail("expected null or an object.", line, "detected")
        if key in self.new_figures and key not in self.figure_extras:
            self.new_figures[key].created_by = loader.user(
                record.get("created_by"), line, "created_by"
            )
            loader.user(record.get("decided_by"), line, "decided_by")
            if detected is not None:
                for name in ("value", "lower", "upper"):
                    parse_decimal(detected.get(name), f"detected.{name}", line, self.name)
            self.figure_extras[key] = _PendingFigure(
                record.get("created_by"), record.get("decided_by"), detected
            )
        elif key in self.figures:
            self.report.figures_existing += 1

    def figure(self, value: object, line: int) -> tuple[int, int]:
        """The span of a figure (a figure record, or a claim's figure), made when new."""
        article = self.loader.article
        assert article is not None
        if not isinstance(value, dict):
            raise self.fail("each figure must be an object.", line, "figures")
        start = expect(value, "start", int, line, self.name)
        end = expect(value, "end", int, line, self.name)
        key = (start, end)
        old_id = value.get("id")
        if isinstance(old_id, int) and not isinstance(old_id, bool):
            self.figure_spans.setdefault(old_id, key)
        if key in self.figures or key in self.new_figures:
            return key
        figure = Figure(
            article=article,
            start=start,
            end=end,
            surface=value.get("surface") or "",
            value=parse_decimal(value.get("value"), "figures.value", line, self.name),
            lower=parse_decimal(value.get("lower"), "figures.lower", line, self.name),
            upper=parse_decimal(value.get("upper"), "figures.upper", line, self.name),
            qualifier=value.get("qualifier") or Figure.Qualifier.EXACT,
            unit=value.get("unit") or "",
            counted=value.get("counted") or "",
            state=value.get("state") or Figure.State.SUGGESTED,
            origin=value.get("origin") or Figure.Origin.MANUAL,
            created_by=self.loader.created_by,
        )
        try:
            figure.clean_fields(exclude=["article", "created_by"])
            figure.clean()
        except ValidationError as exc:
            raise validation_failure(exc, self.name, line, "figures.") from None
        self.new_figures[key] = figure
        return key

    def check_claim_figures(self, figures: list[object], line: int) -> None:
        """claimdesk/2: a claim's figures are figure records of its article, by id and span."""
        for value in figures:
            record = value if isinstance(value, dict) else {"start": "?", "end": "?"}
            old_id = record.get("id")
            span = self.figure_spans.get(old_id) if isinstance(old_id, int) else None
            if span is None or span != (record.get("start"), record.get("end")):
                raise self.fail(
                    f"figure {old_id!r} is not a figure record of this article at "
                    f"{record.get('start')}:{record.get('end')}.",
                    line,
                    "figures.id",
                )

    def after_article(self) -> None:
        """The article's new figures, in the order of their exported ids (so the new ids keep
        their relative order), with their history; then every exported id resolved."""
        if not (self.new_figures or self.figure_spans):
            return
        old_ids = {span: old for old, span in self.figure_spans.items()}
        ordered = sorted(
            self.new_figures.items(), key=lambda item: old_ids.get(item[0], float("inf"))
        )
        created_figures = Figure.objects.bulk_create([figure for _, figure in ordered])
        self.report.figures_created += len(created_figures)
        self.add_figure_history(ordered)
        self.figures.update(self.new_figures)
        self.new_figures = {}
        self.figure_extras = {}
        self.figure_ids.update(
            {old: self.figures[span].pk for old, span in self.figure_spans.items()}
        )
        self.figure_spans = {}

    def add_figure_history(self, created: list[tuple[tuple[int, int], Figure]]) -> None:
        """The history a figure record describes: a first row with the detector's reading
        (state suggested; the figure as it is for one added by hand), then a change by who
        decided it. A figure the export found no first reading of gets no first row."""
        first: list[Figure] = []
        changed: list[Figure] = []
        for key, figure in created:
            extra = self.figure_extras.get(key)
            if extra is None:
                continue
            if figure.origin == Figure.Origin.MANUAL or extra.detected is not None:
                row = Figure(
                    pk=figure.pk,
                    article_id=figure.article_id,
                    start=figure.start,
                    end=figure.end,
                    surface=figure.surface,
                    created_by=figure.created_by,
                    origin=figure.origin,
                    state=figure.state,
                    value=figure.value,
                    lower=figure.lower,
                    upper=figure.upper,
                    qualifier=figure.qualifier,
                    unit=figure.unit,
                    counted=figure.counted,
                    version=1,
                    created_at=figure.created_at,
                    updated_at=figure.updated_at,
                )
                if extra.detected is not None:
                    row.state = Figure.State.SUGGESTED
                    for name in READING_FIELDS:
                        value = extra.detected.get(name)
                        if name in ("value", "lower", "upper"):
                            value = parse_decimal(value, name, 0, self.name)
                        setattr(
                            row,
                            name,
                            value
                            if value is not None or name in ("value", "lower", "upper")
                            else "",
                        )
                # simple-history's bulk helpers read `_history_user` off each instance.
                row._history_user = figure.created_by
                first.append(row)
            if extra.decided_by is not None:
                figure._history_user = self.loader.users[extra.decided_by]
                changed.append(figure)
        history = Figure.history
        now = timezone.now()
        if first:
            history.bulk_history_create(first, default_date=now, default_change_reason="import")
        if changed:
            history.bulk_history_create(
                changed, update=True, default_date=now, default_change_reason="import"
            )


class JudgementReader(RecordReader):
    """`judgement` records: one per figure and annotator, after the figure's record."""

    type = "judgement"
    since = "claimdesk/2"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        # (line, exported figure id, annotator, reading, created_at, updated_at)
        self.pending: list[
            tuple[int, int, str, Reading, dt.datetime | None, dt.datetime | None]
        ] = []

    def read(self, record: LoadedRecord, line: int) -> None:
        loader = self.loader
        loader.current(line, "judgement")
        figure_id = expect(record, "figure_id", int, line, self.name)
        if figure_id not in loader.reader(FigureReader).figure_spans:
            raise self.fail(
                f"refers to figure {figure_id}, which no figure record before it is.",
                line,
                "figure_id",
            )
        annotator = expect(record, "annotator", str, line, self.name)
        loader.user(annotator, line, "annotator")
        state = record.get("state")
        if state not in Figure.State.values:
            raise self.fail(f"{state!r} is not a figure state.", line, "state")
        value, lower, upper = (
            parse_decimal(record.get(name), name, line, self.name)
            for name in ("value", "lower", "upper")
        )
        qualifier = record.get("qualifier") or Figure.Qualifier.EXACT
        if qualifier not in Figure.Qualifier.values:
            raise self.fail(f"{qualifier!r} is not a qualifier.", line, "qualifier")
        reading: Reading = {
            "state": state,
            "value": value,
            "lower": lower,
            "upper": upper,
            "qualifier": qualifier,
            "unit": record.get("unit") or "",
            "counted": record.get("counted") or "",
        }
        self.pending.append(
            (
                line,
                figure_id,
                annotator,
                reading,
                loader.datetime(record.get("created_at"), line, "created_at"),
                loader.datetime(record.get("updated_at"), line, "updated_at"),
            )
        )

    def after_article(self) -> None:
        """The current article's judgements: one per figure and annotator; one already here
        is kept as it is. Their times are the file's."""
        if not self.pending:
            return
        figure_ids = self.loader.reader(FigureReader).figure_ids
        users = self.loader.users
        wanted = {figure_ids[old] for _, old, *_ in self.pending}
        existing = set(
            FigureJudgement.objects.filter(figure_id__in=wanted).values_list(
                "figure_id", "annotator_id"
            )
        )
        made: list[FigureJudgement] = []
        times = []
        for _line, old, username, reading, created_at, updated_at in self.pending:
            figure_id, user = figure_ids[old], users[username]
            if (figure_id, user.pk) in existing:
                self.report.judgements_existing += 1
                continue
            existing.add((figure_id, user.pk))
            made.append(FigureJudgement(figure_id=figure_id, annotator=user, **reading))
            times.append((created_at, updated_at))
        FigureJudgement.objects.bulk_create(made)
        # bulk_create stamps auto_now fields with now; the file's times are put back.
        for judgement, (created_at, updated_at) in zip(made, times, strict=True):
            judgement.created_at = created_at or judgement.created_at
            judgement.updated_at = updated_at or judgement.updated_at
        FigureJudgement.objects.bulk_update(made, ["created_at", "updated_at"], batch_size=500)
        self.report.judgements_created += len(made)
        self.pending = []
