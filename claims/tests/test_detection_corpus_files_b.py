"""The format of the multilingual detection corpus files (issue 16), checked without the detector.

Every ``detection_corpus/passages_<lang>.json`` and ``detection_corpus/heldout/passages_<lang>.json``
is read as plain JSON and held to detection_corpus/CONVENTIONS.md and the corpus README: required keys, the
language code named by the file, figures found in text order by searching ``surface`` from the
previous figure's start (and not overlapping it), values that parse as ``Decimal``, bounds that
agree with the qualifier. Nothing here imports ``claims.detection``: the corpus is the reference
the engine is scored against, so it is checked on its own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "detection_corpus"
DEV_FILES = sorted(CORPUS.glob("passages_*.json"))
HELDOUT_FILES = sorted((CORPUS / "heldout").glob("passages_*.json"))
ALL_FILES = DEV_FILES + HELDOUT_FILES

LANGUAGES = {"en", "zh", "es", "fr", "de"}
PASSAGE_KEYS = {"id", "language", "topic", "text", "figures", "attributions"}
FIGURE_KEYS = {"surface", "value", "lower", "upper", "qualifier", "unit", "counted"}
UNITS = {
    "",
    "percent",
    "percentage_point",
    *("year", "month", "week", "day", "hour"),
    *("mm", "cm", "m", "km", "in", "ft", "yd", "mi"),
    *("m2", "km2", "ha", "acre", "sq_ft", "sq_mi"),
    *("g", "kg", "t", "lb", "oz"),
    *("ml", "l", "gal", "barrel", "m3"),
    *("degC", "degF"),
    *("kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW"),
    *("km/h", "mph", "m/s"),
    *("KB", "MB", "GB", "TB"),
}
CURRENCY = re.compile(r"[A-Z]{3}")
# Which of lower/upper carries the value; range and vague carry both and no value.
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

# The files this branch writes, with the passage counts issue 16 asks for.
REQUIRED = {
    "passages_fr.json": 40,
    "passages_de.json": 40,
    "passages_en_more.json": 40,
    "heldout/passages_fr.json": 15,
    "heldout/passages_de.json": 15,
    "heldout/passages_en_more.json": 15,
}


def language_of(path: Path) -> str:
    """``passages_fr.json`` -> ``fr``; ``passages_en_more.json`` -> ``en``."""
    return path.stem.removeprefix("passages_").split("_")[0]


def label(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def load(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{label(path)}: a list of passages"
    return data


def decimal(text: Any, where: str) -> Decimal:
    assert isinstance(text, str), f"{where}: numbers are decimal strings, got {text!r}"
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AssertionError(f"{where}: {text!r} is not a decimal") from None
    assert number.is_finite(), f"{where}: {text!r} is not finite"
    return number


def check_figure(figure: Any, where: str) -> None:
    assert isinstance(figure, dict), where
    assert set(figure) == FIGURE_KEYS, f"{where}: keys {sorted(figure)}"
    qualifier = figure["qualifier"]
    value, lower, upper = figure["value"], figure["lower"], figure["upper"]
    if qualifier in SPANS:
        assert value is None, f"{where}: {qualifier} has no value"
        low, high = decimal(lower, f"{where} lower"), decimal(upper, f"{where} upper")
        assert low <= high, f"{where}: lower {lower} > upper {upper}"
    else:
        assert qualifier in BOUNDS, f"{where}: unknown qualifier {qualifier!r}"
        number = decimal(value, f"{where} value")
        sets_lower, sets_upper = BOUNDS[qualifier]
        if sets_lower:
            assert decimal(lower, f"{where} lower") == number, f"{where}: lower != value"
        else:
            assert lower is None, f"{where}: {qualifier} sets no lower bound"
        if sets_upper:
            assert decimal(upper, f"{where} upper") == number, f"{where}: upper != value"
        else:
            assert upper is None, f"{where}: {qualifier} sets no upper bound"
    unit = figure["unit"]
    assert unit in UNITS or CURRENCY.fullmatch(unit), f"{where}: unknown unit {unit!r}"
    counted = figure["counted"]
    assert isinstance(counted, str), where
    assert counted == counted.lower() == counted.strip(), f"{where}: counted {counted!r}"
    surface = figure["surface"]
    assert isinstance(surface, str), where
    assert surface and surface == surface.strip(), f"{where}: surface {surface!r}"


def check_passage(passage: Any, path: Path) -> None:
    assert isinstance(passage, dict), label(path)
    where = f"{label(path)} {passage.get('id')!r}"
    assert set(passage) == PASSAGE_KEYS, f"{where}: keys {sorted(passage)}"
    assert passage["language"] in LANGUAGES, where
    assert passage["language"] == language_of(path), f"{where}: language of the file"
    assert isinstance(passage["topic"], str) and passage["topic"], where
    text = passage["text"]
    assert isinstance(text, str) and text, where
    assert unicodedata.normalize("NFC", text) == text, f"{where}: text is not NFC"
    assert "\r" not in text, f"{where}: \\r in text"
    assert isinstance(passage["figures"], list), where
    start = end = 0
    for index, figure in enumerate(passage["figures"]):
        figure_where = f"{where} figure {index}"
        check_figure(figure, figure_where)
        found = text.find(figure["surface"], start)
        assert found >= 0, f"{figure_where}: {figure['surface']!r} not after the previous figure"
        assert found >= end, f"{figure_where}: {figure['surface']!r} overlaps the previous figure"
        start, end = found, found + len(figure["surface"])
    assert isinstance(passage["attributions"], list), where
    for attribution in passage["attributions"]:
        assert isinstance(attribution, dict), where
        assert set(attribution) == {"name", "cue"}, f"{where}: attribution {attribution}"
        assert attribution["name"] and attribution["name"] in text, f"{where}: {attribution}"
        assert attribution["cue"], f"{where}: {attribution}"


def test_the_required_files_are_there_and_big_enough() -> None:
    for name, minimum in REQUIRED.items():
        path = CORPUS / name
        assert path.is_file(), name
        passages = load(path)
        assert len(passages) >= minimum, f"{name}: {len(passages)} passages"
        assert sum(len(p["figures"]) for p in passages) >= 2 * minimum, name


@pytest.mark.parametrize("path", ALL_FILES, ids=label)
def test_every_passage_follows_the_format(path: Path) -> None:
    for passage in load(path):
        check_passage(passage, path)


def test_ids_are_unique_and_held_out_ones_say_so() -> None:
    seen: set[str] = set()
    for path in ALL_FILES:
        heldout = path.parent.name == "heldout"
        for passage in load(path):
            pid = passage["id"]
            assert pid not in seen, f"{label(path)}: duplicate id {pid!r}"
            seen.add(pid)
            assert pid.startswith("heldout-") == heldout, f"{label(path)}: id {pid!r}"
    for passage in load(CORPUS / "passages.json"):
        assert passage["id"] not in seen, f"passages.json id {passage['id']!r} reused"


def test_held_out_texts_are_not_copies_of_dev_texts() -> None:
    for heldout in HELDOUT_FILES:
        dev = CORPUS / heldout.name
        if not dev.is_file():
            continue
        dev_texts = {p["text"] for p in load(dev)}
        for passage in load(heldout):
            assert passage["text"] not in dev_texts, f"{label(heldout)} {passage['id']!r}"


def test_the_checker_rejects_what_it_should() -> None:
    path = CORPUS / "passages_fr.json"
    good: dict[str, Any] = {
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
    check_passage(good, path)
    broken: list[dict[str, Any]] = []
    for change in (
        {"language": "de"},
        {"figures": list(reversed(good["figures"]))},
        {"figures": [{**good["figures"][0], "upper": "100000"}]},
        {"figures": [{**good["figures"][0], "value": "1,4"}]},
        {"figures": [{**good["figures"][0], "qualifier": "range"}]},
        {"figures": [{**good["figures"][0], "unit": "furlong"}]},
        {"figures": [{**good["figures"][0], "counted": "Comptes"}]},
        {"attributions": [{"name": "l'Insee", "cue": "selon"}]},
    ):
        broken.append({**good, **change})
    for passage in broken:
        with pytest.raises(AssertionError):
            check_passage(passage, path)
