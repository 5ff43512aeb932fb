"""The format of the translation-check corpus (issue 18), checked without any detection or alignment code.

``translation_corpus/pairs.json`` (dev), ``translation_corpus/dev_from_heldout.json`` (dev: the first
held-out file, scored blind twice, dev since 2026-12-05), ``translation_corpus/dev_from_heldout2.json``
(dev: the second held-out file, ``heldout/batch2.json``, scored blind once, dev since 2026-12-07),
``translation_corpus/dev_from_heldout3.json`` (dev: the third, ``heldout/batch3.json``, scored blind once,
dev since 2026-12-07), ``translation_corpus/dev_from_heldout4.json`` (dev: the fourth,
``heldout/batch4.json``, scored blind once, dev since 2026-12-07), ``translation_corpus/dev_from_heldout5.json``
(dev: the fifth, ``heldout/batch5.json``, scored blind once, dev since 2026-12-07),
``translation_corpus/dev_from_heldout6.json`` (dev: the sixth, ``heldout/batch6.json``, scored
blind once, dev since 2026-12-07), ``translation_corpus/dev_from_heldout7.json`` (dev: the
seventh, ``heldout/batch7.json``, scored blind once, dev since 2026-12-07),
``translation_corpus/dev_from_heldout8.json`` (dev: the eighth, ``heldout/batch8.json``, scored
blind once, dev since 2026-12-07) and every
``translation_corpus/heldout/*.json`` (held-out; there may be none) are read as plain JSON and held
to ``translation_corpus/README.md``: required keys, language codes, every figure surface found in its text in order (each searched from the end of the previous one on the same side),
faithful pairs with no changes and every figure rendered, unfaithful pairs with exactly one change that is
one of the listed figure pairs, change kinds from the list, ``heldout…`` ids only in held-out files and in
the ``dev_from_heldout*.json`` files.
Nothing here imports ``claims``: the corpus is the reference the alignment is scored against.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "translation_corpus"
DEV = CORPUS / "pairs.json"
FROM_HELDOUT = CORPUS / "dev_from_heldout.json"
FROM_HELDOUT2 = CORPUS / "dev_from_heldout2.json"
FROM_HELDOUT3 = CORPUS / "dev_from_heldout3.json"
FROM_HELDOUT4 = CORPUS / "dev_from_heldout4.json"
FROM_HELDOUT5 = CORPUS / "dev_from_heldout5.json"
FROM_HELDOUT6 = CORPUS / "dev_from_heldout6.json"
FROM_HELDOUT7 = CORPUS / "dev_from_heldout7.json"
FROM_HELDOUT8 = CORPUS / "dev_from_heldout8.json"
HELDOUT = {f"heldout/{p.name}": p for p in sorted((CORPUS / "heldout").glob("*.json"))}
FILES = {
    "dev": DEV,
    "dev_from_heldout": FROM_HELDOUT,
    "dev_from_heldout2": FROM_HELDOUT2,
    "dev_from_heldout3": FROM_HELDOUT3,
    "dev_from_heldout4": FROM_HELDOUT4,
    "dev_from_heldout5": FROM_HELDOUT5,
    "dev_from_heldout6": FROM_HELDOUT6,
    "dev_from_heldout7": FROM_HELDOUT7,
    "dev_from_heldout8": FROM_HELDOUT8,
    **HELDOUT,
}
DEV_FILES = (
    "dev",
    "dev_from_heldout",
    "dev_from_heldout2",
    "dev_from_heldout3",
    "dev_from_heldout4",
    "dev_from_heldout5",
    "dev_from_heldout6",
    "dev_from_heldout7",
    "dev_from_heldout8",
)
MINIMUM = {
    "dev": 90,
    "dev_from_heldout": 40,
    "dev_from_heldout2": 120,
    "dev_from_heldout3": 120,
    "dev_from_heldout4": 120,
    "dev_from_heldout5": 120,
    "dev_from_heldout6": 120,
    "dev_from_heldout7": 120,
    "dev_from_heldout8": 120,
    **dict.fromkeys(HELDOUT, 40),
}

PAIR_KEYS = {
    "id",
    "original_language",
    "topic",
    "original",
    "translation",
    "faithful",
    "figures",
    "changes",
}
FIGURE_KEYS = {"original", "translation"}
CHANGE_KEYS = {"kind", "original", "translation", "explanation"}
LANGUAGES = {"zh", "es", "fr", "de"}
KINDS = {"value", "scale", "hedge", "range", "missing", "added", "noun", "event"}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def load(name: str) -> list[dict[str, Any]]:
    data = json.loads(FILES[name].read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{FILES[name]}: top level must be a list"
    return data


def where(name: str, pair: dict[str, Any]) -> str:
    return f"{FILES[name].name} ({name}) pair {pair.get('id')!r}"


def locate(text: str, surfaces: list[str], label: str) -> None:
    """Each surface is found in ``text`` after the end of the previous one, and not inside a number."""
    position = 0
    for surface in surfaces:
        assert isinstance(surface, str) and surface.strip() == surface and surface, (
            f"{label}: bad surface {surface!r}"
        )
        found = text.find(surface, position)
        assert found >= 0, f"{label}: surface {surface!r} not found after offset {position}"
        end = found + len(surface)
        before, after = text[found - 1 : found] if found else "", text[end : end + 1]
        assert not before.isdigit() and not after.isdigit(), (
            f"{label}: surface {surface!r} at {found} cuts through a number"
        )
        position = end


@pytest.mark.parametrize("name", sorted(FILES))
def test_pairs_are_well_formed(name: str) -> None:
    pairs = load(name)
    assert len(pairs) >= MINIMUM[name], f"{name}: {len(pairs)} pairs, need {MINIMUM[name]}"
    ids = [pair.get("id") for pair in pairs]
    assert len(ids) == len(set(ids)), (
        f"{name}: duplicate ids {[i for i, n in Counter(ids).items() if n > 1]}"
    )
    for pair in pairs:
        label = where(name, pair)
        assert set(pair) == PAIR_KEYS, f"{label}: keys {sorted(set(pair) ^ PAIR_KEYS)} wrong"
        assert isinstance(pair["id"], str) and pair["id"]
        assert pair["id"].startswith("heldout") == (name != "dev"), f"{label}: id prefix"
        assert pair["original_language"] in LANGUAGES, (
            f"{label}: language {pair['original_language']!r}"
        )
        assert isinstance(pair["topic"], str) and pair["topic"].strip(), f"{label}: topic"
        for side in ("original", "translation"):
            assert (
                isinstance(pair[side], str) and pair[side].strip() == pair[side] and pair[side]
            ), f"{label}: {side} text must be a non-empty trimmed string"
            assert "\n" not in pair[side], (
                f"{label}: {side} text is one short passage, no line breaks"
            )
        assert not CJK.search(pair["translation"]), f"{label}: the translation is English"
        assert bool(CJK.search(pair["original"])) == (pair["original_language"] == "zh"), (
            f"{label}: Chinese characters only in zh originals"
        )
        assert isinstance(pair["faithful"], bool), f"{label}: faithful must be true or false"


@pytest.mark.parametrize("name", sorted(FILES))
def test_figures_are_aligned_and_found_in_order(name: str) -> None:
    for pair in load(name):
        label = where(name, pair)
        figures = pair["figures"]
        assert isinstance(figures, list) and figures, f"{label}: figures must be a non-empty list"
        for figure in figures:
            assert set(figure) == FIGURE_KEYS, f"{label}: figure keys {sorted(figure)}"
            assert figure["original"] is not None or figure["translation"] is not None, (
                f"{label}: a figure pair with neither side"
            )
        originals = [f["original"] for f in figures if f["original"] is not None]
        translations = [f["translation"] for f in figures if f["translation"] is not None]
        assert 1 <= len(originals) <= 4, (
            f"{label}: {len(originals)} figures in the original, need 1-4"
        )
        locate(pair["original"], originals, f"{label} original")
        locate(pair["translation"], translations, f"{label} translation")
        if pair["faithful"]:
            assert all(f["original"] and f["translation"] for f in figures), (
                f"{label}: a faithful pair renders every figure, and adds none"
            )


@pytest.mark.parametrize("name", sorted(FILES))
def test_changes_match_faithful_flag(name: str) -> None:
    for pair in load(name):
        label = where(name, pair)
        changes = pair["changes"]
        assert isinstance(changes, list), f"{label}: changes must be a list"
        if pair["faithful"]:
            assert changes == [], f"{label}: faithful pairs have no changes"
            continue
        assert len(changes) == 1, f"{label}: an unfaithful pair has exactly one change"
        change = changes[0]
        assert set(change) == CHANGE_KEYS, f"{label}: change keys {sorted(change)}"
        kind = change["kind"]
        assert kind in KINDS, f"{label}: kind {kind!r}"
        explanation = change["explanation"]
        assert isinstance(explanation, str) and explanation.strip() and "\n" not in explanation, (
            f"{label}: a one-line explanation"
        )
        pairing = {"original": change["original"], "translation": change["translation"]}
        assert pairing in pair["figures"], f"{label}: the change is not one of the figure pairs"
        if kind == "missing":
            assert change["original"] and change["translation"] is None, f"{label}: missing side"
        elif kind == "added":
            assert change["original"] is None and change["translation"], f"{label}: added side"
        else:
            assert change["original"] and change["translation"], f"{label}: {kind} has both sides"
        others = [f for f in pair["figures"] if f != pairing]
        assert all(f["original"] and f["translation"] for f in others), (
            f"{label}: only the changed figure may lack a side"
        )


@pytest.mark.parametrize("name", sorted(FILES))
def test_balance_of_languages_and_kinds(name: str) -> None:
    pairs = load(name)
    languages = Counter(pair["original_language"] for pair in pairs)
    assert set(languages) == LANGUAGES, f"{name}: languages {dict(languages)}"
    for language, count in languages.items():
        assert count >= len(pairs) * 0.2, f"{name}: only {count} {language} pairs"
    faithful = sum(pair["faithful"] for pair in pairs)
    assert abs(2 * faithful - len(pairs)) <= 2, f"{name}: {faithful} faithful of {len(pairs)}"
    kinds = Counter(pair["changes"][0]["kind"] for pair in pairs if not pair["faithful"])
    assert set(kinds) == KINDS, f"{name}: kinds {dict(kinds)}"
    most = {"value", "scale", "hedge", "missing"}
    assert min(kinds[k] for k in most) >= max(kinds[k] for k in KINDS - most), (
        f"{name}: value, scale, hedge and missing should be the commonest kinds: {dict(kinds)}"
    )
    assert any(pair["id"].endswith("-trad") for pair in pairs), (
        f"{name}: no Traditional Chinese pair"
    )
    for pair in pairs:
        if pair["id"].endswith("-trad"):
            assert pair["original_language"] == "zh", f"{where(name, pair)}: -trad is Chinese"


def test_heldout_topics_differ_from_dev() -> None:
    """Each held-out file's topics appear in no dev file (the old held-out file's included)."""
    dev = {pair["topic"] for name in DEV_FILES for pair in load(name)}
    for name in HELDOUT:
        heldout = {pair["topic"] for pair in load(name)}
        assert not dev & heldout, f"{name}: topics in dev too: {sorted(dev & heldout)}"


def test_ids_do_not_repeat_across_files() -> None:
    seen: dict[str, str] = {}
    for name in FILES:
        for pair in load(name):
            assert pair["id"] not in seen, f"{pair['id']} in {seen.get(pair['id'])} and {name}"
            seen[pair["id"]] = name
