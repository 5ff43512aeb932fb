"""The detector against the annotated corpus: measured precision, recall and normalisation.

Expected figures are spelled out in ``detection_corpus/passages.json`` and
``detection_corpus/cac-self-media-2023-05-28.expected.json``; the thresholds below are asserted
against numbers computed here, never against stored results.
"""

from __future__ import annotations

from collections import Counter

import pytest

from claims.detection import detect_attributions, detect_figures
from claims.detection.evaluation import (
    Passage,
    load_corpus,
    load_passages,
    load_sample,
    score_detector,
    score_spans,
)


@pytest.fixture(scope="module")
def corpus() -> list[Passage]:
    return load_corpus()


@pytest.fixture(scope="module")
def sample() -> Passage:
    return load_sample()


def test_the_corpus_is_big_and_varied_enough(corpus: list[Passage]) -> None:
    passages = load_passages()
    assert len(passages) >= 40
    topics = Counter(p.topic for p in passages)
    for topic in (
        "economy",
        "health",
        "disasters",
        "elections",
        "technology",
        "crime",
        "censorship",
    ):
        assert topics[topic] >= 2, topic
    text = "".join(p.text for p in corpus)
    assert "\r" not in text
    assert any(ord(ch) > 0xFFFF for ch in text), "emoji outside the BMP"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), "CJK"
    assert any("\u0300" <= ch <= "\u036f" for ch in text), "combining marks"
    assert "“" in text and "’" in text
    qualifiers = {f.qualifier for p in corpus for f in p.figures}
    assert qualifiers >= {"exact", "approx", "approx_below", "more_than", "less_than"}
    assert qualifiers >= {"at_least", "at_most", "range", "vague"}


def test_it_finds_corpus_figures_with_high_precision_and_recall(corpus: list[Passage]) -> None:
    score = score_detector(corpus)
    report = "\n".join(["misses:", *score.misses, "extras:", *score.extras])
    assert score.expected >= 200
    assert score.precision >= 0.95, report
    assert score.recall >= 0.95, report


def test_it_normalises_found_figures(corpus: list[Passage]) -> None:
    score = score_detector(corpus)
    assert score.normalisation >= 0.9, "\n".join(score.wrong)
    assert score.unit_accuracy >= 0.9, "\n".join(score.wrong)
    assert score.counted_accuracy >= 0.85, "\n".join(score.wrong)


def test_overlap_scoring_is_at_least_exact_scoring(corpus: list[Passage]) -> None:
    def spans(text: str) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in detect_figures(text)]

    overlap = score_spans(corpus, spans, overlap=True)
    exact = score_spans(corpus, spans, overlap=False)
    assert overlap.matched >= exact.matched == score_detector(corpus).matched


def test_it_suggests_exactly_the_sample_articles_figures(sample: Passage) -> None:
    found = detect_figures(sample.text)
    got = [
        (f.start, f.end, f.value, f.lower, f.upper, str(f.qualifier), f.unit, f.counted)
        for f in found
    ]
    want = [
        (f.start, f.end, f.value, f.lower, f.upper, f.qualifier, f.unit, f.counted)
        for f in sample.figures
    ]
    assert got == want


def test_it_suggests_no_dates_in_the_sample_article(sample: Passage) -> None:
    surfaces = " | ".join(f.surface for f in detect_figures(sample.text))
    for date in ("2023", "May 27", "27", "26", "March 10", "10", "22", "2021"):
        assert date not in surfaces.split(" | ")
    assert "months" not in surfaces


def test_it_attributes_the_sample_articles_figures(sample: Passage) -> None:
    figures = detect_figures(sample.text)
    attributions = detect_attributions(sample.text, figures)
    explicit = [(a.name, a.cue) for a in attributions if a.via == "explicit"]
    for expected in sample.attributions:
        assert (expected.name, expected.cue) in explicit
    source_of = {i: a.name for a in attributions if a.via == "explicit" for i in a.figure_indexes}

    def source(surface: str, occurrence: int = 0) -> str:
        indexes = [i for i, f in enumerate(figures) if f.surface == surface]
        return source_of[indexes[occurrence]]

    assert source("67,000") == "China‘s State Internet Information Office (CAC)"
    assert source("hundreds of thousands") == "China‘s State Internet Information Office (CAC)"
    assert source("billions") == "Reuters"
    assert source("67,000", 1) == "the CCP’s own statement"
    assert source("nearly 8,000") == "the CCP’s own statement"
    assert source("nearly 13,000") == "The State Internet Information Office"
    carried = {
        figures[i].surface for a in attributions if a.via != "explicit" for i in a.figure_indexes
    }
    assert "more than 430,000" in carried  # "while it says ..."
    assert "1.4 million" not in carried  # no source in the first paragraph


def test_it_attributes_corpus_passages(corpus: list[Passage]) -> None:
    expected = found = 0
    missing: list[str] = []
    for passage in corpus:
        got = {(a.name, a.cue) for a in detect_attributions(passage.text)}
        for attribution in passage.attributions:
            expected += 1
            if (attribution.name, attribution.cue) in got:
                found += 1
            else:
                missing.append(f"{passage.id}: {attribution}")
    assert expected >= 40
    assert found / expected >= 0.9, "\n".join(missing)
