"""Issue 16: no input makes detect_figures raise, and what it returns always holds together."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.detection import DetectedFigure, Qualifier, detect_attributions, detect_figures
from claims.detection import figures as english_grammar
from claims.detection.languages import CODES
from claims.tests.detection.test_detection_properties import assert_offsets_hold

robust = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
LANGUAGES = st.sampled_from([None, *CODES])

# Every code point, surrogates and control characters included.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())

NUMBER_PIECES = st.sampled_from(
    [
        *"0123456789",
        ",",
        ".",
        " ",
        "\u00a0",
        "\u202f",
        "\u2009",
        "'",
        "’",
        "-",
        "−",
        "(",
        ")",
        "$",
        "€",
        "£",
        "¥",
        "%",
        "k",
        "m",
        "bn",
        "MM",
        "T",
        "万",
        "亿",
        "多",
        "余",
        "近",
        "约",
        " million",
        " millones",
        " Millionen",
        " Mrd.",
        " milliards",
        " de dólares",
        " Euro",
        "１",
        "٣",
        "५",
        "\x00",
        "\u200b",
        "\ufeff",
        "\ud800",
        "nearly ",
        "between ",
        " and ",
        " to ",
        "or more",
        "casi ",
        "más de ",
        "près de ",
        "mehr als ",
        "entre ",
        " y ",
        " et ",
        "zwischen ",
        " und ",
        "-acre",
        "km",
        "C",
        "\n",
        "people",
        "cuentas",
        "Konten",
        "个账号",
    ]
)
NUMBER_LIKE = st.lists(NUMBER_PIECES, max_size=40).map("".join)


def assert_well_formed(text: str, figures: list[DetectedFigure]) -> None:
    assert_offsets_hold(text, figures)
    for figure in figures:
        assert_bounds_match_qualifier(figure)


def assert_bounds_match_qualifier(figure: DetectedFigure) -> None:
    q = figure.qualifier
    if figure.value is None and q not in (Qualifier.RANGE, Qualifier.VAGUE):
        assert figure.lower is None and figure.upper is None
        return
    if q in (Qualifier.EXACT, Qualifier.APPROX):
        assert (figure.lower, figure.upper) == (None, None)
    elif q in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        assert (figure.lower, figure.upper) == (figure.value, None)
    elif q in (Qualifier.APPROX_BELOW, Qualifier.AT_MOST, Qualifier.LESS_THAN):
        assert (figure.lower, figure.upper) == (None, figure.value)
    else:
        assert figure.value is None
        assert figure.lower is not None and figure.upper is not None
        assert figure.lower <= figure.upper
    for number in (figure.value, figure.lower, figure.upper):
        # what Figure.value (max_digits=40, decimal_places=10) can store
        # copy_abs, not abs(): abs() rounds to the context's 28 digits (30 nines become 1E+30)
        assert number is None or number.copy_abs() < Decimal(10) ** 30


@robust
@given(st.text(alphabet=ANY_CHARACTER, max_size=200), LANGUAGES)
@example("\ud800 12 people \udfff", None)
@example("3\x00000 people", "en")
@example("Costó us$5 millones", "es")  # a lower-case sign the case-blind scanner finds
def test_any_text_in_any_language_gives_well_formed_figures(
    text: str, language: str | None
) -> None:
    figures = detect_figures(text, language)
    assert_well_formed(text, figures)
    for attribution in detect_attributions(text, figures):
        assert text[attribution.start : attribution.end] == attribution.name


@robust
@given(NUMBER_LIKE, NUMBER_LIKE, LANGUAGES)
def test_number_like_text_gives_well_formed_figures(
    before: str, after: str, language: str | None
) -> None:
    text = f"Officials said {before} {after} were affected."
    assert_well_formed(text, detect_figures(text, language))


@pytest.mark.parametrize("language", CODES)
@pytest.mark.parametrize(
    "text",
    [
        "1" + ",000" * 20 + " people",
        "9" * 55 + " million",
        "between 1 and " + "9" * 70 + " million",
        "1" + ".000" * 25 + " Konten",
        "9" * 40 + "万亿",
        "$" + "9" * 29 + " trillion",
    ],
)
def test_numbers_too_long_for_a_value_are_skipped_not_raised(text: str, language: str) -> None:
    figures = detect_figures(text, language)
    assert_well_formed(text, figures)
    assert all(len((f.surface or "").replace(",", "")) < 40 for f in figures)


def test_a_million_digit_number_is_skipped_and_the_rest_is_read() -> None:
    text = "7" * 1_000_000 + " and then 300 people were evacuated."
    figures = detect_figures(text, "en")
    assert [f.surface for f in figures] == ["300"]
    assert figures[0].start == 1_000_000 + len(" and then ")


class _CountingPattern:
    """Wraps one of the English scanner's regexes and counts its searches."""

    def __init__(self, pattern: object) -> None:
        self.pattern = pattern
        self.calls = 0

    def search(self, text: str, pos: int = 0) -> object:
        self.calls += 1
        return self.pattern.search(text, pos)  # type: ignore[attr-defined]


@settings(deadline=5000, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(NUMBER_PIECES, st.text(max_size=8)), min_size=1, max_size=30).map(" ".join)
)
def test_work_grows_linearly_with_the_text(paragraph: str) -> None:
    once = paragraph + "\n"
    ten = once * 10
    # the scanner's two regexes (numbers, number words), counted together
    counter = _CountingPattern(english_grammar._MASTER)
    words = _CountingPattern(english_grammar._MASTER_WORDS)
    original = english_grammar._MASTER, english_grammar._MASTER_WORDS
    english_grammar._MASTER = counter  # type: ignore[assignment,misc]
    english_grammar._MASTER_WORDS = words  # type: ignore[assignment,misc]
    try:
        detect_figures(once, "en")
        calls_once = counter.calls + words.calls
        counter.calls = words.calls = 0
        figures_ten = detect_figures(ten, "en")
        calls_ten = counter.calls + words.calls
    finally:
        english_grammar._MASTER, english_grammar._MASTER_WORDS = original  # type: ignore[misc]
    # ten copies take about ten times the scanner's steps, never more than one per character
    assert calls_ten <= 10 * calls_once + 10
    assert calls_ten <= len(ten) + 1
    assert len(figures_ten) <= 10 * len(detect_figures(once, "en")) + 10
    for language in ("zh", "es", "de"):
        assert len(detect_figures(ten, language)) <= 10 * len(detect_figures(once, language)) + 10
