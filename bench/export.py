"""Exporting a large collection as JSONL, beside `manage.py dumpdata claims` on the same data.

    .venv/bin/python bench/export.py [--claims 200000] [--small 20000] [--db PATH] [--runs 1]

Builds (once; reused while the file exists) a throwaway SQLite database with `seed_bench`
collections of --small and --claims claims (10 claims an article, 2-3 figures a claim,
tags, links), then times, each in its own process:

- `export_dataset --format jsonl` of the big and the small collection with their stored
  consistency findings marked out of date first (every article's findings computed and
  stored, as after an import or a change to the checks), then both again (findings read
  from the store): the peak memory of big and small should be about the same (the export
  streams: memory does not grow with N); then the big one with `--no-findings`;
- the stored-findings and `--no-findings` exports again with CLAIMDESK_EXPORT_SQLITE_JSON=0,
  every claim record written in Python rather than by SQLite's JSON functions (the same bytes);
- `dumpdata claims` (Django's serializer, the baseline) over the whole database (the derived
  StoredFindings table left out);
- the other formats (csv, claimreview, webannotation) of the big collection;
- the spans export (`--format spans`) of the big collection.

Since claimdesk/2 (issue 17) the JSONL holds every figure of the exported articles and every
annotator's judgement: the benchmark collections get judgements first (`add_judgements`: one
annotator judges every figure, a second one those of one article in ten), and the JSONL rows
report records/s overall and the records of each type. `--dataset` runs only the claimdesk/2
rows (stored findings and --no-findings, both paths), the spans export and dumpdata: the runs
that matter for issue 17, few enough for a shared machine.

Wall time, CPU time (user + system) and peak resident memory (ru_maxrss) of each child
(from os.wait4) include Python and Django start-up, with bytecode cached (`child_env`). CPU
time is the steadier figure on a shared machine: wall time grows with whatever else runs. Prints a Markdown table. The
targets: >= 100,000 records/s and >= 20,000 claims/s, peak under 250 MB, faster than dumpdata;
the spans export at the same rate.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def child_env(db: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a `manage.py` child: the throwaway database, and Python's bytecode
    cached (in a private folder) as a deployed app has it, even where the shell sets
    PYTHONDONTWRITEBYTECODE: else every child compiles its ~1,900 modules again (about 1.4
    CPU s each here), a cost of this machine's environment rather than of the export. The
    first child (`migrate`) fills the cache."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", **(extra or {}))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "claimdesk-bench-pycache")
    return env


def manage(db: Path, *args: str, quiet: bool = False) -> None:
    env = child_env(db)
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def measure(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one `manage.py ARGS` child process,
    with `env` added to its environment."""
    env = child_env(db, env)
    started = time.perf_counter()
    child = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024  # Linux reports kilobytes


def forget_stored_findings(db: Path, collection: str) -> None:
    """Mark the stored findings of a collection's articles out of date (the next export
    recomputes them), as an import or a new version of the checks leaves them."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE claims_storedfindings SET computed_version = NULL WHERE article_id IN "
            "(SELECT a.id FROM articles_article a JOIN articles_collection c "
            "ON c.id = a.collection_id WHERE c.slug = ?)",
            (collection,),
        )


_TYPE = re.compile(rb'"type":"([a-z_]+)"')


def count_types(path: Path) -> Counter[str]:
    """Records of each type in a claimdesk/2 file (spans records have no type: "spans")."""
    counted: Counter[str] = Counter()
    with path.open("rb") as lines:
        for line in lines:
            match = _TYPE.search(line, 0, 80)
            counted[match[1].decode() if match else "spans"] += 1
    return counted


def add_judgements(db: Path, collection: str) -> int:
    """Annotators' judgements of every figure of a collection (claimdesk/2 writes one record
    each): bench-carol judges every figure, bench-dave those of one article in ten (double
    annotation); rejected one time in ten, the figure's reading copied. Once per database."""
    with sqlite3.connect(db) as connection:
        now = "2026-12-01 12:00:00"
        for username in ("bench-carol", "bench-dave"):
            connection.execute(
                "INSERT OR IGNORE INTO auth_user (username, password, is_superuser, first_name, "
                "last_name, email, is_staff, is_active, date_joined) "
                "VALUES (?, '!', 0, '', '', '', 0, 1, ?)",
                (username, now),
            )
        users = dict(
            connection.execute(
                "SELECT username, id FROM auth_user WHERE username IN ('bench-carol', 'bench-dave')"
            )
        )
        figures = (
            "FROM claims_figure f JOIN articles_article a ON a.id = f.article_id "
            "JOIN articles_collection c ON c.id = a.collection_id WHERE c.slug = ?"
        )
        (present,) = connection.execute(
            f"SELECT count(*) FROM claims_figurejudgement j WHERE j.figure_id IN "
            f"(SELECT f.id {figures})",
            (collection,),
        ).fetchone()
        if present:
            return present
        for username, where in (("bench-carol", ""), ("bench-dave", " AND a.id % 10 = 0")):
            connection.execute(
                "INSERT INTO claims_figurejudgement (figure_id, annotator_id, state, value, lower, "
                "upper, qualifier, unit, counted, created_at, updated_at) "
                f"SELECT f.id, ?, CASE WHEN f.id % 10 = 0 THEN 'rejected' ELSE 'confirmed' END, "
                f"f.value, f.lower, f.upper, f.qualifier, f.unit, f.counted, ?, ? {figures}{where}",
                (users[username], now, now, collection),
            )
        (made,) = connection.execute(
            f"SELECT count(*) FROM claims_figurejudgement j WHERE j.figure_id IN "
            f"(SELECT f.id {figures})",
            (collection,),
        ).fetchone()
        return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(tempfile.gettempdir()) / "claimdesk-bench-export.sqlite3",
        help="Throwaway SQLite file (built if missing).",
    )
    parser.add_argument("--runs", type=int, default=1, help="Runs per command (median kept).")
    parser.add_argument("--skip-other-formats", action="store_true")
    parser.add_argument(
        "--skip-dumpdata", action="store_true", help="Leave out the (slow) dumpdata baseline."
    )
    parser.add_argument(
        "--dataset", action="store_true", help="Only the claimdesk/2 and spans rows, and dumpdata."
    )
    args = parser.parse_args()

    big, small = f"bench-{args.claims}", f"bench-{args.small}"
    seeded = args.db.exists()
    # Migrating a reused database too: dumpdata reads every claims table of the code now.
    manage(args.db, "migrate", "--noinput", "-v0")
    if not seeded:
        print(f"Seeding {args.db} ...", file=sys.stderr)
        started = time.perf_counter()
        manage(args.db, "seed_bench", "--claims", str(args.small), "--collection", small)
        manage(args.db, "seed_bench", "--claims", str(args.claims), "--collection", big)
        print(f"Seeded in {time.perf_counter() - started:.0f} s.", file=sys.stderr)
    judged = {c: add_judgements(args.db, c) for c in (big, small)}

    out = Path(tempfile.mkdtemp(prefix="claimdesk-bench-"))
    rows: list[tuple[str, int, float, float, float, int]] = []
    kinds: dict[str, Counter[str]] = {}

    def run(
        label: str,
        claims: int,
        target: Path,
        *command: str,
        forget: str = "",
        env: dict[str, str] | None = None,
    ) -> None:
        results = []
        for _ in range(args.runs):
            if forget:  # every run starts with the collection's findings out of date
                forget_stored_findings(args.db, forget)
            results.append(measure(args.db, *command, env=env))
        seconds = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results)
        rows.append((label, claims, seconds, cpu, peak, target.stat().st_size))
        if target.suffix == ".jsonl":
            kinds[label] = count_types(target)
        target.unlink()

    jsonl = out / "export.jsonl"

    def export_jsonl(collection: str, *extra: str) -> tuple[str, ...]:
        return ("export_dataset", "--format", "jsonl", "--collection", collection, *extra)

    # The JSONL carries each article's consistency findings, stored per article
    # (claims/consistency/store.py) and recomputed only where something changed. First with
    # the store emptied, as after an import or a change to the checks: every article's
    # findings are computed (and stored); then again, read from the store.
    collections = [(big, args.claims), (small, args.small)]
    if args.dataset:  # the findings stored ahead (untimed): the rows below read them
        for collection, _ in collections:
            manage(
                args.db, "check_consistency", "--refresh", "--collection", collection, quiet=True
            )
    for state in ("stored",) if args.dataset else ("computed", "stored"):
        for collection, claims in collections:
            run(
                f"export_dataset jsonl ({claims:,}), findings {state}",
                claims,
                jsonl,
                *export_jsonl(collection, "-o", str(jsonl)),
                forget=collection if state == "computed" else "",
            )
    run(
        f"export_dataset jsonl --no-findings ({args.claims:,})",
        args.claims,
        jsonl,
        *export_jsonl(big, "--no-findings", "-o", str(jsonl)),
    )
    # The same two exports with every claim record written in Python (the path PostgreSQL
    # takes, and SQLite's before claims/exports/sqlite_json.py): the same bytes.
    python_records = {"CLAIMDESK_EXPORT_SQLITE_JSON": "0"}
    run(
        f"export_dataset jsonl ({args.claims:,}), findings stored, records written in Python",
        args.claims,
        jsonl,
        *export_jsonl(big, "-o", str(jsonl)),
        env=python_records,
    )
    run(
        f"export_dataset jsonl --no-findings ({args.claims:,}), records written in Python",
        args.claims,
        jsonl,
        *export_jsonl(big, "--no-findings", "-o", str(jsonl)),
        env=python_records,
    )
    dump = out / "dump.json"
    total = args.claims + args.small
    if not args.skip_dumpdata:
        run(
            f"dumpdata claims ({total:,}, whole db)",
            total,
            dump,
            "dumpdata",
            "claims",
            "--exclude",
            "claims.StoredFindings",
            "-o",
            str(dump),
        )
    spans = out / "export.spans.jsonl"
    run(
        f"export_dataset spans ({args.claims:,})",
        args.claims,
        spans,
        "export_dataset",
        "--format",
        "spans",
        "--collection",
        big,
        "-o",
        str(spans),
    )
    if not args.skip_other_formats and not args.dataset:
        for fmt in ("csv", "claimreview", "webannotation"):
            target = out / f"export.{fmt}"
            run(
                f"export_dataset {fmt} ({args.claims:,})",
                args.claims,
                target,
                "export_dataset",
                "--format",
                fmt,
                "--collection",
                big,
                "-o",
                str(target),
            )
    out.rmdir()

    load = os.getloadavg()[0]
    print(
        f"Database: {args.db} ({args.db.stat().st_size / 2**20:,.0f} MB); "
        f"{os.cpu_count()} CPUs; load average at the end {load:.1f}"
    )
    print()
    print(
        "| command | claims | wall s | claims/s (wall) | CPU s | claims/s (CPU) "
        "| peak RSS (MB) | output (MB) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, claims, seconds, cpu, peak, size in rows:
        print(
            f"| {label} | {claims:,} | {seconds:.1f} | {claims / seconds:,.0f} | {cpu:.1f} | "
            f"{claims / cpu:,.0f} | {peak:,.0f} | {size / 2**20:,.0f} |"
        )
    print()
    print(f"Judgements in the collections: {', '.join(f'{c} {n:,}' for c, n in judged.items())}")
    print()
    print("| command | records | records/s (wall) | records/s (CPU) | by type |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, _claims, seconds, cpu, _, _ in rows:
        if label not in kinds:
            continue
        counted = kinds[label]
        total = sum(counted.values())
        by_type = ", ".join(f"{t} {n:,}" for t, n in counted.most_common())
        print(f"| {label} | {total:,} | {total / seconds:,.0f} | {total / cpu:,.0f} | {by_type} |")


if __name__ == "__main__":
    main()
