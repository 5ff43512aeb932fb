"""Hostile and oversize input (issue 20, points 4 and 5).

4. A JSON line or body nested 100,000 deep is refused with a clear error naming the file and
   line ("nested too deeply"), never a RecursionError: `manage.py import_articles`, the upload
   page, `manage.py import_dataset` and the API's JSON bodies (400, never 500).
5. Upload limits are settings (CLAIMDESK_MAX_IMPORT_BYTES, CLAIMDESK_MAX_REQUEST_BYTES),
   checked before anything is parsed; a refusal names the limit and stores nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from articles.importers import store as importers
from articles.limits import MAX_JSON_DEPTH, NestedTooDeeply, loads
from articles.models import ApiToken, Article, Collection
from claims.models import Claim

DEEP = "[" * 100_000 + "]" * 100_000
GOOD = '{"text": "Officials said 67,000 accounts were closed."}'


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "bulk.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bearer(user: Any) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.objects.issue(user=user)[1]}"}


# --- 4. nested too deeply ------------------------------------------------------------------


def test_loads_refuses_nesting_past_the_limit_and_reads_the_rest() -> None:
    assert loads("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH) is not None
    for deep in (
        "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1),
        '{"a": ' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1),
        DEEP,
    ):
        with pytest.raises(NestedTooDeeply, match="nested too deeply"):
            loads(deep)
    # Brackets inside strings are text, not nesting.
    assert loads(json.dumps({"text": "[" * 5000})) == {"text": "[" * 5000}


def test_import_articles_names_the_file_and_line_of_a_deeply_nested_line(
    db: None, tmp_path: Path
) -> None:
    path = _jsonl(tmp_path, GOOD, DEEP)
    with pytest.raises(CommandError) as caught:
        call_command("import_articles", str(path), "--collection", "desk")
    assert f"{path}, line 2: nested too deeply" in str(caught.value)
    assert not Article.objects.exists()


def test_import_articles_refuses_deep_metadata_too(db: None, tmp_path: Path) -> None:
    # Under Python's recursion limit, but deep enough to break saving it as JSON later.
    deep = {"text": "Some 5 posts.", "extra": json.loads("[" * 900 + "]" * 900)}
    path = _jsonl(tmp_path, json.dumps(deep))
    with pytest.raises(CommandError, match=r"line 1: nested too deeply"):
        call_command("import_articles", str(path), "--collection", "desk")
    assert not Article.objects.exists()


def test_the_upload_page_lists_a_deeply_nested_line(
    client: Client, alice: Any, collection: Collection
) -> None:
    client.force_login(alice)
    upload = SimpleUploadedFile("bulk.jsonl", f"{GOOD}\n{DEEP}\n".encode())
    response = client.post("/import/", {"collection": collection.pk, "uploads": [upload]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "bulk.jsonl, line 2</strong>: nested too deeply" in body
    assert not Article.objects.exists()


def test_import_dataset_names_the_file_and_line_of_a_deeply_nested_line(
    db: None, tmp_path: Path
) -> None:
    path = _jsonl(tmp_path, DEEP)
    with pytest.raises(CommandError) as caught:
        call_command("import_dataset", str(path))
    assert f"{path}, line 1: nested too deeply" in str(caught.value)
    assert not Article.objects.exists() and not Collection.objects.exists()


def test_import_dataset_refuses_deeply_nested_article_metadata(db: None, tmp_path: Path) -> None:
    import hashlib

    record = {
        "format": "claimdesk/1",
        "type": "article",
        "id": 1,
        "collection": {"slug": "desk", "name": "Desk"},
        "title": "Deep",
        "text": "Some 5 posts.",
        "text_sha256": hashlib.sha256(b"Some 5 posts.").hexdigest(),
        "metadata": DEEP,  # the export writes metadata as a JSON string
    }
    path = _jsonl(tmp_path, json.dumps(record))
    with pytest.raises(CommandError, match=r"line 1, field 'metadata': nested too deeply"):
        call_command("import_dataset", str(path))
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/api/v1/articles"),
        ("post", "/api/v1/claims"),
        ("patch", "/api/v1/claims/1"),
        ("post", "/api/v1/links"),
    ],
)
def test_the_api_answers_a_deeply_nested_body_with_400(
    client: Client, alice: Any, method: str, path: str
) -> None:
    send = getattr(client, method)
    response = send(path, DEEP, content_type="application/json", **_bearer(alice))
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]
    assert not Article.objects.exists() and not Claim.objects.exists()


def test_the_api_names_what_is_wrong_with_a_body_that_is_not_json(
    client: Client, alice: Any
) -> None:
    response = client.post(
        "/api/v1/articles", "{not json", content_type="application/json", **_bearer(alice)
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON")


def test_the_workspace_ignores_a_deeply_nested_seen_snapshot(
    client: Client, article: Article, carol: Any
) -> None:
    from claims.models import Figure

    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    client.force_login(carol)
    response = client.post(
        "/figures/state/",
        # A stale version: the answer compares what the page showed (`seen`) with the row.
        {"figure_action": f"confirm:{figure.pk}:0", "seen": DEEP},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    figure.refresh_from_db()
    assert figure.state == "suggested"


def test_the_back_office_calls_deeply_nested_metadata_invalid(
    client: Client, alice: Any, collection: Collection
) -> None:
    client.force_login(alice)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "collection": collection.pk,
            "title": "Deep",
            "language": "en",
            "status": "new",
            "text": "Some 5 posts.",
            "metadata": DEEP,
            "figures-TOTAL_FORMS": "0",
            "figures-INITIAL_FORMS": "0",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "metadata" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


# --- 5. upload limits ------------------------------------------------------------------------


@override_settings(CLAIMDESK_MAX_IMPORT_BYTES=1000)
def test_the_upload_page_refuses_a_file_just_over_the_limit_before_parsing_it(
    client: Client, alice: Any, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any) -> Any:
        raise AssertionError("the oversized file was parsed")

    monkeypatch.setattr(importers, "parse_file", never)
    client.force_login(alice)
    data = (GOOD + "\n").encode()
    data += b" " * (1001 - len(data))
    upload = SimpleUploadedFile("bulk.jsonl", data)
    response = client.post("/import/", {"collection": collection.pk, "uploads": [upload]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "bulk.jsonl is 1,001 bytes; the limit is 1,000 bytes (CLAIMDESK_MAX_IMPORT_BYTES)" in (
        body
    )
    assert not Article.objects.exists()


@override_settings(CLAIMDESK_MAX_IMPORT_BYTES=1000)
def test_a_file_at_the_limit_is_imported(
    client: Client, alice: Any, collection: Collection
) -> None:
    client.force_login(alice)
    data = (GOOD + "\n").encode()
    data += b" " * (1000 - len(data))
    upload = SimpleUploadedFile("bulk.jsonl", data)
    response = client.post("/import/", {"collection": collection.pk, "uploads": [upload]})
    assert response.status_code == 302
    assert Article.objects.count() == 1


@override_settings(CLAIMDESK_MAX_IMPORT_BYTES=100)
def test_import_articles_names_the_limit(db: None, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 89 + b'"}')  # 101 bytes
    with pytest.raises(CommandError) as caught:
        call_command("import_articles", str(path), "--collection", "desk")
    assert "the file is 101 bytes; the limit is 100 bytes (CLAIMDESK_MAX_IMPORT_BYTES)." in str(
        caught.value
    )
    assert not Article.objects.exists()


@override_settings(CLAIMDESK_MAX_IMPORT_BYTES=100)
def test_import_dataset_refuses_a_file_just_over_the_limit(db: None, tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"x" * 101)  # never parsed: it would be "not valid JSON"
    with pytest.raises(CommandError) as caught:
        call_command("import_dataset", str(path))
    assert (
        f"{path}: the file is 101 bytes; the limit is 100 bytes (CLAIMDESK_MAX_IMPORT_BYTES)."
        in str(caught.value)
    )
    assert not Collection.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_pasted_text_just_over_the_limit_is_refused_naming_it(
    client: Client, alice: Any, collection: Collection
) -> None:
    client.force_login(alice)
    text = "Some 5 posts. " + "x" * 1000
    response = client.post("/import/", {"collection": collection.pk, "text": text})
    assert response.status_code == 413
    body = response.content.decode()
    assert "the limit is 1,000 bytes (CLAIMDESK_MAX_REQUEST_BYTES)" in body
    assert not Article.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_api_body_just_over_the_limit_is_refused_naming_it(
    client: Client, alice: Any, collection: Collection
) -> None:
    body = json.dumps({"collection": collection.pk, "title": "Big", "text": "y" * 1000})
    response = client.post(
        "/api/v1/articles", body, content_type="application/json", **_bearer(alice)
    )
    assert response.status_code == 413
    assert response.json()["detail"] == (
        f"The request body is {len(body):,} bytes; the limit is 1,000 bytes "
        "(CLAIMDESK_MAX_REQUEST_BYTES)."
    )
    assert not Article.objects.exists()


def test_the_default_limits_fit_a_long_report_and_a_bulk_file(settings: Any) -> None:
    # A 2-million-character article (CLAIMDESK_MAX_ARTICLE_CHARS) in Chinese, JSON-escaped
    # (\\uXXXX, 6 bytes a character) fits a request; 10,000 articles of 20 KB fit a file.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.CLAIMDESK_MAX_REQUEST_BYTES
    assert settings.CLAIMDESK_MAX_REQUEST_BYTES >= 6 * settings.CLAIMDESK_MAX_ARTICLE_CHARS
    assert settings.CLAIMDESK_MAX_IMPORT_BYTES >= 10_000 * 20_000
