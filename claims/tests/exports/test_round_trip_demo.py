"""The demo (`manage.py demo`: the sample article, blind double-annotated by carol and dave,
curated by bob) exported, loaded into an empty database and exported again: the same
records, ids aside, every figure and judgement included (docs/data-format.md)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, ArticleRelation, Assignment, Collection
from claims.models import (
    Claim,
    ClaimLink,
    Figure,
    FigureAlignment,
    FigureJudgement,
    FindingDecision,
    Source,
    StoredFindings,
    Tag,
)
from claims.tests.exports.test_round_trip import without_ids


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _empty_the_database() -> None:
    for model in (
        FindingDecision,
        FigureJudgement,
        Assignment,
        ClaimLink,
        Claim,
        Figure,
        StoredFindings,
        Article,
        Tag,
        Collection,
    ):
        model.objects.all().delete()
    Source.objects.update(parent=None)
    Source.objects.all().delete()
    Figure.history.all().delete()
    get_user_model().objects.all().delete()


def test_the_demo_survives_export_import_export(db: None, tmp_path: Path, capsys: Any) -> None:
    call_command("demo")
    first = tmp_path / "demo.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(first))
    before = _read(first)
    kinds = Counter(r["type"] for r in before)
    # Every figure of the sample and of its original (issue 18: a Chinese passage written for
    # the demo), whatever its state, and every annotator's judgement.
    sample_figures = Figure.objects.filter(article__language="en").count()
    assert sample_figures == 15 and kinds["figure"] == Figure.objects.count() == 25
    assert kinds["judgement"] == FigureJudgement.objects.count() > 0
    translation_findings = [
        r for r in before if r["type"] == "finding" and r["kind"].startswith("translation_")
    ]
    findings = [r for r in before if r["type"] == "finding"]
    sample_id = next(r["id"] for r in before if r["type"] == "article" and r["language"] == "en")
    assert len([r for r in findings if r["article_ids"] == [sample_id]]) == 6
    assert {"translation_hedge", "translation_event", "translation_added"} <= {
        r["kind"] for r in translation_findings
    }
    # The relation to the original and its figure alignment, one record per aligned row.
    assert kinds["relation"] == 1 and kinds["alignment"] == FigureAlignment.objects.count() > 10
    assert {r["type"] for r in before[-kinds["alignment"] - 1 :]} == {"relation", "alignment"}
    assert {r["state"] for r in before if r["type"] == "figure"} >= {"confirmed", "rejected"}
    article, original = [r for r in before if r["type"] == "article"]
    assert original["language"] == "zh" and "written for the Claimdesk demo" in original["title"]
    assert [a["username"] for a in article["annotators"]] == ["carol", "dave"]
    sources = {r["name"]: r for r in before if r["type"] == "source"}
    cac = sources["Cyberspace Administration of China"]
    assert cac["parent"] == "Government of the People's Republic of China"
    assert "CAC" in cac["aliases"]
    decided = [r for r in before if r["type"] == "figure" and r["decided_by"]]
    assert decided and all(r["detected"] is not None for r in decided)

    _empty_the_database()
    capsys.readouterr()
    call_command("import_dataset", str(first))
    out = capsys.readouterr().out
    assert "Figures: 25 new" in out
    assert (
        "Related articles: 1 new, 0 already there, 0 skipped (an article not in the file); "
        f"figure alignments: {kinds['alignment']} new."
    ) in out
    assert f"Judgements: {kinds['judgement']} new" in out
    second = tmp_path / "again.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(second))
    after = _read(second)
    for x, y in zip(without_ids(after), without_ids(before), strict=True):
        assert x == y
    # The annotators are names on the work here, not accounts one can log in with.
    carol = get_user_model().objects.get(username="carol")
    assert not carol.is_active and not carol.has_usable_password()
    # The article is still blind for carol and dave: their assignments came back.
    reloaded = Article.objects.get(language="en")
    assert reloaded.is_blind_for(carol) == (reloaded.status != "done")
    assert set(reloaded.assignments.values_list("annotator__username", flat=True)) == {
        "carol",
        "dave",
    }

    # Loading the file again into this database reuses everything and says so.
    capsys.readouterr()
    call_command("import_dataset", str(first))
    out = capsys.readouterr().out
    assert "Articles: 0 new, 2 already there. Claims: 0 new" in out
    assert "Figures: 0 new" in out and "Judgements: 0 new" in out
    assert Figure.objects.count() == 25
    assert (
        ArticleRelation.objects.count() == 1 and "Related articles: 0 new, 1 already there" in out
    )
