"""Who changed a figure or claim, when, and what: the history the workspace shows.

Read from django-simple-history's records in a fixed number of queries whatever the length
of the history: the records, each many-to-many field's rows (a claim's figures and tags),
and the names of the rows foreign keys point at; the changes between consecutive records
are computed here rather than with `diff_against`, which queries per record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from simple_history.utils import get_history_manager_for_model

# Fields every change touches, not worth a line each.
QUIET_FIELDS = {"id", "version", "updated_at", "created_at"}
KINDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(slots=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(slots=True)
class HistoryEntry:
    history_id: int
    when: datetime
    who: str
    kind: str
    reason: str
    version: int | None
    changes: list[Change] = field(default_factory=list)


def _related(field_: models.Field[Any, Any]) -> type[models.Model] | None:
    """The model a relation points at (a class once the app registry is ready: never the
    string "self" it may be declared with), or None for a plain field."""
    related = field_.related_model
    return related if field_.is_relation and isinstance(related, type) else None


def _display(field_: models.Field[Any, Any], value: object, names: Mapping[object, str]) -> str:
    if value is None or value == "":
        return "—"
    if field_.is_relation:
        return names.get(value, f"#{value}")
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        normal = value.normalize()
        return f"{normal:f}"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def history_entries(obj: models.Model, *, limit: int = 30) -> list[HistoryEntry]:
    """The newest `limit` changes of `obj`, newest first, each with the fields it changed."""
    model = type(obj)
    manager = get_history_manager_for_model(obj)  # obj.history
    history_model = manager.model
    # One record more than shown: the oldest shown needs its predecessor to diff against.
    records = list(
        manager.all()
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit + 1]
    )
    tracked = [
        f
        for f in model._meta.concrete_fields
        if f.name not in QUIET_FIELDS
        and f.attname in {t.attname for t in history_model.tracked_fields}
    ]
    # Names for foreign keys: one query per related model.
    wanted: dict[type[models.Model], set[object]] = defaultdict(set)
    for f in tracked:
        related = _related(f)
        if related is not None:
            for record in records:
                value = getattr(record, f.attname)
                if value is not None:
                    wanted[related].add(value)
    # Many-to-many rows of each record (a claim's figures and tags): one query per field.
    m2m: dict[str, dict[int, set[int]]] = {}
    m2m_fields = list(getattr(history_model, "_history_m2m_fields", []))
    for m2m_field in m2m_fields:
        target = m2m_field.m2m_reverse_field_name() + "_id"
        rows_model = getattr(history_model, m2m_field.name).model
        per_record: dict[int, set[int]] = defaultdict(set)
        for history_id, target_id in rows_model.objects.filter(
            history_id__in=[r.history_id for r in records]
        ).values_list("history_id", target):
            per_record[history_id].add(target_id)
            wanted[m2m_field.related_model].add(target_id)
        m2m[m2m_field.name] = per_record
    names: dict[type[models.Model], dict[object, str]] = {
        related: {pk: str(o) for pk, o in related._default_manager.in_bulk(list(ids)).items()}
        for related, ids in wanted.items()
    }

    entries = []
    for index, record in enumerate(records[:limit]):
        before = records[index + 1] if index + 1 < len(records) else None
        user = record.history_user
        entry = HistoryEntry(
            history_id=record.history_id,
            when=record.history_date,
            who=user.get_username() if user is not None else "(system)",
            kind=KINDS.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "",
            version=getattr(record, "version", None),
        )
        if before is not None and record.history_type == "~":
            for f in tracked:
                old, new = getattr(before, f.attname), getattr(record, f.attname)
                if old != new:
                    related = _related(f)
                    lookup = {} if related is None else names.get(related, {})
                    entry.changes.append(
                        Change(
                            str(f.verbose_name), _display(f, old, lookup), _display(f, new, lookup)
                        )
                    )
            for m2m_field in m2m_fields:
                old_set = m2m[m2m_field.name].get(before.history_id, set())
                new_set = m2m[m2m_field.name].get(record.history_id, set())
                if old_set != new_set:
                    lookup = names.get(m2m_field.related_model, {})
                    entry.changes.append(
                        Change(
                            str(m2m_field.verbose_name),
                            ", ".join(sorted(lookup.get(p, f"#{p}") for p in old_set)) or "—",
                            ", ".join(sorted(lookup.get(p, f"#{p}") for p in new_set)) or "—",
                        )
                    )
        entries.append(entry)
    return entries
