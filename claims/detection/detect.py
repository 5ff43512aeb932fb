"""The entry point: :func:`detect_figures` in any language read (imported as
``claims.detection.detect_figures``).
"""

from __future__ import annotations

from .figures import detect_english
from .languages import detect_in_language
from .model import DetectedFigure


def detect_figures(text: str, language: str | None = None) -> list[DetectedFigure]:
    """Every figure in ``text``, sorted by ``start``, never overlapping.

    ``language`` is an ISO 639-1 code (en, zh, es, fr, de; see
    :mod:`claims.detection.languages`); None detects it paragraph by paragraph. Any ``str`` is
    read without raising: a number too long to be a figure's value is skipped.
    """
    if language == "en":
        return detect_english(text)  # the common case, without the languages' dispatch
    return detect_in_language(text, language)
