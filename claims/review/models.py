"""Review workflow (issue 5): each annotator's judgement of a figure.

Part of the `claims` app (app label `claims`): `claims/models.py` imports these models back,
so `claims.models.FigureJudgement` is the same class.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypedDict, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims.models import Figure
from core.locking import save_version


class Reading(TypedDict):
    """Her reading of a figure: FigureJudgement.COPIED's names, her judgement or the figure's."""

    state: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str


def _reading(values: Iterable[object], state: str | None = None) -> Reading:
    """A Reading from the values of FigureJudgement.COPIED in order, `state` replacing theirs."""
    reading = cast(Reading, dict(zip(FigureJudgement.COPIED, values, strict=True)))
    if state is not None:
        reading["state"] = state
    return reading


def reading_of(figure: Figure) -> Reading:
    """The figure's own reading, as the shared working copy has it."""
    return _reading(getattr(figure, name) for name in FigureJudgement.COPIED)


class FigureJudgementQuerySet(models.QuerySet["FigureJudgement"]):
    def record(self, figure: Figure, *, annotator: User) -> FigureJudgement:
        """Store `annotator`'s judgement of `figure` as the figure now reads.

        Called by the workspace after an annotator confirms, rejects, corrects or adds a
        figure: the shared figure is the working copy everyone sees, the judgement is what
        this annotator decided, which agreement compares and curation can pick.
        """
        values = {name: getattr(figure, name) for name in FigureJudgement.COPIED}
        judgement, created = self.get_or_create(figure=figure, annotator=annotator, defaults=values)
        if not created:
            changed = [n for n, v in values.items() if getattr(judgement, n) != v]
            if changed:
                for name in changed:
                    setattr(judgement, name, values[name])
                judgement.save(update_fields=[*changed, "updated_at"])
        return judgement

    def record_many(self, figures: models.QuerySet[Figure], *, annotator: User) -> None:
        """`record` for many figures (the back-office's bulk decisions): her judgements
        created or brought up to date in bulk, with their history, whatever the number."""
        copied = FigureJudgement.COPIED
        now = timezone.now()
        mine = {j.figure_id: j for j in self.filter(annotator=annotator, figure__in=figures)}
        new, changed = [], []
        for figure in figures.only("pk", *copied):
            values = {name: getattr(figure, name) for name in copied}
            judgement = mine.get(figure.pk)
            if judgement is None:
                new.append(FigureJudgement(figure=figure, annotator=annotator, **values))
            elif any(getattr(judgement, n) != v for n, v in values.items()):
                for name, value in values.items():
                    setattr(judgement, name, value)
                judgement.updated_at = now
                changed.append(judgement)
        bulk_create_with_history(new, FigureJudgement, batch_size=500, default_user=annotator)
        bulk_update_with_history(
            changed,
            FigureJudgement,
            [*copied, "updated_at"],
            batch_size=500,
            default_user=annotator,
        )

    def readings(self, annotator: User, figures: models.QuerySet[Figure]) -> dict[int, Reading]:
        """How `annotator` reads each of `figures`, for the blind workspace: her judgement, or
        where she has none yet, the figure as it was first stored (the detector's reading)
        with state suggested. Figures with neither are left out (the caller shows them as
        they are). Two queries, whatever the number of figures.
        """
        copied = FigureJudgement.COPIED
        readings: dict[int, Reading] = {}
        created = (
            Figure.history.model.objects.filter(id__in=figures.values("pk"), history_type="+")
            .order_by("history_id")
            .values_list("id", *copied)
        )
        for pk, *values in created:
            readings.setdefault(pk, _reading(values, Figure.State.SUGGESTED))
        own = self.filter(annotator=annotator, figure__in=figures.values("pk"))
        for pk, *values in own.values_list("figure_id", *copied):
            readings[pk] = _reading(values)
        return readings

    def reading(self, annotator: User, figure: Figure) -> Reading:
        """`readings` of one figure; the figure as it is where nothing else is known."""
        found = self.readings(annotator, Figure.objects.filter(pk=figure.pk)).get(figure.pk)
        if found is None:
            found = reading_of(figure)
            found["state"] = Figure.State.SUGGESTED
        return found


class FigureJudgement(models.Model):
    """One annotator's reading of a figure: confirmed or rejected, with value and qualifier.

    Figures are shared per article (one row per span, the detector's suggestions included);
    on a double-annotated article each annotator's decision about a figure is kept here, so
    two annotators who read "more than 1.4 million" differently both stay on record.
    """

    COPIED = ("state", "value", "lower", "upper", "qualifier", "unit", "counted")

    figure = models.ForeignKey(Figure, models.CASCADE, related_name="judgements")
    annotator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="figure_judgements"
    )
    state = models.CharField(max_length=16, choices=Figure.State.choices)
    value = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    lower = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    upper = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    qualifier = models.CharField(max_length=16, choices=Figure.Qualifier.choices)
    unit = models.CharField(max_length=32, blank=True)
    counted = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FigureJudgementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["figure", "annotator"]
        constraints = [
            # One judgement per annotator and figure: record() updates it in place.
            models.UniqueConstraint(fields=["figure", "annotator"], name="figurejudgement_unique"),
        ]
        indexes = [
            # Agreement reads the judgements of an annotator.
            models.Index(fields=["annotator", "figure"], name="figurejudgement_annotator"),
        ]

    def __str__(self) -> str:
        return f"{self.figure_id} by {self.annotator_id}: {self.state}"

    @transaction.atomic
    def adopt(self, *, by: User | None) -> Figure:
        """Curation: make the shared figure read as this judgement (state, value, qualifier…)."""
        figure = Figure.objects.select_for_update().get(pk=self.figure_id)
        changed = [n for n in self.COPIED if getattr(figure, n) != getattr(self, n)]
        if changed:
            for name in changed:
                setattr(figure, name, getattr(self, name))
            # simple-history reads these two off the instance; they are not model fields.
            figure._history_user = by
            figure._change_reason = f"kept judgement of annotator {self.annotator_id}"
            save_version(figure, *changed)
        return figure
