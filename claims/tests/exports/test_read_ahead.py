"""The JSONL export's read-ahead (claims/exports/common.py: `read_ahead`, `can_read_ahead`): on
SQLite, outside a transaction, each next group of articles is read in a second thread while
the one before is written; the bytes are the same either way."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction

from articles.models import Collection
from claims.exports import export_claims
from claims.exports.common import can_read_ahead, read_ahead
from claims.tests.export_data import TEXT, annotated_article

WORKER = "claimdesk-export-read-ahead"


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == WORKER]


def test_items_come_in_order_from_another_thread() -> None:
    made_in: list[str] = []

    def items() -> Iterator[int]:
        for n in range(5):
            made_in.append(threading.current_thread().name)
            yield n

    assert list(read_ahead(items)) == [0, 1, 2, 3, 4]
    assert made_in == [WORKER] * 5
    assert _workers() == []  # the thread ended with the items


def test_an_error_in_the_thread_is_raised_to_the_reader_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield 1
        raise ValueError("the database went away")

    got: list[int] = []
    with pytest.raises(ValueError, match="the database went away"):
        for item in read_ahead(items):
            got.append(item)
    assert got == [1]
    assert _workers() == []


def test_stopping_early_stops_the_thread_without_reading_everything() -> None:
    made: list[int] = []

    def items() -> Iterator[int]:
        for n in range(1000):
            made.append(n)
            yield n

    reader = read_ahead(items)
    assert next(reader) == 0
    reader.close()
    assert _workers() == []
    assert len(made) <= 3  # the one read, the one waiting, at most one more being made


def test_no_read_ahead_inside_a_transaction(db: None) -> None:
    # A test's transaction (and any export asked for inside atomic) holds a snapshot only its
    # own connection sees: the export reads in turn there.
    assert connection.in_atomic_block
    assert can_read_ahead("default") is False


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_sqlite_reads_ahead_and_writes_the_same_bytes(
    collection: Collection, alice: User, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    from claims.exports import jsonl

    for n in range(4):
        annotated_article(collection, alice, text=f"{TEXT}\n\nUpdate {n}.")
    calls: list[int] = []
    real = jsonl.read_ahead

    def spy(items: Any) -> Any:
        calls.append(1)
        return real(items)

    monkeypatch.setattr(jsonl, "read_ahead", spy)
    ahead = b"".join(jsonl.export_jsonl_bytes(export_claims(), chunk_size=10))
    # Two threads on SQLite: one reads figures and judgements, the other the claims.
    assert calls == ([1, 1] if connection.vendor == "sqlite" else [])
    settings.CLAIMDESK_EXPORT_READ_AHEAD = False
    in_turn = b"".join(jsonl.export_jsonl_bytes(export_claims(), chunk_size=10))
    assert len(calls) == (2 if connection.vendor == "sqlite" else 0)
    assert ahead == in_turn
    assert ahead.count(b'"type":"article"') == 4
    assert _workers() == []
    with transaction.atomic():
        assert can_read_ahead("default") is False


def test_a_read_ahead_inside_another_stops_with_it() -> None:
    # The export reads figures in one thread and claims in another (jsonl.export_jsonl_bytes).
    def numbers() -> Iterator[int]:
        yield from range(1000)

    def doubled() -> Iterator[int]:
        return (2 * n for n in read_ahead(numbers))

    reader = read_ahead(doubled)
    assert [next(reader) for _ in range(3)] == [0, 2, 4]
    reader.close()
    assert _workers() == []
    assert list(read_ahead(doubled))[-1] == 1998
    assert _workers() == []
