"""Stale edits: one mechanism for the workspace, the back-office and the API.

Every versioned row (figures, claims, articles, collections) carries a `version`. A change
sent with the version it was read at is refused when the row has moved on since, with one
message (`stale_message`) naming who changed what: the workspace compares the values its page
showed (`changes_between`), the back-office and the API read the row's history
(`changes_since`). A change that goes through takes the next version from the database
(`bump_versions`: `F("version") + 1`), never from the copy in memory, so two saves that
race both count.

`articles` uses this too (its admin forms), so it lives in core, not claims.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, QuerySet
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_history_manager_for_model

M = TypeVar("M", bound=models.Model)

REFUSED = "Your change was not applied"


def stale_message(
    what: str, changes: Sequence[str], *, who: Sequence[str] = (), refused: str = REFUSED, then: str
) -> str:
    """Why a change was refused: `what` ("this claim", "figure “8,000”") was changed by
    `who` (or "someone else") after the change's author read it, with each field's
    `label: old → new` in `changes`; `then` says what to do next."""
    by = ", ".join(who) or "someone else"
    detail = f" ({'; '.join(changes)})" if changes else ""
    return f"Not saved: {by} changed {what} after you opened it{detail}. {refused}; {then}."


def _short(value: object) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def changes_between(
    seen: Mapping[str, str], now: Mapping[str, str], labels: Mapping[str, str]
) -> list[str]:
    """`label: old → new` for each field whose shown value (`seen`) differs from `now`; where
    none does (the page did not say what it showed), what the row reads now."""
    changes = [
        f"{label}: {_short(seen[name])} → {_short(now.get(name))}"
        for name, label in labels.items()
        if name in seen and seen[name] != now.get(name)
    ]
    if changes or not now:
        return changes
    return ["it now reads " + ", ".join(f"{labels[n]}: {now[n]}" for n in labels if now.get(n))]


def changes_since(obj: models.Model, seen_version: int | None) -> tuple[list[str], list[str]]:
    """What changed in `obj` since the version `seen_version`, and who changed it.

    Read from the object's history (django-simple-history): the newest record still at
    `seen_version` against the newest record now. Fields are named with old → new values.
    """
    manager = get_history_manager_for_model(obj)  # obj.history
    history = manager.all().select_related("history_user").order_by("-history_date")
    records = list(history[:50])
    if not records:
        return [], []
    seen = next((r for r in records if r.version == seen_version), None)
    newest = records[0]
    who = sorted(
        {
            r.history_user.get_username()
            for r in records
            if r.history_user is not None and (seen is None or r.history_date > seen.history_date)
        }
    )
    if seen is None or seen.pk == newest.pk:
        return [], who
    delta = newest.diff_against(seen, excluded_fields=["version", "updated_at"])
    changes = []
    for change in delta.changes:
        field = type(obj)._meta.get_field(change.field)  # a tracked field: never a reverse relation
        label = str(field.verbose_name if isinstance(field, models.Field) else field.name)
        if isinstance(change.new, list):
            changes.append(f"{label} changed")
        else:
            changes.append(f"{label}: {_short(change.old)} → {_short(change.new)}")
    return changes, who


def bump_versions(objs: Sequence[models.Model]) -> None:
    """Give each of `objs` its next version: one UPDATE with `F("version") + 1` (the row lock
    it takes holds to the end of the transaction), then the new versions read back onto the
    instances for the save that follows (and its history record)."""
    if not objs:
        return
    manager = type(objs[0])._default_manager
    pks = [obj.pk for obj in objs]
    manager.filter(pk__in=pks).update(version=F("version") + 1)
    versions = dict(manager.filter(pk__in=pks).values_list("pk", "version"))
    for obj in objs:
        # django-stubs' Model has no `version`; every versioned model declares its own.
        obj.version = versions[obj.pk]  # type: ignore[attr-defined]


def lock_new_versions(rows: QuerySet[M]) -> list[M]:
    """`rows` locked (in primary-key order, so two bulk changes never deadlock) and given
    their next versions, for the bulk update that follows in the caller's transaction."""
    locked = list(rows.select_for_update().order_by("pk"))
    bump_versions(locked)
    return locked


def bump_version(obj: models.Model) -> None:
    """`bump_versions` of one row (inside the caller's transaction: see save_version)."""
    bump_versions([obj])


@transaction.atomic
def save_version(obj: models.Model, *fields: str) -> None:
    """Save `fields` of `obj` as its next version, in one transaction with the bump."""
    bump_version(obj)
    obj.save(update_fields=[*fields, "version", "updated_at"])


class VersionCheckedForm(forms.ModelForm):
    """A back-office form that remembers the version it showed and refuses a stale save.

    The hidden `seen_version` is compared, under a row lock, with the row's version when the
    form is posted; if someone saved in between the error names who and what changed. A
    revert from the history page starts from the current version, not the old one's.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reverting = False
    # The version checked (and locked) by clean(), for an inline's save to follow.
    current_version: int | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        self.fields["seen_version"].initial = (
            self._version_now() if self.reverting else self.instance.version
        )
        historic = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if historic is not None:
            # Reverting: the many-to-many fields as they were, not as they are now.
            for field in historic._history_m2m_fields:
                if field.name in self.fields:
                    self.initial[field.name] = [
                        getattr(row, field.m2m_reverse_field_name() + "_id")
                        for row in getattr(historic, field.name).all()
                    ]

    def _version_now(self, lock: bool = False) -> int | None:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if self.instance.pk is None:
            return data
        changed = [name for name in self.changed_data if name != "seen_version"]
        if not changed and not self.reverting:
            return data  # nothing of this row is saved (an untouched inline row)
        current = self.current_version = self._version_now(lock=True)
        seen = data.get("seen_version")
        if seen != current:
            changes, who = changes_since(self.instance, seen)
            raise ValidationError(
                stale_message(
                    f"this {self.instance._meta.verbose_name}",
                    changes or [f"version {seen} → {current}"],
                    who=who,
                    then="reload the page to see the current version, then make your change again",
                ),
                code="stale",
            )
        return data
