"""Findings stored per article (claims/consistency/store.py) and the triggers that date them.

Whatever writes (the ORM, a bulk update, raw SQL), the next read gives exactly what a fresh
check gives; a read with nothing changed reads the store.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

import claims.consistency
from articles.models import Article, Collection
from claims.consistency import store as stored_findings
from claims.consistency.records import Kind, finding_key
from claims.consistency.reports import _report, articles_findings
from claims.consistency.store import stored_report
from claims.detection import sentences
from claims.exports import export_claims
from claims.exports.jsonl import export_jsonl
from claims.models import Claim, ClaimLink, Figure, StoredFindings
from claims.tests.consistency.sample import by_surface, load_sample

pytestmark = pytest.mark.django_db

triggers = importlib.import_module("claims.migrations.0010_stored_findings")


def _fresh(ids: set[int]) -> list[tuple[str, str, str]]:
    """What checking from scratch gives: (key, status, message) of each finding."""
    return [
        (s.finding.key, s.status, s.finding.message)
        for s in _report(*articles_findings(ids)).findings
    ]


def _stored(ids: set[int]) -> list[tuple[str, str, str]]:
    return [(s.finding.key, s.status, s.finding.message) for s in stored_report(ids).findings]


def _queries(ids: set[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        stored_report(ids)
    return len(queries)


def _figure(article: Article, surface: str, value: int, counted: str = "accounts") -> Figure:
    start = article.text.index(surface)
    return Figure.objects.create(
        article=article,
        start=start,
        end=start + len(surface),
        surface=surface,
        value=value,
        counted=counted,
    )


def _claim(article: Article, *figures: Figure) -> Claim:
    claim = Claim.objects.create(
        article=article, start=min(f.start for f in figures), end=max(f.end for f in figures)
    )
    claim.figures.add(*figures)
    return claim


@pytest.fixture
def sample(collection: Collection, alice: User) -> Article:
    return load_sample(collection, created_by=alice)


def test_the_triggers_are_installed() -> None:
    """A migration remaking a watched table (SQLite copies tables to alter them) would drop
    its triggers: this names the ones missing."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'claimdesk_findings'"
            )
            found = {row[0] for row in cursor.fetchall()}
            expected = {*triggers.WATCHED, "articles_article"}
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'claimdesk_findings_%'"
            )
            found = {row[0] for row in cursor.fetchall()}
            expected = {
                s.split()[2] for s in triggers.sqlite_triggers() if s.startswith("CREATE TRIGGER")
            }
    assert expected - found == set()


def test_a_second_read_uses_the_store(sample: Article) -> None:
    ids = {sample.pk}
    computing = _queries(ids)
    assert StoredFindings.objects.get(article=sample).computed_version is not None
    reading = _queries(ids)
    assert reading <= 2 < computing
    assert _stored(ids) == _fresh(ids)
    contradiction = finding_key(
        Kind.CONTRADICTION,
        [by_surface(sample)["1.4 million"][0], by_surface(sample)["nearly one million"][0]],
    )
    assert contradiction in {key for key, _, _ in _stored(ids)}


def test_every_kind_of_write_dates_the_store(sample: Article, collection: Collection) -> None:
    ids = {sample.pk}
    ids_of = by_surface(sample)

    def changed() -> None:
        before = StoredFindings.objects.get(article=sample)
        assert before.version != before.computed_version
        assert _stored(ids) == _fresh(ids)
        after = StoredFindings.objects.get(article=sample)
        assert after.computed_version == after.version

    _stored(ids)
    # An ORM save: "1.4 million" becomes 900,000, and the contradiction is gone.
    figure = Figure.objects.get(pk=ids_of["1.4 million"][0])
    figure.value = 900_000
    figure.save()
    changed()
    assert not any(
        key.startswith("contradiction:") and str(figure.pk) in key for key, *_ in _stored(ids)
    )
    # A queryset update (no signals, no save()).
    Figure.objects.filter(pk=figure.pk).update(value=1_400_000)
    changed()
    # Raw SQL.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_figure SET state = 'rejected' WHERE id = %s", [ids_of["67,000"][0]]
        )
    changed()
    # Claims, their figures (the m2m table), links, deletes.
    first, second = (Figure.objects.get(pk=pk) for pk in ids_of["67,000"])
    a, b = _claim(sample, first), Claim.objects.create(article=sample, start=0, end=5)
    changed()
    b.figures.add(second)
    changed()
    ClaimLink.objects.create(from_claim=b, to_claim=a, relation="repeats")
    changed()
    b.delete()
    changed()
    Figure.objects.filter(pk=ids_of["billions"][0]).delete()
    changed()


def test_a_link_into_another_article_follows_its_figures(collection: Collection) -> None:
    """A 'repeats' link to a claim elsewhere is checked against that claim's figures: a
    change there dates this article's findings too."""
    here, _ = Article.objects.import_text(
        collection=collection, text="Officials said 67,000 accounts were closed.", title="Here"
    )
    there, _ = Article.objects.import_text(
        collection=collection, text="Police said 67,000 accounts were closed.", title="There"
    )
    source = _claim(here, _figure(here, "67,000", 67_000))
    far = _figure(there, "67,000", 67_000)
    ClaimLink.objects.create(from_claim=source, to_claim=_claim(there, far), relation="repeats")
    assert _stored({here.pk}) == _fresh({here.pk}) == []
    assert StoredFindings.objects.get(article=here).depends_on == {
        str(there.pk): StoredFindings.objects.get(article=there).version
    }
    Figure.objects.filter(pk=far.pk).update(value=70_000)
    stored = _stored({here.pk})
    assert [key.split(":")[0] for key, *_ in stored] == [Kind.REPEATS_LINK_DIFFERS]
    assert stored == _fresh({here.pk})


def test_a_change_to_the_checks_recomputes(
    sample: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = {sample.pk}
    _stored(ids)
    reading = _queries(ids)
    monkeypatch.setattr(stored_findings, "ENGINE", "a newer version of the checks")
    assert _queries(ids) > reading
    assert StoredFindings.objects.get(article=sample).engine == "a newer version of the checks"


def test_a_change_to_any_module_of_the_checks_changes_the_engine(tmp_path: Path) -> None:
    """`ENGINE` dates stored findings by the code that computed them: it reads every module
    of claims/consistency/ (and the sentence splitter), so editing any one of them, or adding
    one, makes every stored finding out of date."""
    package = Path(claims.consistency.__file__ or "").parent
    modules = {info.name for info in pkgutil.iter_modules([str(package)])}
    assert {"records", "reading", "rules", "reports", "store", "decisions", "views"} <= modules
    sources = stored_findings.ENGINE_SOURCES
    assert {p.stem for p in sources if p.parent == package} == modules | {"__init__"}
    assert Path(sentences.__file__ or "") in sources

    # The translation findings' code (claims/alignments/, issue 18) is part of it too.
    assert {p.name for p in sources} >= {"translations.py", "store.py"}
    copies = []
    for number, source in enumerate(sources):
        # A folder each: claims/alignments/store.py and this package's store.py share a name.
        (tmp_path / str(number)).mkdir()
        copy = tmp_path / str(number) / source.name
        copy.write_bytes(source.read_bytes())
        copies.append(copy)
    assert stored_findings.engine_of(copies) == stored_findings.ENGINE
    engines = {stored_findings.ENGINE}
    for copy in copies:
        original = copy.read_bytes()
        copy.write_bytes(original + b"# one more line\n")
        engines.add(stored_findings.engine_of(copies))
        copy.write_bytes(original)
    assert len(engines) == len(copies) + 1  # each edit gives an engine of its own
    extra = tmp_path / "sums.py"
    extra.write_text("# a new module of the checks\n")
    assert stored_findings.engine_of([*copies, extra]) not in engines


def test_a_change_while_computing_is_not_lost(
    sample: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Versions are read before the figures: a write landing while findings are computed
    leaves them out of date, and the next read recomputes."""
    ids = {sample.pk}
    figure_id = by_surface(sample)["1.4 million"][0]

    def racing(article_ids: set[int]) -> Any:
        found = articles_findings(article_ids)
        Figure.objects.filter(pk=figure_id).update(value=900_000)  # after the figures were read
        return found

    monkeypatch.setattr(stored_findings, "articles_findings", racing)
    stale = _stored(ids)
    monkeypatch.undo()
    row = StoredFindings.objects.get(article=sample)
    assert row.computed_version is not None and row.computed_version < row.version
    assert _stored(ids) == _fresh(ids) != stale


def test_deleting_an_article_deletes_its_row(sample: Article) -> None:
    _stored({sample.pk})
    sample.delete()
    assert not StoredFindings.objects.filter(article_id=sample.pk).exists()


def test_the_export_is_the_same_from_the_store(sample: Article, alice: User) -> None:
    ids = by_surface(sample)
    for pk in ids["1.4 million"] + ids["nearly one million"]:
        _claim(sample, Figure.objects.get(pk=pk))
    StoredFindings.objects.update(computed_version=None)
    computed = "".join(export_jsonl(export_claims()))
    assert '"type":"finding"' in computed
    assert StoredFindings.objects.filter(computed_version__isnull=True).count() == 0
    with CaptureQueriesContext(connection) as stored_queries:
        stored = "".join(export_jsonl(export_claims()))
    assert stored == computed
    StoredFindings.objects.update(computed_version=None)
    with CaptureQueriesContext(connection) as computing_queries:
        "".join(export_jsonl(export_claims()))
    assert len(stored_queries) < len(computing_queries)


def test_an_export_snapshot_stores_first_and_reads_without_storing(sample: Article) -> None:
    """On PostgreSQL the export reads in one long transaction: stored findings are brought up
    to date before it (autocommit), and nothing is written inside it (rows written there would
    stay locked, and every save on those articles would wait)."""
    from claims.consistency.store import refresh_stale, without_storing
    from claims.exports import export_snapshot

    ids = {sample.pk}
    StoredFindings.objects.update(computed_version=None)
    with without_storing():
        assert _stored(ids) == _fresh(ids)  # computed, not written
    assert StoredFindings.objects.get(article=sample).computed_version is None
    assert refresh_stale(ids) == 1 and refresh_stale(ids) == 0
    StoredFindings.objects.update(computed_version=None)
    claims = export_claims()
    _claim(sample, Figure.objects.get(pk=by_surface(sample)["1.4 million"][0]))
    with export_snapshot("jsonl", claims):
        text = "".join(export_jsonl(claims))
    assert '"type":"finding"' in text
    row = StoredFindings.objects.get(article=sample)
    assert row.computed_version == row.version  # stored before (PostgreSQL) or while (SQLite)


def test_the_back_office_lists_stored_findings_and_recomputes_them(
    admin_client: Any, sample: Article
) -> None:
    _stored({sample.pk})
    StoredFindings.objects.update(computed_version=None)
    page = admin_client.get("/admin/claims/storedfindings/").content.decode()
    assert str(sample.pk) in page and 'alt="False"' in page
    response = admin_client.post(
        "/admin/claims/storedfindings/",
        {"action": "recompute", "_selected_action": [sample.pk]},
        follow=True,
    )
    assert "Recomputed the findings of 1 article(s)." in response.content.decode()
    row = StoredFindings.objects.get(article=sample)
    assert row.computed_version == row.version
    assert admin_client.get(f"/admin/claims/storedfindings/{sample.pk}/change/").status_code == 200
    assert admin_client.get("/admin/claims/storedfindings/add/").status_code == 403
