"""Importing 10,000 plain-text articles with figure detection.

    .venv/bin/python bench/import_articles.py [--articles 10000] [--seed 6]

Writes --articles wire-style plain-text files (a leading `date YYYY-MM-DD`, ~2 KB, a dozen
figures each: hedged counts, millions, percentages, money) to a temporary directory, then
times `manage.py import_articles DIR --collection bench-import` against a fresh throwaway
SQLite database (DATABASE_URL in a temporary directory): reading, checking, storing in one
transaction and detecting figures and attributions in each article. Then the same articles
again as one JSONL file into another collection. Prints a Markdown table. Target: under
2 minutes for 10,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SOURCES = [
    "the Cyberspace Administration of China said",
    "the ministry said in a statement",
    "police said",
    "the National Bureau of Statistics reported",
    "Reuters reported, citing the regulator",
    "the agency's director told reporters",
]
THINGS = [
    ("posts", "removed"),
    ("accounts", "closed"),
    ("websites", "shut down"),
    ("people", "penalised"),
    ("complaints", "received"),
    ("videos", "taken down"),
]
HEDGES = ["", "more than ", "nearly ", "about ", "at least ", "up to "]
FILLERS = [
    "The campaign, launched in March, targets what officials call rumour-mongering.",
    "Critics say the rules are vague and leave wide room for interpretation.",
    "The figures could not be independently verified.",
    "Officials did not respond to a request for comment on Sunday.",
]


def number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return f"{rng.randint(11, 99) / 10:.1f} million"
    if kind < 0.7:
        return f"{rng.randint(120, 99_000):,}"
    if kind < 0.85:
        return f"{rng.randint(2, 95)} percent of"
    return f"${rng.randint(12, 480) / 10:.1f} billion worth of"


def article(rng: random.Random, index: int) -> str:
    paragraphs = [f"date 2023-{1 + index % 12:02d}-{1 + index % 28:02d}"]
    paragraphs.append(f"BEIJING (Wire {index}) - A crackdown on online rumours widened this month.")
    for _ in range(rng.randint(5, 7)):
        sentences = []
        for _ in range(2):
            thing, verb = rng.choice(THINGS)
            sentences.append(
                f"{rng.choice(HEDGES).capitalize() or 'Some '}{number(rng)} {thing} were {verb}, "
                f"{rng.choice(SOURCES)}, up from {number(rng)} a year earlier."
            )
        sentences.append(rng.choice(FILLERS))
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS in MB, first line of output) of a child."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(output)
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, output.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="claimdesk-bench-import-"))
    texts = work / "texts"
    texts.mkdir()
    bulk = work / "articles.jsonl"
    with bulk.open("w", encoding="utf-8") as lines:
        for i in range(args.articles):
            text = article(rng, i)
            (texts / f"{i:05d}.txt").write_text(text, encoding="utf-8")
            lines.write(json.dumps({"title": f"Wire {i}", "text": text.split("\n", 1)[1]}) + "\n")
    size = sum(p.stat().st_size for p in texts.iterdir())

    db = work / "bench.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    rows = []
    for label, target, collection in [
        (f"{args.articles:,} .txt files", str(texts), "bench-import"),
        (f"one JSONL file, {args.articles:,} lines", str(bulk), "bench-import-jsonl"),
    ]:
        seconds, cpu, peak, said = timed(
            [*manage, "import_articles", target, "--collection", collection], env
        )
        with sqlite3.connect(db) as connection:
            figures = connection.execute(
                "SELECT count(*) FROM claims_figure f JOIN articles_article a ON a.id = f.article_id "
                "JOIN articles_collection c ON c.id = a.collection_id WHERE c.slug = ?",
                (collection,),
            ).fetchone()[0]
        rows.append((label, seconds, cpu, peak, figures, said))

    print(
        f"{args.articles:,} articles, {size / 2**20:.1f} MB of text; {os.cpu_count()} CPUs; "
        f"load average at the end {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| input | wall s | articles/s (wall) | CPU s | figures detected | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, seconds, cpu, peak, figures, _said in rows:
        print(
            f"| {label} | {seconds:.1f} | {args.articles / seconds:,.0f} | {cpu:.1f} | "
            f"{figures:,} | {peak:,.0f} |"
        )
    for *_, said in rows:
        print(f"\n`{said}`")


if __name__ == "__main__":
    main()
