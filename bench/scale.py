"""Claimdesk at a million claims (issue 8): page times, the JSONL export, the load test's
preparation and its lost-write check. Commands and figures: bench/scale.md.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk_scale
    .venv/bin/python manage.py seed_bench --articles 20000 --claims 1000000 --collection scale
    .venv/bin/python bench/scale.py pages [--runs 5]
    .venv/bin/python bench/scale.py export
    .venv/bin/python bench/scale.py prepare-load [--users 50] [--articles-per-user 40]
    .venv/bin/locust -f bench/locustfile.py ...          (see bench/scale.md)
    .venv/bin/python bench/scale.py check-load

`pages` times GET requests through Django's test client in this process, with DEBUG off
(so the cached template loader and no query logging): the server's time for the request,
from the first middleware to the last byte of the page, without the network. Median of
--runs after one warm-up; one extra run counts the queries.

`export` runs `manage.py export_dataset --format jsonl --no-findings` (the dataset without the
consistency findings, which are recomputed per export: `--findings` keeps them) over the whole
database in a child process, writing to a file, and samples the child's resident memory every
half second.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.test import Client

    from claims.models import Claim
    from core.types import LoadedRecord

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PLAN = OUT / "load-plan.json"
ACKS = OUT / "load-acks.jsonl"
LOAD_PASSWORD = "load-test-reviewer"

sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    import django
    from django.conf import settings

    django.setup()
    # collectstatic is not needed to render pages in this process.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database seeded with seed_bench.")


# --- pages ----------------------------------------------------------------------------------


def _time(client: Client, url: str, runs: int) -> tuple[float, float, int, int]:
    """(median ms, max ms, queries, status) of GET url."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, secure=True)  # warm-up (as behind the TLS proxy)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    return statistics.median(times), max(times), len(queries), response.status_code


def pages(runs: int, only: str | None, slug: str) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from articles.models import Article, Collection
    from claims.models import Claim, Source, Tag

    user_model = get_user_model()
    admin, _ = user_model.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    collection = Collection.objects.filter(slug=slug).first()
    assert collection is not None, f"Seed the collection {slug!r} first (seed_bench)."
    n_articles = collection.articles.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'claims_claim'")
        claims = cursor.fetchone()[0]
    tag = Tag.objects.filter(collection=collection).first()
    source = Source.objects.order_by("pk").first()
    rare = Source.objects.order_by("-pk").first()
    # A typical article (median claims) and the article with the most claims.
    typical = Article.objects.filter(collection=collection).order_by("pk")[
        Article.objects.filter(collection=collection).count() // 2
    ]
    largest_id = (
        Claim.objects.values("article_id")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("article_id", flat=True)
        .first()
    )
    admin_claims = "/admin/claims/claim/"
    urls: list[tuple[str, str]] = [
        ("admin claims: first page", admin_claims),
        ("admin claims: status = submitted", f"{admin_claims}?status__exact=submitted"),
        ("admin claims: verdict = disputed", f"{admin_claims}?verdict__exact=disputed"),
        ("admin claims: attribution = direct", f"{admin_claims}?attribution__exact=direct"),
        ("admin claims: tag", f"{admin_claims}?tag={tag.pk if tag else 0}"),
        ("admin claims: source", f"{admin_claims}?source__id__exact={source.pk if source else 0}"),
        (
            "admin claims: rare source (via only)",
            f"{admin_claims}?source__id__exact={rare.pk if rare else 0}",
        ),
        (
            "admin claims: collection",
            f"{admin_claims}?article__collection__id__exact={collection.pk}",
        ),
        ("admin claims: not superseded", f"{admin_claims}?superseded_by__isempty=1"),
        (
            "admin claims: status + verdict + source",
            f"{admin_claims}?status__exact=submitted&verdict__exact=disputed"
            f"&source__id__exact={source.pk if source else 0}",
        ),
        ("admin claims: search 'accounts closed'", f"{admin_claims}?q=accounts+closed"),
        ("admin claims: page 500", f"{admin_claims}?p=500"),
        ("admin figures: first page", "/admin/claims/figure/"),
        ("admin figures: state = confirmed", "/admin/claims/figure/?state__exact=confirmed"),
        ("admin links: first page", "/admin/claims/claimlink/"),
        ("admin articles: first page", "/admin/articles/article/"),
        ("admin articles: search 'regulator'", "/admin/articles/article/?q=regulator"),
        ("workspace: typical article", f"/articles/{typical.pk}/"),
        ("workspace: article with most claims", f"/articles/{largest_id}/"),
        (f"collection page ({n_articles:,} articles)", collection.get_absolute_url()),
        (
            "collection page: claims to review",
            f"{collection.get_absolute_url()}?progress=claims-to-review",
        ),
    ]
    for name in ("articles:my_queue", "articles:queue", "claims:review_queue", "claims:queue"):
        try:
            urls.append((f"review queue ({name})", reverse(name)))
        except NoReverseMatch:
            continue
    print(f"{claims:,} claims (pg_class estimate); median of {runs} runs after a warm-up\n")
    print("| page | median ms | max ms | queries | status |")
    print("|---|---:|---:|---:|---:|")
    for label, url in urls:
        if only and only not in label:
            continue
        median, worst, queries, status = _time(client, url, runs)
        print(f"| {label} | {median:.0f} | {worst:.0f} | {queries} | {status} |", flush=True)


# --- export ---------------------------------------------------------------------------------


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def export(output: Path, fmt: str, findings: bool, slug: str | None) -> None:
    from claims.models import Claim

    selected = Claim.objects.filter(superseded_by__isnull=True)
    if slug:
        selected = selected.filter(article__collection__slug=slug)
    claims = selected.count()
    output.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "export_dataset",
            "--format",
            fmt,
            "-o",
            str(output),
            *([] if findings or fmt != "jsonl" else ["--no-findings"]),
            *(["--collection", slug] if slug else []),
        ],
        cwd=ROOT,
        env=dict(os.environ),
    )
    samples: list[tuple[float, float]] = []
    while child.poll() is None:
        rss = _rss_mb(child.pid)
        if rss is not None:
            samples.append((time.perf_counter() - started, rss))
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode:
        sys.exit(f"export_dataset failed with status {child.returncode}")
    size = output.stat().st_size
    what = "with" if findings else "without"
    print(f"{claims:,} claims as {fmt} ({what} findings) in {seconds:.1f} s: ", end="")
    print(f"{claims / seconds:,.0f} claims/s")
    print(
        f"the exporting process used {cpu:.1f} s of CPU: {claims / cpu:,.0f} claims per CPU "
        f"second (PostgreSQL works in its own process, on the other core)"
    )
    print(f"{size / 1e6:,.0f} MB ({size / 1e6 / seconds:,.1f} MB/s) to {output}")
    with open("/proc/loadavg") as load:
        print(f"load average after the run: {load.read().split()[0]}")
    if samples:
        peak = max(rss for _, rss in samples)
        marks = [samples[int(len(samples) * f) - 1] for f in (0.1, 0.25, 0.5, 0.75, 1.0)]
        shown = ", ".join(f"{t:.0f} s: {rss:.0f} MB" for t, rss in marks)
        print(f"resident memory: peak {peak:.0f} MB; over the run: {shown}")


# --- load test ------------------------------------------------------------------------------


class PlanClaim(TypedDict):
    start: int
    end: int
    figures: list[int]


class PlanArticle(TypedDict):
    id: int
    figures: list[int]  # the ids of its figures, to confirm one by one
    claims: list[PlanClaim]  # the spans of its claims, to save again


class Plan(TypedDict):
    """bench/out/load-plan.json, which bench/locustfile.py reads."""

    password: str
    run: int
    users: dict[str, list[PlanArticle]]  # by username
    sessions: dict[str, str]  # each user's session key, by username


def prepare_load(users: int, per_user: int, slug: str) -> None:
    """Reviewers load01..loadNN, each with articles of their own whose figures are set back
    to "suggested" (so confirming them is a real change), written to bench/out/load-plan.json.
    Users work on disjoint articles: a 409 (someone else's change) would be a real error."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from articles.models import Article, Collection
    from claims.models import Claim, Figure

    collection = Collection.objects.filter(slug=slug).first()
    assert collection is not None, f"Seed the collection {slug!r} first (seed_bench)."
    reviewers = Group.objects.get(name="Reviewers")
    user_model = get_user_model()
    article_ids = list(
        Article.objects.filter(collection=collection)
        .order_by("pk")
        .values_list("pk", flat=True)[: users * per_user]
    )
    # Notes of the claims saved in this run start with load:<run>: (see check-load).
    sessions: dict[str, str] = {}
    plan: Plan = {
        "password": LOAD_PASSWORD,
        "run": int(time.time()),
        "users": {},
        "sessions": sessions,
    }
    with transaction.atomic():
        for n in range(users):
            name = f"load{n + 1:02d}"
            user, _ = user_model.objects.get_or_create(username=name, defaults={"is_staff": True})
            user.set_password(LOAD_PASSWORD)
            user.save()
            user.groups.add(reviewers)
            sessions[name] = _session_for(user)
            mine = article_ids[n::users]
            Figure.objects.filter(article_id__in=mine).update(
                state=Figure.State.SUGGESTED, version=1
            )
            articles: list[PlanArticle] = []
            for article_id in mine:
                figures = list(
                    Figure.objects.filter(article_id=article_id)
                    .order_by("start")
                    .values_list("pk", flat=True)
                )
                claims: list[PlanClaim] = [
                    {"start": start, "end": end, "figures": sorted(figs or [])}
                    for start, end, figs in _claim_spans(Claim, article_id)
                ]
                articles.append({"id": article_id, "figures": figures, "claims": claims})
            plan["users"][name] = articles
    OUT.mkdir(parents=True, exist_ok=True)
    PLAN.write_text(json.dumps(plan))
    ACKS.unlink(missing_ok=True)
    total = sum(len(a) for a in plan["users"].values())
    print(f"{users} reviewers, {total} articles: {PLAN}")


def _session_for(user: AbstractBaseUser) -> str:
    """A logged-in session, as the login page makes: the load test measures reviewers at
    work, not 50 password hashes (PBKDF2, about a CPU-second each by design) at once."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def _claim_spans(claim_model: type[Claim], article_id: int) -> list[tuple[int, int, list[int]]]:
    from django.contrib.postgres.aggregates import ArrayAgg

    return list(
        claim_model.objects.filter(article_id=article_id)
        .order_by("start")
        .annotate(fig=ArrayAgg("figures"))
        .values_list("start", "end", "fig")
    )


def check_load(acks_path: Path) -> None:
    """Every write the server acknowledged during the load test is in the database."""
    from claims.models import Claim, Figure

    confirmed: set[int] = set()
    claims: dict[str, LoadedRecord] = {}
    for line in acks_path.read_text().splitlines():
        ack = json.loads(line)
        if ack["kind"] == "figure":
            confirmed.add(ack["id"])
        else:
            claims[ack["note"]] = ack
    found_figures = set(
        Figure.objects.filter(pk__in=confirmed, state=Figure.State.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    found_claims = {
        note: (article_id, start, end)
        for note, article_id, start, end in Claim.objects.filter(note__in=list(claims)).values_list(
            "note", "article_id", "start", "end"
        )
    }
    lost_figures = confirmed - found_figures
    lost_claims = [
        note
        for note, ack in claims.items()
        if found_claims.get(note) != (ack["article"], ack["start"], ack["end"])
    ]
    duplicates = (
        Claim.objects.filter(note__in=list(claims)).count() - len(found_claims) if claims else 0
    )
    print(
        f"acknowledged: {len(confirmed):,} figure confirmations, {len(claims):,} new claims; "
        f"lost: {len(lost_figures)} confirmations, {len(lost_claims)} claims; "
        f"duplicated claims: {duplicates}"
    )
    if lost_figures or lost_claims or duplicates:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("pages")
    p.add_argument("--collection", default="scale", help="The seed_bench collection's slug.")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--only", help="Only pages whose label contains this.")
    p = commands.add_parser("export")
    p.add_argument("--format", default="jsonl")
    p.add_argument(
        "--findings",
        action="store_true",
        help="JSONL: keep the consistency findings (the default export's; --no-findings here).",
    )
    p.add_argument("--collection", help="Only this collection (default: every claim).")
    p.add_argument("-o", "--output", type=Path, default=OUT / "scale-export.jsonl")
    p = commands.add_parser("prepare-load")
    p.add_argument("--collection", default="scale", help="The seed_bench collection's slug.")
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--articles-per-user", type=int, default=40)
    p = commands.add_parser("check-load")
    p.add_argument("acks", type=Path, nargs="?", default=ACKS)
    args = parser.parse_args()
    setup_django()
    if args.command == "pages":
        pages(args.runs, args.only, args.collection)
    elif args.command == "export":
        export(args.output, args.format, args.findings, args.collection)
    elif args.command == "prepare-load":
        prepare_load(args.users, args.articles_per_user, args.collection)
    else:
        check_load(args.acks)


if __name__ == "__main__":
    main()
