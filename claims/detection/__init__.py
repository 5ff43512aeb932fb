"""Figure and attribution detection for news text (pure Python, no Django).

>>> [f.surface for f in detect_figures("Nearly 187,000 people were penalised.")]
['Nearly 187,000']

The compiled modules (:mod:`claims.detection.compiled`, ``make engine``) serve when they are
built from the current source; the Python source serves otherwise, with the same results.
"""

# ruff: noqa: E402 (the compiled modules must be put in front before any engine module loads)
from .compiled import activate

activate(__path__)

from .attribution import (
    DetectedAttribution,
    detect_attributions,
    normalise_source_name,
    source_match_key,
    source_name_candidates,
)
from .detect import detect_figures
from .model import VAGUE_BOUNDS, DetectedFigure, Qualifier

__all__ = [
    "VAGUE_BOUNDS",
    "DetectedAttribution",
    "DetectedFigure",
    "Qualifier",
    "detect_attributions",
    "detect_figures",
    "normalise_source_name",
    "source_match_key",
    "source_name_candidates",
]
