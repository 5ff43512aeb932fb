"""`manage.py check_consistency`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Article, Collection
from claims.models import FindingDecision, StoredFindings
from claims.tests.consistency.sample import load_sample


def _run(*args: str) -> str:
    out = StringIO()
    call_command("check_consistency", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sample(collection: Collection, alice: User) -> Article:
    return load_sample(collection, created_by=alice)


def test_json_lists_each_finding_with_its_fields(sample: Article) -> None:
    findings = json.loads(_run("--article", str(sample.pk), "--json"))
    assert len(findings) == 6
    assert {f["kind"] for f in findings} == {"contradiction", "repeat", "part", "magnitude"}
    first = findings[0]
    assert first["kind"] == "contradiction" and first["severity"] == "high"
    assert set(first) >= {
        "kind",
        "severity",
        "figure_ids",
        "claim_ids",
        "message",
        "suggested_link",
        "key",
        "status",
    }
    assert first["suggested_link"]["relation"] == "contradicts"
    assert "(paragraph 1) vs" in first["message"]


def test_the_collection_and_every_collection_give_the_same_findings(sample: Article) -> None:
    by_collection = json.loads(_run("--collection", "desk", "--json"))
    assert by_collection == json.loads(_run("--json"))
    assert len(by_collection) == 6


def test_text_output_has_one_line_per_finding(sample: Article) -> None:
    lines = _run("--collection", "desk").splitlines()
    assert lines[0].startswith("[high] contradiction: 1.4 million social media posts")
    assert lines[-1] == "6 findings, 6 open."


def test_decided_findings_are_left_out_unless_asked_for(sample: Article, bob: User) -> None:
    key = json.loads(_run("--article", str(sample.pk), "--json"))[0]["key"]
    FindingDecision.objects.create(
        collection=sample.collection, key=key, kind="contradiction", decision="dismissed"
    )
    keys = [f["key"] for f in json.loads(_run("--article", str(sample.pk), "--json"))]
    assert key not in keys and len(keys) == 5
    everything = json.loads(_run("--article", str(sample.pk), "--json", "--all"))
    assert {f["key"]: f["status"] for f in everything}[key] == "dismissed"


def test_unknown_article_or_collection_is_an_error(db: None) -> None:
    with pytest.raises(CommandError, match="no article 999"):
        _run("--article", "999")
    with pytest.raises(CommandError, match="slug 'nope'"):
        _run("--collection", "nope")


def test_refresh_stores_the_findings_that_are_out_of_date(
    sample: Article, collection: Collection
) -> None:
    other, _ = Article.objects.import_text(
        collection=collection, text="Police said 5,000 accounts were closed.", title="Other"
    )
    assert _run("--refresh", "--collection", "desk") == (
        "Stored the findings of 2 article(s); 0 were up to date.\n"
    )
    rows = StoredFindings.objects.filter(article__in=[sample, other])
    assert all(row.computed_version == row.version for row in rows) and len(rows) == 2
    assert len(rows.get(article=sample).findings or []) == 6
    assert _run("--refresh") == "Stored the findings of 0 article(s); 2 were up to date.\n"
    with pytest.raises(CommandError, match="no collection with the slug 'nope'"):
        _run("--refresh", "--collection", "nope")
