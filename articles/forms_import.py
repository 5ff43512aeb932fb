"""The import page's form: pasted text and/or files, into a collection."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from articles.importers.base import FORMATS_BY_SUFFIX
from articles.limits import too_large
from articles.models import Collection


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple> (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(FORMATS_BY_SUFFIX)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    collection = forms.ModelChoiceField(queryset=Collection.objects.all())
    text = forms.CharField(
        label="Paste an article",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Plain text; a first line 'date YYYY-MM-DD' is read as the publication date.",
    )
    title = forms.CharField(
        max_length=500,
        required=False,
        help_text="Default: a headline on the first line (taken out of the text), else the first "
        "sentence.",
    )
    outlet = forms.CharField(max_length=200, required=False)
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https")
    uploads = MultipleFileField(
        label="Files",
        required=False,
        help_text="Plain text (.txt), web pages (.html), Word (.docx), or many articles at "
        "once: JSON Lines (.jsonl, one object per line) or CSV (a header row with a text "
        "column); title, url, outlet, published_on and language are read, other fields kept.",
    )
    skip_bad = forms.BooleanField(
        label="Import the good articles and list the bad ones",
        required=False,
        help_text="Otherwise one bad line or file means nothing is imported.",
    )

    def clean_uploads(self) -> list[UploadedFile]:
        """Refuse a file over CLAIMDESK_MAX_IMPORT_BYTES before it is read (issue 20)."""
        uploads: list[UploadedFile] = self.cleaned_data.get("uploads") or []
        limit = settings.CLAIMDESK_MAX_IMPORT_BYTES
        for upload in uploads:
            if upload.size is not None and upload.size > limit:
                name = upload.name or "upload"
                self.add_error(
                    "uploads", too_large(name, upload.size, limit, "CLAIMDESK_MAX_IMPORT_BYTES")
                )
        return uploads

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("uploads"):
            raise forms.ValidationError("Paste an article or choose at least one file.")
        return data
