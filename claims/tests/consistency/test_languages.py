"""Issue 16: figures are compared whatever the language they were written in: the counted
noun and the event are read per language (claims/detection/languages) by claims.consistency."""

from __future__ import annotations

from claims.consistency.reading import group_key, normalise_counted, read_figures
from claims.consistency.records import FigureRecord
from claims.consistency.rules import check
from claims.detection import detect_figures


def records(article_id: int, text: str, language: str, first_id: int) -> list[FigureRecord]:
    figures = [
        FigureRecord(
            first_id + n,
            article_id,
            f.start,
            f.end,
            f.surface,
            f.value,
            f.lower,
            f.upper,
            str(f.qualifier),
            f.unit,
            f.counted,
        )
        for n, f in enumerate(detect_figures(text, language))
    ]
    return read_figures(text, figures)


def test_counted_nouns_of_every_language_name_one_thing() -> None:
    assert normalise_counted("cuentas") == normalise_counted("accounts") == "account"
    assert normalise_counted("comptes") == normalise_counted("konten") == "account"
    assert normalise_counted("账号") == "account"
    assert normalise_counted("personas") == normalise_counted("人") == "person"


def test_an_event_is_read_in_each_language() -> None:
    texts = {
        "es": "Más de 100.000 cuentas fueron cerradas.",
        "fr": "Plus de 100 000 comptes ont été fermés.",
        "de": "Mehr als 100.000 Konten wurden gesperrt.",
        "zh": "超过10万个账号被关闭。",
        "en": "More than 100,000 accounts were closed.",
    }
    keys = {
        language: group_key(records(1, text, language, 0)[0]) for language, text in texts.items()
    }
    assert set(keys.values()) == {("", "account", "closed", "", "")}, keys


def test_a_spanish_and_a_german_report_of_one_count_disagree() -> None:
    spanish = records(1, "Unas 67.000 cuentas fueron cerradas.", "es", 0)
    german = records(2, "Rund 90.000 Konten wurden gesperrt.", "de", 10)
    findings = check([*spanish, *german])
    assert any({f.id for f in spanish + german} >= set(finding.figure_ids) for finding in findings)
    assert findings, "two different totals of closed accounts are a finding"
