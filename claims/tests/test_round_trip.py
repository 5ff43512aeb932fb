"""export (jsonl) -> import_dataset -> export gives the same records, ids aside."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles.models import Article, Collection, normalise_text
from claims.exports import export_claims
from claims.exports.jsonl import export_jsonl
from claims.importers import import_dataset
from claims.models import Claim, ClaimLink, Figure, Source, Tag
from claims.tests.export_data import annotated_article


def export_records(collection: Collection) -> list[dict[str, Any]]:
    text = "".join(export_jsonl(export_claims(collection=collection)))
    return [json.loads(line) for line in text.splitlines()]


def without_ids(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with each id replaced by its order of appearance, collections dropped."""
    articles: dict[int, int] = {}
    claims: dict[int, int] = {}
    figures: dict[int, int] = {}
    for record in records:
        if record["type"] == "claim":
            claims.setdefault(record["id"], len(claims))
    out = []
    for record in records:
        record = json.loads(json.dumps(record))
        if record["type"] == "article":
            record["id"] = articles.setdefault(record["id"], len(articles))
            del record["collection"]
        elif record["type"] == "claim":
            record["id"] = claims[record["id"]]
            record["article"]["id"] = articles[record["article"]["id"]]
            for link in record["links"]:
                link["target"] = claims.get(link["target"], "outside")
            for figure in record["figures"]:
                figure["id"] = figures.setdefault(figure["id"], len(figures))
        out.append(record)
    return out


def round_trip(source: Collection, slug: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    before = export_records(source)
    lines = [json.dumps(r, ensure_ascii=False) for r in before]
    target = Collection.objects.create(name=slug, slug=slug)
    import_dataset(lines=lines, name="export.jsonl", collection=target)
    return before, export_records(target)


def test_the_annotated_article_survives_the_round_trip(collection: Collection, alice: Any) -> None:
    annotated_article(collection, alice)
    before, after = round_trip(collection, "copy")
    assert without_ids(after) == without_ids(before)
    assert [r["id"] for r in after if r["type"] == "claim"] != [
        r["id"] for r in before if r["type"] == "claim"
    ]


def test_the_command_loads_into_an_empty_database(
    collection: Collection, alice: Any, tmp_path: Path, capsys: Any
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "desk.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(path))
    before = without_ids(export_records(collection))
    for model in (ClaimLink, Claim, Figure, Article, Tag, Collection, Source):
        model.objects.all().delete()

    call_command("import_dataset", str(path))
    assert "Claims: 3 new" in capsys.readouterr().out
    restored = Collection.objects.get(slug="desk")
    assert without_ids(export_records(restored)) == before
    assert Source.objects.get(name="Reuters").kind == "news_agency"
    assert set(Tag.objects.values_list("slug", flat=True)) == {"enforcement", "scope"}


def test_loading_the_same_file_twice_adds_nothing(
    collection: Collection, alice: Any, tmp_path: Path
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "desk.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(path))
    counts = (
        Article.objects.count(),
        Claim.objects.count(),
        Figure.objects.count(),
        ClaimLink.objects.count(),
    )
    call_command("import_dataset", str(path))
    assert (
        Article.objects.count(),
        Claim.objects.count(),
        Figure.objects.count(),
        ClaimLink.objects.count(),
    ) == counts


def test_links_to_claims_outside_the_file_are_listed_and_skipped(
    collection: Collection, alice: Any, tmp_path: Path, capsys: Any
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "submitted.jsonl"
    call_command("export_dataset", "--format", "jsonl", "--status", "submitted", "-o", str(path))
    call_command("import_dataset", str(path), "--collection", "elsewhere")
    out = capsys.readouterr().out
    assert "Skipped" in out and "link part_of to claim" in out
    assert not ClaimLink.objects.filter(from_claim__article__collection__slug="elsewhere").exists()


def _bad_file(tmp_path: Path, collection: Collection, alice: Any, change: Any) -> Path:
    annotated_article(collection, alice)
    records = export_records(collection)
    change(records)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r[1].update(text=r[1]["text"] + "!"), "line 2, field 'text_sha256'"),
        (lambda r: r[2].update(quote="not the text"), "line 3, field 'quote'"),
        (lambda r: r[3]["figures"][0].update(value="lots"), "line 4, field 'figures.value'"),
        (lambda r: r[2].update(verdict="true-ish"), "line 3, field 'verdict'"),
        (lambda r: r[0].update(format="claimdesk/9"), "line 1, field 'format'"),
        (lambda r: r[2].update(article={"id": 999}), "line 3, field 'article.id'"),
    ],
)
def test_a_bad_record_names_its_line_and_field_and_loads_nothing(
    collection: Collection, alice: Any, tmp_path: Path, change: Any, expected: str
) -> None:
    path = _bad_file(tmp_path, collection, alice, change)
    claims = Claim.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("import_dataset", str(path), "--collection", "other")
    assert expected in str(exc.value)
    assert "Nothing was imported" in str(exc.value)
    assert Claim.objects.count() == claims
    assert not Collection.objects.filter(slug="other").exists()


def test_malformed_json_names_its_line(db: None, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"format": "claimdesk/1", "type": "schema"}\n{"format": \n')
    with pytest.raises(CommandError, match=r"broken\.jsonl, line 2: not valid JSON"):
        call_command("import_dataset", str(path))


# The property: generated articles with emoji, CJK, combining marks -------------------------

TOKENS = [
    *"abcXYZ ,.-\n",
    *"数据中文新闻统计局",
    "🚀",
    "📰",
    "👍🏽",  # an emoji with a skin-tone modifier: two code points
    "é",
    "q\u0307",  # a combining mark with no precomposed form: stays two code points in NFC
    "\u0301",  # a lone combining mark, which NFC may join to the character before it
    "ß",
    "Ω",
]
WORDS = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=10).map("".join)
NUMBERS = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
SOURCE_NAMES = [
    "Reuters",
    "新华社",
    "📰 Daily Wire",
    "Office national de la statistique",
    "Ministry of Public Security",
]


@st.composite
def annotated_articles(draw: Any) -> list[dict[str, Any]]:
    """Articles as plans: text pieces, claims covering runs of pieces, figures inside them."""
    articles = []
    for _ in range(draw(st.integers(1, 3))):
        pieces = draw(st.lists(WORDS, min_size=2, max_size=10))
        n_claims = draw(st.integers(0, 3))
        claims = []
        for _ in range(n_claims):
            first = draw(st.integers(0, len(pieces) - 1))
            last = draw(st.integers(first, len(pieces) - 1))
            claims.append(
                {
                    "pieces": (first, last),
                    "figures": draw(st.lists(st.integers(first, last), max_size=3, unique=True)),
                    "source": draw(st.none() | st.sampled_from(SOURCE_NAMES)),
                    "status": draw(st.sampled_from(Claim.Status.values)),
                    "verdict": draw(st.sampled_from(Claim.Verdict.values)),
                    "note": draw(st.sampled_from(["", "ok 👍", "数据"])),
                    "tags": draw(
                        st.lists(
                            st.sampled_from(["alpha", "beta", "数据"]), unique=True, max_size=2
                        )
                    ),
                    "value": draw(st.none() | NUMBERS),
                    "link": draw(st.none() | st.sampled_from(ClaimLink.Relation.values)),
                }
            )
        articles.append({"pieces": pieces, "claims": claims})
    return articles


def build(collection: Collection, plans: list[dict[str, Any]]) -> None:
    tags: dict[str, Tag] = {}
    for index, plan in enumerate(plans):
        # Separators keep pieces apart even after NFC joins a combining mark to its base.
        text = normalise_text(f"[{index}]" + "".join(f"|{p}" for p in plan["pieces"]) + "|")
        article, created = Article.objects.import_text(
            collection=collection, text=text, title=f"A{index}"
        )
        if not created:
            continue
        bounds = []
        position = text.index("|")
        for _ in plan["pieces"]:
            end = text.index("|", position + 1)
            bounds.append((position + 1, end))
            position = end
        made: list[Claim] = []
        for c in plan["claims"]:
            start, end = bounds[c["pieces"][0]][0], bounds[c["pieces"][1]][1]
            if start >= end:
                continue
            source = None
            if c["source"]:
                source, _ = Source.objects.get_or_create(name=c["source"])
            claim = Claim.objects.create(
                article=article,
                start=start,
                end=end,
                quote=text[start:end],
                source=source,
                status=c["status"],
                verdict=c["verdict"],
                note=c["note"],
            )
            figures = []
            for piece in c["figures"]:
                f_start, f_end = bounds[piece]
                if f_start >= f_end:
                    continue
                figure, _ = Figure.objects.get_or_create(
                    article=article,
                    start=f_start,
                    end=f_end,
                    defaults={
                        "surface": text[f_start:f_end],
                        "value": c["value"],
                        "lower": c["value"] and c["value"] - 1,
                    },
                )
                figures.append(figure)
            claim.figures.set(figures)
            for slug in c["tags"]:
                if slug not in tags:
                    tags[slug] = Tag.objects.create(
                        collection=collection, slug=f"t-{len(tags)}", name=slug
                    )
                claim.tags.add(tags[slug])
            if c["link"] and made:
                ClaimLink.objects.get_or_create(
                    from_claim=claim, to_claim=made[0], relation=c["link"]
                )
            made.append(claim)


class RoundTripProperty(TestCase):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(annotated_articles())
    def test_export_import_export_is_lossless(self, plans: list[dict[str, Any]]) -> None:
        source = Collection.objects.create(name="Generated", slug="generated")
        build(source, plans)
        before, after = round_trip(source, "copy")
        assert without_ids(after) == without_ids(before)
        assert (
            sum(r["type"] == "claim" for r in after)
            == Claim.objects.filter(article__collection=source).count()
        )


def test_decimals_keep_every_digit_sqlite_keeps(collection: Collection) -> None:
    article, _ = Article.objects.import_text(
        collection=collection, text="About 0.5 and 1234567.25 units.", title="t"
    )
    figure = Figure.objects.create(
        article=article, start=6, end=9, surface="0.5", value=Decimal("0.5"), lower=Decimal("-3.25")
    )
    claim = Claim.objects.create(article=article, start=0, end=9, quote="About 0.5")
    claim.figures.set([figure])
    before, after = round_trip(collection, "copy")
    assert after[2]["figures"][0]["value"] == "0.5"
    assert after[2]["figures"][0]["lower"] == "-3.25"
    assert without_ids(after) == without_ids(before)
