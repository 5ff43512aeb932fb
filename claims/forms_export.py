"""The export page's filters."""

from __future__ import annotations

from django import forms

from articles.models import Collection
from claims.exports import FORMATS
from claims.models import Claim


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        choices=[(f.name, f.label) for f in FORMATS.values()], initial="jsonl"
    )
    collection = forms.ModelChoiceField(
        queryset=Collection.objects.all(),
        required=False,
        empty_label="All collections",
        to_field_name="slug",
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *Claim.Status.choices], required=False)
    bom = forms.BooleanField(label="CSV for Excel (UTF-8 with a byte order mark)", required=False)
