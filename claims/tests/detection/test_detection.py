"""The figure grammar, one feature or trap per test."""

from __future__ import annotations

import time
from decimal import Decimal
from itertools import pairwise

import pytest

from claims.detection import DetectedFigure, Qualifier, detect_attributions, detect_figures


def only(text: str) -> DetectedFigure:
    figures = detect_figures(text)
    assert len(figures) == 1, [f.surface for f in figures]
    figure = figures[0]
    assert text[figure.start : figure.end] == figure.surface
    return figure


def surfaces(text: str) -> list[str]:
    return [f.surface for f in detect_figures(text)]


D = Decimal


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials counted 67,000 ballots.", D(67000)),
        ("The rate was 1.4 on Monday.", D("1.4")),
        ("They found 1,400,000 records.", D(1400000)),
        ("It rose by 3.5 points.", D("3.5")),
        ("About 12,34,567 people applied.", D(1234567)),
        ("Exactly 1\u202f400\u202f000 votes were cast.", D(1400000)),
    ],
)
def test_it_reads_digits_with_separators_and_decimals(text: str, value: Decimal) -> None:
    assert only(text).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It cost $2.3bn last year.", "$2.3bn", D(2_300_000_000)),
        ("Some 5m people watched.", "Some 5m", D(5_000_000)),
        ("The film drew 40k viewers.", "40k", D(40_000)),
        ("It received 1.5 million requests.", "1.5 million", D(1_500_000)),
        ("A fund of 2 trillion was set up.", "2 trillion", D(2 * 10**12)),
        ("Sales of 3.2 bn were booked.", "3.2 bn", D(3_200_000_000)),
        ("Spending of Rs 300 crore was approved.", "Rs 300 crore", D(3_000_000_000)),
    ],
)
def test_it_applies_scale_words_and_abbreviations(text: str, surface: str, value: Decimal) -> None:
    figure = only(text)
    assert (figure.surface, figure.value) == (surface, value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Nearly one million people voted.", "Nearly one million", D(1_000_000)),
        ("There were twenty-five survivors.", "twenty-five", D(25)),
        ("It took a dozen attempts.", "a dozen", D(12)),
        ("Organisers said half a million people came.", "half a million", D(500_000)),
        ("Police held three hundred and twenty protesters.", "three hundred and twenty", D(320)),
        ("The plant employs two dozen engineers.", "two dozen", D(24)),
        (
            "It costs one and a half million dollars.",
            "one and a half million dollars",
            D(1_500_000),
        ),
        ("Fifteen hundred workers struck.", "Fifteen hundred", D(1500)),
    ],
)
def test_it_reads_number_words(text: str, surface: str, value: Decimal) -> None:
    figure = only(text)
    assert (figure.surface, figure.value) == (surface, value)


def test_it_ignores_a_lone_one() -> None:
    assert surfaces("One of the officials said no one would comment.") == []


# --- units -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("Inflation hit 3.5% in May.", "3.5%", "percent"),
        ("Inflation hit 3.5 per cent in May.", "3.5 per cent", "percent"),
        ("Inflation hit 3.5 percent in May.", "3.5 percent", "percent"),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", "percentage_point"),
        ("The bill was $2.3 billion.", "$2.3 billion", "USD"),
        ("The bill was US$2.3 billion.", "US$2.3 billion", "USD"),
        ("The bill was £40m.", "£40m", "GBP"),
        ("The bill was €1.2 billion.", "€1.2 billion", "EUR"),
        ("The bill was ¥500 million.", "¥500 million", "CNY"),
        ("The bill was 500 million yuan.", "500 million yuan", "CNY"),
        ("The bill was 20 billion renminbi.", "20 billion renminbi", "CNY"),
        ("The bill was 6,000 rupees.", "6,000 rupees", "INR"),
        ("The bill was 30 billion euros.", "30 billion euros", "EUR"),
        ("The bill was 12 million dollars.", "12 million dollars", "USD"),
        ("The bill was 12 million pounds.", "12 million pounds", "GBP"),
        ("The bill was 4.5 trillion yen.", "4.5 trillion yen", "JPY"),
        ("The bill was USD 40 million.", "USD 40 million", "USD"),
    ],
)
def test_it_reads_percentages_and_currencies(text: str, surface: str, unit: str) -> None:
    figure = only(text)
    assert (figure.surface, figure.unit) == (surface, unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("It threatened a two-year investigation.", "two-year", D(2), "year"),
        ("The talks lasted three months.", "three months", D(3), "month"),
        ("He was held for 48 hours.", "48 hours", D(48), "hour"),
        ("A 10-day curfew was imposed.", "10-day", D(10), "day"),
        ("The strike went on for six weeks.", "six weeks", D(6), "week"),
    ],
)
def test_it_reads_durations(text: str, surface: str, value: Decimal, unit: str) -> None:
    figure = only(text)
    assert (figure.surface, figure.value, figure.unit) == (surface, value, unit)


def test_it_does_not_count_months_long_as_a_duration() -> None:
    assert surfaces("After a months-long investigation, nothing changed.") == []


def test_it_skips_ages_and_time_references() -> None:
    assert surfaces("A 12-year-old boy, aged nine years old, left two years ago.") == []


def test_it_treats_over_a_period_as_exact() -> None:
    figure = only("The aid will be spread over two years.")
    assert (figure.surface, figure.qualifier) == ("two years", Qualifier.EXACT)


def test_it_reads_over_as_more_than_after_lasted() -> None:
    figure = only("The siege lasted over two years.")
    assert (figure.surface, figure.qualifier, figure.lower) == (
        "over two years",
        Qualifier.MORE_THAN,
        D(2),
    )


# --- hedges ------------------------------------------------------------------------------------


def test_it_turns_nearly_into_an_upper_bound() -> None:
    figure = only("Nearly 187,000 people have been penalized.")
    assert figure.surface == "Nearly 187,000"
    assert (figure.qualifier, figure.value, figure.lower, figure.upper) == (
        Qualifier.APPROX_BELOW,
        D(187000),
        None,
        D(187000),
    )


@pytest.mark.parametrize(
    ("hedge", "qualifier", "lower", "upper"),
    [
        ("almost", Qualifier.APPROX_BELOW, None, D(500)),
        ("close to", Qualifier.APPROX_BELOW, None, D(500)),
        ("more than", Qualifier.MORE_THAN, D(500), None),
        ("over", Qualifier.MORE_THAN, D(500), None),
        ("upwards of", Qualifier.MORE_THAN, D(500), None),
        ("at least", Qualifier.AT_LEAST, D(500), None),
        ("no fewer than", Qualifier.AT_LEAST, D(500), None),
        ("up to", Qualifier.AT_MOST, None, D(500)),
        ("as many as", Qualifier.AT_MOST, None, D(500)),
        ("no more than", Qualifier.AT_MOST, None, D(500)),
        ("fewer than", Qualifier.LESS_THAN, None, D(500)),
        ("less than", Qualifier.LESS_THAN, None, D(500)),
        ("about", Qualifier.APPROX, None, None),
        ("some", Qualifier.APPROX, None, None),
        ("around", Qualifier.APPROX, None, None),
        ("roughly", Qualifier.APPROX, None, None),
        ("approximately", Qualifier.APPROX, None, None),
        ("an estimated", Qualifier.APPROX, None, None),
    ],
)
def test_it_turns_hedges_into_qualifiers_and_bounds(
    hedge: str, qualifier: Qualifier, lower: Decimal | None, upper: Decimal | None
) -> None:
    figure = only(f"Officials said {hedge} 500 homes were damaged.")
    assert figure.surface == f"{hedge} 500"
    assert (figure.qualifier, figure.value, figure.lower, figure.upper) == (
        qualifier,
        D(500),
        lower,
        upper,
    )


def test_it_reads_a_hedge_that_opens_a_quote() -> None:
    figure = only("“More than 90% of posts were removed,” the company said.")
    assert (figure.surface, figure.qualifier) == ("More than 90%", Qualifier.MORE_THAN)


def test_it_reads_or_more_as_at_least() -> None:
    figure = only("Groups of 40 or more people were banned.")
    assert (figure.surface, figure.qualifier, figure.lower) == ("40 or more", "at_least", D(40))


def test_it_keeps_an_unhedged_figure_exact_with_value_only() -> None:
    figure = only("Police arrested 30 people.")
    assert (figure.qualifier, figure.value, figure.lower, figure.upper) == (
        "exact",
        D(30),
        None,
        None,
    )


# --- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Between 40 and 50 people died.",
        "Officials said 40-50 people died.",
        "Officials said 40–50 people died.",
        "Officials said 40 to 50 people died.",
    ],
)
def test_it_reads_a_range_as_one_figure(text: str) -> None:
    figure = only(text)
    assert (figure.qualifier, figure.value, figure.lower, figure.upper, figure.counted) == (
        Qualifier.RANGE,
        None,
        D(40),
        D(50),
        "people",
    )


def test_it_distributes_the_scale_over_a_range() -> None:
    figure = only("The project will cost $40-50 million.")
    assert (figure.lower, figure.upper, figure.unit) == (D(40_000_000), D(50_000_000), "USD")


def test_it_reads_a_range_of_percentages() -> None:
    figure = only("Rates will settle between 5.25% and 5.5% next year.")
    assert (figure.surface, figure.lower, figure.upper, figure.unit) == (
        "between 5.25% and 5.5%",
        D("5.25"),
        D("5.5"),
        "percent",
    )


def test_it_keeps_a_change_and_a_level_apart() -> None:
    assert surfaces("The population grew by 1.2 million to 9.8 million.") == [
        "1.2 million",
        "9.8 million",
    ]
    assert surfaces("Crime rose 7% to 6.7 million offences.") == ["7%", "6.7 million"]
    assert surfaces("Inflation fell from 5.2% to 3.1%.") == ["5.2%", "3.1%"]


def test_it_does_not_read_a_score_as_a_range() -> None:
    assert surfaces("City won 3-1 in front of 53,000 fans.") == ["53,000"]


# --- vague magnitudes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "lower", "upper"),
    [
        ("Hundreds of thousands of posts were deleted.", "Hundreds of thousands", 10**5, 10**6 - 1),
        ("It reached tens of millions of users.", "tens of millions", 10**7, 10**8 - 1),
        ("It reached billions of users.", "billions", 10**9, 10**12 - 1),
        ("It reached thousands of users.", "thousands", 1000, 10**6 - 1),
        ("It reached hundreds of users.", "hundreds", 100, 999),
        ("It reached dozens of users.", "dozens", 24, 144),
        ("It reached several thousand users.", "several thousand", 2000, 9999),
    ],
)
def test_it_bounds_vague_magnitudes(text: str, surface: str, lower: int, upper: int) -> None:
    figure = only(text)
    assert (figure.surface, figure.qualifier, figure.value, figure.lower, figure.upper) == (
        surface,
        Qualifier.VAGUE,
        None,
        D(lower),
        D(upper),
    )


def test_it_reads_the_currency_of_vague_money() -> None:
    figure = only("The scheme cost investors millions of dollars.")
    assert (figure.surface, figure.unit) == ("millions of dollars", "USD")


# --- counted noun phrases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("67,000 social media accounts were hacked.", "social media accounts"),
        (
            "It closed more than 100,000 news anchors and media outlets.",
            "news anchors and media outlets",
        ),
        (
            "It targeted nearly 13,000 “fake military accounts” with names.",
            "fake military accounts",
        ),
        ("Nearly 187,000 people have been penalized.", "people"),
        ("Hundreds of thousands of posts were deleted.", "posts"),
        (
            "Of the 67,000 permanently closed accounts, most were fake.",
            "permanently closed accounts",
        ),
        ("Three police officers were wounded.", "police officers"),
        ("About 40k households lost power.", "households"),
        ("Meta cut 10,000 jobs and closed 5,000 positions.", "jobs"),
    ],
)
def test_it_finds_what_a_figure_counts(text: str, counted: str) -> None:
    assert detect_figures(text)[0].counted == counted


def test_it_reads_what_money_was_spent_in() -> None:
    assert only("Congress approved $2.3 billion in aid.").counted == "aid"


def test_it_borrows_the_counted_noun_within_a_sentence() -> None:
    figures = detect_figures("Nearly 187,000 people were fined, while more than 430,000 have left.")
    assert [f.counted for f in figures] == ["people", "people"]


def test_it_borrows_the_counted_noun_from_x_of_the_y() -> None:
    figures = detect_figures("The party won 240 of the 543 seats.")
    assert [f.counted for f in figures] == ["seats", "seats"]


def test_it_does_not_borrow_across_paragraphs() -> None:
    figures = detect_figures("Police arrested 30 people.\n\nA further 12 were released.")
    assert [f.counted for f in figures] == ["people", ""]


def test_it_leaves_counted_empty_without_a_noun() -> None:
    assert only("The index rose to 4,500 on Friday.").counted == ""


# --- things that are not figures ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The report was published on May 27.",
        "It was announced on Saturday (May 27).",
        "date 2023-05-28 On Saturday",
        "The campaign ran from March 10 to May 22.",
        "The campaign ended on 27 May 2023.",
        "The campaign ended on May 27, 2023.",
        "The campaign ended on 28/05/2023.",
        "The campaign ended in May 2023.",
        "It has targeted users since 2021.",
        "He was born in 1998.",
        "Ahead of the 2024 election, parties campaigned.",
        "Budgets for 2019-2021 were cut.",
        "In the 1990s the city grew.",
        "The meeting started at 10:30.",
        "The meeting started at 3 p.m.",
        "The meeting started at 3pm.",
        "The ceasefire began at 1400 GMT.",
        "Results came in the second round.",
        "It was the 3rd attempt and the 21st summit.",
        "Under Article 19 the right is protected.",
        "Cases of COVID-19 fell.",
        "Leaders of the G20 met.",
        "A Boeing 737 landed.",
        "Section 230 shields platforms.",
        "The iPhone 15 launched.",
        "Shares on the S&P 500 and FTSE 100 fell.",
        "Call +1 202-555-0143 for details.",
        "Call (020) 7946 0958 for details.",
        "See https://example.org/news/2023/05/28/story-1234 for details.",
        "Write to press2023@example.com or x@163.com.",
        "The prime minister lives at No. 10.",
        "He took flight 370 to Beijing.",
        "Version 2.4.1 fixed it.",
        "The shop is open 24/7.",
        "One in five adults smoke.",
        "Two-thirds of members agreed.",
        "Three quarters of voters agreed.",
        "A 10-point plan was tabled.",
        "The two-way talks ended.",
    ],
)
def test_it_ignores_things_that_are_not_figures(text: str) -> None:
    assert surfaces(text) == []


def test_it_keeps_a_figure_next_to_a_date() -> None:
    assert surfaces("On May 27, 300 people protested; on 28 May, 40 more joined.") == ["300", "40"]


def test_it_keeps_a_figure_after_a_day_or_month_name() -> None:
    assert surfaces("On Friday 300 people marched, and in May 120 more joined.") == ["300", "120"]


def test_it_keeps_a_hedged_four_digit_count() -> None:
    figure = only("About 1500 people attended.")
    assert (figure.surface, figure.value) == ("About 1500", D(1500))


def test_it_keeps_a_capitalised_sentence_opener() -> None:
    assert surfaces("Thirty people died. Twenty-five were injured.") == ["Thirty", "Twenty-five"]


# --- offsets in any Unicode ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "😀😀 Nearly 8,000 “accounts” were closed 😀",
        "微博关闭了 67,000 个账号, and 清朗 removed 1.4 million posts.",
        "Sa\u0303o Paulo has 12 million residents and Ze\u0301 has 3 cats.",
        "𝒜𝓁𝓅𝒽𝒶 said 40–50 people and 🏳️‍🌈 some $2.3bn were involved.",
    ],
)
def test_it_reports_code_point_offsets_in_any_unicode(text: str) -> None:
    figures = detect_figures(text)
    assert figures
    for figure in figures:
        assert text[figure.start : figure.end] == figure.surface


def test_it_returns_sorted_non_overlapping_figures() -> None:
    text = "Between 40 and 50 people, nearly 8,000 accounts and hundreds of thousands of posts."
    figures = detect_figures(text)
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert all(a.end <= b.start for a, b in pairwise(figures))


def test_it_returns_frozen_figures() -> None:
    figure = only("Police arrested 30 people.")
    with pytest.raises(AttributeError):
        figure.value = D(31)  # type: ignore[misc]


def test_it_handles_empty_text() -> None:
    assert detect_figures("") == []


# --- no quadratic corners ------------------------------------------------------------------


def cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        detect_attributions(text, detect_figures(text))
        best = min(best, time.process_time() - started)
    return max(best, 1e-3)


@pytest.mark.parametrize(
    "unit",
    [
        "police said 5 people, ",  # one endless sentence full of figures and sources
        "5, ",  # bare numbers borrowing a counted noun
        "+1 ",  # phone-number-like runs
        "twenty ",  # an endless run of number words
        "\n",
        ". ",
        "1",
    ],
)
def test_it_stays_linear_on_degenerate_text(unit: str) -> None:
    small = unit * (8_000 // len(unit))
    large = unit * (32_000 // len(unit))
    # Four times the text may take about four times as long; quadratic would be sixteen.
    assert cpu_seconds(large) < 9 * cpu_seconds(small) + 0.02
