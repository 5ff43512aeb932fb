"""Issue 16: number formats, signs, scales, units, bounds and non-figures read as a journalist would."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.detection import DetectedFigure, detect_figures


def only(text: str, language: str = "en") -> DetectedFigure:
    figures = detect_figures(text, language)
    assert len(figures) == 1, [f.surface for f in figures]
    return figures[0]


def reading(figure: DetectedFigure) -> tuple[object, ...]:
    return (figure.surface, figure.value, figure.lower, figure.upper, str(figure.qualifier))


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Some 40 000 people", "Some 40 000", 40000),
        ("There were 40\u00a0000 people", "40\u00a0000", 40000),
        ("1 414 021 100 people live there", "1 414 021 100", 1414021100),
        ("about 1\u2009400 people", "about 1\u2009400", 1400),
        ("It cost 3'000'000 francs", "3'000'000", 3000000),
        ("It cost 12,34,567 rupees", "12,34,567 rupees", 1234567),
        ("It rose by .08 points", ".08", Decimal("0.08")),
        ("We counted １２３ people", "１２３", 123),
        ("We counted ٣٤٥ people", "٣٤٥", 345),
        ("We counted १२३ people", "१२३", 123),
    ],
)
def test_it_reads_every_digit_grouping_and_script(text: str, surface: str, value: int) -> None:
    figure = only(text)
    assert (figure.surface, figure.value) == (surface, Decimal(value))


@pytest.mark.parametrize("text", ["3\x00000 people", "1\u200b000 people"])
def test_an_invisible_character_does_not_start_a_number(text: str) -> None:
    assert "000" not in [f.surface for f in detect_figures(text, "en")]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The index fell -9.23 points", "-9.23", "-9.23", ""),
        ("Prices moved −0.3% in May", "−0.3%", "-0.3", "percent"),
        ("The balance was $-99.99 on Friday", "$-99.99", "-99.99", "USD"),
        ("Growth was minus five percent", "minus five percent", "-5", "percent"),
        ("Net income: ($99.99) in the quarter", "($99.99)", "-99.99", "USD"),
    ],
)
def test_it_keeps_the_sign(text: str, surface: str, value: str, unit: str) -> None:
    figure = only(text)
    assert (figure.surface, figure.value, figure.unit) == (surface, Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Its outreach is 48m", "48m", "48", "m"),
        ("He is 1.8m tall", "1.8m", "1.8", "m"),
        ("It reached 48m people", "48m", "48000000", ""),
        ("It raised $48m", "$48m", "48000000", "USD"),
        ("a value of $2.174T", "$2.174T", "2174000000000", "USD"),
        ("a fund of €10B", "€10B", "10000000000", "EUR"),
        ("some 1.2b people", "some 1.2b", "1200000000", ""),
        ("a 1MM budget", "1MM", "1000000", ""),
        ("a 2mil budget", "2mil", "2000000", ""),
        ("half million people", "half million", "500000", ""),
        ("a quarter million people", "a quarter million", "250000", ""),
        ("3 million and a half people", "3 million and a half", "3500000", ""),
        ("three lakh crore rupees", "three lakh crore rupees", "3000000000000", "INR"),
        ("₹3 lakh crore was spent", "₹3 lakh crore", "3000000000000", "INR"),
    ],
)
def test_it_reads_compact_scales_by_context(text: str, surface: str, value: str, unit: str) -> None:
    figure = only(text)
    assert (figure.surface, figure.value, figure.unit) == (surface, Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "surface", "unit", "counted"),
    [
        ("They bought a 45-acre farm", "45-acre", "acre", "farm"),
        ("a 2.5-mile stretch of road", "2.5-mile", "mi", "stretch"),
        ("a 68-ounce bottle", "68-ounce", "oz", "bottle"),
        ("She ran 5km on Sunday", "5km", "km", ""),
        ("Temperatures hit 45C on Monday", "45C", "degC", ""),
        ("The plant makes 120 GWh a year", "120 GWh", "GWh", ""),
        ("a 5 MW turbine was built", "5 MW", "MW", "turbine"),
        ("winds of 200 km/h", "200 km/h", "km/h", ""),
        ("It burned 100,000 acres", "100,000 acres", "acre", ""),
        ("It stored 2 TB of data", "2 TB", "TB", "data"),
        ("A 10 kg bag.", "10 kg", "kg", "bag"),
        ("68 pounds of methamphetamine", "68 pounds", "lb", "methamphetamine"),
        # a number word before "pounds" once raised UnboundLocalError
        ("twenty pounds of cocaine were seized", "twenty pounds", "lb", "cocaine"),
        ("It cost five pounds.", "five pounds", "GBP", ""),
    ],
)
def test_it_reads_units_with_their_codes(text: str, surface: str, unit: str, counted: str) -> None:
    figure = only(text)
    assert (figure.surface, figure.unit, figure.counted) == (surface, unit, counted)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "costs exceed 3000 dollars",
            ("exceed 3000 dollars", Decimal(3000), Decimal(3000), None, "more_than"),
        ),
        (
            "readings of 200 or greater",
            ("200 or greater", Decimal(200), Decimal(200), None, "at_least"),
        ),
        ("20 through 100 people", ("20 through 100", None, Decimal(20), Decimal(100), "range")),
        (
            "about five hundred or more people",
            ("about five hundred or more", Decimal(500), Decimal(500), None, "at_least"),
        ),
        ("200+ people", ("200+", Decimal(200), Decimal(200), None, "at_least")),
    ],
)
def test_it_reads_bounds_words(text: str, expected: tuple[object, ...]) -> None:
    assert reading(only(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police were called to 1119 Eighth St on Friday.",
        "The crash happened at 3170 W. County Road 600S.",
        "John Smith, 32, of Dayton was charged.",
        "Residents should call 911 immediately.",
        "She made a 911 call.",
        "Dial 999 for an ambulance.",
        "The Boeing 737 landed.",
        "The law took effect in 2021.",
        "It happened on May 27, 2023.",
    ],
)
def test_it_does_not_suggest_things_that_are_not_figures(text: str) -> None:
    assert detect_figures(text, "en") == []


def test_an_age_reported_as_a_statistic_stays_a_figure() -> None:
    figures = detect_figures("Vaccines for children under 5 arrived.", "en")
    assert [f.surface for f in figures] == ["under 5"]


def test_a_count_near_an_emergency_number_word_is_kept() -> None:
    assert [f.surface for f in detect_figures("999 people called.", "en")] == ["999"]


def test_every_decimal_digit_of_any_script_is_read_as_its_ascii_digit() -> None:
    """ascii_digits passes over a text early when it has no character where a non-ASCII digit can
    be (_MAY_HOLD_OTHER_DIGITS); every such digit of this Python's Unicode must be inside it."""
    from claims.detection.numerals import _MAY_HOLD_OTHER_DIGITS, ascii_digits

    digits = [chr(c) for c in range(0x80, 0x110000) if chr(c).isdecimal()]
    assert len(digits) > 600  # every script's digits, not a handful
    outside = [d for d in digits if _MAY_HOLD_OTHER_DIGITS.fullmatch(d) is None]
    assert outside == []
    for d in digits:
        # in text that also holds curly quotes and a dash (non-ASCII, no digit of their own)
        text = f"“{d}” — {d}{d}"
        assert ascii_digits(text) == f"“{int(d)}” — {int(d)}{int(d)}"
