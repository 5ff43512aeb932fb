from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article
from claims.services import DetectionResult, articles_detect

# Articles detected together: a fixed number of queries for each batch.
BATCH = 200


class Command(BaseCommand):
    help = (
        "Detect the quoted figures of articles and store them as suggestions, and record who "
        "each figure-carrying sentence is attributed to. Idempotent: existing figures are kept, "
        "confirmed and rejected ones are never touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--article", type=int, help="One article, by id.")
        which.add_argument("--collection", help="Every article of a collection, by slug.")
        which.add_argument("--all", action="store_true", help="Every article.")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.order_by("pk")
        if options["article"] is not None:
            articles = articles.filter(pk=options["article"])
            if not articles.exists():
                raise CommandError(f"No article with id {options['article']}.")
        elif options["collection"]:
            articles = articles.filter(collection__slug=options["collection"])
            if not articles.exists():
                raise CommandError(
                    f"No articles in a collection with slug {options['collection']!r}."
                )
        results: list[DetectionResult] = []
        batch: list[Article] = []
        for article in articles.iterator(chunk_size=BATCH):
            batch.append(article)
            if len(batch) == BATCH:
                results += articles_detect(articles=batch)
                batch = []
        results += articles_detect(articles=batch)
        count = len(results)
        added = sum(r.figures_added for r in results)
        mentions = sum(r.mentions for r in results)
        matched = sum(r.mentions_matched for r in results)
        self.stdout.write(
            f"{count} article(s): {added} new suggested figure(s); "
            f"{mentions} attribution(s), {matched} matched to a known source."
        )
