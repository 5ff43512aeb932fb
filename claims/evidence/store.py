"""Attaching an evidence document: extract everything first, then store it in one go."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction

from articles.models import Collection
from claims.evidence.extract import extract
from claims.evidence.suggestions import refresh_collection
from claims.models import Claim, EvidenceDocument, EvidenceFigure

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def document_attach(
    *,
    collection: Collection,
    data: bytes,
    name: str,
    added_by: User | None = None,
    claim: Claim | None = None,
    title: str = "",
    source_url: str = "",
) -> tuple[EvidenceDocument, bool]:
    """Store the document `name` (its bytes `data`) in `collection`, with its figures; returns
    it and whether it is new. The same file attached again is the stored document (`claim`, if
    given, is added to it).

    Raises DocumentRefused (naming the file) before anything is written when the file cannot
    be read; the file is saved only once its text and figures are known, and removed again if
    the database refuses the rows, so a failure leaves neither rows nor file behind.
    """
    if claim is not None and claim.article.collection_id != collection.pk:
        raise ValueError(f"claim {claim.pk} is not in collection {collection.slug!r}.")
    digest = hashlib.sha256(data).hexdigest()
    existing = EvidenceDocument.objects.filter(collection=collection, sha256=digest).first()
    if existing is not None:
        if claim is not None:
            existing.claims.add(claim)
            refresh_collection(collection)  # an attached document ranks first for its claim
        return existing, False
    extracted = extract(data, name)
    document = EvidenceDocument(
        collection=collection,
        title=(title or extracted.title or Path(name).name)[:500],
        kind=extracted.kind,
        source_url=source_url,
        sha256=digest,
        size=len(data),
        text=extracted.text,
        language=extracted.language,
        pages=extracted.pages,
        added_by=added_by,
    )
    try:
        with transaction.atomic():
            document.file.save(Path(name).name, ContentFile(data), save=False)
            document.save()
            EvidenceFigure.objects.bulk_create(
                [
                    EvidenceFigure(
                        document=document,
                        position=position,
                        locator=found.locator,
                        surface=found.surface,
                        value=found.value,
                        lower=found.lower,
                        upper=found.upper,
                        qualifier=found.qualifier,
                        unit=found.unit,
                        counted=found.counted,
                        quote=found.quote,
                    )
                    for position, found in enumerate(extracted.figures)
                ],
                batch_size=1000,
            )
            if claim is not None:
                document.claims.add(claim)
    except BaseException:
        if document.file:
            document.file.delete(save=False)
        raise
    # The next step, called here rather than left to a signal: every claim of the collection
    # is matched against the new document now (claims/evidence/suggestions.py).
    refresh_collection(collection)
    return document, True
