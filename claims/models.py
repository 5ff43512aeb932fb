"""Sources, the figures quoted in articles, the claims made with them, tags and links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models import Article, Collection
from core.locking import bump_versions, lock_new_versions, save_version

if TYPE_CHECKING:
    from claims.detection import DetectedFigure


def _check_span(
    article: Article | None, start: int | None, end: int | None, text_field: str, text: str
) -> tuple[dict[str, str], str]:
    """Errors for a (start, end) span of `article`, and the text it covers.

    Shared by figures (surface) and claims (quote): offsets are Unicode code points into
    the stored article text, end exclusive.
    """
    errors: dict[str, str] = {}
    if article is None or start is None or end is None:
        return errors, text
    length = len(article.text)
    if start < 0:
        errors["start"] = f"Start must be 0 or more (got {start})."
    elif start >= length:
        errors["start"] = (
            f"Start {start} is past the end of the article text ({length} characters)."
        )
    if end <= start:
        errors["end"] = f"End ({end}) must be greater than start ({start})."
    elif end > length:
        errors["end"] = f"End {end} is past the end of the article text ({length} characters)."
    if errors:
        return errors, text
    covered = article.text[start:end]
    if not text:
        return errors, covered
    if text != covered:
        errors[text_field] = (
            f"The {text_field} must be the article text at {start}:{end}, "
            f"which is {covered!r}, not {text!r}."
        )
    return errors, text


class Source(models.Model):
    """Who a figure or claim is attributed to."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        REGULATOR = "regulator", "Regulator"
        NEWS_AGENCY = "news_agency", "News agency"
        NEWS_OUTLET = "news_outlet", "News outlet"
        COMPANY = "company", "Company"
        NGO = "ngo", "NGO"
        RESEARCH = "research", "Research body"
        PERSON = "person", "Person"
        DOCUMENT = "document", "Document"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField(max_length=2000, blank=True)
    aliases = models.TextField(
        blank=True, help_text="Other names this source is cited by, one per line (e.g. CAC)."
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one belongs to (a regulator belongs to a government).",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Review workflow (issue 5): who changed what, when; revertible from the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # One source per name, whatever the case: "Reuters" and "reuters" are the same.
            models.UniqueConstraint(
                Lower("name"),
                name="source_name_unique_ci",
                violation_error_message="A source with this name already exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        if self.parent_id is not None and self.pk is not None:
            seen = {self.pk}
            parent = self.parent
            while parent is not None:
                if parent.pk in seen:
                    raise ValidationError({"parent": "A source cannot be its own ancestor."})
                seen.add(parent.pk)
                parent = parent.parent


class Tag(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    colour = models.CharField(
        max_length=7,
        default="#6b7280",
        help_text="A hex colour such as #d97706.",
    )
    description = models.TextField(blank=True)
    key = models.CharField(
        max_length=1, blank=True, help_text="Keyboard key that applies this tag in the workspace."
    )
    collection = models.ForeignKey(
        "articles.Collection",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="tags",
        help_text="Leave empty for a tag every collection can use.",
    )

    history = HistoricalRecords()  # review workflow (issue 5)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "slug"], name="tag_slug_unique_in_collection"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(collection__isnull=True),
                name="tag_slug_unique_global",
                violation_error_message="A global tag with this slug already exists.",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="tag_colour_hex",
                violation_error_message="Colour must be a hex colour such as #d97706.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FigureQuerySet(models.QuerySet["Figure"]):
    def suggested(self) -> FigureQuerySet:
        return self.filter(state=Figure.State.SUGGESTED)

    def confirmed(self) -> FigureQuerySet:
        return self.filter(state=Figure.State.CONFIRMED)


class Figure(models.Model):
    """A quoted figure in an article, with its normalised value and bounds."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exact"
        APPROX = "approx", "about"
        APPROX_BELOW = "approx_below", "nearly"
        MORE_THAN = "more_than", "more than"
        LESS_THAN = "less_than", "less than"
        AT_LEAST = "at_least", "at least"
        AT_MOST = "at_most", "up to"
        RANGE = "range", "range"
        VAGUE = "vague", "vague"

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    class Origin(models.TextChoices):
        DETECTED = "detected", "Detected"
        MANUAL = "manual", "Manual"

    article = models.ForeignKey(Article, models.CASCADE, related_name="figures")
    start = models.PositiveIntegerField(help_text="Code-point offset of the first character.")
    end = models.PositiveIntegerField(help_text="Code-point offset just past the last character.")
    surface = models.TextField(
        blank=True, help_text="The text at start:end; filled in from the article when left empty."
    )
    value = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    lower = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    upper = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT)
    unit = models.CharField(
        max_length=32,
        blank=True,
        help_text="percent, an ISO 4217 code such as USD, year, or empty.",
    )
    counted = models.CharField(
        max_length=300, blank=True, help_text="What is counted, e.g. accounts."
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.SUGGESTED)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MANUAL)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FigureQuerySet.as_manager()
    history = HistoricalRecords()  # review workflow (issue 5)
    # Read by simple-history off an instance when it writes the historical row (who, and
    # why): set only for that save, never fields. Annotations only, no class-level value:
    # simple-history looks for the attribute and falls back to the request's user without it.
    _history_user: User | None
    _change_reason: str

    class Meta:
        ordering = ["article", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="figure_start_before_end",
                violation_error_message="End must be greater than start.",
            ),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True) | Q(lower__lte=F("upper")),
                name="figure_lower_not_above_upper",
                violation_error_message="Lower bound must not be above the upper bound.",
            ),
            # Detection never stores the same span twice.
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                name="figure_span_unique",
                violation_error_message="This article already has a figure at exactly this span.",
            ),
        ]
        indexes = [
            # The workspace and exports read an article's figures in text order.
            models.Index(fields=["article", "state"], name="figure_article_state"),
            # Scale (issue 8): the back-office's unit filter lists units one index probe
            # each (core/admin.py), not a DISTINCT over millions of figures.
            models.Index(fields=["unit"], name="figure_unit"),
        ]

    def __str__(self) -> str:
        return self.surface

    @property
    def is_numeric(self) -> bool:
        return self.value is not None or self.lower is not None or self.upper is not None

    def clean(self) -> None:
        article = self.article if self.article_id else None
        errors, self.surface = _check_span(article, self.start, self.end, "surface", self.surface)
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            errors["upper"] = f"Upper bound {self.upper} is below the lower bound {self.lower}."
        if self.qualifier == Figure.Qualifier.RANGE and (self.lower is None or self.upper is None):
            errors.setdefault("lower", "A range needs both a lower and an upper bound.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_detected(cls, article: Article, detected: DetectedFigure, **fields: object) -> Figure:
        """An unsaved figure of `article` from a claims.detection.DetectedFigure."""
        return cls(
            article=article,
            start=detected.start,
            end=detected.end,
            surface=detected.surface,
            value=detected.value,
            lower=detected.lower,
            upper=detected.upper,
            qualifier=detected.qualifier,
            unit=detected.unit,
            counted=detected.counted[:300],
            origin=cls.Origin.DETECTED,
            **fields,
        )

    def set_state(self, state: str) -> None:
        self.state = state
        save_version(self, "state")

    def take_reading(self, reading: Mapping[str, object]) -> None:
        """Make one annotator's reading (state, value, bounds, qualifier, unit, counted, or some
        of them) the shared working copy: on a double-annotated article the figure holds the
        reading of whoever decided on it last, and each annotator's own stays in her
        FigureJudgement."""
        changed = {name: value for name, value in reading.items() if getattr(self, name) != value}
        for name, value in changed.items():
            setattr(self, name, value)
        save_version(self, *changed)


class ClaimQuerySet(models.QuerySet["Claim"]):
    def for_collection(self, collection: Collection) -> ClaimQuerySet:
        return self.filter(article__collection=collection)

    def approve(self, *, by: User | None) -> int:
        """Approve every claim in the queryset not created by `by`; returns how many.

        Recorded in each claim's history (who, when, "approved") in a fixed number of
        queries, whatever the number of claims.
        """
        return self._review(by=by, status=Claim.Status.APPROVED, reason="")

    def reject(self, *, by: User | None, reason: str = "") -> int:
        return self._review(by=by, status=Claim.Status.REJECTED, reason=reason)

    @transaction.atomic
    def submit(self, *, by: User | None) -> int:
        """Send `by`'s draft claims in the queryset for review; returns how many."""
        drafts = self.filter(created_by=by, status=Claim.Status.DRAFT).values_list("pk", flat=True)
        claims = lock_new_versions(Claim.objects.filter(pk__in=list(drafts)))
        now = timezone.now()
        for claim in claims:
            claim.status = Claim.Status.SUBMITTED
            claim.updated_at = now
        Claim.objects.bulk_update(claims, ["status", "version", "updated_at"], batch_size=500)
        record_claim_history(claims, by=by, reason=Claim.Status.SUBMITTED, when=now)
        return len(claims)

    @transaction.atomic
    def _review(self, *, by: User | None, status: str, reason: str) -> int:
        # A claim superseded during curation is out of review: neither approved nor rejected.
        ids = list(
            self.exclude(status=status)
            .filter(superseded_by__isnull=True)
            .values_list("pk", flat=True)
        )
        locked = list(Claim.objects.filter(pk__in=ids).select_for_update().order_by("pk"))
        # Claim.review_refusal: the reviewer's own claims (or all, for a non-reviewer) stay.
        claims = [c for c in locked if by is None or c.review_refusal(by=by) is None]
        bump_versions(claims)
        now = timezone.now()
        for claim in claims:
            claim.status = status
            claim.reviewed_by = by
            claim.reviewed_at = now
            claim.rejection_reason = reason
            claim.updated_at = now
        Claim.objects.bulk_update(
            claims,
            ["status", "reviewed_by", "reviewed_at", "rejection_reason", "version", "updated_at"],
            batch_size=500,
        )
        record_claim_history(claims, by=by, reason=status, when=now)
        return len(claims)


def record_claim_history(
    claims: list[Claim], *, by: User | None, reason: str, when: datetime
) -> None:
    """History records for claims changed in bulk (queryset updates send no signals).

    simple-history's bulk helpers copy a row's fields but not its many-to-many rows; a
    claim's figures and tags are copied here so the history shows them unchanged.
    """
    if not claims:
        return
    records = Claim.history.bulk_history_create(
        claims, update=True, default_user=by, default_change_reason=reason, default_date=when
    )
    by_claim = {record.id: record for record in records}
    history_model = Claim.history.model
    for name, target in (("figures", "figure_id"), ("tags", "tag_id")):
        through = getattr(Claim, name).through
        m2m_model = getattr(history_model, name).model
        rows = through.objects.filter(claim_id__in=list(by_claim)).values_list(
            "id", "claim_id", target
        )
        m2m_model.objects.bulk_create(
            [
                m2m_model(id=pk, history=by_claim[claim_id], claim_id=claim_id, **{target: other})
                for pk, claim_id, other in rows
            ],
            batch_size=500,
        )


class Claim(models.Model):
    """A statement in an article that makes one or more figures its point."""

    class Attribution(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase"
        UNATTRIBUTED = "unattributed", "Unattributed"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    class Verdict(models.TextChoices):
        UNCHECKED = "unchecked", "Unchecked"
        ACCURATE = "accurate", "Accurate"
        INACCURATE = "inaccurate", "Inaccurate"
        MISLEADING = "misleading", "Misleading"
        UNVERIFIABLE = "unverifiable", "Unverifiable"
        DISPUTED = "disputed", "Disputed"

    # The statuses a review sets (by whom and when: note_reviewer, approve, reject).
    REVIEWED = (Status.APPROVED, Status.REJECTED)

    article = models.ForeignKey(Article, models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField(help_text="Code-point offset of the first character.")
    end = models.PositiveIntegerField(help_text="Code-point offset just past the last character.")
    quote = models.TextField(
        blank=True, help_text="The text at start:end; filled in from the article when left empty."
    )
    figures = models.ManyToManyField(Figure, blank=True, related_name="claims")
    source = models.ForeignKey(
        Source,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="Who made the claim.",
    )
    via = models.ForeignKey(
        Source,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="relayed_claims",
        help_text="Who reported it (e.g. a news agency relaying a regulator's statement).",
    )
    attribution = models.CharField(
        max_length=16, choices=Attribution.choices, default=Attribution.PARAPHRASE
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, default=Verdict.UNCHECKED)
    note = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Curation of a double-annotated article (issue 5): the reviewer keeps one annotator's
    # claim as the final annotation and marks the other versions superseded by it. Exports
    # leave superseded claims out.
    superseded_by = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        help_text="The claim a reviewer kept instead of this one when curating.",
    )

    objects = ClaimQuerySet.as_manager()
    # The figures and tags of a claim are part of its history (simple-history m2m_fields).
    history = HistoricalRecords(m2m_fields=[figures, tags])

    class Meta:
        ordering = ["article", "start", "end", "pk"]
        permissions = [
            ("review_claim", "Can approve or reject claims and set their verdict"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="claim_start_before_end",
                violation_error_message="End must be greater than start.",
            ),
        ]
        indexes = [
            # The workspace reads an article's claims in text order.
            models.Index(fields=["article", "start"], name="claim_article_start"),
            # Review queues filter by status, newest first.
            models.Index(fields=["status", "-created_at"], name="claim_status_created"),
            # Scale (issue 8), a million claims:
            # the collection page's "claims to review" filter and per-article status counts;
            models.Index(fields=["article", "status"], name="claim_article_status"),
            # the review queue's source choices and "N to review" (not mine), index-only;
            models.Index(fields=["status", "source", "created_by"], name="claim_status_source"),
            # the back-office's verdict and attribution filters, when a value is rare.
            models.Index(fields=["verdict"], name="claim_verdict"),
            models.Index(fields=["attribution"], name="claim_attribution"),
        ]

    def __str__(self) -> str:
        quote = " ".join(self.quote.split())
        return quote if len(quote) <= 80 else quote[:77] + "…"

    def deletable_by(self, user: User) -> bool:
        """Reviewers and editors delete any claim; an annotator deletes her own claim while it
        is a draft or was sent back, not once it is submitted or approved."""
        if user.has_perm("claims.delete_claim"):
            return True
        return (
            self.created_by_id == user.pk
            and self.status in (Claim.Status.DRAFT, Claim.Status.REJECTED)
            and user.has_perm("claims.add_claim")
        )

    # The statuses a review gives (approve, reject): set by reviewers, never by the creator.
    REVIEWED = (Status.APPROVED, Status.REJECTED)

    def review_refusal(self, *, by: User) -> str | None:
        """Why `by` may not give this claim a review status (approved or rejected), or None.

        The one rule every path calls before a claim is approved or rejected (the workspace,
        the back-office, the API, bulk review and curation): only reviewers and editors
        (claims.review_claim) review, and nobody reviews a claim they created, on creation
        (an unsaved claim without a creator is being created by `by`) or later. Loading an
        exported dataset (claims/importers.py) restores recorded statuses without it: an
        editor's restore, not a review.
        """
        if not by.has_perm("claims.review_claim"):
            return "Only reviewers and editors approve or reject claims."
        creator = self.created_by_id
        if creator is None and self.pk is None:
            creator = by.pk
        if creator == by.pk:
            return "You cannot approve or reject a claim you created."
        return None

    def check_review(self, *, by: User) -> None:
        """Raise ValidationError({"status": ...}) if `by` may not review this claim."""
        refusal = self.review_refusal(by=by)
        if refusal is not None:
            raise ValidationError({"status": refusal})

    def clean(self) -> None:
        article = self.article if self.article_id else None
        errors, self.quote = _check_span(article, self.start, self.end, "quote", self.quote)
        if self.via_id is not None and self.via_id == self.source_id:
            errors["via"] = "'Via' is who relayed the claim; leave it empty when it is the source."
        if errors:
            raise ValidationError(errors)

    def check_figures(self, figures: Iterable[Figure]) -> None:
        """Raise if any of `figures` is not inside this claim's span of the same article."""
        outside = [
            f
            for f in figures
            if f.article_id != self.article_id or f.start < self.start or f.end > self.end
        ]
        if outside:
            names = ", ".join(f"{f.surface!r} ({f.start}:{f.end})" for f in outside)
            raise ValidationError(
                {
                    "figures": f"Figures must lie inside the claim's span {self.start}:{self.end} "
                    f"of the same article; these do not: {names}."
                }
            )

    def _review(self, *, by: User | None, status: str, reason: str = "") -> None:
        if by is not None:
            self.check_review(by=by)
        if self.superseded_by_id is not None:
            raise ValidationError(
                "This claim was superseded during curation; review the claim kept instead."
            )
        self.status = status
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.rejection_reason = reason
        save_version(self, "status", "reviewed_by", "reviewed_at", "rejection_reason")

    def note_reviewer(self, *, by: User, changed: Iterable[str]) -> list[str]:
        """A form (the workspace's, the back-office's) that set the status to approved or
        rejected: who reviewed, and when. Returns the fields it set, to save with the rest."""
        if "status" not in changed or self.status not in Claim.REVIEWED:
            return []
        self.reviewed_by, self.reviewed_at = by, timezone.now()
        return ["reviewed_by", "reviewed_at"]

    def confirm_verdict(self, *, verdict: str, by: User | None, reason: str) -> None:
        """A reviewer confirms a verdict proposed to them (claims/evidence/verdict.py): saved as
        the claim's next version, its history naming who confirmed it and why."""
        self.verdict = verdict
        self._history_user = by
        self._change_reason = reason[:100]
        save_version(self, "verdict")

    def approve(self, *, by: User | None) -> None:
        self._review(by=by, status=Claim.Status.APPROVED)

    def reject(self, *, by: User | None, reason: str) -> None:
        if not reason.strip():
            raise ValidationError({"rejection_reason": "Say why the claim is rejected."})
        self._review(by=by, status=Claim.Status.REJECTED, reason=reason)

    @transaction.atomic
    def keep_as_final(self, *, by: User | None, others: list[Claim]) -> int:
        """Curation: this claim becomes the final annotation, `others` are superseded by it.

        Approves this claim (refused for the reviewer's own claim, as any review is) and
        returns how many other versions were marked superseded. Picking another version
        later moves the mark: the claim picked is never superseded itself.
        """
        if self.status != Claim.Status.APPROVED and by is not None:
            self.check_review(by=by)
        if self.superseded_by_id is not None:  # un-supersede first: approve() refuses otherwise
            self.superseded_by = None
            save_version(self, "superseded_by")
        if self.status != Claim.Status.APPROVED:
            self.approve(by=by)
        now = timezone.now()
        superseded = [c for c in others if c.pk != self.pk and c.superseded_by_id != self.pk]
        bump_versions(superseded)
        for claim in superseded:
            claim.superseded_by = self
            claim.updated_at = now
        Claim.objects.bulk_update(superseded, ["superseded_by", "version", "updated_at"])
        record_claim_history(superseded, by=by, reason="superseded", when=now)
        return len(superseded)


class ClaimLink(models.Model):
    class Relation(models.TextChoices):
        REPEATS = "repeats", "repeats"
        PART_OF = "part_of", "is part of"
        CONTRADICTS = "contradicts", "contradicts"
        SUPPORTS = "supports", "supports"
        UPDATES = "updates", "updates"
        DERIVED_FROM = "derived_from", "is derived from"

    from_claim = models.ForeignKey(Claim, models.CASCADE, related_name="links_out")
    to_claim = models.ForeignKey(Claim, models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=16, choices=Relation.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()  # review workflow (issue 5)

    class Meta:
        ordering = ["from_claim", "relation", "to_claim"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="claimlink_no_self_link",
                violation_error_message="A claim cannot be linked to itself.",
            ),
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "relation"],
                name="claimlink_unique",
                violation_error_message="These two claims are already linked this way.",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.from_claim_id} {self.get_relation_display()} #{self.to_claim_id}"

    def clean(self) -> None:
        if not (self.from_claim_id and self.to_claim_id):
            return
        if self.from_claim_id == self.to_claim_id:
            raise ValidationError({"to_claim": "A claim cannot be linked to itself."})
        pair = Claim.objects.filter(pk__in=[self.from_claim_id, self.to_claim_id]).values_list(
            "article__collection_id", flat=True
        )
        if len(set(pair)) > 1:
            raise ValidationError(
                {"to_claim": "Both claims must belong to articles of the same collection."}
            )


class SourceMention(models.Model):
    """Where the detector found a figure-carrying sentence attributed to someone.

    `name` is the source as written ("the State Internet Information Office (CAC)");
    `source` is the Source it matched by name or alias, if any. The workspace pre-fills a
    new claim's source from the mention whose sentence holds the selection.
    """

    article = models.ForeignKey(Article, models.CASCADE, related_name="source_mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    name = models.CharField(max_length=500)
    cue = models.CharField(max_length=100, blank=True)
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    source = models.ForeignKey(
        Source, models.SET_NULL, null=True, blank=True, related_name="mentions"
    )

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            # One source as written may cover several sentences ("it says" carries it on).
            models.UniqueConstraint(
                fields=["article", "sentence_start", "start", "end"], name="mention_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cue})" if self.cue else self.name


# Consistency findings (issue 7) live in claims/consistency/models.py and each annotator's
# judgement of a figure (review workflow, issue 5) in claims/review/models.py; imported here so
# that Django registers them with this app and `from claims.models import ...` keeps working.
from claims.consistency.models import (  # noqa: E402, I001
    FindingDecision as FindingDecision,
    StoredFindings as StoredFindings,
)
from claims.review.models import (  # noqa: E402
    FigureJudgement as FigureJudgement,
    FigureJudgementQuerySet as FigureJudgementQuerySet,
)


# Evidence (issue 19) lives in claims/evidence/models.py; imported here so that Django registers
# it with this app and `claims.models.EvidenceDocument` (and the upload path migration 0012 names)
# keep working. At the end: those models refer to Claim and Figure above.
from claims.evidence.models import (  # noqa: E402
    Evidence as Evidence,
    EvidenceDocument as EvidenceDocument,
    EvidenceFigure as EvidenceFigure,
    StoredMatches as StoredMatches,
    _evidence_upload_to as _evidence_upload_to,
)


# --- Translations and originals (issue 18): claims/alignments/models.py, imported here so that
# Django finds them in the claims app.
from claims.alignments.models import FigureAlignment, RelationAlignment  # noqa: E402, F401
