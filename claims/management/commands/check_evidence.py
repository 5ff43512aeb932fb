"""`python manage.py check_evidence --collection SLUG [--json]`.

For each figure of each claim of the collection: its suggested outcome (supported,
contradicted, not found) against the collection's evidence documents, the best evidence
(document id, locator, quote) and the reason in one line (claims/evidence/matching.py). A
reviewer's stored decision (Evidence), where there is one, is shown beside the suggestion.
`--json` writes one JSON array with a record per claim figure.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Collection
from claims.evidence.matching import Match, check_collection, describe_locator
from claims.models import Evidence


def match_record(match: Match, decided: dict[tuple[int, int], dict[str, Any]]) -> dict[str, Any]:
    figure, best = match.figure, match.best
    return {
        "claim_id": figure.claim_id,
        "figure_id": figure.figure_id,
        "surface": figure.surface,
        "counted": figure.counted,
        "outcome": match.outcome,
        "reason": match.reason,
        "evidence": None
        if best is None
        else {
            "document_id": best.document_id,
            "figure_id": best.pk,
            "surface": best.surface,
            "value": best.value,
            "locator": best.locator,
            "quote": best.quote,
        },
        "decision": decided.get((figure.claim_id, figure.figure_id)),
    }


class Command(BaseCommand):
    help = "Check each claim figure of a collection against its evidence documents."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="The collection's slug.")
        parser.add_argument("--json", action="store_true", help="Write the results as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        collection = Collection.objects.filter(slug=options["collection"]).first()
        if collection is None:
            raise CommandError(f"There is no collection with the slug {options['collection']!r}.")
        matches = check_collection(collection)
        decided = {
            (claim_id, figure_id): {
                "outcome": outcome,
                "document_figure_id": document_figure_id,
                "decided_by": username,
            }
            for claim_id, figure_id, outcome, document_figure_id, username in Evidence.objects.filter(
                claim__article__collection=collection
            ).values_list(
                "claim_id", "figure_id", "outcome", "document_figure_id", "decided_by__username"
            )
        }
        records = [match_record(m, decided) for m in matches]
        if options["json"]:
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=1))
            return
        if not records:
            self.stdout.write(f"No claim figures in collection {collection.slug!r}.")
            return
        for record in records:
            line = (
                f"claim {record['claim_id']} figure {record['figure_id']} {record['surface']!r}: "
            )
            line += record["outcome"].replace("_", " ")
            evidence = record["evidence"]
            if evidence:
                line += (
                    f" — document {evidence['document_id']}, {describe_locator(evidence['locator'])}: "
                    f"“{evidence['quote']}”"
                )
            line += f"\n    {record['reason']}"
            if record["decision"]:
                line += f"\n    decided {record['decision']['outcome']} by {record['decision']['decided_by']}"
            self.stdout.write(line)
        counts = {
            o: sum(1 for r in records if r["outcome"] == o)
            for o in ("supported", "contradicted", "not_found")
        }
        self.stdout.write(
            f"{len(records)} figure(s): {counts['supported']} supported, "
            f"{counts['contradicted']} contradicted, {counts['not_found']} not found."
        )
