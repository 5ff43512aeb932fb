from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Collection
from claims.models import StoredFindings
from claims.tests.export_data import TEXT, annotated_article

URL = "/export/"


def _get(client: Client, user: Any, **params: str) -> Any:
    client.force_login(user)
    return client.get(URL, params)


def _body(response: Any) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_it_needs_a_login(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_outsider_may_not_export(client: Client, mallory: User) -> None:
    # 404, as every page answers an outsider: nothing here.
    assert _get(client, mallory).status_code == 404
    assert _get(client, mallory, format="jsonl").status_code == 404


def test_a_reader_who_may_not_view_claims_gets_403(client: Client, django_user_model: Any) -> None:
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("reader", password="x")
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    assert _get(client, reader).status_code == 403


@pytest.mark.parametrize("name", ["alice", "bob", "carol"])
def test_every_role_sees_the_form(
    client: Client, request: Any, name: str, collection: Collection
) -> None:
    response = _get(client, request.getfixturevalue(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="format"' in body and '<option value="desk">Desk</option>' in body


def test_the_download_streams_with_a_filename(
    client: Client, carol: User, collection: Collection
) -> None:
    annotated_article(collection, carol)
    response = _get(client, carol, format="jsonl", collection="desk", status="approved")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    day = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="claimdesk-desk-approved-{day}.jsonl"'
    )
    records = [json.loads(line) for line in _body(response).splitlines()]
    kept = [r["type"] for r in records if r["type"] not in {"figure", "source"}]
    assert kept == ["schema", "article", "claim", "finding"]
    assert records[-1]["key"].startswith("part:") and records[-1]["status"] == "open"
    assert records[1]["text"] == TEXT.replace("q\u0307", "q\u0307")


def test_csv_with_bom_for_excel(client: Client, carol: User, collection: Collection) -> None:
    annotated_article(collection, carol)
    body = _body(_get(client, carol, format="csv", bom="on"))
    assert body.startswith("\ufeffarticle_id,")
    assert len(list(csv.DictReader(io.StringIO(body[1:])))) == 4  # one row per figure


@pytest.mark.parametrize("format", ["claimreview", "webannotation"])
def test_linked_formats_use_the_site_address(
    client: Client, carol: User, collection: Collection, format: str
) -> None:
    article = annotated_article(collection, carol)
    body = _body(_get(client, carol, format=format))
    assert f"http://testserver/articles/{article.pk}/" in body
    json.loads(body)


def test_bad_filters_are_refused(client: Client, carol: User, db: None) -> None:
    response = _get(client, carol, format="pdf", collection="nope")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_query_count_does_not_grow_with_the_export(
    client: Client, carol: User, collection: Collection
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _body(_get(client, carol, format="jsonl"))
        return len(queries)

    annotated_article(collection, carol)
    count()  # the first request also fills caches (content types)
    StoredFindings.objects.update(computed_version=None)
    small_computing = count()  # the articles' findings computed and stored
    small = count()  # read from the store
    for i in range(8):
        annotated_article(collection, carol, text=TEXT + f" Copy {i}.")
    assert count() == small_computing
    assert count() == small < small_computing
