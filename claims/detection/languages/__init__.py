"""One module per language: ``<code>.py`` holds its lexicon as a ``RULES`` object read by the
shared engine (:mod:`claims.detection.engine`); English (``en.py``) runs the tuned grammar of
:mod:`claims.detection.figures`.

Adding a language (Italian, Portuguese) is a new ``it.py`` with ``RULES`` and its code in
:data:`CODES`.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from functools import cache

from ..figures import detect_english
from ..model import DetectedFigure
from .base import LanguageRules

#: The languages read, as ISO 639-1 codes; English is the fallback for anything else.
CODES: tuple[str, ...] = ("en", "zh", "es", "fr", "de")
DEFAULT = "en"


def normalise_code(language: str | None) -> str | None:
    """ "de-CH" -> "de", "zh-Hant" -> "zh", "EN" -> "en"; None for an unknown or empty code."""
    if not language:
        return None
    code = language.strip().replace("_", "-").split("-")[0].lower()
    return code if code in CODES else None


@cache
def rules_for(code: str) -> LanguageRules | None:
    """The shared engine's rules for ``code`` (None for English, which has its own grammar)."""
    if code == "en":
        return None
    module = importlib.import_module(f"{__name__}.{code}")
    rules: LanguageRules = module.RULES
    return rules


def _detect_one(text: str, code: str) -> list[DetectedFigure]:
    rules = rules_for(code)
    if rules is None:
        return detect_english(text)
    from ..engine import detect_with_rules

    return detect_with_rules(text, rules)


def detect_in_language(text: str, language: str | None) -> list[DetectedFigure]:
    """Figures of ``text`` in ``language``; None (or an unknown code) with no language given:
    each run of paragraphs in the language it is detected to be written in."""
    code = normalise_code(language)
    if code is not None:
        return _detect_one(text, code)
    if language:
        return detect_english(text)  # a language we do not read: numbers as English writes them
    from articles.language import paragraph_languages

    runs = paragraph_languages(text, CODES, default=DEFAULT)
    if len(runs) == 1:
        return _detect_one(text, runs[0][2])
    figures: list[DetectedFigure] = []
    for start, end, code in runs:
        for figure in _detect_one(text[start:end], code):
            figures.append(replace(figure, start=figure.start + start, end=figure.end + start))
    return figures


def _rules() -> list[LanguageRules]:
    return [r for r in (rules_for(code) for code in CODES) if r is not None]


@cache
def event_forms() -> dict[str, str]:
    """Event words of every language read, for claims.consistency: {"eliminadas": "removed",
    "gelöscht": "removed", "删除": "removed", ...}."""
    return {form: event for rules in _rules() for form, event in rules.events.items()}


@cache
def _concepts() -> dict[str, str]:
    return {noun: english for rules in _rules() for noun, english in rules.counted_concepts.items()}


def counted_in_english(counted: str) -> str:
    """The English noun a counted noun of another language names ("cuentas" -> "accounts",
    "gefälschte konten" -> "gefälschte accounts", "账号" -> "accounts"), so figures written in
    different languages can be compared; English (and unknown words) unchanged."""
    concepts = _concepts()
    if counted in concepts:
        return concepts[counted]
    words = counted.split()
    if len(words) > 1:
        return " ".join(concepts.get(word, word) for word in words)
    if any("\u3400" <= ch <= "\u9fff" for ch in counted):
        for noun in sorted((n for n in concepts if n in counted), key=len, reverse=True):
            return concepts[noun]  # a Chinese noun phrase with a known noun: 仿冒军队账号
    return counted


__all__ = [
    "CODES",
    "DEFAULT",
    "LanguageRules",
    "counted_in_english",
    "detect_in_language",
    "event_forms",
    "normalise_code",
    "rules_for",
]
