"""Issue 16: source cues in Chinese, Spanish, French and German."""

from __future__ import annotations

import pytest

from claims.detection import detect_attributions, detect_figures
from claims.detection.evaluation import LANGUAGE_SETS, load_language_passages


@pytest.mark.parametrize(
    ("language", "text", "name", "cue"),
    [
        ("zh", "据路透社报道，近140万条信息被删除。", "路透社", "据…报道"),
        ("zh", "国家网信办5月26日表示，处置账号6.7万个。", "国家网信办", "表示"),
        ("zh", "國家統計局數據顯示，10月出口增長3%。", "國家統計局", "顯示"),
        ("es", "Según el INE, el paro bajó un 3,5 %.", "el INE", "según"),
        (
            "es",
            "El paro bajó en 48.755 personas, informó el Ministerio de Trabajo.",
            "el Ministerio de Trabajo",
            "informó",
        ),
        ("fr", "Selon l'Insee, le chômage a reculé de 0,3 point.", "l'Insee", "selon"),
        (
            "fr",
            "Le chômage touche 3 millions de personnes, a indiqué jeudi l'Insee.",
            "l'Insee",
            "a indiqué",
        ),
        ("de", "Laut Destatis schrumpfte die Wirtschaft um 0,3 Prozent.", "Destatis", "laut"),
        (
            "de",
            "Die Inflation lag bei 6,1 Prozent, teilte das Statistische Bundesamt am Mittwoch mit.",
            "das Statistische Bundesamt",
            "teilte … mit",
        ),
        (
            "de",
            "Es kamen 300 Menschen, sagte ein Sprecher der Polizei.",
            "ein Sprecher der Polizei",
            "sagte",
        ),
    ],
)
def test_it_finds_the_source_of_each_languages_figures(
    language: str, text: str, name: str, cue: str
) -> None:
    figures = detect_figures(text, language)
    assert figures
    found = {(a.name, a.cue) for a in detect_attributions(text, figures)}
    assert (name, cue) in found
    for attribution in detect_attributions(text, figures):
        assert text[attribution.start : attribution.end] == attribution.name


@pytest.mark.parametrize("name", LANGUAGE_SETS)
def test_it_finds_most_sources_of_the_dev_passages(name: str) -> None:
    expected = found = 0
    for passage in load_language_passages(name):
        got = {
            (a.name, a.cue)
            for a in detect_attributions(
                passage.text, detect_figures(passage.text, passage.language)
            )
        }
        expected += len(passage.attributions)
        found += sum((a.name, a.cue) in got for a in passage.attributions)
    assert expected >= 30
    assert found / expected >= 0.9, f"{found}/{expected}"
