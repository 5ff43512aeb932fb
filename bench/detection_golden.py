"""Golden dump of the figure detector: every field of every figure and attribution it finds.

For speed work that must not change a single output (docs/benchmarks.md, "Figure detection"):

    .venv/bin/python bench/detection_golden.py --write /tmp/golden-before.txt   # before a change
    .venv/bin/python bench/detection_golden.py --check /tmp/golden-before.txt   # after it

The texts: every passage of the detection corpus (dev and held-out, every language) and the
sample article, every string literal of the detection tests (``claims/tests/detection/``),
6,000 generated number-like strings and 800 shuffles of corpus sentences (seeded, so the same
every run); each read in all five languages and with ``language=None``. One line per text and
language: the ``repr`` of every figure's fields and of every attribution. ``--check`` prints the
first differences and exits 1 when any line differs.
"""

from __future__ import annotations

import argparse
import ast
import random
import sys
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.detection import detect_attributions, detect_figures  # noqa: E402

CORPUS = ROOT / "claims" / "tests" / "detection_corpus"
TESTS = ROOT / "claims" / "tests" / "detection"
LANGUAGES: tuple[str | None, ...] = ("en", "zh", "es", "fr", "de", None)

# fmt: off
_PIECES = (
    "1", "12", "1,234", "1.234", "1 234", "1\u00a0234", "12,5", "0.3", ".08", "-9.23", "\u22120.3",
    "3.5", "100", "2,300", "40 000", "1'000", "９", "٣٤٥", "१२३", "14.6", "6.7", "2.3", "911",
)
_AFTER = (
    " million", " millones", " Millionen", " Mio.", " Mrd.", " milliards", "万", "亿", "亿元", "%",
    " percent", " Prozent", " por ciento", " pour cent", " people", " accounts", "个账号", "条",
    " km", "-acre", " MW", " GWh", "m", "bn", "k", " tonnes", "°C", " years old", " St", "",
)
_BEFORE = (
    "", "nearly ", "more than ", "about ", "近", "超过", "约", "casi ", "más de ", "près de ",
    "plus de ", "rund ", "mehr als ", "$", "€", "£", "US$", "between 1 and ", "from 3 to ",
    "up to ", "at least ", "fewer than ", "逾", "不到", "John Smith, ", "minus ",
)
# fmt: on


def _literals() -> Iterator[str]:
    for path in sorted(TESTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                yield node.value


def _corpus() -> Iterator[str]:
    import json

    for path in sorted([*CORPUS.glob("*.json"), *(CORPUS / "heldout").glob("*.json")]):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("passages", [])
        for passage in data:
            if isinstance(passage, dict) and isinstance(passage.get("text"), str):
                yield passage["text"]
    yield from (p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


def texts() -> list[str]:
    rng = random.Random(20261205)
    corpus = list(_corpus())
    generated = [
        "".join(
            rng.choice(_BEFORE)
            + rng.choice(_PIECES)
            + rng.choice(_AFTER)
            + rng.choice((" ", ", ", ". ", " and "))
            for _ in range(rng.randint(1, 4))
        )
        for _ in range(6000)
    ]
    sentences = [s for text in corpus for s in text.replace("。", "。\n").split(". ") if s.strip()]
    shuffles = [" ".join(rng.sample(sentences, min(5, len(sentences)))) for _ in range(800)]
    return [*corpus, *_literals(), *generated, *shuffles]


def _fields(item: object) -> str:
    if is_dataclass(item):
        return repr(tuple((f.name, getattr(item, f.name)) for f in fields(item)))
    slots = getattr(type(item), "__slots__", None)
    if slots:
        return repr(tuple((name, getattr(item, name, None)) for name in slots))
    return repr(item)


def dump() -> Iterator[str]:
    for index, text in enumerate(texts()):
        for language in LANGUAGES:
            figures = detect_figures(text, language)
            attributions = detect_attributions(text, figures) if language in ("en", None) else []
            yield (
                f"{index}\t{language}\t"
                + "|".join(_fields(f) for f in figures)
                + "\t"
                + "|".join(_fields(a) for a in attributions)
            )


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = arguments.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the dump to this file")
    group.add_argument("--check", type=Path, help="compare with a dump written before")
    options = arguments.parse_args()
    lines = list(dump())
    if options.write:
        options.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines):,} readings written to {options.write}")
        return 0
    before = options.check.read_text(encoding="utf-8").splitlines()
    differences = [(a, b) for a, b in zip(before, lines, strict=False) if a != b]
    if len(before) != len(lines):
        print(f"{len(before):,} readings before, {len(lines):,} now")
    for a, b in differences[:5]:
        print(f"- {a[:400]}\n+ {b[:400]}")
    print(f"{len(differences):,} of {len(lines):,} readings differ")
    return 1 if differences or len(before) != len(lines) else 0


if __name__ == "__main__":
    sys.exit(main())
