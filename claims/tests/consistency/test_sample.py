"""The sample article: what a reviewer should be shown, and nothing more."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Collection
from claims.consistency.records import Kind
from claims.consistency.reports import Report, collection_findings
from claims.consistency.store import article_findings
from claims.tests.consistency.sample import by_surface, load_sample


def _pairs(report: Report, kind: str) -> set[tuple[int, ...]]:
    return {s.finding.figure_ids for s in report.findings if s.finding.kind == kind}


def _check_sample(article: Article, report: Report) -> None:
    ids = by_surface(article)
    million = ids["1.4 million"][0]
    hundreds = ids["hundreds of thousands"][0]
    nearly_million = ids["nearly one million"][0]
    first_67, second_67 = ids["67,000"]
    eight = ids["nearly 8,000"][0]
    billions = ids["billions"][0]

    # The posts-removed contradiction: 1.4 million against each of the two others, which
    # agree with each other (linked findings sharing figures).
    assert _pairs(report, Kind.CONTRADICTION) == {
        tuple(sorted((million, hundreds))),
        tuple(sorted((million, nearly_million))),
    }
    assert tuple(sorted((hundreds, nearly_million))) in _pairs(report, Kind.REPEAT)
    # The two 67,000 are a repeat.
    assert (first_67, second_67) in _pairs(report, Kind.REPEAT)
    # Nearly 8,000 is a consistent part of 67,000.
    assert _pairs(report, Kind.PART) == {(second_67, eight)}
    # Billions of accounts is out of scale, and only flagged as that.
    assert _pairs(report, Kind.MAGNITUDE) == {(billions,)}
    # Nothing else.
    assert {s.finding.kind for s in report.findings} == {
        Kind.CONTRADICTION,
        Kind.REPEAT,
        Kind.PART,
        Kind.MAGNITUDE,
    }
    assert len(report.findings) == 6
    contradiction = next(
        s.finding
        for s in report.findings
        if s.finding.figure_ids == tuple(sorted((million, nearly_million)))
    )
    assert contradiction.severity == "high"
    assert contradiction.message == (
        "1.4 million social media posts have been removed (paragraph 1) vs nearly one million "
        "public posts were deleted (paragraph 9): 1,400,000 and 900,000–1,000,000 cannot both hold."
    )


@pytest.mark.parametrize("detect", [False, True], ids=["figures-by-hand", "detected-figures"])
def test_the_sample_article_shows_what_a_reviewer_should_see(
    collection: Collection, alice: User, detect: bool
) -> None:
    article = load_sample(collection, detect=detect, created_by=alice)
    _check_sample(article, article_findings(article))


def test_the_collection_report_of_the_sample_is_the_same(
    collection: Collection, alice: User
) -> None:
    article = load_sample(collection, created_by=alice)
    _check_sample(article, collection_findings(collection))


def test_a_rejected_figure_is_not_checked(collection: Collection, alice: User) -> None:
    article = load_sample(collection, created_by=alice)
    article.figures.filter(surface="1.4 million").update(state="rejected")
    report = article_findings(article)
    assert _pairs(report, Kind.CONTRADICTION) == set()
