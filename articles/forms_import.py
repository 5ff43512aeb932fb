"""The import page's form: pasted text and/or files, into a collection."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from articles.importers.base import FORMATS_BY_SUFFIX
from articles.limits import too_large
from articles.models import Article, ArticleRelation, Collection

# "12", "#12", or a workspace address ending in /articles/12/.
_ARTICLE_REF = re.compile(r"^\s*(?:#?(\d{1,12})|\S*/articles/(\d{1,12})/?\S*)\s*$")
# The import page's relation choices: the imported article is a translation of (based on,
# relays) the article named, or is its original ("import the original beside it").
ORIGINAL_OF = "original_of"
RELATION_CHOICES = [
    ("", "—"),
    *[(value, f"{label} article") for value, label in ArticleRelation.Kind.choices],
    (ORIGINAL_OF, "The original of article"),
]


def article_id_of(value: str) -> int | None:
    """The article id written as `12`, `#12` or its workspace URL; None if it is none."""
    match = _ARTICLE_REF.match(value or "")
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


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
    relation = forms.ChoiceField(
        label="This article is",
        choices=RELATION_CHOICES,
        required=False,
        help_text="Optional, for one article: relate it to an article already here (a "
        "translation and its original, issue 18).",
    )
    related_article = forms.CharField(
        label="Article",
        max_length=2000,
        required=False,
        help_text="Its number (#12) or its workspace address.",
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
        self._clean_relation(data)
        return data

    def _clean_relation(self, data: dict[str, Any]) -> None:
        """`related_article` becomes the Article named (or None when no relation is asked)."""
        relation, named = data.get("relation") or "", (data.get("related_article") or "").strip()
        data["related_article"] = None
        if not relation and not named:
            return
        if not relation or not named:
            self.add_error(
                "related_article" if relation else "relation",
                "Choose how the article is related and to which article, or neither.",
            )
            return
        pk = article_id_of(named)
        article = Article.objects.filter(pk=pk).first() if pk is not None else None
        if article is None:
            self.add_error("related_article", f"There is no article {named}.")
            return
        data["related_article"] = article
