"""Aligning a collection's related articles again, as a background job with progress
(`manage.py realign_translations --background`, the collection page's button): a thin
wrapper around `realign_collection`."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django_tasks import task

from articles.models import ArticleRelation, Collection
from claims.alignments.store import realign_relations, relations_changed
from core.jobs import running

# Relations aligned per step (each reads both texts and their figures): progress is noted
# after each step.
CHUNK = 50


def realign_collection(
    collection: Collection | None,
    *,
    force: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Align every relation whose translation is in `collection` (every relation for None)
    that is out of date, or all of them with `force`: (relations read, aligned again)."""
    relations = ArticleRelation.objects.select_related("derived", "original").order_by("pk")
    if collection is not None:
        relations = relations.filter(derived__collection=collection)
    ids = list(relations.values_list("pk", flat=True))
    if on_progress is not None:
        on_progress(0, len(ids))
    aligned = 0
    for start in range(0, len(ids), CHUNK):
        chunk = list(relations.filter(pk__in=ids[start : start + CHUNK]))
        done = realign_relations(chunk, force=force)
        if done:
            relations_changed({a for r in chunk for a in (r.derived_id, r.original_id)})
        aligned += done
        if on_progress is not None:
            on_progress(min(start + CHUNK, len(ids)), len(ids))
    return len(ids), aligned


@task()
def realign_task(job_id: int) -> dict[str, object]:
    """The collection's related articles aligned again, with the job's progress."""
    with running(job_id, step="Aligning related articles") as job:
        collection = job.collection
        if job.params.get("collection") and collection is None:
            raise ValueError("The collection was deleted after the job was started.")
        total, aligned = realign_collection(
            collection,
            force=bool(job.params.get("force")),
            # The first and last step always written; between, at most twice a second.
            on_progress=lambda done, total: job.progress(
                done, total=total, force=done in (0, total)
            ),
        )
        links = []
        if collection is not None:
            links.append(
                {
                    "label": "Open the consistency report",
                    "url": reverse("claims:collection_findings", args=[collection.slug]),
                }
            )
        job.succeed(
            report={
                "relations": total,
                "aligned": aligned,
                "summary": [f"{total:,} related pairs read, {aligned:,} aligned again."],
                "links": links,
            }
        )
        return {"relations": total, "aligned": aligned}
