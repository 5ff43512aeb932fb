"""The language an article (or one of its paragraphs) is written in, as an ISO 639-1 code.

Detected with lingua (``lingua-language-detector``: its models ship inside the wheel, so it
works offline), restricted to the languages Claimdesk reads. Imported by the importers (an
article without a declared language gets the detected one) and by ``claims.detection`` (a text
of unknown language is read paragraph by paragraph); nothing here imports ``claims``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: ISO 639-1 code -> lingua's name for the language.
SUPPORTED: dict[str, str] = {
    "en": "ENGLISH",
    "zh": "CHINESE",
    "es": "SPANISH",
    "fr": "FRENCH",
    "de": "GERMAN",
}
DEFAULT = "en"
# Enough of a paragraph to tell its language; the rest would only cost time.
_SAMPLE = 400
# Shorter paragraphs ("12.", a dateline) take the language of the paragraph before them.
_MIN_LETTERS = 20
_CLEARLY = 0.75
_LETTERS = re.compile(r"[^\W\d_]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_PARAGRAPH = re.compile(r"[^\n]*(?:\n|$)")


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        *(getattr(Language, name) for name in SUPPORTED.values())
    ).build()


_CODE_OF: dict[str, str] = {name: code for code, name in SUPPORTED.items()}


# A paragraph is plainly English when almost all its letters are ASCII (one in twenty at most is
# é, ñ, ü, ß or Han: a name, a quoted slogan), a tenth or more of its words (four at least) are
# English function words and none is a Spanish, French or German one; anything else is left to
# the model. Function words of es/fr/de that English also writes ("in", "an", "was", "will",
# "on", "a") count for neither.
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
_ASCII_WORD = re.compile(r"[a-z]+")
_ENGLISH = """the of and to that for with by from said says have has had it its this been are is
    which their they than who would were more after over about there these those"""
_OTHER = """de el la los las del por para una uno un que y es se lo al como en le les des du une
    est et pour dans sur qui pas au aux avec der die das und ist nicht mit von zu den dem sich
    auf ein eine einer im auch bei nach wurde wurden sind"""
_ENGLISH_WORDS = frozenset(_ENGLISH.split())
_OTHER_WORDS = frozenset(_OTHER.split())


def _plainly_english(sample: str, letters: int) -> bool:
    if len(_NON_ASCII_LETTER.findall(sample)) * 20 > letters:
        return False
    words = _ASCII_WORD.findall(sample.lower())
    english = 0
    for word in words:
        if word in _OTHER_WORDS:
            return False
        english += word in _ENGLISH_WORDS
    return english >= 4 and english * 10 >= len(words)


def _guess(sample: str) -> str | None:
    letters = len(_LETTERS.findall(sample))
    if letters < _MIN_LETTERS and not _HAN.search(sample):
        return None
    if len(_HAN.findall(sample)) * 3 >= letters:
        return "zh"  # mostly Han characters: no need to ask the model
    if _plainly_english(sample, letters):
        return DEFAULT  # no need to ask the model either (it costs ten times the figures)
    try:
        ranked = _detector().compute_language_confidence_values(sample)
    except Exception:  # the model rejects nothing we know of, but detection must never fail
        return None
    if not ranked:
        return None
    best = ranked[0]
    code = _CODE_OF.get(best.language.name)
    # A short English sentence with a foreign word ("20 billion renminbi") can lean to
    # German: another language must be clearly ahead to overrule the house default.
    if code != DEFAULT and best.value < _CLEARLY:
        return DEFAULT
    return code


def detect_language(text: str, default: str = DEFAULT) -> str:
    """The language most of ``text`` is written in (its first few thousand characters), or
    ``default`` when there are too few letters to tell."""
    return _guess(text[: _SAMPLE * 8]) or default


def paragraph_languages(
    text: str, codes: tuple[str, ...] = tuple(SUPPORTED), default: str = DEFAULT
) -> list[tuple[int, int, str]]:
    """``text`` cut into runs of paragraphs (lines) written in one language:
    ``[(start, end, code), ...]`` covering the whole text in order, never empty."""
    runs: list[tuple[int, int, str]] = []
    pending_start = 0  # paragraphs too short to tell wait for the next one's language
    current: str | None = None
    for m in _PARAGRAPH.finditer(text):
        if m.start() == m.end():
            break
        code = _guess(m.group()[:_SAMPLE])
        if code is not None and code not in codes:
            code = None
        if code is None or code == current:
            continue
        if current is not None:
            runs.append((pending_start, m.start(), current))
            pending_start = m.start()
        current = code
    runs.append((pending_start, len(text), current or default))
    return runs
