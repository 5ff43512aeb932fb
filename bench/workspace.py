"""Server time to render the annotation workspace, against the admin change page.

    .venv/bin/python bench/workspace.py [--runs 7] [--sizes 500,10500,100000]

Builds a throwaway SQLite database in a temporary directory, fills articles of each size
with figures and claims in proportion to the issue's long-article case (100,000 characters,
2,000 figures, 500 claims, each claim tagged and most linked), then times GET of the
workspace (/articles/<pk>/) and of the Django admin change page of the same article
(/admin/articles/article/<pk>/change/) through django.test.Client, in process, with DEBUG off
(cached templates) as in production. The admin page is measured as it ships: the article's form
and the first page of its figures and claims as read-only rows (articles.admin.ROWS_PER_PAGE at a
time, with their counts). The default sizes give about 10, 190 and 1,800 figures. Prints the
median of --runs runs of each, after one warm-up request, as a Markdown table, with the admin
page's time as a multiple of the workspace's (the target: under 10x at every size).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from articles.models import Article, Collection

ROOT = Path(__file__).resolve().parents[1]


def _setup(db_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_dir}/bench.sqlite3"
    os.environ["DEBUG"] = "0"
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        os.environ[name] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    # No collectstatic here: plain static URLs instead of the manifest.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


SENTENCES = [
    "Officials said {n:,} accounts were closed in the campaign. ",
    "Of the {n:,} posts removed, nearly {m:,} were called rumours, Reuters reported. ",
    "The regulator said some {n:,} people had been penalised since March. ",
    "More than {n:,} news anchors lost their licences, the statement said. ",
]


def _article_text(size: int) -> str:
    parts: list[str] = []
    length = 0
    i = 0
    while length < size:
        sentence = SENTENCES[i % len(SENTENCES)].format(n=1000 + 7 * i, m=100 + i)
        if i % 9 == 8:
            sentence += "\n\n"
        parts.append(sentence)
        length += len(sentence)
        i += 1
    return "".join(parts)[:size]


def _fill(size: int, collection: Collection, user: User) -> tuple[Article, int, int]:
    import re

    from articles.models import Article
    from claims.models import Claim, ClaimLink, Figure, Tag

    text = _article_text(size)
    article = Article.objects.import_text(
        collection=collection, text=text, title=f"Bench {size:,}", created_by=user
    )[0]
    want_figures = size * 2000 // 100_000
    want_claims = size * 500 // 100_000
    numbers = [m.span() for m in re.finditer(r"\d[\d,]*\d", text)][:want_figures]
    states = ["suggested", "confirmed", "rejected"]
    Figure.objects.bulk_create(
        Figure(
            article=article,
            start=s,
            end=e,
            surface=text[s:e],
            value=int(text[s:e].replace(",", "")),
            state=states[k % 3],
            counted="accounts",
        )
        for k, (s, e) in enumerate(numbers)
    )
    sentence_spans = [m.span() for m in re.finditer(r"[^.\n]+\.", text)]
    step = max(1, len(sentence_spans) // max(1, want_claims))
    chosen = sentence_spans[::step][:want_claims]
    claims = Claim.objects.bulk_create(
        Claim(article=article, start=s, end=e, quote=text[s:e], created_by=user) for s, e in chosen
    )
    tags = list(Tag.objects.filter(collection=collection))
    Claim.tags.through.objects.bulk_create(
        Claim.tags.through(claim_id=c.pk, tag_id=tags[k % len(tags)].pk)
        for k, c in enumerate(claims)
    )
    ClaimLink.objects.bulk_create(
        ClaimLink(from_claim=a, to_claim=b, relation="repeats", created_by=user)
        for a, b in zip(claims[1::2], claims[::2], strict=False)
    )
    return article, len(numbers), len(claims)


def _median_ms(client: Client, url: str, runs: int) -> float:
    response = client.get(url)  # warm-up: caches, permissions, templates
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="500,10500,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as db_dir:
        _setup(db_dir)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from articles.models import Collection
        from claims.models import Tag

        user = get_user_model().objects.create_superuser("bench", password="bench-password")
        collection = Collection.objects.create(name="Bench", slug="bench", created_by=user)
        for k, name in enumerate(["Enforcement", "Scope", "Official figure", "Unverified"]):
            Tag.objects.create(
                collection=collection,
                name=name,
                slug=name.lower().replace(" ", "-"),
                key=str(k + 1),
            )
        client = Client()
        client.force_login(user)
        print(f"Median of {args.runs} runs after one warm-up, server time in process (ms).\n")
        print(
            "| characters | figures | claims | workspace | admin change page | admin ÷ workspace |"
        )
        print("|---:|---:|---:|---:|---:|---:|")
        for size in sizes:
            article, figures, claims = _fill(size, collection, user)
            workspace = _median_ms(client, f"/articles/{article.pk}/", args.runs)
            admin = _median_ms(client, f"/admin/articles/article/{article.pk}/change/", args.runs)
            print(
                f"| {size:,} | {figures:,} | {claims:,} | {workspace:.0f} | {admin:.0f} "
                f"| {admin / workspace:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
