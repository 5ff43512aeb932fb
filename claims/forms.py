"""Forms shared by the back-office (admin) and the annotation workspace.

They only clean and validate; views and admin assign and save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from claims.models import Claim, ClaimLink, Figure, Source, Tag

REVIEW_PERMISSION = "claims.review_claim"


class FigureForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Figure
        fields = [
            "article",
            "start",
            "end",
            "surface",
            "value",
            "lower",
            "upper",
            "qualifier",
            "unit",
            "counted",
            "state",
            "origin",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The surface must equal the text it points at, spaces included.
        self.fields["surface"].strip = False  # type: ignore[attr-defined]


class ClaimForm(forms.ModelForm):  # type: ignore[type-arg]
    """A claim, its figures, source, via and tags.

    `user` decides what may be set: only reviewers (claims.review_claim) approve, reject
    or set a verdict.
    """

    user: Any = None

    class Meta:
        model = Claim
        fields = [
            "article",
            "start",
            "end",
            "quote",
            "figures",
            "source",
            "via",
            "attribution",
            "tags",
            "status",
            "verdict",
            "rejection_reason",
            "note",
        ]
        widgets = {"quote": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quote"].strip = False  # type: ignore[attr-defined]
        if user is not None:
            self.user = user

    @property
    def can_review(self) -> bool:
        return self.user is None or bool(self.user.has_perm(REVIEW_PERMISSION))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if (
            not self.can_review
            and self.instance.pk is not None
            and self.instance.status == Claim.Status.APPROVED
            and self.has_changed()
        ):
            # Review workflow (issue 5): an approved claim is changed by reviewers only.
            raise ValidationError(
                "This claim is approved: only reviewers and editors change it now."
            )
        reviewing = status in Claim.REVIEWED and (
            "status" in self.changed_data or self.instance.pk is None
        )
        if reviewing and self.user is not None:
            # The one rule (Claim.review_refusal): reviewers only, never the claim's creator.
            refusal = self.instance.review_refusal(by=self.user)
            if refusal is not None:
                self.add_error("status", refusal)
        if not self.can_review and "verdict" in self.changed_data:
            self.add_error("verdict", "Only reviewers and editors set verdicts.")
        if status == Claim.Status.REJECTED and not (data.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", "Say why the claim is rejected.")
        figures = data.get("figures")
        article = data.get("article")
        start, end = data.get("start"), data.get("end")
        if figures and article is not None and start is not None and end is not None:
            probe = Claim(article=article, start=start, end=end)
            try:
                probe.check_figures(figures)
            except ValidationError as exc:
                self.add_error("figures", exc.message_dict["figures"])
        return data


class ClaimLinkForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ClaimLink
        fields = ["from_claim", "relation", "to_claim", "note"]


class SourceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Source
        fields = ["name", "kind", "url", "aliases", "parent", "notes"]


class TagForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Tag
        fields = ["name", "slug", "colour", "description", "key", "collection"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


# --- Review workflow (issue 5): the back-office refuses stale saves ---------------------------


def describe_changes_since(obj: Any, seen_version: int | None) -> tuple[list[str], list[str]]:
    """What changed in `obj` since the version `seen_version`, and who changed it.

    Read from the object's history (django-simple-history): the newest record still at
    `seen_version` against the newest record now. Fields are named with old → new values.
    """
    history = obj.history.all().select_related("history_user").order_by("-history_date")
    records = list(history[:50])
    if not records:
        return [], []
    seen = next((r for r in records if r.version == seen_version), None)
    newest = records[0]
    who = sorted(
        {
            r.history_user.get_username()
            for r in records
            if r.history_user is not None and (seen is None or r.history_date > seen.history_date)
        }
    )
    if seen is None or seen.pk == newest.pk:
        return [], who
    delta = newest.diff_against(seen, excluded_fields=["version", "updated_at"])
    changes = []
    for change in delta.changes:
        label = str(type(obj)._meta.get_field(change.field).verbose_name)
        if isinstance(change.new, list):
            changes.append(f"{label} changed")
        else:
            old, new = _short(change.old), _short(change.new)
            changes.append(f"{label}: {old} → {new}")
    return changes, who


def _short(value: Any) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


class VersionCheckedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A back-office form that remembers the version it showed and refuses a stale save.

    The hidden `seen_version` is compared, under a row lock, with the row's version when the
    form is posted; if someone saved in between the error names who and what changed. A
    revert from the history page starts from the current version, not the old one's.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reverting = False
    current_version: int | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        self.fields["seen_version"].initial = (
            self._version_now() if self.reverting else self.instance.version
        )
        historic = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if historic is not None:
            # Reverting: the many-to-many fields as they were, not as they are now.
            for field in historic._history_m2m_fields:
                if field.name in self.fields:
                    self.initial[field.name] = [
                        getattr(row, field.m2m_reverse_field_name() + "_id")
                        for row in getattr(historic, field.name).all()
                    ]

    def _version_now(self, lock: bool = False) -> int | None:
        rows = type(self.instance).objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None:
            return data
        changed = [name for name in self.changed_data if name != "seen_version"]
        if not changed and not self.reverting:
            return data  # nothing of this row is saved (an untouched inline row)
        self.current_version = self._version_now(lock=True)
        seen = data.get("seen_version")
        if seen != self.current_version:
            changes, who = describe_changes_since(self.instance, seen)
            by = ", ".join(who) or "someone else"
            what = "; ".join(changes) or f"version {seen} → {self.current_version}"
            raise ValidationError(
                f"Not saved: {by} changed this {self.instance._meta.verbose_name} after you "
                f"opened it ({what}). Reload the page to see the current version, then make "
                "your change again.",
                code="stale",
            )
        return data


class FigureAdminForm(VersionCheckedForm, FigureForm):
    pass


class ClaimAdminForm(VersionCheckedForm, ClaimForm):
    pass
