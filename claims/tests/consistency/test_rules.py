"""The consistency rules, over hand-made figure sets (no database)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from claims.consistency.reading import is_increment, lemma, normalise_counted, read_figures
from claims.consistency.records import (
    ClaimRecord,
    FigureRecord,
    Interval,
    Kind,
    LinkRecord,
    finding_key,
    interval_of,
    parse_finding_key,
)
from claims.consistency.rules import ALL_PAIRS_LIMIT, check, check_key

D = Decimal
_ids = iter(range(1, 10**6))


def fig(
    value: Any = None,
    qualifier: str = "exact",
    *,
    counted: str = "posts",
    event: str = "removed",
    unit: str = "",
    lower: Any = None,
    upper: Any = None,
    article: int = 1,
    paragraph: int = 1,
    id: int | None = None,
    **context: Any,
) -> FigureRecord:
    figure_id = id if id is not None else next(_ids)
    return FigureRecord(
        id=figure_id,
        article_id=article,
        start=figure_id * 10,
        end=figure_id * 10 + 5,
        surface=str(value),
        value=None if value is None else D(value),
        lower=None if lower is None else D(lower),
        upper=None if upper is None else D(upper),
        qualifier=qualifier,
        unit=unit,
        counted=counted,
        paragraph=paragraph,
        event=event,
        event_word=event,
        **context,
    )


def kinds(figures: list[FigureRecord], **kwargs: Any) -> list[str]:
    return sorted(f.kind for f in check(figures, **kwargs))


# --- intervals ------------------------------------------------------------------------------


def test_each_qualifier_gives_its_interval() -> None:
    inf = D("Infinity")
    assert interval_of("exact", D(5), None, None) == Interval(D(5), D(5))
    assert interval_of("approx", D(45000), None, None) == Interval(D(40500), D(49500))
    assert interval_of("approx_below", D(1000000), None, D(1000000)) == Interval(
        D(900000), D(1000000)
    )
    assert interval_of("more_than", D(100), D(100), None) == Interval(D(100), inf, True, True)
    assert interval_of("at_least", D(100), None, None) == Interval(D(100), inf, False, True)
    assert interval_of("at_most", D(100), None, None) == Interval(D(0), D(100))
    assert interval_of("less_than", D(100), None, None) == Interval(D(0), D(100), False, True)
    assert interval_of("range", None, D(10), D(20)) == Interval(D(10), D(20))
    assert interval_of("vague", None, D(100000), D(999999)) == Interval(D(100000), D(999999))
    assert interval_of("exact", None, None, None) is None


@pytest.mark.parametrize(
    ("left", "right", "overlap"),
    [
        (("more_than", 100), ("exact", 100), False),  # (100, inf) misses 100
        (("at_least", 100), ("exact", 100), True),
        (("less_than", 100), ("exact", 100), False),  # [0, 100) misses 100
        (("at_most", 100), ("exact", 100), True),
        (("more_than", 100), ("at_most", 100), False),
        (("at_least", 100), ("at_most", 100), True),  # they meet at 100
        (("more_than", 100), ("less_than", 100), False),
        (("approx", 45000), ("exact", 49500), True),  # the tolerance is inclusive
        (("approx", 45000), ("exact", 49501), False),
        (("approx_below", 1000000), ("exact", 1000000), True),
        (("approx_below", 1000000), ("exact", 899999), False),
    ],
)
def test_open_and_closed_bounds_are_compared_exactly(
    left: tuple[str, int], right: tuple[str, int], overlap: bool
) -> None:
    a = interval_of(left[0], D(left[1]), None, None)
    b = interval_of(right[0], D(right[1]), None, None)
    assert a is not None and b is not None
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


def test_vague_magnitudes_meet_at_their_edges() -> None:
    hundreds_of_thousands = fig(lower=100000, upper=999999, qualifier="vague")
    assert kinds([hundreds_of_thousands, fig(999999)]) == [Kind.REPEAT]
    assert kinds([hundreds_of_thousands, fig(1000000)]) == [Kind.CONTRADICTION]
    assert kinds([hundreds_of_thousands, fig(99999)]) == [Kind.CONTRADICTION]


# --- what is counted ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counted", "noun"),
    [
        ("posts", "post"),
        ("social media posts", "post"),
        ("public posts", "post"),
        ("accounts", "account"),
        ("social media accounts", "account"),
        ("permanently closed accounts", "account"),
        ("other accounts", "account"),
        ("user accounts", "account"),
        ("people", "person"),
        ("news anchors and media outlets", "news anchor outlet"),
        ("fake military accounts", "fake military account"),
        ("bodies", "body"),
    ],
)
def test_counted_nouns_are_normalised(counted: str, noun: str) -> None:
    assert normalise_counted(counted) == noun


def test_lemma_leaves_words_that_only_look_plural() -> None:
    assert [lemma(w) for w in ["news", "status", "analysis", "boxes", "posts"]] == [
        "news",
        "status",
        "analysis",
        "box",
        "post",
    ]


def test_synonyms_and_modifiers_put_figures_in_one_group() -> None:
    findings = check(
        [fig(1400000, counted="social media posts"), fig(900000, counted="public posts")]
    )
    assert [f.kind for f in findings] == [Kind.CONTRADICTION]


def test_different_events_are_not_compared() -> None:
    assert kinds([fig(67000, counted="accounts", event="closed"), fig(5, counted="accounts")]) == []


def test_percentages_are_never_compared_with_counts() -> None:
    assert kinds([fig(12, unit="percent"), fig(12), fig(40)]) == [Kind.CONTRADICTION]
    assert kinds([fig(12, unit="percent"), fig(40)]) == []


def test_different_currencies_are_never_compared() -> None:
    fines: dict[str, Any] = {"counted": "fines", "event": "penalised"}
    assert kinds([fig(5000000, unit="USD", **fines), fig(9000000, unit="CNY", **fines)]) == []
    assert kinds([fig(5000000, unit="USD", **fines), fig(9000000, unit="USD", **fines)]) == [
        Kind.CONTRADICTION
    ]


def test_figures_without_noun_or_event_are_left_alone() -> None:
    assert kinds([fig(1, counted=""), fig(2, counted="")]) == []
    assert kinds([fig(1, event=""), fig(2, event="")]) == []


def test_other_accounts_are_a_different_set() -> None:
    assert (
        kinds(
            [
                fig(67000, counted="accounts", event="closed"),
                fig(930000, counted="other accounts", event="closed", other=True),
            ]
        )
        == []
    )


# --- kinds of finding -----------------------------------------------------------------------


def test_equal_values_are_a_repeat_suggesting_a_repeats_link() -> None:
    first, second = fig(67000, paragraph=2), fig(67000, paragraph=6)
    [finding] = check([first, second])
    assert finding.kind == Kind.REPEAT and finding.severity == "info"
    assert finding.figure_ids == (first.id, second.id)
    link = finding.suggested_link
    assert link is not None and link.relation == "repeats"
    # The later mention repeats the earlier one.
    assert (link.from_figure_id, link.to_figure_id) == (second.id, first.id)
    assert "(paragraph 6) repeats" in finding.message and "(paragraph 2)" in finding.message


def test_three_mentions_of_one_value_are_two_repeats_of_the_first() -> None:
    first, second, third = fig(5), fig(5), fig(5)
    findings = check([first, second, third])
    assert [f.figure_ids for f in findings] == [(first.id, second.id), (first.id, third.id)]


def test_disjoint_values_are_a_contradiction_with_the_numbers_in_the_message() -> None:
    big = fig(1400000, paragraph=1, phrase="1.4 million posts removed")
    small = fig(
        1000000, "approx_below", paragraph=9, phrase="nearly one million public posts deleted"
    )
    [finding] = check([big, small])
    assert finding.kind == Kind.CONTRADICTION and finding.severity == "high"
    assert finding.message == (
        "1.4 million posts removed (paragraph 1) vs nearly one million public posts deleted "
        "(paragraph 9): 1,400,000 and 900,000–1,000,000 cannot both hold."
    )
    assert finding.suggested_link is not None
    assert finding.suggested_link.relation == "contradicts"


def test_a_close_contradiction_is_less_severe() -> None:
    [finding] = check([fig(1000), fig(1050)])
    assert finding.kind == Kind.CONTRADICTION and finding.severity == "medium"


def test_values_a_hundred_times_apart_are_a_magnitude_finding() -> None:
    [finding] = check([fig(1400000), fig(1400000000)])
    assert finding.kind == Kind.MAGNITUDE
    assert "1,000 times apart" in finding.message


def test_billions_of_accounts_is_a_suspicious_magnitude() -> None:
    billions = fig(
        None,
        "vague",
        lower=10**9,
        upper=10**12 - 1,
        counted="social media accounts",
        event="targeted",
    )
    others = fig(13000, "approx_below", counted="accounts", event="targeted")
    findings = check([billions, others])
    assert [(f.kind, f.figure_ids) for f in findings] == [(Kind.MAGNITUDE, (billions.id,))]
    assert "at least 1,000,000,000 accounts" in findings[0].message


def test_billions_of_posts_is_not_suspicious() -> None:
    assert kinds([fig(None, "vague", lower=10**9, upper=10**12 - 1)]) == []


def test_an_explicit_part_within_its_whole_is_consistent() -> None:
    whole = fig(67000, counted="accounts", event="closed")
    part = fig(8000, "approx_below", counted="accounts", event="closed", part_of=whole.id)
    [finding] = check([whole, part])
    assert finding.kind == Kind.PART and finding.severity == "info"
    assert finding.suggested_link is not None
    assert finding.suggested_link.relation == "part_of"
    assert (finding.suggested_link.from_figure_id, finding.suggested_link.to_figure_id) == (
        part.id,
        whole.id,
    )


def test_an_explicit_part_larger_than_its_whole_is_flagged() -> None:
    whole = fig(6700, counted="accounts", event="closed")
    part = fig(8000, "more_than", counted="accounts", event="closed", part_of=whole.id)
    assert kinds([whole, part]) == [Kind.PART_EXCEEDS_WHOLE]


def test_a_subset_with_a_reason_is_not_a_contradiction_of_the_total() -> None:
    total = fig(67000, counted="accounts", event="closed")
    subset = fig(45000, "approx", counted="accounts", event="closed", reason="hyping hot issue")
    assert kinds([total, subset]) == []
    larger = fig(80000, counted="accounts", event="closed", reason="hyping hot issue")
    assert kinds([total, larger]) == [Kind.PART_EXCEEDS_WHOLE]


# --- across articles ------------------------------------------------------------------------


def test_figures_in_different_articles_are_compared() -> None:
    a, b = fig(67000, article=1), fig(67000, article=2)
    [finding] = check([a, b])
    assert finding.kind == Kind.REPEAT and finding.article_ids == (1, 2)
    assert "(article 2, paragraph 1)" in finding.message
    [finding] = check([fig(67000, article=1), fig(90000, article=2)])
    assert finding.kind == Kind.CONTRADICTION and finding.severity == "medium"


def test_across_articles_can_be_turned_off() -> None:
    assert kinds([fig(67000, article=1), fig(90000, article=2)], across_articles=False) == []


def test_a_large_group_is_swept_not_compared_pair_by_pair() -> None:
    # 400 articles each give a different exact count: all pairs would be 79,800 findings.
    figures = [fig(1000 + 10 * n, article=n) for n in range(400)]
    findings = check(figures)
    assert {f.kind for f in findings} == {Kind.CONTRADICTION}
    assert len(findings) <= 2 * len(figures)
    # Neighbouring values are always reported.
    assert all(
        any(f.figure_ids == (x.id, y.id) for f in findings) for x, y in itertools.pairwise(figures)
    )


def test_a_large_group_within_one_article_is_swept_too() -> None:
    figures = [fig(1000 + 10 * n) for n in range(ALL_PAIRS_LIMIT + 10)]
    assert len(check(figures)) <= 2 * len(figures)


# --- links ----------------------------------------------------------------------------------


def _claims(*figures: FigureRecord) -> list[ClaimRecord]:
    return [ClaimRecord(100 + f.id, f.article_id, f.start, f.end, (f.id,)) for f in figures]


def test_a_part_of_link_with_a_part_larger_than_the_whole_is_flagged() -> None:
    part, whole = fig(9000, counted="accounts", event=""), fig(8000, counted="accounts", event="")
    claims = _claims(part, whole)
    link = LinkRecord(1, claims[0].id, claims[1].id, "part_of")
    [finding] = check([part, whole], claims, [link])
    assert finding.kind == Kind.PART_EXCEEDS_WHOLE and finding.link_ids == (1,)
    assert finding.claim_ids == (claims[0].id, claims[1].id)
    ok = LinkRecord(2, claims[1].id, claims[0].id, "part_of")
    assert kinds([part, whole], claims=claims, links=[ok]) == []


def test_parts_summing_to_more_than_the_whole_are_flagged() -> None:
    whole = fig(10000, counted="accounts", event="")
    parts = [fig(6000, counted="accounts", event=""), fig(4000, counted="accounts", event="")]
    claims = _claims(whole, *parts)
    links = [LinkRecord(n, claims[n].id, claims[0].id, "part_of") for n in (1, 2)]
    # 6,000 + 4,000 is exactly the whole: fine.
    assert kinds([whole, *parts], claims=claims, links=links) == []
    # "More than 4,000" makes the sum more than 10,000: the open bound counts.
    parts[1] = fig(4000, "more_than", counted="accounts", event="", id=parts[1].id)
    [finding] = check([whole, *parts], claims, links)
    assert finding.kind == Kind.PARTS_EXCEED_WHOLE
    assert finding.link_ids == (1, 2)


def test_a_repeats_link_between_different_values_is_flagged() -> None:
    a, b = fig(67000, counted="accounts", event=""), fig(76000, counted="accounts", event="")
    claims = _claims(a, b)
    assert kinds(
        [a, b], claims=claims, links=[LinkRecord(1, claims[1].id, claims[0].id, "repeats")]
    ) == [Kind.REPEATS_LINK_DIFFERS]


def test_a_contradicts_link_between_agreeing_values_is_flagged() -> None:
    a, b = fig(67000, event=""), fig(67000, "approx", event="")
    claims = _claims(a, b)
    link = LinkRecord(1, claims[1].id, claims[0].id, "contradicts")
    assert kinds([a, b], claims=claims, links=[link]) == [Kind.CONTRADICTS_LINK_AGREES]


def test_links_between_percentages_and_counts_are_not_checked() -> None:
    a, b = fig(12, unit="percent", event=""), fig(67000, event="")
    claims = _claims(a, b)
    assert (
        kinds([a, b], claims=claims, links=[LinkRecord(1, claims[0].id, claims[1].id, "repeats")])
        == []
    )


def test_a_finding_names_the_claims_holding_its_figures() -> None:
    a, b = fig(67000), fig(67000)
    claims = [*_claims(a, b), ClaimRecord(999, 1, 0, 10**6, (a.id,))]
    [finding] = check([a, b], claims)
    assert finding.claim_ids == (100 + a.id, 100 + b.id, 999)
    # The suggested link joins the narrowest claims.
    assert finding.suggested_link is not None
    assert finding.suggested_link.to_claim_id == 100 + a.id


# --- keys -----------------------------------------------------------------------------------


def test_keys_are_kind_and_sorted_figure_ids() -> None:
    assert finding_key("repeat", [15, 4]) == "repeat:4,15"
    assert parse_finding_key("repeat:15,4") == ("repeat", (4, 15))
    assert parse_finding_key("nonsense:1") is None
    assert parse_finding_key("repeat:a,b") is None


def test_a_key_is_checked_again_from_the_figures_alone() -> None:
    a, b = fig(67000), fig(67000)
    key = finding_key(Kind.REPEAT, [a.id, b.id])
    assert check_key(key, [a, b]) is not None
    changed = fig(70000, id=b.id)
    assert check_key(key, [a, changed]) is None
    assert check_key(finding_key(Kind.CONTRADICTION, [a.id, b.id]), [a, changed]) is not None


# --- reading the text -----------------------------------------------------------------------


def _read(text: str, *surfaces: tuple[str, str, int, str]) -> list[FigureRecord]:
    figures = []
    position = 0
    for n, (surface, qualifier, value, counted) in enumerate(surfaces, start=1):
        start = text.index(surface, position)
        position = start + len(surface)
        figures.append(
            FigureRecord(
                n,
                1,
                start,
                start + len(surface),
                surface,
                D(value),
                None,
                None,
                qualifier,
                "",
                counted,
            )
        )
    return read_figures(text, figures)


def test_the_verb_after_a_figure_is_its_event() -> None:
    [figure] = _read(
        "Officials said 1.4 million posts have been removed.",
        ("1.4 million", "exact", 1400000, "posts"),
    )
    assert (figure.event, figure.event_word) == ("removed", "removed")
    assert figure.phrase == "1.4 million posts have been removed"


def test_the_verb_before_a_figure_counts_when_none_follows() -> None:
    [figure] = _read(
        "Regulators recently closed the accounts of more than 100,000 news anchors.",
        ("more than 100,000", "more_than", 100000, "news anchors"),
    )
    assert figure.event == "closed"
    assert figure.phrase == "more than 100,000 news anchors closed"


def test_a_verb_taken_by_an_earlier_figure_is_not_reused() -> None:
    first, second = _read(
        "Nearly 187,000 people have been penalized, while it says more than 430,000 have given advice.",
        ("Nearly 187,000", "approx_below", 187000, "people"),
        ("more than 430,000", "more_than", 430000, "people"),
    )
    assert first.event == "penalised"
    assert second.event == ""


def test_of_the_makes_a_part_and_for_makes_a_reason() -> None:
    whole, part = _read(
        "Of the 67,000 permanently closed accounts, nearly 8,000 were deactivated for spreading rumours.",
        ("67,000", "exact", 67000, "permanently closed accounts"),
        ("nearly 8,000", "approx_below", 8000, ""),
    )
    assert whole.event == "closed" and whole.part_of is None
    assert part.part_of == whole.id and part.event == "closed"
    assert part.reason == "spreading rumour"
    assert part.counted == "permanently closed accounts"


def test_paragraphs_are_counted_from_one() -> None:
    figures = _read(
        "First 5 posts were removed.\n\nThen 7 posts were deleted.",
        ("5", "exact", 5, "posts"),
        ("7", "exact", 7, "posts"),
    )
    assert [f.paragraph for f in figures] == [1, 2]


def test_figures_in_one_claim_get_no_suggested_link() -> None:
    a, b = fig(67000), fig(67000)
    [finding] = check([a, b], [ClaimRecord(7, 1, 0, 10**6, (a.id, b.id))])
    assert finding.kind == Kind.REPEAT and finding.claim_ids == (7,)
    assert finding.suggested_link is None


@pytest.mark.parametrize(
    ("before", "counted", "after", "increment"),
    [
        ("Officials said ", "accounts", " more accounts were closed.", True),
        ("Officials said an additional ", "accounts", " accounts were closed.", True),
        ("Then a further ", "accounts", " accounts were closed.", True),
        ("Another ", "accounts", " accounts were closed.", True),
        ("", "additional accounts", " additional accounts were closed.", True),
        ("", "extra accounts", " extra accounts were closed.", True),
        ("Officials said ", "accounts", " accounts were closed.", False),
        ("The mother ", "accounts", " accounts were closed.", False),  # not "another"
        ("", "accounts", " or more accounts were closed.", False),
    ],
)
def test_increments_are_recognised(before: str, counted: str, after: str, increment: bool) -> None:
    assert is_increment(before, counted, after) is increment


def test_an_increment_is_never_compared_as_a_total_across_articles() -> None:
    text_a = "Regulators said 67,000 social media accounts were closed."
    text_b = "On Monday about 2,000 more accounts were closed, officials said."
    [total] = _read(text_a, ("67,000", "exact", 67000, "social media accounts"))
    [more] = read_figures(
        text_b,
        [FigureRecord(99, 2, 11, 22, "about 2,000", D(2000), None, None, "approx", "", "accounts")],
    )
    assert total.event == more.event == "closed" and more.other
    assert kinds([total, more]) == []
    for text, surface in (
        ("An additional 2,000 accounts were closed.", "2,000"),
        ("A further 2,000 accounts were closed.", "2,000"),
        ("Another 2,000 accounts were closed.", "2,000"),
    ):
        [figure] = _read(text, (surface, "exact", 2000, "accounts"))
        assert figure.other, text
        assert kinds([total, replace(figure, id=7, article_id=3)]) == [], text
    # Without the increment, the same sentence is a contradiction of the total.
    [plain] = _read(
        "About 2,000 accounts were closed.", ("About 2,000", "approx", 2000, "accounts")
    )
    assert kinds([total, replace(plain, id=7, article_id=3)]) == ["contradiction"]
