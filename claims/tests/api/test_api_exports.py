"""GET /api/v1/exports/{format}: the dataset as claims/exports/ writes it, streamed."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import ApiToken, Article
from claims.api.exports import FormatName
from claims.exports import FORMATS
from claims.models import Claim, Figure


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def claims(article: Article, bob: User, carol: User) -> list[Claim]:
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000", value=67000)
    approved = Claim.objects.create(
        article=article,
        start=0,
        end=43,
        quote=article.text[0:43],
        status=Claim.Status.APPROVED,
        verdict=Claim.Verdict.ACCURATE,
        created_by=carol,
        reviewed_by=bob,
    )
    approved.figures.add(figure)
    draft = Claim.objects.create(article=article, start=45, end=115, quote=article.text[45:115])
    return [approved, draft]


def _get(client: Client, user: Any, path: str) -> Any:
    token = ApiToken.objects.issue(user=user)[1]
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def _body(response: Any) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_formats_are_the_ones_claims_exports_writes() -> None:
    assert set(FormatName.__args__) == set(FORMATS)  # type: ignore[attr-defined]


def test_jsonl_streams_one_record_per_line_filtered_by_status(
    client: Client, carol: User, claims: list[Claim]
) -> None:
    response = _get(client, carol, "/api/v1/exports/jsonl?collection=desk&status=approved")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert 'filename="desk.jsonl"' in response["Content-Disposition"]
    records = [json.loads(line) for line in _body(response).splitlines() if line]
    assert {record["format"] for record in records} == {"claimdesk/2"}
    assert [r["id"] for r in records if r["type"] == "claim"] == [claims[0].pk]


def test_jsonl_holds_the_consistency_findings_after_the_claims(
    client: Client, carol: User, article: Article, claims: list[Claim]
) -> None:
    # "Of the 67,000 accounts, nearly 8,000 spread rumours": a part of a whole.
    whole_at = article.text.index("67,000", 20)
    part_at = article.text.index("nearly 8,000")
    figures = [
        Figure.objects.create(
            article=article,
            start=whole_at,
            end=whole_at + 6,
            surface="67,000",
            value=67000,
            counted="accounts",
        ),
        Figure.objects.create(
            article=article,
            start=part_at,
            end=part_at + 12,
            surface="nearly 8,000",
            value=8000,
            upper=8000,
            qualifier=Figure.Qualifier.APPROX_BELOW,
        ),
    ]
    claims[1].figures.set(figures)
    response = _get(client, carol, "/api/v1/exports/jsonl?collection=desk")
    records = [json.loads(line) for line in _body(response).splitlines() if line]
    kept = [r["type"] for r in records if r["type"] not in {"figure", "source"}]
    assert kept == ["schema", "article", "claim", "claim", "finding"]
    finding = records[-1]
    spans = ",".join(f"{f.start}-{f.end}" for f in figures)
    assert finding["key"] == f"part:{article.text_sha256}:{spans}"
    assert finding["figure_ids"] == [figures[0].pk, figures[1].pk]
    assert (finding["kind"], finding["status"]) == ("part", "open")
    assert finding["claim_ids"] == [claims[1].pk]


def test_csv_has_a_row_per_figure_and_a_bom_on_request(
    client: Client, carol: User, claims: list[Claim]
) -> None:
    body = _body(_get(client, carol, "/api/v1/exports/csv?bom=true"))
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert any("67,000" in row for row in rows[1:])


def test_claimreview_and_webannotation_are_json_ld(
    client: Client, carol: User, claims: list[Claim]
) -> None:
    reviews = json.loads(_body(_get(client, carol, "/api/v1/exports/claimreview")))
    assert [review["@type"] for review in reviews] == ["ClaimReview"]
    annotations = json.loads(_body(_get(client, carol, "/api/v1/exports/webannotation")))
    assert annotations["type"] == "AnnotationCollection"
    assert annotations["total"] >= 2


def test_an_unknown_collection_or_format_is_refused_and_an_outsider_gets_403(
    client: Client, carol: User, mallory: User, claims: list[Claim]
) -> None:
    assert _get(client, carol, "/api/v1/exports/jsonl?collection=nope").status_code == 404
    assert _get(client, carol, "/api/v1/exports/xml").status_code == 422
    assert _get(client, mallory, "/api/v1/exports/jsonl").status_code == 403
    assert client.get("/api/v1/exports/jsonl").status_code == 401
