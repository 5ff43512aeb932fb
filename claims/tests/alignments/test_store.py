"""The stored alignment of a translation and its original, and its translation findings."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from articles.models import Article, ArticleRelation, Collection
from claims.alignments.models import FigureAlignment, RelationAlignment
from claims.alignments.store import align_by_hand, realign, translation_findings
from claims.consistency.decisions import finding_decide
from claims.consistency.store import article_findings, stored_findings
from claims.models import ClaimLink, Figure, FindingDecision
from claims.tests.alignments.pair import figure, load_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(collection: Collection, alice: User) -> tuple[Article, Article, ArticleRelation]:
    translation, original, relation = load_pair(collection, by=alice)
    assert relation is not None
    return translation, original, relation


def _row(relation: ArticleRelation, derived: Figure) -> FigureAlignment:
    return FigureAlignment.objects.get(relation=relation, derived_figure=derived)


def test_reading_the_findings_aligns_the_pair(
    pair: tuple[Article, Article, ArticleRelation],
) -> None:
    translation, original, relation = pair
    assert not FigureAlignment.objects.exists()
    stored_findings({translation.pk})
    row = _row(relation, figure(translation, "1.4 million"))
    assert row.original_figure == figure(original, "近140万")
    assert row.change == "hedge" and "nearly" in row.explanation
    assert RelationAlignment.objects.get(relation=relation).original_language == "zh"


def test_the_sample_slips_are_findings_of_both_articles(
    pair: tuple[Article, Article, ArticleRelation],
) -> None:
    translation, original, _ = pair
    kinds: dict[str, list[str]] = {}
    for state in article_findings(translation).findings:
        if state.finding.kind.startswith("translation_"):
            kinds.setdefault(state.finding.kind, []).append(state.finding.message)
    assert any("hacked" in m for m in kinds["translation_event"])
    assert any("近140万" in m for m in kinds["translation_hedge"])
    added = " ".join(kinds["translation_added"])
    assert "hundreds of thousands" in added and "nearly one million" in added
    on_original = {s.finding.key for s in article_findings(original).findings}
    assert {
        s.finding.key
        for s in article_findings(translation).findings
        if s.finding.kind.startswith("translation_")
    } <= on_original


def test_weak_signals_are_low_severity(pair: tuple[Article, Article, ArticleRelation]) -> None:
    translation, _, relation = pair
    stored_findings({translation.pk})
    first_67000 = Figure.objects.filter(article=translation, surface="67,000").order_by("start")[0]
    event = _row(relation, first_67000)
    assert event.change == "event" and event.weak
    finding = next(
        f for f in translation_findings({translation.pk}) if f.kind == "translation_event"
    )
    assert finding.severity == "low"


def test_a_figure_change_aligns_again_and_a_claim_change_does_not(
    pair: tuple[Article, Article, ArticleRelation],
) -> None:
    translation, original, relation = pair
    stored_findings({translation.pk})
    assert realign({translation.pk}) == 0  # nothing changed
    some = figure(translation, "some 45,000")
    some.state = Figure.State.REJECTED
    some.save()
    stored_findings({translation.pk})
    assert not FigureAlignment.objects.filter(relation=relation, derived_figure=some).exists()
    # The original's partner has no figure left in the translation now.
    partner = figure(original, "约4.5万")
    assert (
        FigureAlignment.objects.get(relation=relation, original_figure=partner).derived_figure
        is None
    )


def test_a_correction_by_hand_is_kept_when_the_pair_is_aligned_again(
    pair: tuple[Article, Article, ArticleRelation], bob: User
) -> None:
    translation, original, relation = pair
    stored_findings({translation.pk})
    hundreds = figure(translation, "hundreds of thousands")
    posts = figure(original, "近140万")
    align_by_hand(relation=relation, derived_figure=hundreds, original_figure=posts, by=bob)
    row = _row(relation, hundreds)
    assert row.origin == "by_hand" and row.original_figure == posts and row.change == "value"
    # 1.4 million lost its partner to the correction.
    assert _row(relation, figure(translation, "1.4 million")).original_figure is None
    assert realign({translation.pk}, force=True) == 1
    assert _row(relation, hundreds).original_figure == posts
    # The findings were recomputed with the correction.
    keys = {s.finding.key for s in article_findings(translation).findings}
    assert f"translation_value:{min(hundreds.pk, posts.pk)},{max(hundreds.pk, posts.pk)}" in keys


def test_accepting_a_translation_finding_links_the_claims(
    pair: tuple[Article, Article, ArticleRelation], bob: User, collection: Collection
) -> None:
    translation, original, _ = pair
    finding = next(
        s.finding
        for s in article_findings(translation).findings
        if s.finding.kind == "translation_event"
    )
    decided = finding_decide(collection=collection, key=finding.key, decision="accepted", by=bob)
    link = decided.link
    assert link is not None and link.relation == ClaimLink.Relation.CONTRADICTS
    assert link.from_claim.article_id == translation.pk and link.to_claim.article_id == original.pk
    assert link.from_claim.quote in translation.text and "hacked" in link.from_claim.quote
    state = next(s for s in article_findings(original).findings if s.finding.key == finding.key)
    assert state.status == "accepted"


def test_a_figure_left_out_cannot_be_accepted_only_dismissed(
    pair: tuple[Article, Article, ArticleRelation], bob: User, collection: Collection
) -> None:
    from claims.consistency.decisions import DecisionError

    translation, _, _ = pair
    added = next(
        s.finding
        for s in article_findings(translation).findings
        if s.finding.kind == "translation_added"
    )
    with pytest.raises(DecisionError, match="no link to accept"):
        finding_decide(collection=collection, key=added.key, decision="accepted", by=bob)
    finding_decide(collection=collection, key=added.key, decision="dismissed", by=bob)
    assert FindingDecision.objects.get(key=added.key).decision == "dismissed"
    assert not ClaimLink.objects.exists()


def test_removing_the_relation_removes_its_findings(
    pair: tuple[Article, Article, ArticleRelation],
) -> None:
    from claims.alignments.store import relation_delete

    translation, _, relation = pair
    assert any(
        s.finding.kind.startswith("translation_") for s in article_findings(translation).findings
    )
    relation_delete(relation)
    assert not FigureAlignment.objects.exists()
    assert not any(
        s.finding.kind.startswith("translation_") for s in article_findings(translation).findings
    )
