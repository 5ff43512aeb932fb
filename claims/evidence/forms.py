"""A reviewer's decision on one claim figure's evidence: the form checks, the view saves."""

from __future__ import annotations

from typing import Any

from django import forms

from claims.models import Claim, Evidence, EvidenceDocument, EvidenceFigure, Figure


class EvidenceDecisionForm(forms.Form):
    figure = forms.IntegerField()
    document_figure = forms.IntegerField(required=False)
    outcome = forms.ChoiceField(choices=Evidence.Outcome.choices)
    reason = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean_figure(self) -> Figure:
        figure = self.claim.figures.filter(pk=self.cleaned_data["figure"]).first()
        if figure is None:
            raise forms.ValidationError("That figure is not one of this claim's figures.")
        return figure

    def clean_document_figure(self) -> EvidenceFigure | None:
        pk = self.cleaned_data.get("document_figure")
        if pk is None:
            return None
        found = (
            EvidenceFigure.objects.select_related("document")
            .filter(
                pk=pk,
                document__collection_id=self.claim.article.collection_id,
                document__status=EvidenceDocument.Status.READY,
            )
            .first()
        )
        if found is None:
            raise forms.ValidationError("No such figure in this collection's documents.")
        return found

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("outcome") not in (None, Evidence.Outcome.NOT_FOUND) and not data.get(
            "document_figure"
        ):
            self.add_error(
                "document_figure", "Supported or contradicted needs the document's figure."
            )
        return data


class VerdictConfirmForm(forms.Form):
    """The verdict the page proposed, which the view checks against the evidence now."""

    verdict = forms.ChoiceField(choices=Claim.Verdict.choices)
