"""`python manage.py check_evidence --collection SLUG [--json]`.

For each figure of each claim of the collection: its suggested outcome (supported,
contradicted, not found) against the collection's evidence documents, the best evidence
(document id, locator, quote) and the reason in one line (claims/evidence/matching.py). A
reviewer's stored decision (Evidence), where there is one, is shown beside the suggestion.
`--json` writes one JSON array with a record per claim figure, `--jsonl` one record a line
(claims/evidence/records.py; docs/data-format.md, "Evidence records").
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Collection
from claims.evidence.matching import describe_locator
from claims.evidence.records import evidence_records


class Command(BaseCommand):
    help = "Check each claim figure of a collection against its evidence documents."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="The collection's slug.")
        output = parser.add_mutually_exclusive_group()
        output.add_argument(
            "--json", action="store_true", help="Write the records as a JSON array."
        )
        output.add_argument(
            "--jsonl", action="store_true", help="Write one JSON record per line (the export)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        collection = Collection.objects.filter(slug=options["collection"]).first()
        if collection is None:
            raise CommandError(f"There is no collection with the slug {options['collection']!r}.")
        records = list(evidence_records(collection))
        if options["jsonl"]:
            for record in records:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
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
            line += record["suggested"].replace("_", " ")
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
