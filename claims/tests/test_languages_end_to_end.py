"""Issue 16: a Chinese, Spanish, French or German article keeps every field of its figures
(value, bounds, qualifier, unit, counted noun, language) from detection through the workspace,
the API and the CSV and JSONL exports."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from articles.models import ApiToken, Article, Collection
from claims.detection import detect_figures
from claims.exports import Selection, export, export_claims
from claims.models import Claim, Figure
from claims.services import article_detect
from claims.tests.detection.test_detection_languages import reading as fields

TEXTS = {
    "zh": "网信办表示，近140万条违法信息被清理，关闭账号6.7万个，超过10万名用户受到处罚，罚款2.3亿元。",
    "es": "Las autoridades cerraron casi 1,4 millones de cuentas y más de 2.300 millones de dólares.",
    "fr": "Près de 1,4 million de comptes ont été fermés, et plus de 12,5 % des utilisateurs.",
    "de": "Mehr als 100.000 Konten wurden gesperrt, rund 1,4 Millionen Beiträge gelöscht.",
}


def imported(collection: Collection, alice: User, language: str) -> Article:
    article, _ = Article.objects.import_text(
        collection=collection,
        text=TEXTS[language],
        title=f"Closures ({language})",
        language=language,
        created_by=alice,
    )
    article_detect(article=article, created_by=alice)
    return article


def number(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text))


def api_reading(item: dict[str, Any]) -> tuple[object, ...]:
    """An API figure's fields as :func:`fields` gives a detected one's, then its language."""
    return (
        item["surface"],
        number(item["value"]),
        number(item["lower"]),
        number(item["upper"]),
        item["qualifier"],
        item["unit"],
        item["counted"],
        item["language"],
    )


@pytest.fixture
def chinese(collection: Collection, alice: User) -> Article:
    return imported(collection, alice, "zh")


def test_a_chinese_article_is_stored_with_every_field_its_language_reads(chinese: Article) -> None:
    stored = [
        (f.surface, f.value, f.lower, f.upper, f.qualifier, f.unit, f.counted)
        for f in Figure.objects.filter(article=chinese).order_by("start")
    ]
    assert stored == [
        ("近140万", Decimal(1400000), None, Decimal(1400000), "approx_below", "", "违法信息"),
        ("6.7万", Decimal(67000), None, None, "exact", "", "账号"),
        ("超过10万", Decimal(100000), Decimal(100000), None, "more_than", "", "用户"),
        ("2.3亿元", Decimal(230000000), None, None, "exact", "CNY", ""),
    ]


def test_the_workspace_shows_a_chinese_articles_figures_with_every_field(
    client: Client, alice: User, chinese: Article
) -> None:
    client.force_login(alice)
    html = client.get(f"/articles/{chinese.pk}/").content.decode()
    assert f'lang="{chinese.language}"' in html  # the text is marked as Chinese for the browser
    rows = {
        f.surface: html[html.index(f'id="figure-row-{f.pk}"') :].split("</li>", 1)[0]
        for f in Figure.objects.filter(article=chinese)
    }
    assert "= 1,400,000" in rows["近140万"]
    assert "[… – 1,400,000]" in rows["近140万"]
    assert '<span class="qualifier">nearly</span>' in rows["近140万"]
    assert '<span class="qualifier">more than</span>' in rows["超过10万"]
    assert escape("违法信息") in rows["近140万"]
    assert "[100,000 – …]" in rows["超过10万"]
    assert escape("用户") in rows["超过10万"]
    assert "= 230,000,000" in rows["2.3亿元"] and "CNY" in rows["2.3亿元"]
    assert escape("账号") in rows["6.7万"]


def test_the_api_figure_endpoint_carries_every_field_and_the_language(
    client: Client, alice: User, chinese: Article
) -> None:
    token = ApiToken.objects.issue(user=alice, name="tests")[1]
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    items = client.get("/api/v1/figures", {"article": chinese.pk}, **auth).json()["items"]
    read = [api_reading(f) for f in items]
    assert read == [(*fields(d), "zh") for d in detect_figures(chinese.text, "zh")]
    one = client.get(f"/api/v1/figures/{items[0]['id']}", **auth).json()
    assert (one["surface"], one["counted"], one["language"]) == ("近140万", "违法信息", "zh")


@pytest.mark.parametrize("language", ["zh", "es", "fr", "de"])
def test_every_language_keeps_its_fields_through_the_api(
    client: Client, alice: User, collection: Collection, language: str
) -> None:
    article = imported(collection, alice, language)
    expected = [(*fields(d), language) for d in detect_figures(article.text, language)]
    # each text has a hedged figure, so bounds and qualifier are exercised in every language
    assert any(row[4] not in ("exact", "approx") for row in expected), expected
    token = ApiToken.objects.issue(user=alice, name="tests")[1]
    items = client.get(
        "/api/v1/figures", {"article": article.pk}, HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()["items"]
    got = [api_reading(f) for f in items]
    assert got == expected


@pytest.fixture
def four(collection: Collection, alice: User) -> dict[str, Article]:
    return {language: imported(collection, alice, language) for language in TEXTS}


def _exported(format: str, articles: dict[str, Article], **options: Any) -> str:
    chosen = Selection(articles=Article.objects.filter(pk__in=[a.pk for a in articles.values()]))
    return "".join(export(format, export_claims(), chosen=chosen, **options))


def test_the_csv_carries_the_language_of_every_figure_row(four: dict[str, Article]) -> None:
    rows = list(csv.DictReader(io.StringIO(_exported("csv", four))))
    by_article = {a.pk: language for language, a in four.items()}
    assert len(rows) == Figure.objects.count() > 0
    for row in rows:
        assert row["language"] == by_article[int(row["article_id"])]
    german = next(r for r in rows if r["surface"] == "Mehr als 100.000")
    assert (german["value"], german["lower"], german["qualifier"], german["counted"]) == (
        "100000",
        "100000",
        "more_than",
        "konten",
    )


def test_the_csv_claim_rows_carry_the_language(four: dict[str, Article], alice: User) -> None:
    article = four["fr"]
    Claim.objects.create(
        article=article, start=0, end=19, quote=article.text[:19], created_by=alice
    )
    rows = list(csv.DictReader(io.StringIO(_exported("csv", four, rows="claims"))))
    assert [(r["article_id"], r["language"]) for r in rows] == [(str(article.pk), "fr")]


def test_the_jsonl_carries_the_language_of_each_article_and_its_figures(
    four: dict[str, Article],
) -> None:
    records = [json.loads(line) for line in _exported("jsonl", four).splitlines()]
    languages = {r["id"]: r["language"] for r in records if r["type"] == "article"}
    assert languages == {a.pk: language for language, a in four.items()}
    figures = [r for r in records if r["type"] == "figure"]
    spanish = next(f for f in figures if f["surface"] == "más de 2.300 millones de dólares")
    assert languages[spanish["article_id"]] == "es"
    assert (spanish["unit"], spanish["qualifier"]) == ("USD", "more_than")
