"""One stale-edit mechanism (core.locking): versions taken from the database, one message."""

from __future__ import annotations

from django.contrib.auth.models import User

from articles.models import Article
from claims.models import Claim, Figure
from core.locking import bump_versions, changes_between, save_version, stale_message


def test_a_save_from_an_old_copy_does_not_lose_a_concurrent_bump(
    article: Article, carol: User
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    mine = Claim.objects.get(pk=claim.pk)  # read at version 1
    theirs = Claim.objects.get(pk=claim.pk)
    theirs.note = "theirs"
    save_version(theirs, "note")  # version 2, while `mine` still says 1
    mine.attribution = "direct"
    save_version(mine, "attribution")
    assert mine.version == 3
    claim.refresh_from_db()
    assert (claim.version, claim.note, claim.attribution) == (3, "theirs", "direct")
    # Each version has its history record, with the version it was saved at.
    assert sorted(claim.history.values_list("version", flat=True)) == [1, 2, 3]


def test_a_review_from_an_old_copy_does_not_lose_a_concurrent_bump(
    article: Article, carol: User, bob: User
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    stale = Claim.objects.get(pk=claim.pk)
    other = Claim.objects.get(pk=claim.pk)
    other.note = "checked"
    save_version(other, "note")
    stale.approve(by=bob)
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("approved", 3)


def test_bulk_bumps_count_from_the_stored_versions(article: Article) -> None:
    one = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    two = Figure.objects.create(article=article, start=0, end=5, surface=article.text[0:5])
    Figure.objects.filter(pk=two.pk).update(version=7)  # moved on since `two` was read
    bump_versions([one, two])
    assert (one.version, two.version) == (2, 8)
    assert dict(Figure.objects.values_list("pk", "version")) == {one.pk: 2, two.pk: 8}


def test_a_figure_decision_from_an_old_copy_keeps_the_other_bump(article: Article) -> None:
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    stale = Figure.objects.get(pk=figure.pk)
    fresh = Figure.objects.get(pk=figure.pk)
    fresh.counted = "posts"
    save_version(fresh, "counted")
    stale.set_state("confirmed")
    figure.refresh_from_db()
    assert (figure.state, figure.counted, figure.version) == ("confirmed", "posts", 3)


def test_the_one_message_names_who_what_and_each_change() -> None:
    changes = changes_between(
        {"state": "suggested", "value": ""},
        {"state": "rejected", "value": "68,000"},
        {"state": "state", "value": "value"},
    )
    assert changes == ["state: suggested → rejected", "value: (empty) → 68,000"]
    text = stale_message("figure “67,000”", changes, who=["dave"], then="try again")
    assert text == (
        "Not saved: dave changed figure “67,000” after you opened it (state: suggested → "
        "rejected; value: (empty) → 68,000). Your change was not applied; try again."
    )
    # Nothing the page showed differs: the message says what the row reads now.
    assert changes_between({}, {"state": "confirmed"}, {"state": "state"}) == [
        "it now reads state: confirmed"
    ]
