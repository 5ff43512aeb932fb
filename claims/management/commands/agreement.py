"""`python manage.py agreement --collection SLUG [--article ID] [--json]`: how far the
annotators of a collection agree (see claims/review/agreement.py for what is compared)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article, Collection
from claims.review.agreement import LABEL_MEASURES, LABEL_TITLES, PRF, agreement_report


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _prf(prf: PRF) -> str:
    return f"P {_num(prf.precision)}  R {_num(prf.recall)}  F1 {_num(prf.f1)}  ({prf.matched} matched of {prf.a_total}/{prf.b_total})"


class Command(BaseCommand):
    help = "Agreement between annotators on a collection's double-annotated articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="The collection's slug.")
        parser.add_argument("--article", type=int, help="Only this article (its id).")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            collection = Collection.objects.get(slug=options["collection"])
        except Collection.DoesNotExist:
            raise CommandError(f"No collection with the slug {options['collection']!r}.") from None
        article = None
        if options["article"] is not None:
            try:
                article = Article.objects.get(pk=options["article"], collection=collection)
            except Article.DoesNotExist:
                raise CommandError(
                    f"No article {options['article']} in the collection {collection.slug!r}."
                ) from None
        report = agreement_report(collection, article=article)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        out = self.stdout.write
        out(f"Agreement in {collection.name} ({collection.slug})")
        out(
            f"{report.articles} double-annotated article(s); annotators: "
            f"{', '.join(report.annotators) or 'none'}"
        )
        for pair in report.pairs:
            out("")
            out(f"{pair.a} & {pair.b} ({pair.articles} article(s))")
            out(f"  figure spans, exact:       {_prf(pair.figure_exact)}")
            out(f"  figure spans, overlapping: {_prf(pair.figure_overlap)}")
            out(f"  claim spans, overlapping:  {_prf(pair.claim_overlap)}")
            for name in LABEL_MEASURES:
                labels = pair.labels[name]
                out(
                    f"  {LABEL_TITLES[name]}: agreement {_num(labels.agreement)}, "
                    f"Cohen's kappa {_num(labels.kappa)} ({labels.units} unit(s))"
                )
        out("")
        out("Krippendorff's alpha across annotators (nominal):")
        for name in LABEL_MEASURES:
            out(f"  {LABEL_TITLES[name]}: {_num(report.alpha[name], 3)}")
        open_ones = [d for d in report.disagreements if not d.curated]
        out("")
        out(f"{len(report.disagreements)} disagreement(s), {len(open_ones)} not curated yet:")
        for d in report.disagreements:
            mark = "curated" if d.curated else "open"
            who = ", ".join(v["annotator"] for v in d.versions)
            out(
                f"  [{mark}] {d.kind} {d.article_id}:{d.start}-{d.end} “{d.text[:60]}” "
                f"({who}): {'; '.join(d.reasons)}"
            )
