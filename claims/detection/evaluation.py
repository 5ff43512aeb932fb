"""Scoring a figure detector against the annotated corpus in ``claims/tests/detection_corpus``.

Shared by the tests and ``bench/detection.py`` so both report the same numbers.

Matching rules:

* ``exact``: a detected figure matches an expected one when ``(start, end)`` are equal.
* ``overlap``: spans match when they share at least one character; each expected span and each
  detected span is used at most once (greedy, in text order).  This is the fair rule for
  detectors that draw span edges differently (quantulum3 leaves out "nearly" and "$").

Normalisation accuracy is measured on exactly matched figures: ``value``, ``lower``, ``upper``
and ``qualifier`` must all be equal.  Unit and counted-noun accuracy are reported separately.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .detect import detect_figures
from .model import DetectedFigure

CORPUS_DIR = Path(__file__).resolve().parents[1] / "tests" / "detection_corpus"
SAMPLE_NAME = "cac-self-media-2023-05-28"


@dataclass(frozen=True, slots=True)
class ExpectedFigure:
    start: int
    end: int
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str


@dataclass(frozen=True, slots=True)
class ExpectedAttribution:
    name: str
    cue: str


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    topic: str
    text: str
    figures: tuple[ExpectedFigure, ...]
    attributions: tuple[ExpectedAttribution, ...] = ()
    language: str = "en"


def _decimal(raw: object) -> Decimal | None:
    return None if raw is None else Decimal(str(raw))


def _figures(text: str, raw: Iterable[dict[str, object]], where: str) -> tuple[ExpectedFigure, ...]:
    """Place each expected surface in the text, searching after the previous one."""
    figures: list[ExpectedFigure] = []
    position = 0
    for item in raw:
        surface = str(item["surface"])
        start = text.find(surface, position)
        if start < 0:
            raise ValueError(f"{where}: {surface!r} not found after offset {position}")
        figures.append(
            ExpectedFigure(
                start=start,
                end=start + len(surface),
                surface=surface,
                value=_decimal(item["value"]),
                lower=_decimal(item["lower"]),
                upper=_decimal(item["upper"]),
                qualifier=str(item["qualifier"]),
                unit=str(item["unit"]),
                counted=str(item["counted"]),
            )
        )
        position = start + 1
    return tuple(figures)


def load_passages(directory: Path = CORPUS_DIR, name: str = "passages.json") -> list[Passage]:
    """The hand-written passages (``passages.json``, or another file of the same shape)."""
    raw = json.loads((directory / name).read_text(encoding="utf-8"))
    return [
        Passage(
            id=item["id"],
            topic=item["topic"],
            text=item["text"],
            figures=_figures(item["text"], item["figures"], f"{name}: {item['id']}"),
            attributions=tuple(
                ExpectedAttribution(a["name"], a["cue"]) for a in item.get("attributions", [])
            ),
            language=item.get("language", "en"),
        )
        for item in raw
    ]


#: The issue 16 corpus files, ``passages_<set>.json`` (dev) and ``heldout/passages_<set>.json``.
LANGUAGE_SETS = ("en_more", "zh", "es", "fr", "de")


def load_language_passages(
    name: str, *, heldout: bool = False, directory: Path = CORPUS_DIR
) -> list[Passage]:
    """One language's passages (``name`` in :data:`LANGUAGE_SETS`); [] while the file is absent.

    ``heldout=True`` reads ``heldout/``: only the final, blind scoring should (see the corpus
    README)."""
    folder = directory / "heldout" if heldout else directory
    if not (folder / f"passages_{name}.json").exists():
        return []
    return load_passages(folder, f"passages_{name}.json")


def load_sample(directory: Path = CORPUS_DIR) -> Passage:
    """The sample article with its expected figures and attributions."""
    expected = json.loads((directory / f"{SAMPLE_NAME}.expected.json").read_text(encoding="utf-8"))
    text = (directory / expected["text_file"]).read_text(encoding="utf-8")
    return Passage(
        id=SAMPLE_NAME,
        topic="censorship",
        text=text,
        figures=_figures(text, expected["figures"], SAMPLE_NAME),
        attributions=tuple(
            ExpectedAttribution(a["name"], a["cue"]) for a in expected["attributions"]
        ),
    )


def load_corpus(directory: Path = CORPUS_DIR) -> list[Passage]:
    return [*load_passages(directory), load_sample(directory)]


@dataclass(slots=True)
class Score:
    """Counts accumulated over a corpus; the ratios are properties."""

    expected: int = 0
    detected: int = 0
    matched: int = 0
    normalised: int = 0
    unit_right: int = 0
    counted_right: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def normalisation(self) -> float:
        return self.normalised / self.matched if self.matched else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_right / self.matched if self.matched else 0.0

    @property
    def counted_accuracy(self) -> float:
        return self.counted_right / self.matched if self.matched else 0.0


def _overlap_pairs(
    expected: Sequence[tuple[int, int]], detected: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, (e_start, e_end) in enumerate(expected):
        for j, (d_start, d_end) in enumerate(detected):
            if j not in used and d_start < e_end and e_start < d_end:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def score_spans(
    passages: Iterable[Passage],
    spans_of: Callable[[str], Sequence[tuple[int, int]]],
    *,
    overlap: bool = True,
) -> Score:
    """Span precision/recall for any detector that returns ``(start, end)`` pairs."""
    score = Score()
    for passage in passages:
        expected = [(f.start, f.end) for f in passage.figures]
        detected = list(spans_of(passage.text))
        score.expected += len(expected)
        score.detected += len(detected)
        if overlap:
            score.matched += len(_overlap_pairs(expected, detected))
        else:
            score.matched += len(set(expected) & set(detected))
    return score


def score_detector(
    passages: Iterable[Passage],
    detect: Callable[[str], list[DetectedFigure]] | None = None,
) -> Score:
    """Exact-span precision/recall plus normalisation, unit and counted accuracy.

    By default each passage is read by :func:`detect_figures` in the passage's language."""
    score = Score()
    for passage in passages:
        got_figures = (
            detect(passage.text) if detect else detect_figures(passage.text, passage.language)
        )
        found = {(f.start, f.end): f for f in got_figures}
        score.expected += len(passage.figures)
        score.detected += len(found)
        expected_spans = {(f.start, f.end) for f in passage.figures}
        for spec in passage.figures:
            got = found.get((spec.start, spec.end))
            if got is None:
                score.misses.append(f"{passage.id}: {spec.surface!r}")
                continue
            score.matched += 1
            if (got.value, got.lower, got.upper, str(got.qualifier)) == (
                spec.value,
                spec.lower,
                spec.upper,
                spec.qualifier,
            ):
                score.normalised += 1
            else:
                score.wrong.append(
                    f"{passage.id}: {spec.surface!r} got {got.value}/{got.lower}/{got.upper}/"
                    f"{got.qualifier} want {spec.value}/{spec.lower}/{spec.upper}/{spec.qualifier}"
                )
            score.unit_right += got.unit == spec.unit
            if got.counted == spec.counted:
                score.counted_right += 1
            else:
                score.wrong.append(
                    f"{passage.id}: {spec.surface!r} counted {got.counted!r} want {spec.counted!r}"
                )
            if got.unit != spec.unit:
                score.wrong.append(
                    f"{passage.id}: {spec.surface!r} unit {got.unit!r} want {spec.unit!r}"
                )
        for span, got in found.items():
            if span not in expected_spans:
                score.extras.append(f"{passage.id}: {got.surface!r}")
    return score
