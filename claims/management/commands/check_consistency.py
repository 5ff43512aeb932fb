"""`python manage.py check_consistency [--article ID | --collection SLUG] [--json] [--all]`.

Lists the consistency findings (claims/consistency.py): for one article (within the article,
plus link checks), one collection (within and across its articles), or, with neither
option, every collection. Findings a reviewer dismissed or accepted are left out unless
`--all` is given. `--json` writes one JSON array of findings, each with key, kind,
severity, status, figure_ids, claim_ids, article_ids, link_ids, message and suggested_link.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article, Collection
from claims.consistency import FindingState, article_findings, collection_findings


class Command(BaseCommand):
    help = "Find figures that repeat, contradict each other or are out of scale."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--article", type=int, help="Check one article (by id).")
        scope.add_argument("--collection", help="Check one collection (by slug).")
        parser.add_argument("--json", action="store_true", help="Write the findings as JSON.")
        parser.add_argument(
            "--all",
            action="store_true",
            help="Include findings a reviewer already accepted or dismissed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
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
