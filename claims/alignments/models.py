"""The stored alignment of a related pair of articles (issue 18)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from articles.models import ArticleRelation


class RelationAlignment(models.Model):
    """When the figures of a relation were last aligned, and from what: `digest` covers both
    texts, both articles' figures (ids, spans, states) and the alignment code, so the pair is
    aligned again only when one of those changed (claims/alignments/store.py)."""

    relation = models.OneToOneField(
        ArticleRelation, models.CASCADE, primary_key=True, related_name="alignment"
    )
    digest = models.CharField(max_length=64, blank=True)
    original_language = models.CharField(max_length=16, blank=True)
    derived_language = models.CharField(max_length=16, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"alignment of {self.relation}"


class FigureAlignment(models.Model):
    """One figure of the derived article with the figure of the original it renders (one
    side empty for a figure with no counterpart), and what changed between them.

    Computed from `compare_texts` (origin `computed`) or set by a reviewer (`by_hand`, kept
    when the pair is aligned again). One row per figure and side: one-to-one.
    """

    class Origin(models.TextChoices):
        COMPUTED = "computed", "Computed"
        BY_HAND = "by_hand", "By hand"

    class Change(models.TextChoices):
        NONE = "", "No change"
        VALUE = "value", "Value changed"
        SCALE = "scale", "Scale slip"
        HEDGE = "hedge", "Hedge changed"
        RANGE = "range", "Range collapsed"
        MISSING = "missing", "Missing from the translation"
        ADDED = "added", "Not in the original"
        NOUN = "noun", "Counted noun changed"
        EVENT = "event", "Event changed"

    relation = models.ForeignKey(ArticleRelation, models.CASCADE, related_name="figure_alignments")
    derived_figure = models.ForeignKey(
        "claims.Figure", models.CASCADE, null=True, blank=True, related_name="+"
    )
    original_figure = models.ForeignKey(
        "claims.Figure", models.CASCADE, null=True, blank=True, related_name="+"
    )
    change = models.CharField(max_length=8, choices=Change.choices, blank=True, default="")
    # Further changes of the same pair (a value and an event changed): "event,noun".
    also = models.CharField(max_length=64, blank=True, default="")
    weak = models.BooleanField(default=False, help_text="A noun or event change: a weaker signal.")
    explanation = models.CharField(max_length=500, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.COMPUTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["relation", "pk"]
        constraints = [
            # One-to-one: a figure is on at most one row of a relation, on each side.
            models.UniqueConstraint(
                fields=["relation", "derived_figure"],
                condition=models.Q(derived_figure__isnull=False),
                name="figurealignment_derived_once",
            ),
            models.UniqueConstraint(
                fields=["relation", "original_figure"],
                condition=models.Q(original_figure__isnull=False),
                name="figurealignment_original_once",
            ),
            models.CheckConstraint(
                condition=models.Q(derived_figure__isnull=False)
                | models.Q(original_figure__isnull=False),
                name="figurealignment_one_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.derived_figure_id} ↔ {self.original_figure_id}"


# What an export writes of each row, the figures by span (claims/exports/relations.py, the
# CSV's --rows alignments): one list for both.
EXPORTED_FIELDS = (
    "derived_figure__start",
    "derived_figure__end",
    "original_figure__start",
    "original_figure__end",
    "change",
    "also",
    "weak",
    "explanation",
    "origin",
)
