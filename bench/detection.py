"""Benchmark Claimdesk's figure detector against quantulum3 and Recognizers-Text, per language.

Run from anywhere, in the project's virtual environment (no Django needed):

    .venv/bin/python bench/detection.py            # dev and held-out passages
    .venv/bin/python bench/detection.py --no-heldout   # while tuning: dev passages only

Prints Markdown tables for docs/benchmarks.md ("## Figure detection"):

* per language and passage set (dev, held-out): throughput in MB/s (UTF-8 bytes per CPU second
  of this one-threaded process, 1 MB = 10**6 bytes; each passage parsed separately, ours in the
  passage's language as an imported article is, best of three rounds), span F1 and value
  accuracy for ours and for the baseline of that language;
* English also with the language detected paragraph by paragraph (``language=None``);
* one 1 MB English article: CPU and wall time for figures and attributions, peak memory;
* the English dev throughput of both engines: the compiled modules (``make engine``,
  ``claims/detection/compiled.py``), which the rows use when built, and the Python source (a
  second process with ``CLAIMDESK_DETECTION=python``); they give the same figures.

Baselines:

* English: quantulum3 0.10.0 as it is meant to run, its classifier disambiguating units. The
  pickle it ships does not load beside scikit-learn 1.9 (``ModuleNotFoundError: No module named
  '_loss'``), so the bench retrains it with quantulum3's own ``train_classifier()`` on quantulum3's
  own training set (once per scikit-learn version, cached under ``~/.cache/claimdesk-bench/``; it
  needs the ``stemming`` package of the bench group). One more English row shows quantulum3 with
  the classifier off (``USE_CLF = False``, its rules only), the baseline of earlier runs.
* Chinese, Spanish, French: Microsoft Recognizers-Text's Python port,
  ``recognizers-text-suite`` 1.0.2a2 (number, currency, percentage, dimension and temperature
  models, the longest non-overlapping match kept). It reads numbers, scales and units but no
  hedges ("nearly", "casi", "近": no bounds or qualifier), no vague magnitudes, no ranges as one
  figure and no counted nouns; it has no German model (``de`` rows show none).

Scoring (``claims/detection/evaluation.py``): F1 on exact spans for ours (the tests' rule) and on
overlapping spans for every detector (baselines draw span edges differently); *value accuracy*
is the share of expected figures that have a value (not ranges or vague ones) that a detector
found (overlapping span) with that exact value, so it counts misses too; *normalisation* (ours)
is value, bounds and qualifier all right on exactly matched figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.detection import compiled, detect_attributions, detect_figures  # noqa: E402
from claims.detection.evaluation import (  # noqa: E402
    Passage,
    Score,
    load_corpus,
    load_language_passages,
    score_detector,
    score_spans,
)

MB = 10**6
# A detector's reading of one text: (start, end, value or None) per figure.
Reading = list[tuple[int, int, Decimal | None]]


def ours(language: str | None) -> Callable[[str], Reading]:
    def read(text: str) -> Reading:
        return [(f.start, f.end, f.value) for f in detect_figures(text, language)]

    return read


def _quantulum_classifier() -> str:
    """quantulum3's classifier, trained by its own ``train_classifier`` on its own training set.

    The pickle it ships (``clf.joblib``) was made with an older scikit-learn and does not load
    beside ours; its maintainers' answer to a new scikit-learn is to retrain it
    (``classifier.train_classifier()``), which is what this does, once per scikit-learn
    version (about 5 CPU s), outside the timed loops. Deterministic: its SGD has
    ``random_state=0``.
    """
    from importlib.metadata import version

    import quantulum3.classifier

    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "claimdesk-bench"
    path = cache / f"quantulum3-0.10.0-clf-sklearn-{version('scikit-learn')}.joblib"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        quantulum3.classifier.train_classifier(store=True, output_path=partial, n_jobs=1)
        partial.replace(path)
    return str(path)


def quantulum(classifier: bool = True) -> Callable[[str], Reading]:
    """quantulum3 as it is meant to run (its classifier disambiguating units), or with its
    rule-based disambiguation only (``classifier=False``, the baseline of earlier runs)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import quantulum3.classifier
        from quantulum3 import parser

    quantulum3.classifier.USE_CLF = classifier
    path = _quantulum_classifier() if classifier else None

    def read(text: str) -> Reading:
        quantulum3.classifier.USE_CLF = classifier
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text, classifier_path=path)
        return [(q.span[0], q.span[1], _decimal(q.value)) for q in found]

    read("warm up: 3 people and 20 pounds")  # loads its tables and classifier untimed
    return read


RECOGNIZERS_VERSION = "1.0.2a2"
_CULTURES = {"zh": "Chinese", "es": "Spanish", "fr": "French"}


def recognizers(language: str) -> Callable[[str], Reading] | None:
    """Recognizers-Text for ``language`` (None where it has no model, e.g. German)."""
    if language not in _CULTURES:
        return None
    import recognizers_suite as suite

    culture = getattr(suite.Culture, _CULTURES[language])
    models = (
        suite.recognize_currency,
        suite.recognize_percentage,
        suite.recognize_dimension,
        suite.recognize_temperature,
        suite.recognize_number,
    )
    decimal_comma = language in ("es", "fr")

    def read(text: str) -> Reading:
        found: list[tuple[int, int, Decimal | None]] = []
        for model in models:
            for result in model(text, culture):
                value = (result.resolution or {}).get("value")
                # its end is inclusive
                found.append((result.start, result.end + 1, _decimal(value, decimal_comma)))
        found.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
        kept: Reading = []
        for item in found:  # longest first, no overlaps
            if all(item[1] <= k[0] or k[1] <= item[0] for k in kept):
                kept.append(item)
        return sorted(kept)

    read("warm up 3")  # builds its models outside the timed loop
    return read


def _decimal(raw: object, decimal_comma: bool = False) -> Decimal | None:
    if raw is None:
        return None
    text = str(raw).replace("%", "").strip()
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value.normalize() if value.is_finite() else None


def value_accuracy(passages: Sequence[Passage], read: Callable[[str], Reading]) -> float:
    """Share of expected figures with a value that were found (overlap) with that value."""
    expected = right = 0
    for passage in passages:
        got = read(passage.text)
        used: set[int] = set()
        for figure in passage.figures:
            if figure.value is None:
                continue
            expected += 1
            for i, (start, end, value) in enumerate(got):
                if i not in used and start < figure.end and figure.start < end:
                    used.add(i)
                    right += value is not None and value == figure.value
                    break
    return right / expected if expected else 0.0


def throughput(passages: Sequence[Passage], detect: Callable[[str], object], repeat: int) -> float:
    """MB per CPU second parsing every passage ``repeat`` times, best of three rounds."""
    size = sum(len(p.text.encode("utf-8")) for p in passages) * repeat
    best = float("inf")
    for _ in range(3):
        gc.collect()
        started = time.process_time()
        for _ in range(repeat):
            for passage in passages:
                detect(passage.text)
        best = min(best, time.process_time() - started)
    return size / MB / best


def repeats_for(passages: Sequence[Passage], megabytes: float) -> int:
    size = sum(len(p.text.encode("utf-8")) for p in passages)
    return max(1, round(megabytes * MB / size)) if size else 1


@dataclass(frozen=True)
class Row:
    language: str
    part: str
    passages: int
    figures: int
    ours_mbps: float
    ours_exact: Score
    ours_overlap: Score
    ours_values: float
    baseline: str
    baseline_mbps: float | None
    baseline_overlap: Score | None
    baseline_values: float | None

    def markdown(self) -> str:
        if self.baseline_overlap is None:
            base = "| — | — | — |"
        else:
            base = (
                f"| {self.baseline_mbps:,.3f} | {self.baseline_overlap.f1:.3f} "
                f"| {self.baseline_values:.3f} |"
            )
        return (
            f"| {self.language} | {self.part} | {self.passages} | {self.figures} "
            f"| {self.ours_mbps:,.2f} | {self.ours_exact.f1:.3f} | {self.ours_overlap.f1:.3f} "
            f"| {self.ours_values:.3f} | {self.ours_exact.normalisation:.3f} "
            f"| {self.baseline} {base}"
        )


def measure(
    language: str,
    part: str,
    passages: Sequence[Passage],
    baseline_name: str,
    baseline: Callable[[str], Reading] | None,
    ours_mb: float,
) -> Row:
    read = ours(None if language == "auto" else passages[0].language)
    ours_mbps = throughput(passages, read, repeats_for(passages, ours_mb))

    def spans(text: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e, _ in read(text)]

    exact = (
        score_detector(passages)
        if language != "auto"
        else score_detector(passages, lambda t: detect_figures(t, None))
    )
    if baseline is not None:

        def baseline_spans(text: str) -> list[tuple[int, int]]:
            return [(s, e) for s, e, _ in baseline(text)]

        baseline_mbps: float | None = throughput(passages, baseline, 1)
        baseline_overlap: Score | None = score_spans(passages, baseline_spans, overlap=True)
        baseline_values: float | None = value_accuracy(passages, baseline)
    else:
        baseline_mbps = baseline_overlap = baseline_values = None
    return Row(
        language=language,
        part=part,
        passages=len(passages),
        figures=sum(len(p.figures) for p in passages),
        ours_mbps=ours_mbps,
        ours_exact=exact,
        ours_overlap=score_spans(passages, spans, overlap=True),
        ours_values=value_accuracy(passages, read),
        baseline=baseline_name,
        baseline_mbps=baseline_mbps,
        baseline_overlap=baseline_overlap,
        baseline_values=baseline_values,
    )


def python_engine_mbps(ours_mb: float) -> float:
    """The English dev throughput of the Python source, measured in a second process."""
    environment = {**os.environ, "CLAIMDESK_DETECTION": "python"}
    command = [sys.executable, __file__, "--english-speed", "--ours-mb", str(ours_mb)]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def big_article(passages: Sequence[Passage], size: int = MB) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < size:
        for passage in passages:
            paragraphs.append(passage.text)
            total += len(passage.text.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(paragraphs)


def time_article(text: str) -> tuple[float, float, float, int, int]:
    """Best of three: figures CPU, figures and attributions CPU and wall, counts."""
    best: tuple[float, float, float, int, int] | None = None
    for _ in range(3):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        figures = detect_figures(text, "en")
        figures_cpu = time.process_time() - cpu
        attributions = detect_attributions(text, figures)
        timing = (
            figures_cpu,
            time.process_time() - cpu,
            time.perf_counter() - wall,
            len(figures),
            len(attributions),
        )
        if best is None or timing[1] < best[1]:
            best = timing
    assert best is not None
    return best


def peak_memory(text: str) -> int:
    gc.collect()
    tracemalloc.start()
    detect_attributions(text, detect_figures(text, "en"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--ours-mb", type=float, default=2.0, help="MB of text per row")
    arguments.add_argument(
        "--no-heldout", action="store_true", help="dev passages only (while tuning)"
    )
    arguments.add_argument(
        "--english-speed",
        action="store_true",
        help="print the English dev throughput of the engine this process loaded, and stop",
    )
    options = arguments.parse_args()
    if options.english_speed:
        dev = [p for p in load_corpus() if not p.id.startswith("heldout-")]
        print(f"{throughput(dev, ours('en'), repeats_for(dev, options.ours_mb)):.4f}")
        return

    quantulum_read = quantulum()
    corpus = load_corpus()  # passages.json (with its own earlier held-out part) + the sample
    old_dev = [p for p in corpus if not p.id.startswith("heldout-")]
    old_heldout = [p for p in corpus if p.id.startswith("heldout-")]
    rows: list[Row] = [
        measure(
            "en",
            "dev (passages.json + sample)",
            old_dev,
            "quantulum3",
            quantulum_read,
            options.ours_mb,
        ),
        measure(
            "en",
            "held-out (passages.json, 2026-11)",
            old_heldout,
            "quantulum3",
            quantulum_read,
            options.ours_mb,
        ),
        measure(
            "en",
            "dev (passages.json + sample)",
            old_dev,
            "quantulum3, rules only",
            quantulum(classifier=False),
            options.ours_mb,
        ),
        measure(
            "auto", "dev (passages.json + sample)", old_dev, "quantulum3", None, options.ours_mb
        ),
    ]
    parts = [("dev", False)] + ([] if options.no_heldout else [("held-out", True)])
    for name in ("en_more", "zh", "es", "fr", "de"):
        language = "en" if name == "en_more" else name
        baseline: Callable[[str], Reading] | None
        if language == "en":
            baseline_name, baseline = "quantulum3", quantulum_read
        else:
            baseline_name = (
                f"recognizers-text {RECOGNIZERS_VERSION}"
                if language in _CULTURES
                else "(none for de)"
            )
            baseline = recognizers(language)
        for part, heldout in parts:
            passages = load_language_passages(name, heldout=heldout)
            if passages:
                label = "en (more)" if name == "en_more" else language
                rows.append(
                    measure(label, part, passages, baseline_name, baseline, options.ours_mb)
                )

    english = old_dev
    article = big_article(english)
    figures_cpu, total_cpu, total_wall, figure_count, attribution_count = time_article(article)
    peak = peak_memory(article)
    english_mbps = rows[0].ours_mbps
    python_mbps = python_engine_mbps(options.ours_mb)
    print(
        f"Machine: {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs (one used). quantulum3 0.10.0 with its "
        "classifier retrained by its own train_classifier() (and, one row, with USE_CLF = False); "
        f"recognizers-text-suite {RECOGNIZERS_VERSION}. Our engine in the rows: "
        f"{'compiled (mypyc)' if compiled.COMPILED else 'Python source (no current build)'}."
    )
    print()
    print(
        "| language | passages | n | figures | ours MB/s | ours F1 exact | ours F1 overlap "
        "| ours value acc. | ours normalisation | baseline | baseline MB/s | baseline F1 overlap "
        "| baseline value acc. |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for row in rows:
        print(row.markdown())
    print()
    with_classifier, rules_only = rows[0].baseline_mbps, rows[2].baseline_mbps
    assert with_classifier and rules_only
    print(
        f"English (dev) speed-up over quantulum3: {english_mbps / with_classifier:,.0f}x "
        f"({english_mbps:.2f} vs {with_classifier:.3f} MB/s); over quantulum3 with its "
        f"rules only: {rows[2].ours_mbps / rules_only:,.0f}x "
        f"({rows[2].ours_mbps:.2f} vs {rules_only:.3f} MB/s). 'auto' = language=None, "
        "detected paragraph by paragraph with lingua."
    )
    print(
        f"English (dev) throughput by engine: {'compiled' if compiled.COMPILED else 'this'} "
        f"{english_mbps:.2f} MB/s; Python source {python_mbps:.2f} MB/s "
        f"({english_mbps / python_mbps:.2f}x)."
    )
    print(
        f"1 MB English article ({len(article.encode('utf-8')):,} bytes, {figure_count:,} figures, "
        f"{attribution_count:,} attributions): figures {figures_cpu:.2f} s CPU; figures and "
        f"attributions {total_cpu:.2f} s CPU ({total_wall:.2f} s wall); peak traced memory "
        f"{peak / MB:.1f} MB."
    )


if __name__ == "__main__":
    main()
