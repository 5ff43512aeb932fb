"""Evidence matching and extraction (issue 19): quality on the evidence corpus, speed at scale.

    .venv/bin/python bench/evidence.py                 # dev claims only (what is tuned on)
    .venv/bin/python bench/evidence.py --heldout       # ... and every blind held-out file
    .venv/bin/python bench/evidence.py --quality-only  # skip the timings (while tuning)
    .venv/bin/python bench/evidence.py --failures      # list the dev claims scored wrong

Dev is ``claims.json`` and the held-out files folded into it once scored (FOLDED:
``heldout/claims.json``, scored blind once on 2026-12-04, used for tuning from 2026-12-05;
``heldout/claims_2.json``, scored blind once on 2026-12-05, used for tuning from 2026-12-07;
``heldout/claims_3.json``, scored blind once on 2026-12-07, used for tuning from 2026-12-07;
``heldout/claims_4.json``, scored blind once on 2026-12-07 (0.550 / 0.469, its only blind score),
opened 2026-12-07 after its one blind run and tuned on from then;
``heldout/claims_5.json``, scored blind once on 2026-12-07 (0.633 / 0.525, its only blind score),
opened 2026-12-07 after its one blind run and tuned on from then),
each its own row, labelled tuned on. ``--heldout`` scores every other ``heldout/*.json`` found, one row per file, and
never lists their claims (not even with ``--failures``). Documents are read from
``documents/`` by the names the claims give, so a document added there is picked up.

One run prints, side by side:

* **Quality** on claims/tests/evidence_corpus/ (dev ``claims.json`` and the folded files; the
  blind held-out files only with ``--heldout``, which never lists their claims): each claim's
  documents are extracted by ``claims.evidence.extract`` and indexed by ``EvidenceIndex`` as an
  unattached collection; the claim's annotated figure (its ``figure``, the claim sentence as its
  quote) is matched. *Outcome accuracy*: the suggested outcome equals the annotated one.
  *Right evidence first*: over supported and contradicted claims, the best candidate is in the
  annotated document at the annotated place (``same_place``, below).
* **Extraction** of a 300-page text PDF generated here with reportlab (a paragraph of prose
  and one figure per line, 45 lines a page): ``extract()`` (text, lines, tables, figures)
  beside the baseline, pdfplumber's ``extract_text()`` of every page alone; CPU seconds.
* **Matching** 100,000 synthetic claim figures against 1,000 synthetic documents' figures
  (30 each: 30,000 candidates of a few units and nouns): ``EvidenceIndex`` (build and every
  lookup) beside the exhaustive baseline that scores every pair with the same scoring, timed on
  a sample of claim figures and extrapolated (said so in its row).
* **Memory**: tracemalloc's peak for each timed step, and the peak of matching 10,000 and
  100,000 claim figures (flat: the index does not grow with the claims it answers).

A place is the same (``same_place``) when the document is the annotated one and the locator
names the same place: for a table cell the same table (and page) and the row and column by their
header text, as the corpus writes them (the extractor keeps the header text beside the row and
column numbers, ``row_header`` / ``column_header``); for an XLSX cell the sheet and the cell
address (column letter and the sheet's own row number); for prose the page and line, where a
line is the source file's line for text, the laid-out line for a PDF and, for HTML (whose
extractor reads the page's text, not its source lines), the passage whose text the annotated
source line holds.
"""

from __future__ import annotations

import argparse
import gc
import html
import io
import json
import os
import platform
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "claims" / "tests" / "evidence_corpus"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from claims.evidence.extract import Extracted, extract  # noqa: E402
from claims.evidence.matching import (  # noqa: E402
    Candidate,
    ClaimFigure,
    EvidenceIndex,
    candidate_from_found,
    candidate_from_row,
)
from claims.evidence.reading import Locator  # noqa: E402
from claims.evidence.scoring import _ClaimReading  # noqa: E402

# --- Quality ----------------------------------------------------------------------------------

_extracted: dict[str, Extracted] = {}


# Held-out files already scored blind once and since used for tuning: scored as dev.
FOLDED = {
    "claims.json": "2026-12-05",
    "claims_2.json": "2026-12-07",
    "claims_3.json": "2026-12-07",
    "claims_4.json": "2026-12-07",
    "claims_5.json": "2026-12-07",
}


def quality_files(heldout: bool) -> list[tuple[str, Path, bool]]:
    """(row label, file, blind) for every claims file scored: dev, the folded held-out files,
    and with `heldout` every other ``heldout/*.json`` (blind)."""
    files = [("dev (tuned on)", CORPUS / "claims.json", False)]
    for path in sorted((CORPUS / "heldout").glob("*.json")):
        if path.name in FOLDED:
            files.append(
                (
                    f"heldout/{path.name} (folded into dev {FOLDED[path.name]}, tuned on)",
                    path,
                    False,
                )
            )
        elif heldout:
            files.append((f"heldout/{path.name} (blind)", path, True))
    return files


def document(name: str) -> Extracted:
    if name not in _extracted:
        _extracted[name] = extract((CORPUS / "documents" / name).read_bytes(), name)
    return _extracted[name]


def candidates(names: list[str]) -> list[Candidate]:
    rows = []
    for document_id, name in enumerate(names, start=1):
        for position, f in enumerate(document(name).figures):
            if f.value is None:
                continue
            rows.append(
                candidate_from_found(
                    document_id * 100_000 + position, document_id, f, document(name).language
                )
            )
    return rows


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def same_place(
    name: str, found: Mapping[str, object], expected: dict[str, Any], quote: str
) -> bool:
    """Whether the locator `found` (of a figure whose line or row reads `quote`) names the
    place the corpus annotates as `expected` in document `name`."""
    if "sheet" in expected:
        cell = f"{expected['column']}{expected['row']}"
        return found.get("sheet") == expected["sheet"] and found.get("cell") == cell
    if "table" in expected:
        return (
            found.get("table") == expected["table"]
            and found.get("page", 1) == expected.get("page", 1)
            and found.get("row_header") == expected["row"]
            and found.get("column_header") == expected["column"]
        )
    if found.get("page") != expected["page"] or "table" in found:
        return False
    if name.endswith((".html", ".htm")):
        source = (CORPUS / "documents" / name).read_text(encoding="utf-8").split("\n")
        line = _plain(source[expected["line"] - 1])
        return bool(quote) and " ".join(quote.split()) in line
    return bool(found.get("line") == expected["line"])


def score(claims: list[dict[str, Any]], show_failures: bool) -> dict[str, Any]:
    right_outcome = 0
    with_evidence = 0
    right_first = 0
    confusion: Counter[tuple[str, str]] = Counter()
    failures = []
    for number, claim in enumerate(claims, start=1):
        names = claim["collection_documents"]
        index = EvidenceIndex(candidates(names), {})
        f = claim["figure"]
        figure = ClaimFigure(
            claim_id=number,
            figure_id=number,
            surface=f["surface"],
            value=None if f["value"] is None else Decimal(f["value"]),
            lower=None if f["lower"] is None else Decimal(f["lower"]),
            upper=None if f["upper"] is None else Decimal(f["upper"]),
            qualifier=f["qualifier"],
            unit=f["unit"],
            counted=f["counted"],
            claim_quote=claim["sentence"],
            language=claim["language"],
        )
        match = index.match(figure)
        expected = claim["expected"]
        outcome_ok = match.outcome == expected["outcome"]
        right_outcome += outcome_ok
        confusion[(expected["outcome"], match.outcome)] += 1
        place_ok = True
        if expected["document"] is not None:
            with_evidence += 1
            best = match.best
            place_ok = (
                best is not None
                and names[best.document_id - 1] == expected["document"]
                and same_place(expected["document"], best.locator, expected["locator"], best.quote)
            )
            right_first += place_ok
        if show_failures and not (outcome_ok and place_ok):
            failures.append((claim, match, names))
    for claim, match, names in failures:
        best = match.best
        where = (
            f"{names[best.document_id - 1]} {best.locator} {best.surface!r} {best.value:g}"
            if best
            else "-"
        )
        print(
            f"- {claim['id']}: {claim['sentence']}\n"
            f"    figure {claim['figure']}\n"
            f"    expected {claim['expected']['outcome']} {claim['expected']['document']} "
            f"{claim['expected']['locator']} {claim['expected']['evidence_surface']!r}"
            f" — {claim['expected']['reason']}\n"
            f"    got      {match.outcome} {where} coverage {match.coverage:.2f}\n"
            f"    reason   {match.reason}"
        )
    return {
        "claims": len(claims),
        "outcome": right_outcome / len(claims),
        "with_evidence": with_evidence,
        "first": right_first / with_evidence if with_evidence else 0.0,
        "confusion": confusion,
    }


def print_quality(results: dict[str, dict[str, Any]]) -> None:
    print("\n## Quality (targets: outcome accuracy >= 0.95, right evidence first >= 0.95)\n")
    print("| claims | n | outcome accuracy | with evidence | right evidence first |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for part, r in results.items():
        print(
            f"| {part} | {r['claims']} | {r['outcome']:.3f} | {r['with_evidence']} "
            f"| {r['first']:.3f} |"
        )
    outcomes = ("supported", "contradicted", "not_found")
    for part, r in results.items():
        print(f"\nConfusion ({part}; rows expected, columns suggested):\n")
        print("| expected | " + " | ".join(outcomes) + " |")
        print("| --- |" + " ---: |" * len(outcomes))
        for e in outcomes:
            print(f"| {e} | " + " | ".join(str(r["confusion"][(e, g)]) for g in outcomes) + " |")


# --- Extraction of a 300-page PDF -------------------------------------------------------------

PAGES = 300
LINES_PER_PAGE = 45


def long_pdf(pages: int = PAGES) -> bytes:
    """A text PDF of `pages` pages, 45 lines each, a figure on every line (reportlab, the
    corpus's own PDF writer; test group)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle("Synthetic annual statistics (bench/evidence.py)")
    rng = random.Random(19)
    for page in range(1, pages + 1):
        pdf.setFont("Helvetica", 10)
        y = 800
        for line in range(LINES_PER_PAGE):
            noun = rng.choice(NOUNS)
            place = rng.choice(PLACES)
            value = rng.randrange(100, 2_000_000)
            pdf.drawString(
                40,
                y,
                f"In {2015 + (page + line) % 10}, {place} recorded {value:,} {noun}, "
                f"section {page}.{line + 1} of the report.",
            )
            y -= 17
        pdf.showPage()
    pdf.save()
    return out.getvalue()


T = TypeVar("T")


def cpu_timed(run: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    start = time.process_time()
    result = run()
    return time.process_time() - start, result


def peak_memory(run: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def pdfplumber_text(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def bench_extraction(memory: bool) -> None:
    data = long_pdf()
    ours_seconds, extracted = cpu_timed(lambda: extract(data, "long.pdf"))
    base_seconds, _ = cpu_timed(lambda: pdfplumber_text(data))
    print(
        f"\n## Extraction: a {PAGES}-page text PDF ({len(data):,} bytes, {PAGES * LINES_PER_PAGE:,} lines)\n"
    )
    print("| | CPU seconds | pages | figures | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ours_peak = base_peak = ""
    if memory:
        ours_peak = f"{peak_memory(lambda: extract(data, 'long.pdf')) / 2**20:.0f} MiB"
        base_peak = f"{peak_memory(lambda: pdfplumber_text(data)) / 2**20:.0f} MiB"
    print(
        f"| ours: `extract()` (lines, tables, figures; target < 60 s) | {ours_seconds:.1f} "
        f"| {extracted.pages} | {len(extracted.figures):,} | {ours_peak} |"
    )
    print(
        f"| baseline: pdfplumber `extract_text()` alone | {base_seconds:.1f} | {PAGES} | | {base_peak} |"
    )


# --- Matching at scale ----------------------------------------------------------------------

NOUNS = [
    "deaths",
    "injuries",
    "complaints",
    "accounts",
    "posts",
    "passengers",
    "vehicles",
    "employees",
    "births",
    "fines",
    "investigations",
    "cameras",
    "collisions",
    "vacancies",
    "residents",
    "pedestrians",
    "cyclists",
    "teachers",
    "nurses",
    "patients",
    "students",
    "houses",
    "arrests",
    "flights",
    "containers",
    "visitors",
    "tickets",
    "licences",
    "schools",
    "hospitals",
    "farms",
    "tourists",
    "trains",
    "buses",
    "companies",
    "shops",
    "refugees",
    "voters",
    "members",
    "doctors",
]
_SYLLABLES = [
    "al",
    "bren",
    "cor",
    "dal",
    "en",
    "fir",
    "gal",
    "hol",
    "is",
    "jor",
    "kel",
    "lun",
    "mar",
    "nor",
    "os",
    "pel",
    "quin",
    "ros",
    "sel",
    "tam",
    "ul",
    "ver",
    "wen",
    "yar",
]
PLACES = sorted(
    {
        (a + b + c).capitalize()
        for a in _SYLLABLES[:8]
        for b in _SYLLABLES[8:16]
        for c in ("ia", "by", "ton")
    }
)[:200]
ENTITIES = [f"{p}corp" for p in PLACES]
DOCUMENTS = 1_000
FIGURES_PER_DOCUMENT = 30
CLAIM_FIGURES = 100_000
EXHAUSTIVE_SAMPLE = 30


def synthetic_candidates(documents: int = DOCUMENTS) -> list[Candidate]:
    """`documents` documents of 30 figures each: 20 prose lines and a 10-cell table, about
    40 nouns, 200 places and ten years, each document naming its own organisation."""
    rng = random.Random(1019)
    rows = []
    for document_id in range(1, documents + 1):
        entity = ENTITIES[document_id % len(ENTITIES)]
        for position in range(FIGURES_PER_DOCUMENT):
            noun, place, year = rng.choice(NOUNS), rng.choice(PLACES), rng.randrange(2015, 2025)
            value = Decimal(rng.randrange(100, 2_000_000))
            if position < 20:
                surface = f"{value:,}"
                quote = f"In {year}, {place} recorded {surface} {noun}, {entity} said."
                locator: Locator = {"page": 1 + position // 10, "line": position % 10 + 1}
                counted = noun
            else:
                surface = f"{value:,}"
                quote = f"{place} | {surface}"
                locator = {
                    "page": 3,
                    "table": 1,
                    "row": position - 18,
                    "column": 2,
                    "row_header": place,
                    "column_header": f"{noun.capitalize()} {year}",
                }
                counted = f"{noun.capitalize()} {year}, {place}"
            rows.append(
                candidate_from_row(
                    document_id * 1000 + position,
                    document_id,
                    surface,
                    value,
                    None,
                    None,
                    "exact",
                    "",
                    counted,
                    quote,
                    locator,
                    "en",
                )
            )
    return rows


def synthetic_claims(candidates: list[Candidate], count: int) -> Iterator[ClaimFigure]:
    """Claim figures about the documents' figures: a third quoting one right, a third with
    another value, a third about something no document states."""
    rng = random.Random(2019)
    for number in range(count):
        base = candidates[rng.randrange(len(candidates))]
        kind = number % 3
        value = Decimal(int(base.value)) if kind == 0 else Decimal(int(base.value * 1.37) + 1)
        noun = base.counted.split(",")[0].split()[0].lower() if base.counted else "things"
        if kind == 2:
            noun = rng.choice(["widgets", "gadgets", "sprockets", "bolts"])
        year = next(iter(base.years), 2020)
        place = base.locator.get("row_header") or base.quote.split(", ")[1].split(" recorded")[0]
        surface = f"{value:,}"
        yield ClaimFigure(
            claim_id=number,
            figure_id=number,
            surface=surface,
            value=value,
            lower=None,
            upper=None,
            qualifier="exact",
            unit="",
            counted=noun,
            claim_quote=f"{place} had {surface} {noun} in {year}, according to officials.",
            language="en",
        )


class ExhaustiveIndex(EvidenceIndex):
    """The baseline: every document figure of the unit ranked for every claim figure, with
    the same ranking (no index)."""

    def _shortlist(
        self, figure: ClaimFigure, bounds: tuple[float, float], claim: _ClaimReading
    ) -> dict[int, float]:
        topics = {i: claim.topic(self.candidates[i], self) for i in self.order.get(figure.unit, ())}
        return {i: t for i, t in topics.items() if t > 0}


def run_matching(index: EvidenceIndex, claims: Iterator[ClaimFigure]) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    for figure in claims:
        outcomes[index.match(figure).outcome] += 1
    return outcomes


def bench_matching(memory: bool) -> None:
    build_seconds, candidates = cpu_timed(synthetic_candidates)
    index_seconds, index = cpu_timed(lambda: EvidenceIndex(candidates, {}))
    match_seconds, outcomes = cpu_timed(
        lambda: run_matching(index, synthetic_claims(candidates, CLAIM_FIGURES))
    )
    exhaustive = ExhaustiveIndex(candidates, {})
    sample = list(synthetic_claims(candidates, EXHAUSTIVE_SAMPLE))
    sample_seconds, theirs = cpu_timed(lambda: [exhaustive.match(f) for f in sample])
    ours = [index.match(f) for f in sample]
    agree = sum(
        a.outcome == b.outcome and (a.best and a.best.pk) == (b.best and b.best.pk)
        for a, b in zip(ours, theirs, strict=True)
    )
    per_figure = sample_seconds / EXHAUSTIVE_SAMPLE
    print(
        f"\n## Matching: {CLAIM_FIGURES:,} claim figures against {DOCUMENTS:,} documents' "
        f"{len(candidates):,} figures (synthetic)\n"
    )
    print("| | CPU seconds | per claim figure | outcomes |")
    print("| --- | ---: | ---: | --- |")
    print(
        f"| ours: `EvidenceIndex` built once ({index_seconds:.1f} s) and every match "
        f"(target < 30 s) | {index_seconds + match_seconds:.1f} "
        f"| {match_seconds / CLAIM_FIGURES * 1e6:.0f} µs "
        f"| {', '.join(f'{k} {v:,}' for k, v in sorted(outcomes.items()))} |"
    )
    print(
        f"| baseline: every pair, same ranking, timed on {EXHAUSTIVE_SAMPLE} claim figures and "
        f"extrapolated to {CLAIM_FIGURES:,} | {per_figure * CLAIM_FIGURES:,.0f} (extrapolated, "
        f"{per_figure * CLAIM_FIGURES / 3600:.1f} h) | {per_figure * 1e3:,.0f} ms | |"
    )
    print(
        f"\nOn the {EXHAUSTIVE_SAMPLE} sampled claim figures the index gives the exhaustive "
        f"ranking's outcome and best evidence for {agree}. (Generating the "
        f"{len(candidates):,} synthetic document figures took {build_seconds:.1f} s, not counted.)"
    )
    if memory:
        small = peak_memory(
            lambda: run_matching(index, synthetic_claims(candidates, CLAIM_FIGURES // 10))
        )
        large = peak_memory(
            lambda: run_matching(index, synthetic_claims(candidates, CLAIM_FIGURES))
        )
        print(
            f"\nPeak memory of matching (tracemalloc, index built): {CLAIM_FIGURES // 10:,} claim "
            f"figures {small / 2**20:.1f} MiB, {CLAIM_FIGURES:,} claim figures {large / 2**20:.1f} MiB."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--heldout", action="store_true", help="also score every blind heldout/*.json file"
    )
    parser.add_argument("--quality-only", action="store_true", help="skip the timings")
    parser.add_argument(
        "--failures", action="store_true", help="list the wrong dev claims (never blind ones)"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.machine()}, one process")
    results = {
        label: score(json.loads(path.read_text()), args.failures and not blind)
        for label, path, blind in quality_files(args.heldout)
    }
    print_quality(results)
    if not args.quality_only:
        bench_extraction(not args.no_memory)
        bench_matching(not args.no_memory)


if __name__ == "__main__":
    main()
