from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Article, Collection

URL = "/import/"


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_it_needs_a_login(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["carol", "bob", "mallory"])
def test_only_editors_may_import(
    client: Client, request: Any, name: str, collection: Collection
) -> None:
    _login(client, request.getfixturevalue(name))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"collection": collection.pk, "text": "Some 5 posts."})
    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_an_annotator_is_told_why_on_a_styled_page(client: Client, carol: User) -> None:
    response = _login(client, carol).get(URL)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Only editors can import articles." in body
    assert 'class="topbar"' in body  # extends base.html
    assert 'href="/"' in body  # a way back


def test_an_editor_sees_the_form(client: Client, alice: User, collection: Collection) -> None:
    response = _login(client, alice).get(URL + "?collection=desk")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body and "csrfmiddlewaretoken" in body
    assert f'<option value="{collection.pk}" selected>' in body


def test_pasted_text_becomes_an_article_with_its_figures(
    client: Client, alice: User, collection: Collection
) -> None:
    response = _login(client, alice).post(
        URL,
        {
            "collection": collection.pk,
            "text": "Officials said 67,000 accounts were closed.",
            "title": "Closures",
            "outlet": "Wire",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/"
    assert (article.title, article.outlet, article.created_by) == ("Closures", "Wire", alice)
    assert [f.surface for f in article.figures.all()] == ["67,000"]


def test_uploaded_files_are_imported_together(
    client: Client, alice: User, collection: Collection
) -> None:
    jsonl = SimpleUploadedFile(
        "bulk.jsonl", b'{"text": "Nearly 8,000 spread rumours."}\n{"text": "Some 45,000 closed."}\n'
    )
    csv = SimpleUploadedFile("bulk.csv", b"title,text\r\nA,More than 1.4 million posts.\r\n")
    response = _login(client, alice).post(
        URL, {"collection": collection.pk, "uploads": [jsonl, csv]}, follow=True
    )
    assert Article.objects.count() == 3
    assert "Imported 3 articles into Desk; 0 already there." in response.content.decode()


def test_bad_lines_are_listed_and_nothing_is_imported(
    client: Client, alice: User, collection: Collection
) -> None:
    bad = SimpleUploadedFile(
        "bulk.jsonl", b'{"text": "Fine 5."}\n{"text": "<b>bad</b>", "published_on": "soon"}\n'
    )
    response = _login(client, alice).post(URL, {"collection": collection.pk, "uploads": [bad]})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in body
    assert "bulk.jsonl, line 2, field “published_on”" in body
    assert "&#x27;soon&#x27; is not a date" in body
    assert Article.objects.count() == 0


def test_skip_bad_imports_the_rest_and_warns(
    client: Client, alice: User, collection: Collection
) -> None:
    bad = SimpleUploadedFile("bulk.jsonl", b'{"text": "Fine 5."}\n{"text": ""}\n')
    response = _login(client, alice).post(
        URL, {"collection": collection.pk, "uploads": [bad], "skip_bad": "on"}, follow=True
    )
    body = response.content.decode()
    assert "Imported 1 article into Desk;" in body
    assert "Skipped bulk.jsonl, line 2, field &#x27;text&#x27;" in body
    assert Article.objects.count() == 1


def test_a_form_without_text_or_files_is_refused(
    client: Client, alice: User, collection: Collection
) -> None:
    response = _login(client, alice).post(URL, {"collection": collection.pk})
    assert "Paste an article or choose at least one file." in response.content.decode()


def test_csrf_is_enforced(alice: User, collection: Collection) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(URL, {"collection": collection.pk, "text": "Some 5 posts."})
    assert response.status_code == 403
    assert Article.objects.count() == 0
