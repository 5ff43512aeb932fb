"""Forms shared by the back-office (admin) and the annotation workspace.

They only clean and validate; views and admin assign and save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from claims.models import Claim, ClaimLink, Figure, Source, Tag
from core.locking import VersionCheckedForm
from core.permissions import REVIEW


def limit_choices(form: forms.BaseForm, **querysets: QuerySet[Model]) -> None:
    """Limit each named model-choice field of `form` to its queryset (what this user may pick)."""
    for name, queryset in querysets.items():
        field = form.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{name} is not a model choice field.")
        field.queryset = queryset


def keep_spaces(form: forms.BaseForm, name: str) -> None:
    """The text field `name` keeps its leading and trailing spaces (a span's exact text)."""
    field = form.fields[name]
    if isinstance(field, forms.CharField):
        field.strip = False


class FigureForm(forms.ModelForm):
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
        keep_spaces(self, "surface")


class ClaimForm(forms.ModelForm):
    """A claim, its figures, source, via and tags.

    `user` decides what may be set: only reviewers (claims.review_claim) approve, reject
    or set a verdict.
    """

    user: User | None = None

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

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep_spaces(self, "quote")
        if user is not None:
            self.user = user

    @property
    def can_review(self) -> bool:
        return self.user is None or bool(self.user.has_perm(REVIEW))

    def clean(self) -> dict[str, object]:
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


class ClaimLinkForm(forms.ModelForm):
    class Meta:
        model = ClaimLink
        fields = ["from_claim", "relation", "to_claim", "note"]


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["name", "kind", "url", "aliases", "parent", "notes"]


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug", "colour", "description", "key", "collection"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


class FigureAdminForm(VersionCheckedForm, FigureForm):
    pass


class ClaimAdminForm(VersionCheckedForm, ClaimForm):
    pass
