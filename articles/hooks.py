"""What happens to newly imported articles after they are stored, which is the claims app's work:
their figures detected (inside the import's transaction) and, after a background import, their
consistency findings stored; and what follows a change of an article's relations (issue 18):
the figure alignment and the findings of both articles computed again.

`articles` imports nothing from `claims`: the claims app registers both steps here in
`ClaimsConfig.ready()` (`register()`), and the importers and the import job call them explicitly
through `detect_figures()` and `store_findings()`. These are plain function calls made where the
import decides to make them, not signals: nothing runs unless an importer asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from articles.models import Article

Detector = Callable[..., object]  # called as detector(articles=[...], created_by=user or None)
FindingsStore = Callable[[Iterable[int]], object]


@dataclass
class _Steps:
    detect: Detector | None = None
    store_findings: FindingsStore | None = None
    relations_changed: FindingsStore | None = None


_steps = _Steps()
_T = TypeVar("_T")


def register(
    *, detect: Detector, store_findings: FindingsStore, relations_changed: FindingsStore
) -> None:
    """Called once by ClaimsConfig.ready()."""
    _steps.detect = detect
    _steps.store_findings = store_findings
    _steps.relations_changed = relations_changed


def _registered(step: _T | None, name: str) -> _T:
    if step is None:
        raise ImproperlyConfigured(
            f"No {name} is registered for imported articles: the claims app registers it in "
            "ClaimsConfig.ready(); is 'claims' in INSTALLED_APPS?"
        )
    return step


def detect_figures(*, articles: Sequence[Article], created_by: User | None = None) -> None:
    """Detect and store the figures of these newly stored articles (claims.services.articles_detect)."""
    if articles:
        _registered(_steps.detect, "figure detection")(articles=articles, created_by=created_by)


def store_findings(article_ids: Iterable[int]) -> None:
    """Store the consistency findings of these articles (claims.consistency.store.refresh_stale)."""
    _registered(_steps.store_findings, "consistency check")(article_ids)


def relations_changed(article_ids: Iterable[int]) -> None:
    """A relation of these articles was made, changed or removed: their stored findings
    and alignments are out of date (claims.alignments.store.relations_changed)."""
    _registered(_steps.relations_changed, "relation step")(article_ids)
