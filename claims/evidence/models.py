"""Evidence (issue 19): the primary documents a collection's claims are checked against, the
figures found in them, and reviewers' decisions on a claim figure's evidence.

Part of the `claims` app (app label `claims`, migration claims 0012): `claims/models.py`
imports these models back, so `claims.models.EvidenceDocument` is the same class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models import Claim, Figure

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _evidence_upload_to(document: EvidenceDocument, filename: str) -> str:
    return f"evidence/{document.collection_id}/{filename}"


class EvidenceDocument(models.Model):
    """A primary document (a regulator's statement, a statistics table) a collection's claims
    are checked against: its extracted text and, in `figures`, every figure found in it.

    Attached by claims/evidence/store.py (`document_attach`), which extracts everything
    before it stores anything: a document is stored ready, with all its figures, or not at all.
    """

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "Web page"
        DOCX = "docx", "Word document"
        CSV = "csv", "CSV table"
        XLSX = "xlsx", "Excel workbook"
        TEXT = "text", "Plain text"

    class Status(models.TextChoices):
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    collection = models.ForeignKey(
        "articles.Collection", models.CASCADE, related_name="evidence_documents"
    )
    claims = models.ManyToManyField(
        Claim,
        blank=True,
        related_name="evidence_documents",
        help_text="Claims this document was attached to as their primary source.",
    )
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to=_evidence_upload_to, max_length=500, blank=True)
    source_url = models.URLField(max_length=2000, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, help_text="Digest of the file's bytes.")
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes.")
    text = models.TextField(
        blank=True, help_text="The extracted text, NFC, pages separated by a form feed."
    )
    language = models.CharField(max_length=16, blank=True, help_text="BCP 47 code, e.g. en, zh.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.READY)
    error = models.TextField(blank=True)
    pages = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["collection", "-created_at", "pk"]
        constraints = [
            # Attaching the same file twice to a collection reuses the stored document.
            models.UniqueConstraint(
                fields=["collection", "sha256"],
                condition=~Q(sha256=""),
                name="evidencedocument_unique_file",
                violation_error_message="This file is already attached to the collection.",
            ),
            models.CheckConstraint(
                condition=Q(status="ready") | ~Q(error=""),
                name="evidencedocument_failed_says_why",
                violation_error_message="A failed document needs its error.",
            ),
        ]
        indexes = [
            # Matching and the collection's evidence list read its ready documents.
            models.Index(fields=["collection", "status"], name="evidencedoc_coll_status"),
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceFigure(models.Model):
    """A figure found in an evidence document, with where it is (`locator`) and the passage
    or table row it was read from (`quote`).

    A locator is `{"page", "line", "start", "end"}` for running text (start/end: code points
    into the document's text) and `{"page" or "sheet", "table", "row", "column",
    "row_header", "column_header"}` for a table cell (1-based row and column).
    """

    document = models.ForeignKey(EvidenceDocument, models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField(help_text="Order of the figure in the document.")
    locator = models.JSONField(default=dict)
    surface = models.CharField(max_length=300)
    value = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    lower = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    upper = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    qualifier = models.CharField(
        max_length=16, choices=Figure.Qualifier.choices, default=Figure.Qualifier.EXACT
    )
    unit = models.CharField(max_length=32, blank=True)
    counted = models.CharField(max_length=300, blank=True)
    quote = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            # A document's figures are stored once, in document order.
            models.UniqueConstraint(
                fields=["document", "position"], name="evidencefigure_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True) | Q(lower__lte=F("upper")),
                name="evidencefigure_lower_not_above_upper",
                violation_error_message="Lower bound must not be above the upper bound.",
            ),
        ]
        indexes = [
            # Matching looks candidates up by unit and value (claims/evidence/matching.py).
            models.Index(fields=["unit", "value"], name="evidencefigure_unit_value"),
        ]

    def __str__(self) -> str:
        return self.surface


class Evidence(models.Model):
    """A reviewer's decision on what a document says about one figure of a claim."""

    class Outcome(models.TextChoices):
        SUPPORTED = "supported", "Supported"
        CONTRADICTED = "contradicted", "Contradicted"
        NOT_FOUND = "not_found", "Not found"

    claim = models.ForeignKey(Claim, models.CASCADE, related_name="evidence")
    figure = models.ForeignKey(
        Figure, models.CASCADE, related_name="evidence", help_text="The claim's figure."
    )
    document_figure = models.ForeignKey(
        EvidenceFigure,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        help_text="The document's figure; empty when nothing was found.",
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()  # review workflow (issue 5): who decided what, when

    class Meta:
        ordering = ["claim", "figure"]
        verbose_name_plural = "evidence"
        constraints = [
            # One decision per figure of a claim: check_evidence and the workspace look it up
            # by (claim, figure); deciding again replaces it (history keeps the old one).
            models.UniqueConstraint(fields=["claim", "figure"], name="evidence_claim_figure"),
            # Supported or contradicted names the document figure that says so.
            models.CheckConstraint(
                condition=Q(outcome="not_found") | Q(document_figure__isnull=False),
                name="evidence_names_its_figure",
                violation_error_message="Supported or contradicted needs the document's figure.",
            ),
        ]
        indexes = [
            # A document's page lists the decisions that rest on its figures.
            models.Index(fields=["document_figure"], name="evidence_document_figure"),
        ]

    def __str__(self) -> str:
        return f"claim {self.claim_id} figure {self.figure_id}: {self.outcome}"

    @classmethod
    def decide(
        cls,
        *,
        claim: Claim,
        figure: Figure,
        document_figure: EvidenceFigure | None,
        outcome: str,
        reason: str,
        by: User,
    ) -> Evidence:
        """A reviewer's decision on one figure of `claim` (the evidence page and the API),
        replacing an earlier one (its history keeps it). Rejecting a suggestion (not found)
        keeps no document figure."""
        evidence, _ = cls.objects.update_or_create(
            claim=claim,
            figure=figure,
            defaults={
                "document_figure": None if outcome == cls.Outcome.NOT_FOUND else document_figure,
                "outcome": outcome,
                "reason": reason,
                "decided_by": by,
                "decided_at": timezone.now(),
            },
        )
        return evidence


class StoredMatches(models.Model):
    """Per article, the suggested evidence of each figure of its claims (matching.py), so the
    pages, `check_evidence` and the exports read it instead of matching again
    (claims/evidence/suggestions.py).

    Current while computed at the article's version (`StoredFindings.version`, which the
    database triggers of migration claims 0010 bump on every write to its figures, claims and
    claim figures), against the same documents (`documents_key`, a digest of the collection's
    ready documents, their figures and the claims they are attached to) and by the same code
    (`engine`); otherwise it is matched again when next read.
    """

    article = models.OneToOneField(
        "articles.Article", models.CASCADE, primary_key=True, related_name="+"
    )
    computed_version = models.BigIntegerField()
    documents_key = models.CharField(max_length=64)
    engine = models.CharField(max_length=64)
    matches = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "stored matches"

    def __str__(self) -> str:
        return f"evidence matches of article {self.article_id}"
