"""English: the tuned grammar of :mod:`claims.detection.figures` (and its lexicon in
:mod:`claims.detection.lexicon`), which predates the shared engine and keeps its own scanner:
English is the bulk of the material and its corpus is read exactly as before."""

from __future__ import annotations

from ..figures import detect_english

detect = detect_english
