"""W3C Web Annotation (https://www.w3.org/TR/annotation-model/): an AnnotationCollection.

One annotation per claim and one per figure of those claims (a figure shared by several
claims is written once). Each targets the article's page in Claimdesk with a
TextQuoteSelector (exact, 32 characters of prefix and suffix) and a TextPositionSelector
(start, end: code points into the stored article text, which is what the page shows).

Claim annotations (motivation `describing`) carry: a `describing` body (source, via,
attribution, links), one `tagging` body per tag, an `assessing` body with the verdict when
there is one, a `moderating` body with the review status, a `commenting` body with the
note, and `linking` bodies pointing at the annotations of its figures and linked claims.
Figure annotations (motivation `classifying`) carry the normalised value as a `describing`
body and the qualifier and unit as `classifying` bodies. Evidence annotations (motivation
`linking`, issue 19), one per reviewer's decision naming a document figure, link the article's
figure (target) to the document's figure (a `linking` SpecificResource body) with the outcome
as an `assessing` body.

The collection embeds a single AnnotationPage holding every annotation, written as it is
read: `total` comes from three count queries up front.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain

from django.db.models import QuerySet
from django.urls import reverse

from claims.exports.common import (
    DEFAULT_CHUNK_SIZE,
    ClaimRow,
    FigureRow,
    iter_batches,
)
from claims.exports.evidence import DecidedEvidence, decided_evidence, document_page
from claims.exports.webannotation_alignments import alignment_annotations, alignment_total
from claims.models import Claim, Evidence
from core.types import JSONObject, JSONValue

CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8'
EXTENSION = "jsonld"

# The W3C conformance schemas accept exactly this form of the context (not https).
CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# The 13 motivations of the Web Annotation Vocabulary (section 3.3.5); bodies' `purpose`
# takes the same values.
MOTIVATIONS = frozenset(
    {
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    }
)
VERDICT_NAMES = dict(Claim.Verdict.choices)


def claim_annotation_id(base_url: str, claim_id: int) -> str:
    return f"{base_url}/annotations/claims/{claim_id}"


def figure_annotation_id(base_url: str, figure_id: int) -> str:
    return f"{base_url}/annotations/figures/{figure_id}"


def _text_body(value: str, purpose: str) -> JSONObject:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def _target(page: str, text: str, start: int, end: int, context: int = 32) -> JSONObject:
    return {
        "type": "SpecificResource",
        "source": page,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - context) : start],
                "suffix": text[end : end + context],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _describe(claim: ClaimRow) -> str:
    parts = []
    if claim.source is not None:
        parts.append(f"Source: {claim.source.name} ({claim.source.kind}).")
    if claim.via is not None:
        parts.append(f"Via: {claim.via.name} ({claim.via.kind}).")
    parts.append(f"Attribution: {claim.attribution}.")
    for link in claim.links:
        parts.append(f"Link: {link.relation} claim {link.target}.")
    return " ".join(parts)


def claim_annotation(claim: ClaimRow, *, base_url: str, page: str) -> JSONObject:
    bodies: list[JSONValue] = [_text_body(_describe(claim), "describing")]
    bodies += [_text_body(tag.name, "tagging") for tag in claim.tags]
    if claim.verdict != Claim.Verdict.UNCHECKED:
        bodies.append(_text_body(VERDICT_NAMES[claim.verdict], "assessing"))
    bodies.append(_text_body(claim.status, "moderating"))
    if claim.note:
        bodies.append(_text_body(claim.note, "commenting"))
    bodies += [
        {
            "type": "SpecificResource",
            "source": figure_annotation_id(base_url, f.id),
            "purpose": "linking",
        }
        for f in claim.figures
    ]
    bodies += [
        {
            "type": "SpecificResource",
            "source": claim_annotation_id(base_url, link.target),
            "purpose": "linking",
        }
        for link in claim.links
    ]
    annotation: JSONObject = {
        "@context": CONTEXT,
        "id": claim_annotation_id(base_url, claim.id),
        "type": "Annotation",
        "motivation": "describing",
    }
    if claim.created_at is not None and claim.updated_at is not None:
        annotation["created"] = claim.created_at.isoformat()
        annotation["modified"] = claim.updated_at.isoformat()
    annotation["body"] = bodies
    annotation["target"] = _target(page, claim.article.text, claim.start, claim.end)
    return annotation


def figure_value_text(figure: FigureRow) -> str | None:
    if figure.value is not None:
        return figure.value
    lower, upper = figure.lower, figure.upper
    if lower is not None and upper is not None:
        return f"{lower}..{upper}"
    if lower is not None:
        return f">={lower}"
    if upper is not None:
        return f"<={upper}"
    return None


def figure_annotation(figure: FigureRow, *, text: str, base_url: str, page: str) -> JSONObject:
    bodies: list[JSONValue] = []
    value = figure_value_text(figure)
    if value is not None:
        bodies.append(_text_body(value, "describing"))
    bodies.append(_text_body(figure.qualifier, "classifying"))
    if figure.unit:
        bodies.append(_text_body(figure.unit, "classifying"))
    if figure.counted:
        bodies.append(_text_body(figure.counted, "describing"))
    return {
        "@context": CONTEXT,
        "id": figure_annotation_id(base_url, figure.id),
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies,
        "target": _target(page, text, figure.start, figure.end),
    }


def iter_annotations(
    claims: QuerySet[Claim], *, base_url: str, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Iterator[JSONObject]:
    """Each claim's annotation, then those of its figures not yet written."""
    base_url = base_url.rstrip("/")
    seen: set[int] = set()
    article_id = None
    for batch in iter_batches(claims, chunk_size=chunk_size, with_times=True):
        decided = decided_evidence([claim.id for claim in batch.claims])
        for claim in batch.claims:
            if claim.article.id != article_id:
                # A figure belongs to one article: the set only ever holds one article's.
                article_id, seen = claim.article.id, set()
            page = base_url + reverse("articles:article", args=[claim.article.id])
            yield claim_annotation(claim, base_url=base_url, page=page)
            for figure in claim.figures:
                if figure.id not in seen:
                    seen.add(figure.id)
                    yield figure_annotation(
                        figure, text=claim.article.text, base_url=base_url, page=page
                    )
            yield from evidence_annotations(
                claim, decided.get(claim.id, []), base_url=base_url, page=page
            )


def annotation_total(claims: QuerySet[Claim]) -> int:
    figures = Claim.figures.through.objects.filter(claim__in=claims.values("pk"))
    return (
        claims.count()
        + figures.values("figure_id").distinct().count()
        + evidence_annotation_count(claims)
    )


def evidence_annotation_id(base_url: str, evidence_id: int) -> str:
    return f"{base_url}/annotations/evidence/{evidence_id}"


def evidence_annotation_count(claims: QuerySet[Claim]) -> int:
    return Evidence.objects.filter(
        claim__in=claims.values("pk"), document_figure__isnull=False
    ).count()


def _document_target(base_url: str, decision: DecidedEvidence) -> JSONObject:
    """The document figure: its document's Claimdesk page, a TextQuoteSelector on its passage
    and, for running text, a TextPositionSelector (code points into the document's text)."""
    assert decision.document_id is not None
    quote, surface = decision.quote, decision.surface
    at = max(quote.find(surface), 0)
    selectors: list[JSONValue] = [
        {
            "type": "TextQuoteSelector",
            "exact": surface,
            "prefix": quote[max(0, at - 32) : at],
            "suffix": quote[at + len(surface) : at + len(surface) + 32],
        }
    ]
    locator = decision.locator
    if isinstance(locator.get("start"), int) and isinstance(locator.get("end"), int):
        selectors.append(
            {"type": "TextPositionSelector", "start": locator["start"], "end": locator["end"]}
        )
    return {
        "type": "SpecificResource",
        "source": document_page(base_url, decision.document_id),
        "selector": selectors,
    }


def evidence_annotations(
    claim: ClaimRow, decisions: list[DecidedEvidence], *, base_url: str, page: str
) -> Iterator[JSONObject]:
    """Issue 19: for each decided figure of the claim with a document figure, an annotation
    (motivation `linking`) whose target is the article's figure and whose bodies are the
    document's figure (purpose `linking`) and the outcome (purpose `assessing`)."""
    spans = {figure.id: figure for figure in claim.figures}
    for decision in decisions:
        figure = spans.get(decision.figure_id)
        if decision.document_id is None or figure is None:
            continue
        yield {
            "@context": CONTEXT,
            "id": evidence_annotation_id(base_url, decision.pk),
            "type": "Annotation",
            "motivation": "linking",
            "body": [
                {**_document_target(base_url, decision), "purpose": "linking"},
                _text_body(decision.described, "assessing"),
            ],
            "target": _target(page, claim.article.text, figure.start, figure.end),
        }


def export_webannotation(
    claims: QuerySet[Claim],
    *,
    base_url: str,
    collection_id: str | None = None,
    label: str = "Claimdesk claims and figures",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[str]:
    """The AnnotationCollection as text chunks (JSON-LD)."""
    base_url = base_url.rstrip("/")
    collection_id = collection_id or f"{base_url}/annotations/"
    total = annotation_total(claims) + alignment_total(claims)
    head: JSONObject = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
    }
    if total == 0:
        yield json.dumps(head, ensure_ascii=False, indent=1) + "\n"
        return
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without "\n}"
    page = {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0}
    yield (opening + ',\n "first": ' + json.dumps(page, ensure_ascii=False)[:-1] + ', "items": [')
    separator = "\n"
    parts: list[str] = []
    # Issue 18: then the figure alignments of translations, each with both targets.
    aligned = alignment_annotations(
        claims, base_url=base_url, context=CONTEXT, target=_target, text_body=_text_body
    )
    for annotation in chain(
        iter_annotations(claims, base_url=base_url, chunk_size=chunk_size), aligned
    ):
        parts.append(separator + json.dumps(annotation, ensure_ascii=False))
        separator = ",\n"
        if len(parts) >= chunk_size:
            yield "".join(parts)
            parts = []
    parts.append("\n]}\n}\n")
    yield "".join(parts)
