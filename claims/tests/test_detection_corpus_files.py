"""The multilingual detection corpus files are well formed (data checks only).

Checks every ``detection_corpus/passages_<lang>.json`` and ``detection_corpus/heldout/passages_<lang>.json``
against the conventions of ``detection_corpus/README.md`` and the lead's corpus conventions: required keys,
language code, figures found in text order, decimal values, bounds that agree with the qualifier, unit codes.
It deliberately does not import ``claims.detection``: it checks the annotations, not the detector.
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
QUALIFIERS = {
    "exact",
    "approx",
    "approx_below",
    "more_than",
    "less_than",
    "at_least",
    "at_most",
    "range",
    "vague",
}
DURATIONS = {"year", "month", "week", "day", "hour"}
MEASURES = {
    "mm",
    "cm",
    "m",
    "km",
    "in",
    "ft",
    "yd",
    "mi",
    "m2",
    "km2",
    "ha",
    "acre",
    "sq_ft",
    "sq_mi",
    "g",
    "kg",
    "t",
    "lb",
    "oz",
    "ml",
    "l",
    "gal",
    "barrel",
    "m3",
    "degC",
    "degF",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "kW",
    "MW",
    "GW",
    "km/h",
    "mph",
    "m/s",
    "KB",
    "MB",
    "GB",
    "TB",
}
UNITS = {"", "percent", "percentage_point"} | DURATIONS | MEASURES
CURRENCY = re.compile(r"[A-Z]{3}\Z")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")
MIN_PASSAGES = {"dev": 40, "heldout": 15}

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


def _load(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path.name}: the file must hold a list of passages"
    return data


def _language_of(path: Path) -> str:
    code = path.stem.removeprefix("passages_")
    return "en" if code.startswith("en_") else code


def _number(raw: object, where: str) -> Decimal | None:
    if raw is None:
        return None
    assert isinstance(raw, str), f"{where}: numbers are decimal strings or null, not {raw!r}"
    assert DECIMAL.match(raw), f"{where}: {raw!r} is not a plain decimal string"
    return Decimal(raw)


def _ids(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent != CORPUS else path.name


def test_the_corpus_has_files_to_check() -> None:
    assert DEV_FILES, "no detection_corpus/passages_<lang>.json files"
    assert HELDOUT_FILES, "no detection_corpus/heldout/passages_<lang>.json files"


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids)
def test_passages_have_the_required_keys_and_language(path: Path) -> None:
    part = "heldout" if path.parent.name == "heldout" else "dev"
    passages = _load(path)
    assert len(passages) >= MIN_PASSAGES[part], f"{path.name}: {len(passages)} passages"
    language = _language_of(path)
    assert language in LANGUAGES, f"{path.name}: unknown language code {language!r}"
    seen: set[str] = set()
    for passage in passages:
        assert set(passage) == PASSAGE_KEYS, (
            f"{path.name}: {passage.get('id')}: keys {sorted(passage)}"
        )
        pid = passage["id"]
        assert isinstance(pid, str) and pid, f"{path.name}: empty id"
        assert pid not in seen, f"{path.name}: duplicate id {pid}"
        seen.add(pid)
        assert pid.startswith("heldout-") == (part == "heldout"), (
            f"{path.name}: {pid}: held-out ids start heldout-"
        )
        assert passage["language"] == language, (
            f"{path.name}: {pid}: language {passage['language']!r}"
        )
        assert isinstance(passage["topic"], str) and passage["topic"], f"{path.name}: {pid}: topic"
        text = passage["text"]
        assert isinstance(text, str) and text.strip(), f"{path.name}: {pid}: empty text"
        assert unicodedata.normalize("NFC", text) == text, f"{path.name}: {pid}: text is not NFC"
        assert "\r" not in text, f"{path.name}: {pid}: line endings must be \\n"
        assert isinstance(passage["figures"], list), f"{path.name}: {pid}: figures"
        assert isinstance(passage["attributions"], list), f"{path.name}: {pid}: attributions"


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids)
def test_figures_are_found_in_text_order_without_ambiguity(path: Path) -> None:
    for passage in _load(path):
        text, pid = passage["text"], passage["id"]
        previous_start, previous_end = 0, 0
        for index, figure in enumerate(passage["figures"]):
            where = f"{path.name}: {pid}: figure {index} {figure.get('surface')!r}"
            assert set(figure) == FIGURE_KEYS, f"{where}: keys {sorted(figure)}"
            surface = figure["surface"]
            assert isinstance(surface, str) and surface == surface.strip() and surface, (
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
                assert text.find(surface, previous_start + 1) == start, where
                assert text.find(surface, previous_end) == start, where
            previous_start, previous_end = start, start + len(surface)


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids)
def test_values_and_bounds_agree_with_the_qualifier(path: Path) -> None:
    for passage in _load(path):
        for index, figure in enumerate(passage["figures"]):
            where = f"{path.name}: {passage['id']}: figure {index} {figure['surface']!r}"
            value = _number(figure["value"], f"{where}: value")
            lower = _number(figure["lower"], f"{where}: lower")
            upper = _number(figure["upper"], f"{where}: upper")
            qualifier = figure["qualifier"]
            assert qualifier in QUALIFIERS, f"{where}: qualifier {qualifier!r}"
            if qualifier in {"exact", "approx"}:
                assert value is not None and lower is None and upper is None, where
            elif qualifier in {"approx_below", "at_most", "less_than"}:
                assert value is not None and upper == value and lower is None, where
            elif qualifier in {"more_than", "at_least"}:
                assert value is not None and lower == value and upper is None, where
            else:  # range, vague
                assert value is None and lower is not None and upper is not None, where
                assert lower < upper, f"{where}: lower {lower} must be below upper {upper}"


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids)
def test_units_and_counted_nouns_follow_the_conventions(path: Path) -> None:
    for passage in _load(path):
        for index, figure in enumerate(passage["figures"]):
            where = f"{path.name}: {passage['id']}: figure {index} {figure['surface']!r}"
            unit, counted = figure["unit"], figure["counted"]
            assert isinstance(unit, str) and (unit in UNITS or CURRENCY.match(unit)), (
                f"{where}: unit {unit!r}"
            )
            assert isinstance(counted, str) and counted == counted.strip(), (
                f"{where}: counted {counted!r}"
            )
            assert counted == counted.lower(), f"{where}: counted nouns are lower case"
            if unit in {"percent", "percentage_point"} | DURATIONS:
                assert counted == "", f"{where}: percentages and durations count nothing"


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids)
def test_a_written_hedge_gives_its_qualifier(path: Path) -> None:
    language = _language_of(path)
    for passage in _load(path):
        for index, figure in enumerate(passage["figures"]):
            where = f"{path.name}: {passage['id']}: figure {index} {figure['surface']!r}"
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


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids)
def test_attributions_name_a_source_and_cue_in_the_text(path: Path) -> None:
    for passage in _load(path):
        text = passage["text"]
        for attribution in passage["attributions"]:
            where = f"{path.name}: {passage['id']}: attribution {attribution!r}"
            assert set(attribution) == {"name", "cue"}, where
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


def test_held_out_passages_are_not_copies_of_dev_passages() -> None:
    dev_texts = {p["text"] for path in DEV_FILES for p in _load(path)}
    dev_ids = {p["id"] for path in DEV_FILES for p in _load(path)}
    for path in HELDOUT_FILES:
        for passage in _load(path):
            assert passage["text"] not in dev_texts, (
                f"{path.name}: {passage['id']} repeats a dev passage"
            )
            assert passage["id"] not in dev_ids, f"{path.name}: {passage['id']} reuses a dev id"
