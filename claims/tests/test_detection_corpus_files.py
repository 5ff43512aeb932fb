"""The multilingual detection corpus files are well formed (data checks only).

Every ``detection_corpus/passages_<lang>.json`` and ``detection_corpus/heldout/passages_<lang>.json`` is read
as plain JSON and held to ``detection_corpus/CONVENTIONS.md`` and the corpus README: required keys, the language
code named by the file, figures found in text order without overlap or ambiguity, values that are plain decimal
strings, bounds that agree with the qualifier, unit codes, lower-case counted nouns, hedges that give their
qualifier, attribution names and cues found in the text, unique ids, held-out ids only in ``heldout/`` and
held-out texts that are not copies of dev texts. The checks on one passage are plain functions, so that
deliberately broken passages can be fed to them (``test_the_checker_rejects_*``).

Nothing here imports ``claims.detection``: the corpus is the reference the engine is scored against, so it
is checked on its own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parent / "detection_corpus"
DEV_FILES = sorted(CORPUS.glob("passages_*.json"))
HELDOUT_FILES = sorted((CORPUS / "heldout").glob("passages_*.json"))
ALL_FILES = DEV_FILES + HELDOUT_FILES

LANGUAGES = {"zh", "es", "fr", "de", "en"}
PASSAGE_KEYS = {"id", "language", "topic", "text", "figures", "attributions"}
FIGURE_KEYS = {"surface", "value", "lower", "upper", "qualifier", "unit", "counted"}
ATTRIBUTION_KEYS = {"name", "cue"}
DURATIONS = {"year", "month", "week", "day", "hour"}
MEASURES = {
    *("mm", "cm", "m", "km", "in", "ft", "yd", "mi"),
    *("m2", "km2", "ha", "acre", "sq_ft", "sq_mi"),
    *("g", "kg", "t", "lb", "oz"),
    *("ml", "l", "gal", "barrel", "m3"),
    *("degC", "degF"),
    *("kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW"),
    *("km/h", "mph", "m/s"),
    *("KB", "MB", "GB", "TB"),
}
UNITS = {"", "percent", "percentage_point"} | DURATIONS | MEASURES
CURRENCY = re.compile(r"[A-Z]{3}\Z")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")

# Which of lower/upper carries the value; range and vague carry both bounds and no value.
BOUNDS = {
    "exact": (False, False),
    "approx": (False, False),
    "approx_below": (False, True),
    "at_most": (False, True),
    "less_than": (False, True),
    "more_than": (True, False),
    "at_least": (True, False),
}
SPANS = {"range", "vague"}
QUALIFIERS = set(BOUNDS) | SPANS

# Every file needs this many passages, and twice as many figures.
MIN_PASSAGES = {"dev": 40, "heldout": 15}
# The files issue 16 asks for; they must be there (the globs above would silently skip a missing one).
REQUIRED_FILES = [
    "passages_fr.json",
    "passages_de.json",
    "passages_en_more.json",
    "heldout/passages_fr.json",
    "heldout/passages_de.json",
    "heldout/passages_en_more.json",
]

# Hedges of detection_corpus/CONVENTIONS.md, by language: a surface that opens (or, in Chinese, closes) with one of them
# carries its qualifier. Longest first, so that "将近" is not read as "近".
LEADING_HEDGES = {
    "zh": [
        ("将近", "approx_below"),
        ("將近", "approx_below"),
        ("接近", "approx_below"),
        ("近", "approx_below"),
        ("大约", "approx"),
        ("大約", "approx"),
        ("约", "approx"),
        ("約", "approx"),
        ("超过", "more_than"),
        ("超過", "more_than"),
        ("逾", "more_than"),
        ("至少", "at_least"),
        ("不到", "less_than"),
        ("不足", "less_than"),
    ],
    "es": [
        ("casi ", "approx_below"),
        ("cerca de ", "approx_below"),
        ("alrededor de ", "approx"),
        ("alrededor del ", "approx"),
        ("unos ", "approx"),
        ("unas ", "approx"),
        ("aproximadamente ", "approx"),
        ("más de ", "more_than"),
        ("menos de ", "less_than"),
        ("al menos ", "at_least"),
        ("hasta ", "at_most"),
    ],
}
TRAILING_HEDGES = {"zh": [("左右", "approx"), ("以上", "more_than")]}
INNER_HEDGES = {"zh": [("余", "more_than"), ("餘", "more_than"), ("多", "more_than")]}


def label(path: Path) -> str:
    """``passages_fr.json`` or ``heldout/passages_fr.json``; also the test ids."""
    return path.relative_to(CORPUS).as_posix()


def language_of(path: Path) -> str:
    """``passages_fr.json`` -> ``fr``; ``passages_en_more.json`` -> ``en``."""
    return path.stem.removeprefix("passages_").split("_")[0]


def is_heldout(path: Path) -> bool:
    return path.parent.name == "heldout"


def load(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{label(path)}: the file must hold a list of passages"
    return data


def number(raw: object, where: str) -> Decimal | None:
    """A plain decimal string ("12", "-0.5"; not "1,4", "1e3", "+5", "NaN") as a Decimal, or None for null."""
    if raw is None:
        return None
    assert isinstance(raw, str), f"{where}: numbers are decimal strings or null, not {raw!r}"
    assert DECIMAL.match(raw), f"{where}: {raw!r} is not a plain decimal string"
    return Decimal(raw)


# The checks on one passage. ``path`` says which file the passage is read from: its language code and
# whether it is held out.


def check_keys_and_language(passage: Any, path: Path) -> None:
    assert isinstance(passage, dict), f"{label(path)}: a passage is an object, not {passage!r}"
    pid = passage.get("id")
    where = f"{label(path)}: {pid!r}"
    assert set(passage) == PASSAGE_KEYS, f"{where}: keys {sorted(passage)}"
    assert isinstance(pid, str) and pid, f"{label(path)}: empty id"
    assert pid.startswith("heldout-") == is_heldout(path), (
        f"{where}: held-out ids start heldout-, and only held-out ones"
    )
    language = language_of(path)
    assert language in LANGUAGES, f"{label(path)}: unknown language code {language!r}"
    assert passage["language"] == language, f"{where}: language {passage['language']!r}"
    assert isinstance(passage["topic"], str) and passage["topic"], f"{where}: topic"
    text = passage["text"]
    assert isinstance(text, str) and text.strip(), f"{where}: empty text"
    assert unicodedata.normalize("NFC", text) == text, f"{where}: text is not NFC"
    assert "\r" not in text, f"{where}: line endings must be \\n"
    assert isinstance(passage["figures"], list), f"{where}: figures"
    assert all(isinstance(figure, dict) for figure in passage["figures"]), f"{where}: figures"
    assert isinstance(passage["attributions"], list), f"{where}: attributions"


def _figures(passage: dict[str, Any], path: Path) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{label(path)}: {passage['id']}: figure {index} {figure.get('surface')!r}", figure)
        for index, figure in enumerate(passage["figures"])
    ]


def check_figures_in_text_order(passage: dict[str, Any], path: Path) -> None:
    text = passage["text"]
    previous_start, previous_end = 0, 0
    for index, (where, figure) in enumerate(_figures(passage, path)):
        assert set(figure) == FIGURE_KEYS, f"{where}: keys {sorted(figure)}"
        surface = figure["surface"]
        assert isinstance(surface, str) and surface and surface == surface.strip(), (
            f"{where}: surface"
        )
        start = text.find(surface, previous_start)
        assert start >= 0, (
            f"{where}: not found after the previous figure's start ({previous_start})"
        )
        # The same span whether a reader searches from the previous start, just after it or from its end:
        # a surface that also occurs inside the previous figure would be located differently.
        if index:
            assert start >= previous_end, f"{where}: overlaps or precedes the previous figure"
            assert text.find(surface, previous_start + 1) == start, f"{where}: ambiguous"
            assert text.find(surface, previous_end) == start, f"{where}: ambiguous"
        previous_start, previous_end = start, start + len(surface)


def check_values_and_bounds(passage: dict[str, Any], path: Path) -> None:
    for where, figure in _figures(passage, path):
        value = number(figure["value"], f"{where}: value")
        lower = number(figure["lower"], f"{where}: lower")
        upper = number(figure["upper"], f"{where}: upper")
        qualifier = figure["qualifier"]
        assert qualifier in QUALIFIERS, f"{where}: unknown qualifier {qualifier!r}"
        if qualifier in SPANS:
            assert value is None, f"{where}: {qualifier} has no value"
            assert lower is not None and upper is not None, f"{where}: {qualifier} has both bounds"
            assert lower < upper, f"{where}: lower {lower} must be below upper {upper}"
            continue
        assert value is not None, f"{where}: {qualifier} has a value"
        sets_lower, sets_upper = BOUNDS[qualifier]
        assert lower == (value if sets_lower else None), f"{where}: lower {lower} for {qualifier}"
        assert upper == (value if sets_upper else None), f"{where}: upper {upper} for {qualifier}"


def check_units_and_counted_nouns(passage: dict[str, Any], path: Path) -> None:
    for where, figure in _figures(passage, path):
        unit, counted = figure["unit"], figure["counted"]
        assert isinstance(unit, str) and (unit in UNITS or CURRENCY.match(unit)), (
            f"{where}: unknown unit {unit!r}"
        )
        assert isinstance(counted, str) and counted == counted.strip(), (
            f"{where}: counted {counted!r}"
        )
        assert counted == counted.lower(), f"{where}: counted nouns are lower case"
        if unit in {"percent", "percentage_point"} | DURATIONS:
            assert counted == "", f"{where}: percentages and durations count nothing"


def check_hedges(passage: dict[str, Any], path: Path) -> None:
    language = language_of(path)
    for where, figure in _figures(passage, path):
        surface, qualifier = figure["surface"].lower(), figure["qualifier"]
        expected = next(
            (q for h, q in LEADING_HEDGES.get(language, []) if surface.startswith(h)), None
        )
        expected = expected or next(
            (q for h, q in TRAILING_HEDGES.get(language, []) if surface.endswith(h)), None
        )
        expected = expected or next(
            (q for h, q in INNER_HEDGES.get(language, []) if h in surface), None
        )
        if expected is not None:
            assert qualifier == expected, (
                f"{where}: the hedge reads {expected}, annotated {qualifier}"
            )


def check_attributions(passage: dict[str, Any], path: Path) -> None:
    text = passage["text"]
    for attribution in passage["attributions"]:
        where = f"{label(path)}: {passage['id']}: attribution {attribution!r}"
        assert isinstance(attribution, dict), where
        assert set(attribution) == ATTRIBUTION_KEYS, f"{where}: keys"
        name, cue = attribution["name"], attribution["cue"]
        assert isinstance(name, str) and name and name in text, f"{where}: name not in the text"
        assert isinstance(cue, str) and cue, f"{where}: empty cue"
        # A split cue ("据…报道", "teilte … mit") is written with "…" between its parts, found in
        # order; cues are written in lower case ("Laut Destatis" has the cue "laut").
        position = 0
        for part in (piece.strip() for piece in cue.split("…")):
            found = text.lower().find(part.lower(), position)
            assert part and found >= 0, f"{where}: cue part {part!r} not in the text"
            position = found + len(part)


PASSAGE_CHECKS = [
    check_figures_in_text_order,
    check_values_and_bounds,
    check_units_and_counted_nouns,
    check_hedges,
    check_attributions,
]


def check_passage(passage: Any, path: Path) -> None:
    """Every check on one passage; keys first, since the others rely on them."""
    check_keys_and_language(passage, path)
    for check in PASSAGE_CHECKS:
        check(passage, path)


# The files.


def test_the_corpus_has_files_to_check() -> None:
    assert DEV_FILES, "no detection_corpus/passages_<lang>.json files"
    assert HELDOUT_FILES, "no detection_corpus/heldout/passages_<lang>.json files"
    for name in REQUIRED_FILES:
        assert (CORPUS / name).is_file(), f"{name} is missing"


@pytest.mark.parametrize("path", ALL_FILES, ids=label)
def test_files_are_big_enough(path: Path) -> None:
    minimum = MIN_PASSAGES["heldout" if is_heldout(path) else "dev"]
    passages = load(path)
    assert len(passages) >= minimum, f"{label(path)}: {len(passages)} passages"
    figures = sum(len(passage["figures"]) for passage in passages)
    assert figures >= 2 * minimum, f"{label(path)}: {figures} figures"


@pytest.mark.parametrize("path", ALL_FILES, ids=label)
def test_passages_have_the_required_keys_and_language(path: Path) -> None:
    for passage in load(path):
        check_keys_and_language(passage, path)


@pytest.mark.parametrize("check", PASSAGE_CHECKS, ids=lambda check: check.__name__)
@pytest.mark.parametrize("path", ALL_FILES, ids=label)
def test_passages_follow_the_conventions(path: Path, check: Any) -> None:
    for passage in load(path):
        check(passage, path)


def test_ids_are_unique_across_the_corpus() -> None:
    # Covers duplicates within one file, held-out ids reused by dev, and reuse of the older passages.json.
    seen: set[str] = set()
    for path in ALL_FILES:
        for passage in load(path):
            pid = passage["id"]
            assert pid not in seen, f"{label(path)}: duplicate id {pid!r}"
            seen.add(pid)
    for passage in load(CORPUS / "passages.json"):
        assert passage["id"] not in seen, f"passages.json id {passage['id']!r} reused"


def test_held_out_passages_are_not_copies_of_dev_passages() -> None:
    dev_texts = {passage["text"] for path in DEV_FILES for passage in load(path)}
    for path in HELDOUT_FILES:
        for passage in load(path):
            assert passage["text"] not in dev_texts, (
                f"{label(path)}: {passage['id']} repeats a dev passage"
            )


# The checker itself: a good passage passes, and each deliberately broken one fails.

FR_PATH = CORPUS / "passages_fr.json"
GOOD_FR: dict[str, Any] = {
    "id": "x",
    "language": "fr",
    "topic": "t",
    "text": "Plus de 100 000 comptes, puis 12 autres.",
    "figures": [
        {
            "surface": "Plus de 100 000",
            "value": "100000",
            "lower": "100000",
            "upper": None,
            "qualifier": "more_than",
            "unit": "",
            "counted": "comptes",
        },
        {
            "surface": "12",
            "value": "12",
            "lower": None,
            "upper": None,
            "qualifier": "exact",
            "unit": "",
            "counted": "autres",
        },
    ],
    "attributions": [],
}
FIRST, SECOND = GOOD_FR["figures"]
BROKEN_FR: dict[str, dict[str, Any]] = {
    "wrong_language": {"language": "de"},
    "figures_out_of_order": {"figures": list(reversed(GOOD_FR["figures"]))},
    "more_than_with_upper": {"figures": [{**FIRST, "upper": "100000"}]},
    "comma_decimal": {"figures": [{**FIRST, "value": "1,4"}]},
    "range_with_value": {"figures": [{**FIRST, "qualifier": "range"}]},
    "unknown_unit": {"figures": [{**FIRST, "unit": "furlong"}]},
    "capitalised_counted": {"figures": [{**FIRST, "counted": "Comptes"}]},
    "name_not_in_text": {"attributions": [{"name": "l'Insee", "cue": "selon"}]},
    # The checks only one of the two merged modules made are held to the same test.
    "held_out_id_in_dev": {"id": "heldout-x"},
    "text_not_nfc": {
        "text": unicodedata.normalize("NFD", "Plus de 100 000 comptés, puis 12 autres.")
    },
    "surface_inside_previous": {"figures": [FIRST, {**SECOND, "surface": "100", "value": "100"}]},
    "range_without_width": {
        "figures": [{**FIRST, "qualifier": "range", "value": None, "lower": "5", "upper": "5"}]
    },
    "percent_with_counted": {"figures": [{**FIRST, "unit": "percent"}]},
    "cue_not_in_text": {"attributions": [{"name": "Plus", "cue": "selon"}]},
    "split_cue_out_of_order": {"attributions": [{"name": "Plus", "cue": "puis … plus"}]},
}


def test_the_checker_accepts_a_good_passage() -> None:
    check_passage(GOOD_FR, FR_PATH)
    # Cues are compared case-insensitively, and the parts of a split cue are found in order.
    check_passage({**GOOD_FR, "attributions": [{"name": "Plus", "cue": "PLUS … puis"}]}, FR_PATH)


def test_the_checker_holds_a_hedge_to_its_qualifier() -> None:
    path = CORPUS / "passages_es.json"
    figure = {
        "surface": "Más de 12",
        "value": "12",
        "lower": "12",
        "upper": None,
        "qualifier": "more_than",
        "unit": "",
        "counted": "casos",
    }
    passage = {**GOOD_FR, "language": "es", "text": "Más de 12 casos.", "figures": [figure]}
    check_passage(passage, path)
    exact = {**figure, "lower": None, "qualifier": "exact"}
    with pytest.raises(AssertionError, match="the hedge reads more_than"):
        check_passage({**passage, "figures": [exact]}, path)


@pytest.mark.parametrize("change", BROKEN_FR.values(), ids=BROKEN_FR.keys())
def test_the_checker_rejects_what_it_should(change: dict[str, Any]) -> None:
    with pytest.raises(AssertionError):
        check_passage({**GOOD_FR, **change}, FR_PATH)
