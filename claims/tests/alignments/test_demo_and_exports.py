"""The demo's translation and original, their comparison, and what the exports carry."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from articles.models import Article, ArticleRelation
from claims.exports.csv_export import export_csv
from claims.exports.webannotation import export_webannotation
from claims.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys: Any) -> ArticleRelation:
    call_command("demo")
    capsys.readouterr()
    return ArticleRelation.objects.select_related("derived", "original").get()


def test_the_demo_relates_a_chinese_passage_labelled_as_written_for_it(
    demo: ArticleRelation,
) -> None:
    original = demo.original
    assert original.language == "zh" and "written for the Claimdesk demo" in original.title
    assert (
        "近140万条" in original.text and "6.7万个" in original.text and "超过10万" in original.text
    )
    assert demo.derived.title.startswith("China's regulator says 1.4 million")
    assert demo.kind == "translation_of"


def test_the_demos_comparison_shows_the_samples_slips(demo: ArticleRelation) -> None:
    bob = User.objects.get(username="bob")
    client = Client()
    client.force_login(bob)
    html = client.get(f"/articles/{demo.derived_id}/compare/{demo.original_id}/").content.decode()
    # The hedge dropped: 近140万 ("nearly") became "1.4 million".
    assert "Translation: hedge changed" in html and "“近140万” → “1.4 million”" in html
    # The accounts 处置 (dealt with) became "hacked".
    assert "Translation: event changed (weaker)" in html and "hacked in the translation" in html
    # The posts-removed figures the original does not have.
    assert "“hundreds of thousands”" in html and "“nearly one million”" in html
    assert html.count("Translation: figure not in the original") >= 2
    # Bob reviews: he may accept or dismiss each.
    assert "Dismiss" in html and "Accept: contradicts" in html


def test_csv_rows_alignments_lists_each_pair(demo: ArticleRelation) -> None:
    text = "".join(
        export_csv(Claim.objects.all(), articles=Article.objects.all(), rows="alignments")
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    hedge = next(r for r in rows if r["derived_surface"] == "1.4 million")
    assert hedge["original_surface"] == "近140万" and hedge["change"] == "hedge"
    assert hedge["finding_status"] == "open" and hedge["original_article_id"] == str(
        demo.original_id
    )
    faithful = next(r for r in rows if r["derived_surface"] == "more than 100,000")
    assert faithful["change"] == "" and faithful["finding_status"] == ""


def test_web_annotation_gives_alignments_both_targets(demo: ArticleRelation) -> None:
    claims = Claim.objects.all()
    data = json.loads("".join(export_webannotation(claims, base_url="https://desk.example")))
    items = data["first"]["items"]
    assert data["total"] == len(items)
    aligned = [a for a in items if "/annotations/alignments/" in a["id"]]
    assert aligned and all(a["motivation"] == "linking" for a in aligned)
    pair = next(
        a
        for a in aligned
        if isinstance(a["target"], list) and a["target"][0]["selector"][0]["exact"] == "1.4 million"
    )
    sources = [t["source"] for t in pair["target"]]
    assert sources == [
        f"https://desk.example/articles/{demo.derived_id}/",
        f"https://desk.example/articles/{demo.original_id}/",
    ]
    assert pair["target"][1]["selector"][0]["exact"] == "近140万"
    assert {"value": "hedge", "purpose": "classifying"}.items() <= pair["body"][1].items()
