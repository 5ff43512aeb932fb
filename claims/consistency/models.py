"""Consistency findings (issue 7): reviewers' decisions on findings and the findings stored per
article.

Part of the `claims` app (app label `claims`): `claims/models.py` imports these models back,
so `claims.models.FindingDecision` is the same class.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models import Article
from claims.models import ClaimLink


class FindingDecision(models.Model):
    """A reviewer's decision on a consistency finding, kept across re-checks.

    Findings are computed, not stored (claims/consistency/); a decision is stored under the
    finding's stable key, its kind and sorted figure ids ("contradiction:12,15"), so a
    dismissed finding stays dismissed however often the article is checked again.
    """

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    collection = models.ForeignKey(
        "articles.Collection", models.CASCADE, related_name="finding_decisions"
    )
    key = models.CharField(max_length=500, help_text="Kind and sorted figure ids.")
    kind = models.CharField(max_length=32)
    decision = models.CharField(max_length=16, choices=Decision.choices)
    link = models.ForeignKey(
        ClaimLink,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The link made when the finding was accepted.",
    )
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "pk"]
        constraints = [
            # One decision per finding: reports look decisions up by key.
            models.UniqueConstraint(fields=["key"], name="findingdecision_key_unique"),
        ]
        indexes = [
            # The collection report lists a collection's dismissed findings.
            models.Index(fields=["collection", "decision"], name="findingdecision_coll_dec"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.decision}"


class StoredFindings(models.Model):
    """The consistency findings within one article, stored so that exports and the workspace
    read them instead of recomputing them (claims/consistency/store.py).

    `version` is bumped by database triggers (migration 0010) on every insert, update or
    delete of the article's figures, claims, claim figures and links touching its claims, and
    on a change of its text: whatever writes (forms, the API, the admin, bulk imports, raw
    SQL). The stored `findings` are current while `computed_version` equals `version`, the
    `engine` (a digest of the consistency code) is today's and every article in `depends_on`
    (linked claims elsewhere) still has the version it had. A reviewer's decision is not part
    of it: decisions are read live.
    """

    # No foreign key constraint: the triggers write rows while Django deletes an article's
    # figures before the article; a trigger on the article's delete removes its row.
    article = models.OneToOneField(
        Article,
        models.DO_NOTHING,
        primary_key=True,
        db_constraint=False,
        related_name="+",
    )
    version = models.BigIntegerField(default=1, db_default=1)
    computed_version = models.BigIntegerField(null=True, blank=True)
    engine = models.CharField(max_length=64, blank=True, default="", db_default="")
    findings = models.JSONField(null=True, blank=True)
    depends_on = models.JSONField(
        null=True, blank=True, help_text="Article id -> the version its findings were read at."
    )
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "stored findings"

    def __str__(self) -> str:
        return f"findings of article {self.article_id} (version {self.version})"


# --- Review workflow (issue 5): each annotator's judgement of a figure ------------------------
