from __future__ import annotations

from typing import Any, cast

from django import forms

from articles.limits import DepthLimitedDecoder
from articles.models import Article


class ArticleForm(forms.ModelForm):
    """Article fields; the model's clean() normalises the text and refuses to change
    the text of an article that already has figures or claims."""

    class Meta:
        model = Article
        fields = [
            "collection",
            "title",
            "outlet",
            "url",
            "byline",
            "published_on",
            "language",
            "status",
            "text",
            "metadata",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 20, "cols": 100})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The text is stored as given (bar normalisation): offsets point into it. (A
        # read-only admin page, for a reader without articles.change_article, has no field.)
        if "text" in self.fields:
            cast(forms.CharField, self.fields["text"]).strip = False
        if "metadata" in self.fields:  # issue 20: 100,000 nested brackets are invalid JSON
            cast(forms.JSONField, self.fields["metadata"]).decoder = DepthLimitedDecoder
