"""Property-based tests for the number grammar and the offsets invariant."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims.detection import DetectedFigure, detect_attributions, detect_figures

# Per-test settings, so the rest of the suite keeps its own Hypothesis profile.
grammar_settings = settings(deadline=None, max_examples=150)

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
TEENS += ["eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def words_below_thousand(n: int, hyphen: bool, use_and: bool) -> str:
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(f"{UNITS[hundreds]} hundred")
    if rest:
        if hundreds and use_and:
            parts.append("and")
        if rest < 10:
            parts.append(UNITS[rest])
        elif rest < 20:
            parts.append(TEENS[rest - 10])
        else:
            tens, unit = divmod(rest, 10)
            if unit:
                parts.append(f"{TENS[tens]}{'-' if hyphen else ' '}{UNITS[unit]}")
            else:
                parts.append(TENS[tens])
    return " ".join(parts)


def english(n: int, hyphen: bool = True, use_and: bool = True) -> str:
    """Our own spelling of ``n`` in English words ("three hundred and twenty-five thousand")."""
    parts: list[str] = []
    for size, name in SCALES:
        count, n = divmod(n, size)
        if count:
            parts.append(f"{words_below_thousand(count, hyphen, use_and)} {name}")
    if n:
        parts.append(words_below_thousand(n, hyphen, use_and))
    return " ".join(parts)


def in_sentence(number: str) -> str:
    return f"Officials said {number} people were affected."


def the_only_figure(text: str) -> DetectedFigure:
    figures = detect_figures(text)
    assert len(figures) == 1, [f.surface for f in figures]
    return figures[0]


@grammar_settings
@given(st.integers(min_value=0, max_value=10**15))
@example(1_400_000)
@example(67_000)
def test_integers_with_separators_parse_back(n: int) -> None:
    figure = the_only_figure(in_sentence(f"{n:,}"))
    assert figure.value == n
    assert figure.surface == f"{n:,}"


@grammar_settings
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=4), st.data())
def test_decimals_with_separators_parse_back(whole: int, places: int, data: st.DataObject) -> None:
    fraction = data.draw(st.text(alphabet="0123456789", min_size=places, max_size=places))
    written = f"{whole:,}.{fraction}"
    assert the_only_figure(in_sentence(written)).value == Decimal(written.replace(",", ""))


@grammar_settings
@given(
    st.decimals(min_value=1, max_value=999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12)]
    ),
)
@example(Decimal("1.5"), ("million", 10**6))
def test_scale_words_multiply(mantissa: Decimal, scale: tuple[str, int]) -> None:
    word, factor = scale
    written = f"{mantissa.normalize():f} {word}"
    figure = the_only_figure(in_sentence(written))
    assert figure.surface == written
    assert figure.value == mantissa * factor


@grammar_settings
@given(
    st.decimals(min_value=1, max_value=999, places=1, allow_nan=False, allow_infinity=False),
    st.sampled_from([("k", 10**3), ("m", 10**6), ("bn", 10**9), ("tn", 10**12)]),
    st.sampled_from(["$", "£", "€", "US$", ""]),
)
def test_scale_abbreviations_multiply(mantissa: Decimal, scale: tuple[str, int], sign: str) -> None:
    abbreviation, factor = scale
    written = f"{sign}{mantissa.normalize():f}{abbreviation}"
    figure = the_only_figure(in_sentence(written))
    assert figure.surface == written
    assert figure.value == mantissa * factor


@grammar_settings
@given(st.integers(min_value=2, max_value=999_999_999_999), st.booleans(), st.booleans())
@example(25, True, True)
@example(320, True, True)
@example(1_000_000, True, True)
def test_number_words_parse_back(n: int, hyphen: bool, use_and: bool) -> None:
    written = english(n, hyphen, use_and)
    figure = the_only_figure(in_sentence(written))
    assert figure.surface == written
    assert figure.value == n


@grammar_settings
@given(st.integers(min_value=2, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_keep_both_bounds(low: int, gap: int) -> None:
    high = low + gap
    figure = the_only_figure(in_sentence(f"between {low:,} and {high:,}"))
    assert (figure.value, figure.lower, figure.upper) == (None, Decimal(low), Decimal(high))


def assert_offsets_hold(text: str, figures: list[DetectedFigure]) -> None:
    previous_end = 0
    for figure in figures:
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.surface
        assert figure.start >= previous_end
        previous_end = figure.end


FRAGMENTS = st.sampled_from(
    [
        "nearly 8,000",
        "$2.3bn",
        "between 40 and 50",
        "40–50",
        "hundreds of thousands of",
        "two-year",
        "May 27",
        "2023-05-28",
        "COVID-19",
        "Article 19",
        "10:30",
        "3 p.m.",
        "“",
        "”",
        "’s",
        "😀",
        "🏳️‍🌈",
        "清朗",
        "e\u0301",
        "\u200d",
        "\n\n",
        ". ",
        "people",
        "said",
        "according to",
        "Reuters",
        "one million",
        "per cent",
        "-",
        ",",
    ]
)


@grammar_settings
@given(st.text(), st.integers(min_value=0, max_value=10**9), st.text())
def test_offsets_hold_around_arbitrary_unicode(prefix: str, n: int, suffix: str) -> None:
    text = f"{prefix} {n:,} {suffix}"
    assert_offsets_hold(text, detect_figures(text))


@grammar_settings
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map(" ".join))
def test_offsets_hold_for_mixed_fragments(text: str) -> None:
    figures = detect_figures(text)
    assert_offsets_hold(text, figures)
    for attribution in detect_attributions(text, figures):
        assert text[attribution.start : attribution.end] == attribution.name
        if attribution.via == "explicit":
            assert attribution.sentence_start <= attribution.cue_start < attribution.sentence_end
        assert all(0 <= i < len(figures) for i in attribution.figure_indexes)


@grammar_settings
@given(st.text())
def test_detection_is_a_pure_function(text: str) -> None:
    assert detect_figures(text) == detect_figures(text)
