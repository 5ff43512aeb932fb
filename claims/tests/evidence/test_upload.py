"""Uploading an evidence document in the pages (the collection's evidence page) and the API:
each kind attached with its figures; each bad kind of file refused naming it, with nothing
stored (neither rows nor file); editors only; CSRF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.datastructures import MultiValueDict

from articles.models import ApiToken
from claims.evidence.forms import DocumentUploadForm
from claims.models import EvidenceDocument, EvidenceFigure

from . import documents

pytestmark = pytest.mark.django_db

URL = "/collections/desk/evidence/"

GOOD = [
    ("report.pdf", lambda: documents.pdf([documents.ROAD_TEXT], documents.ROAD_TABLE)),
    ("tables.xlsx", lambda: documents.xlsx({"Deaths": documents.ROAD_TABLE})),
    (
        "table.csv",
        lambda: (
            "\n".join(",".join(r) for r in documents.ROAD_TABLE[:1]).encode()
            + b"\n"
            + "\n".join(",".join(f'"{c}"' for c in r) for r in documents.ROAD_TABLE[1:]).encode()
        ),
    ),
    ("page.html", lambda: f"<html><body><p>{documents.ROAD_TEXT}</p></body></html>".encode()),
    ("memo.docx", lambda: documents.docx(documents.ROAD_TEXT.split("\n"), documents.ROAD_TABLE)),
    ("note.txt", lambda: documents.ROAD_TEXT.encode()),
]

BAD = documents.BAD_FILES


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def nothing_stored(media: Path) -> bool:
    return (
        not EvidenceDocument.objects.exists()
        and not EvidenceFigure.objects.exists()
        and stored_files(media) == []
    )


def form_for(name: str, data: bytes) -> DocumentUploadForm:
    return DocumentUploadForm(
        data={}, files=MultiValueDict({"file": [SimpleUploadedFile(name, data)]})
    )


def test_the_form_refuses_a_file_over_the_limit_naming_it(settings):
    settings.CLAIMDESK_MAX_EVIDENCE_BYTES = 10
    form = form_for("big.txt", b"12345678901")
    assert not form.is_valid()
    assert form.errors["file"] == ["big.txt: the file is 11 bytes; the limit is 10 bytes."]


def test_the_form_refuses_an_unknown_kind_and_an_empty_file():
    form = form_for("tool.exe", b"MZ")
    assert not form.is_valid()
    assert "tool.exe" in form.errors["file"][0] and "cannot read .exe" in form.errors["file"][0]
    empty = form_for("empty.pdf", b"")
    assert not empty.is_valid() and "empty" in empty.errors["file"][0]
    assert form_for("note.txt", b"1,624 deaths").is_valid()


@pytest.mark.parametrize(("name", "build"), GOOD)
def test_an_editor_uploads_each_kind_with_its_figures(client, alice, collection, name, build):
    client.force_login(alice)
    data = build()
    response = client.post(URL, {"file": SimpleUploadedFile(name, data), "title": "Road deaths"})
    assert response.status_code == 302 and response["Location"] == URL
    document = EvidenceDocument.objects.get()
    assert document.collection == collection and document.title == "Road deaths"
    assert document.added_by == alice and document.file.read() == data
    assert document.figures.filter(value=1624).exists()
    page = client.get(URL).content.decode()
    assert f"Attached Road deaths (document {document.pk})" in page
    assert f'href="/evidence/documents/{document.pk}/"' in page


@pytest.mark.parametrize(("name", "build", "problem"), BAD)
def test_a_bad_upload_is_refused_naming_it_and_stores_nothing(
    client, alice, collection, _media, name, build, problem
):
    client.force_login(alice)
    response = client.post(URL, {"file": SimpleUploadedFile(name, build())})
    assert response.status_code == 400
    errors = response.content.decode().split('id="upload-errors"', 1)[1].split("</ul>")[0]
    assert name in errors and problem in errors
    assert nothing_stored(_media)


def test_only_editors_upload_outsiders_see_nothing_and_csrf_is_checked(
    client, carol, mallory, alice, collection, _media
):
    client.force_login(carol)
    page = client.get(URL)
    assert page.status_code == 200 and b'enctype="multipart/form-data"' not in page.content
    upload = {"file": SimpleUploadedFile("note.txt", b"1,624 deaths")}
    assert client.post(URL, upload).status_code == 403
    client.force_login(mallory)
    assert client.get(URL).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    upload = {"file": SimpleUploadedFile("note.txt", b"1,624 deaths")}
    assert strict.post(URL, upload).status_code == 403
    assert nothing_stored(_media)


def test_the_title_is_escaped(client, alice, collection):
    client.force_login(alice)
    client.post(URL, {"file": SimpleUploadedFile("n.txt", b"1,624"), "title": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in client.get(URL).content.decode()


def api_upload(client, user, name: str, data: bytes, collection: str = "desk") -> Any:
    token = ApiToken.objects.issue(user=user)[1]
    return client.post(
        "/api/v1/evidence/documents",
        {"collection": collection, "file": SimpleUploadedFile(name, data)},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_the_api_uploads_a_document(client, alice, collection):
    response = api_upload(client, alice, "note.txt", documents.ROAD_TEXT.encode())
    assert response.status_code == 201, response.content
    body = json.loads(response.content)
    document = EvidenceDocument.objects.get()
    assert body["id"] == document.pk and body["collection"] == "desk"
    assert body["kind"] == "text" and body["figures"] == document.figures.count() >= 2


@pytest.mark.parametrize(("name", "build", "problem"), BAD)
def test_the_api_refuses_a_bad_file_naming_it(
    client, alice, collection, _media, name, build, problem
):
    response = api_upload(client, alice, name, build())
    assert response.status_code == 400
    detail = response.content.decode()
    assert name in detail and problem in detail
    assert nothing_stored(_media)


def test_the_api_upload_checks_the_role_the_collection_and_the_size(
    client, carol, alice, collection, settings, _media
):
    assert api_upload(client, carol, "note.txt", b"1,624").status_code == 403
    assert api_upload(client, alice, "note.txt", b"1,624", "nowhere").status_code == 404
    settings.CLAIMDESK_MAX_EVIDENCE_BYTES = 3
    response = api_upload(client, alice, "note.txt", b"1,624")
    assert response.status_code == 422 and b"the limit is 3 bytes" in response.content  # the form
    assert nothing_stored(_media)
