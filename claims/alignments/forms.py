"""Forms of related articles: they clean, the views act (claims/alignments/views.py)."""

from __future__ import annotations

from django import forms

from articles.forms_import import article_id_of
from articles.models import ArticleRelation


class RelationForm(forms.Form):
    kind = forms.ChoiceField(choices=ArticleRelation.Kind.choices)
    original = forms.CharField(
        max_length=2000,
        help_text="The original: its number (#12) or its workspace address.",
    )

    def clean_original(self) -> int:
        found = article_id_of(self.cleaned_data["original"])
        if found is None:
            raise forms.ValidationError(
                "Give the original article as its number (12 or #12) or its workspace address."
            )
        return found


class AlignForm(forms.Form):
    figure = forms.IntegerField(min_value=1, max_value=2**62)
    original = forms.IntegerField(
        min_value=1, max_value=2**62, required=False, help_text="Empty: no figure of the original."
    )
    reset = forms.BooleanField(required=False)

    def errors_text(self) -> list[str]:
        return [f"{name}: {error}" for name, errors in self.errors.items() for error in errors]

    def clean(self) -> dict[str, object]:
        return super().clean() or {}


class ArticleRelationForm(forms.ModelForm):
    """A relation as the API creates it: the same checks as the model's (not itself, not
    the reverse of one already there, once per pair)."""

    class Meta:
        model = ArticleRelation
        fields = ["derived", "original", "kind", "note"]
