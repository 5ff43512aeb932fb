"""The evidence forms: a reviewer's decision on one claim figure's evidence, and an uploaded
document; the forms check, the views save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings

from claims.evidence.extract import DocumentRefused, kind_for
from claims.models import Claim, Evidence, EvidenceDocument, EvidenceFigure, Figure

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile


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

    def clean(self) -> dict[str, object] | None:
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


class DocumentUploadForm(forms.Form):
    """An evidence document uploaded in the pages or the API: the file's size and kind are
    checked here, before it is read; extraction (claims/evidence/store.py) refuses the rest."""

    file = forms.FileField(help_text="PDF, XLSX, CSV, HTML, DOCX or plain text.")
    title = forms.CharField(required=False, max_length=500)
    source_url = forms.URLField(required=False, max_length=2000, assume_scheme="https")

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        limit = settings.CLAIMDESK_MAX_EVIDENCE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"{upload.name}: the file is {upload.size:,} bytes; the limit is {limit:,} bytes."
            )
        try:
            kind_for(upload.name)
        except DocumentRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
