"""`python manage.py check_consistency [--article ID | --collection SLUG] [--json] [--all]`.

Lists the consistency findings (claims/consistency/): for one article (within the article,
plus link checks), one collection (within and across its articles), or, with neither
option, every collection. Findings a reviewer dismissed or accepted are left out unless
`--all` is given. `--json` writes one JSON array of findings, each with key, kind,
severity, status, figure_ids, claim_ids, article_ids, link_ids, message and suggested_link.

`--refresh` lists nothing: it computes and stores the findings of each article in scope whose
stored findings are out of date (claims/consistency/store.py: what the workspace's Consistency
panel and the JSONL export read), e.g. after a large import, before a big export.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article, Collection
from claims.consistency.reports import FindingState, collection_findings
from claims.consistency.store import article_findings, refresh_stale


class Command(BaseCommand):
    help = "Find figures that repeat, contradict each other or are out of scale."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--article", type=int, help="Check one article (by id).")
        scope.add_argument("--collection", help="Check one collection (by slug).")
        parser.add_argument("--json", action="store_true", help="Write the findings as JSON.")
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Store the findings of every article in scope whose stored findings are out of "
            "date (what the workspace and the JSONL export read); list nothing.",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Include findings a reviewer already accepted or dismissed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["refresh"]:
            self._refresh(options["article"], options["collection"])
            return
        states: list[FindingState] = []
        if options["article"] is not None:
            article = Article.objects.filter(pk=options["article"]).first()
            if article is None:
                raise CommandError(f"There is no article {options['article']}.")
            states = article_findings(article).findings
        elif options["collection"]:
            collection = Collection.objects.filter(slug=options["collection"]).first()
            if collection is None:
                raise CommandError(
                    f"There is no collection with the slug {options['collection']!r}."
                )
            states = collection_findings(collection).findings
        else:
            for collection in Collection.objects.order_by("slug"):
                states.extend(collection_findings(collection).findings)
        if not options["all"]:
            states = [s for s in states if s.status in ("open", "linked")]
        if options["json"]:
            self.stdout.write(
                json.dumps([s.as_dict() for s in states], indent=2, ensure_ascii=False)
            )
            return
        for state in states:
            finding = state.finding
            status = "" if state.is_open else f" ({state.status})"
            self.stdout.write(
                f"[{finding.severity}] {finding.kind}{status}: {finding.message} "
                f"[figures {', '.join(map(str, finding.figure_ids))}]"
            )
        open_count = sum(1 for s in states if s.is_open)
        self.stdout.write(f"{len(states)} findings, {open_count} open.")

    def _refresh(self, article: int | None, collection: str | None) -> None:
        articles = Article.objects.all()
        if article is not None:
            articles = articles.filter(pk=article)
        elif collection:
            if not Collection.objects.filter(slug=collection).exists():
                raise CommandError(f"There is no collection with the slug {collection!r}.")
            articles = articles.filter(collection__slug=collection)
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        if article is not None and not ids:
            raise CommandError(f"There is no article {article}.")
        done = refresh_stale(ids)
        self.stdout.write(
            f"Stored the findings of {done:,} article(s); {len(ids) - done:,} were up to date."
        )
