"""Evidence matching and extraction (issue 19): quality on the evidence corpus, speed at scale.

    .venv/bin/python bench/evidence.py                 # dev claims only (what is tuned on)
    .venv/bin/python bench/evidence.py --heldout       # ... and the held-out claims, blind
    .venv/bin/python bench/evidence.py --quality-only  # skip the timings (while tuning)
    .venv/bin/python bench/evidence.py --failures      # list the dev claims scored wrong

One run prints, side by side:

* **Quality** on claims/tests/evidence_corpus/ (dev ``claims.json``; held-out
  ``heldout/claims.json`` only with ``--heldout``, which never lists its claims): each claim's
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
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

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
    candidate_from_row,
)

# --- Quality ----------------------------------------------------------------------------------

_extracted: dict[str, Extracted] = {}


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
                candidate_from_row(
                    document_id * 100_000 + position,
                    document_id,
                    f.surface,
                    f.value,
                    f.lower,
                    f.upper,
                    f.qualifier,
                    f.unit,
                    f.counted,
                    f.quote,
                    f.locator,
                    document(name).language,
                )
            )
    return rows


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def same_place(name: str, found: dict[str, Any], expected: dict[str, Any], quote: str) -> bool:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heldout", action="store_true", help="also score the held-out claims")
    parser.add_argument("--quality-only", action="store_true", help="skip the timings")
    parser.add_argument("--failures", action="store_true", help="list the wrong dev claims")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.machine()}, one process")
    results = {"dev": score(json.loads((CORPUS / "claims.json").read_text()), args.failures)}
    if args.heldout:
        heldout = json.loads((CORPUS / "heldout" / "claims.json").read_text())
        results["held-out (blind)"] = score(heldout, False)
    print_quality(results)


if __name__ == "__main__":
    main()
