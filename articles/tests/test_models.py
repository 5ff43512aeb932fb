from __future__ import annotations

from typing import Any

import pytest

from articles.forms import ArticleForm
from articles.models import Article, normalise_text, text_sha256
from claims.models import Figure


def test_it_normalises_to_nfc_and_newlines() -> None:
    decomposed = "Cafe\u0301\r\nline two\rline three"
    assert normalise_text(decomposed) == "Caf\u00e9\nline two\nline three"


def test_it_changes_nothing_else_in_the_text() -> None:
    text = "  “Quoted” 1,400,000 posts 🚀 中文\n\n\tindented  "
    assert normalise_text(text) == text


def test_importing_the_same_text_twice_gives_the_existing_article(collection: Any) -> None:
    first, created = Article.objects.import_text(
        collection=collection, text="Some 45,000 accounts.\r\n", title="One"
    )
    again, created_again = Article.objects.import_text(
        collection=collection, text="Some 45,000 accounts.\n", title="Two"
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Article.objects.count() == 1
    assert first.text_sha256 == text_sha256("Some 45,000 accounts.\n")


def _form_data(article: Article, **changes: Any) -> dict[str, Any]:
    data = {
        "collection": article.collection_id,
        "title": article.title,
        "outlet": "",
        "url": "",
        "byline": "",
        "published_on": "",
        "language": "en",
        "status": "new",
        "text": article.text,
        "metadata": "{}",
    }
    data.update(changes)
    return data


def test_the_text_can_change_while_nothing_points_into_it(article: Article) -> None:
    form = ArticleForm(_form_data(article, text="Rewritten text."), instance=article)
    assert form.is_valid(), form.errors
    form.save()
    article.refresh_from_db()
    assert article.text == "Rewritten text."
    assert article.text_sha256 == text_sha256("Rewritten text.")


def test_the_text_cannot_change_once_it_has_figures(article: Article) -> None:
    Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    form = ArticleForm(_form_data(article, text="Rewritten text."), instance=article)
    assert not form.is_valid()
    assert "cannot be changed" in form.errors["text"][0]
    assert "figures or claims" in form.errors["text"][0]


def test_other_fields_still_change_once_it_has_figures(article: Article) -> None:
    Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    form = ArticleForm(_form_data(article, title="New title"), instance=article)
    assert form.is_valid(), form.errors
    form.save()
    article.refresh_from_db()
    assert article.title == "New title"


def test_a_form_refuses_a_text_already_in_the_collection(article: Article) -> None:
    other = Article.objects.create(
        collection=article.collection, title="x", text="Other", text_sha256=text_sha256("Other")
    )
    form = ArticleForm(_form_data(other, text=article.text), instance=other)
    assert not form.is_valid()
    assert "already in this collection" in form.errors["text"][0]


@pytest.mark.django_db
def test_the_form_stores_crlf_text_normalised(collection: Any) -> None:
    form = ArticleForm(
        {
            "collection": collection.pk,
            "title": "T",
            "language": "en",
            "status": "new",
            "text": "A\r\nB",
            "metadata": "{}",
        }
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.text == "A\nB"
