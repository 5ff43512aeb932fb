"""Issue 16: Chinese, Spanish, French and German read by the shared engine, and English beside them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.detection import DetectedFigure, detect_figures
from claims.detection.evaluation import LANGUAGE_SETS, load_language_passages, score_detector
from claims.detection.languages import CODES, normalise_code, rules_for


def reading(figure: DetectedFigure) -> tuple[object, ...]:
    return (
        figure.surface,
        figure.value,
        figure.lower,
        figure.upper,
        str(figure.qualifier),
        figure.unit,
        figure.counted,
    )


def D(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "de",
            "Mehr als 100.000 Konten wurden gesperrt.",
            ("Mehr als 100.000", "100000", "100000", None, "more_than", "", "konten"),
        ),
        (
            "de",
            "Das kostet 1,4 Millionen Euro.",
            ("1,4 Millionen Euro", "1400000", None, None, "exact", "EUR", ""),
        ),
        (
            "de",
            "Die Preise stiegen um 12,5 Prozent.",
            ("12,5 Prozent", "12.5", None, None, "exact", "percent", ""),
        ),
        (
            "de",
            "Es fehlen 10 Mrd. Euro.",
            ("10 Mrd. Euro", "10000000000", None, None, "exact", "EUR", ""),
        ),
        (
            "de",
            "Dort leben rund 40 000 Menschen.",
            ("rund 40 000", "40000", None, None, "approx", "", "menschen"),
        ),
        (
            "de",
            "Es kamen dreihundertzwanzig Gäste.",
            ("dreihundertzwanzig", "320", None, None, "exact", "", "gäste"),
        ),
        (
            "es",
            "Costó 2.300 millones de dólares.",
            ("2.300 millones de dólares", "2300000000", None, None, "exact", "USD", ""),
        ),
        (
            "es",
            "Hay casi un millón de cuentas.",
            ("casi un millón", "1000000", None, "1000000", "approx_below", "", "cuentas"),
        ),
        (
            "es",
            "Llegaron entre 40 y 50 personas.",
            ("entre 40 y 50", None, "40", "50", "range", "", "personas"),
        ),
        (
            "es",
            "Son menores de 18 años.",
            ("menores de 18 años", "18", None, "18", "less_than", "year", ""),
        ),
        (
            "fr",
            "Il y a près de 1,4 million de comptes.",
            ("près de 1,4 million", "1400000", None, "1400000", "approx_below", "", "comptes"),
        ),
        (
            "fr",
            "Ils ont fermé 100 000 comptes.",
            ("100 000", "100000", None, None, "exact", "", "comptes"),
        ),
        (
            "fr",
            "Le chômage recule de 12,5 %.",
            ("12,5 %", "12.5", None, None, "exact", "percent", ""),
        ),
        (
            "fr",
            "Un coût de 2 milliards d'euros.",
            ("2 milliards d'euros", "2000000000", None, None, "exact", "EUR", ""),
        ),
        (
            "zh",
            "近100万条信息被删除。",
            ("近100万", "1000000", None, "1000000", "approx_below", "", "信息"),
        ),
        ("zh", "投资2.3亿元。", ("2.3亿元", "230000000", None, None, "exact", "CNY", "")),
        ("zh", "处置6.7万个账号。", ("6.7万", "67000", None, None, "exact", "", "账号")),
        ("zh", "清理超过10万条。", ("超过10万", "100000", "100000", None, "more_than", "", "")),
        ("zh", "约30%左右。", ("约30%左右", "30", None, None, "approx", "percent", "")),
        ("zh", "参赛者3至5万人。", ("3至5万", None, "30000", "50000", "range", "", "人")),
        # the adjective of "cerca de", in every gender and with the article after it
        (
            "es",
            "Por un valor cercano a los 900 millones de euros.",
            (
                "cercano a los 900 millones de euros",
                "900000000",
                None,
                "900000000",
                "approx_below",
                "EUR",
                "",
            ),
        ),
        (
            "es",
            "Una subida cercana al 4 %.",
            ("cercana al 4 %", "4", None, "4", "approx_below", "percent", ""),
        ),
        (
            "fr",
            "Un taux proche de 5 %.",
            ("proche de 5 %", "5", None, "5", "approx_below", "percent", ""),
        ),
        # "eine halbe Million" in the dative and genitive
        (
            "de",
            "Ein Auftrag von knapp einer halben Milliarde Euro.",
            (
                "knapp einer halben Milliarde Euro",
                "500000000",
                None,
                "500000000",
                "approx_below",
                "EUR",
                "",
            ),
        ),
        (
            "de",
            "Mit einer halben Million Besuchern.",
            ("einer halben Million", "500000", None, None, "exact", "", "besuchern"),
        ),
    ],
)
def test_it_reads_each_language_as_a_journalist_would(
    language: str, text: str, expected: tuple[object, ...]
) -> None:
    surface, value, lower, upper, qualifier, unit, counted = expected
    figures = detect_figures(text, language)
    assert [reading(f) for f in figures] == [
        (surface, D(value), D(lower), D(upper), qualifier, unit, counted)  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "El 28 de mayo de 2023 se aprobó el artículo 19."),
        ("es", "Juan Pérez, de 45 años, vive en la Calle Mayor 12. Llame al 112."),
        (
            "fr",
            "Le 28 mai 2023, Jean Dupont, 45 ans, a appelé le 112 depuis le 12 rue de la République.",
        ),
        ("de", "Am 28. Mai 2023 belegte der 1. FC Köln den 3. Platz; Notruf 110; § 218."),
        ("zh", "2023年5月28日，第三次会议在双11前召开，请拨打110。"),
    ],
)
def test_dates_ordinals_addresses_ages_and_emergency_numbers_are_not_figures(
    language: str, text: str
) -> None:
    assert detect_figures(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        # "al" and "die" name an emergency number only right before it ("llamar al 112")
        ("es", "El sismo dejó al menos 8 muertos y 112 heridos.", 112),
        ("es", "Al cierre había 8 detenidos y 112 denunciados.", 112),
        ("de", "Die Behörde zählte 3 Tote und 112 Verletzte.", 112),
    ],
)
def test_a_short_word_far_before_an_emergency_number_does_not_make_it_one(
    language: str, text: str, value: int
) -> None:
    assert Decimal(value) in [f.value for f in detect_figures(text, language)]
    assert detect_figures("Hay que llamar al 112.", "es") == []
    assert detect_figures("Bitte wählen Sie die 112.", "de") == []


def test_unicode_digits_are_read_in_every_language() -> None:
    assert [f.value for f in detect_figures("共有１２３名受访者", "zh")] == [Decimal(123)]
    assert [f.value for f in detect_figures("Hay ٣٤٥ personas", "es")] == [Decimal(345)]


def test_a_mixed_text_is_read_paragraph_by_paragraph() -> None:
    text = (
        "Nearly 187,000 people were penalised, the regulator said on Friday.\n\n"
        "Mehr als 100.000 Konten wurden gesperrt, sagte die Polizei am Montag.\n\n"
        "据路透社报道，近140万条信息被删除。"
    )
    surfaces = [(f.surface, f.value) for f in detect_figures(text)]
    assert surfaces == [
        ("Nearly 187,000", Decimal(187000)),
        ("Mehr als 100.000", Decimal(100000)),
        ("近140万", Decimal(1400000)),
    ]
    for figure in detect_figures(text):
        assert text[figure.start : figure.end] == figure.surface


def test_language_codes_are_normalised() -> None:
    assert normalise_code("de-CH") == "de"
    assert normalise_code("zh-Hant") == "zh"
    assert normalise_code("EN") == "en"
    assert normalise_code("it") is None
    assert rules_for("en") is None
    assert {rules_for(code).code for code in CODES if code != "en"} == {"zh", "es", "fr", "de"}  # type: ignore[union-attr]


def test_an_unknown_language_is_read_as_english() -> None:
    assert [f.surface for f in detect_figures("nearly 8,000 people", "it")] == ["nearly 8,000"]


@pytest.mark.parametrize("name", LANGUAGE_SETS)
def test_each_languages_dev_passages_are_found_and_normalised(name: str) -> None:
    passages = load_language_passages(name)
    assert len(passages) >= 40, name
    score = score_detector(passages)
    report = "\n".join([*score.misses, *score.extras, *score.wrong])
    assert score.f1 >= 0.97, report
    assert score.normalisation >= 0.97, report
    assert score.unit_accuracy >= 0.95, report
    assert score.counted_accuracy >= 0.85, report


@pytest.mark.parametrize(
    ("text", "language", "surface", "value"),
    [
        ("Las importaciones crecieron un nueve por ciento.", "es", "nueve por ciento", "9"),
        ("Les ventes ont reculé d'un cinq pour cent.", "fr", "cinq pour cent", "5"),
        ("Der Umsatz stieg um ein sieben Prozent.", "de", "sieben Prozent", "7"),
        ("Llegaron un millón de turistas.", "es", "un millón", "1000000"),
        ("Es kamen eine Million Besucher.", "de", "eine Million", "1000000"),
    ],
)
def test_an_article_before_a_number_word_below_a_hundred_is_not_one(
    text: str, language: str, surface: str, value: str
) -> None:
    [figure] = detect_figures(text, language)
    assert (figure.surface, figure.value) == (surface, Decimal(value))


@pytest.mark.parametrize(
    ("text", "language", "surface", "qualifier"),
    [
        (
            "con un máximo de 15.000 euros por explotación",
            "es",
            "un máximo de 15.000 euros",
            "at_most",
        ),
        ("exige un mínimo de 20 plazas", "es", "un mínimo de 20", "at_least"),
        ("un maximum de 300 euros par foyer", "fr", "un maximum de 300 euros", "at_most"),
        ("cerca de su aforo máximo de 83.186", "es", "83.186", "exact"),
    ],
)
def test_un_maximo_de_is_a_hedge_but_an_adjective_maximo_is_not(
    text: str, language: str, surface: str, qualifier: str
) -> None:
    [figure] = detect_figures(text, language)
    assert (figure.surface, str(figure.qualifier)) == (surface, qualifier)


@pytest.mark.parametrize(
    ("text", "language", "surface", "value"),
    [
        ("dont une vingtaine de milliers de chats", "fr", "une vingtaine de milliers", "20000"),
        ("En Suisse, 1’412’300 doses", "fr", "1’412’300", "1412300"),
        ("ont totalisé 19,8 G$ en 2024", "fr", "19,8 G$", "19800000000"),
        ("un salaire de 50 k$ par an", "fr", "50 k$", "50000"),
        ("etwa 4,8 Mio. Euro und mehr als 1.200 Server", "de", "etwa 4,8 Mio. Euro", "4800000"),
    ],
)
def test_scale_nouns_swiss_groups_quebec_scales_and_und_mehr_als(
    text: str, language: str, surface: str, value: str
) -> None:
    figure = detect_figures(text, language)[0]
    assert (figure.surface, figure.value) == (surface, Decimal(value))


# dev_from_heldout7.json: number words a joiner does not compose, and German "X bis Y"


@pytest.mark.parametrize(
    ("text", "language", "surfaces"),
    [
        ("cubren entre cuatro y cinco días", "es", [("entre cuatro y cinco días", None, "4", "5")]),
        ("entre trois et quatre jours", "fr", [("entre trois et quatre jours", None, "3", "4")]),
        ("tenía treinta y cinco años", "es", [("treinta y cinco años", "35", None, None)]),
        ("soixante et onze maisons", "fr", [("soixante et onze", "71", None, None)]),
        ("las mil y una noches", "es", [("mil y una", "1001", None, None)]),
        ("vier und zwanzig", "de", [("vier und zwanzig", "24", None, None)]),
        (
            "ganaron cuatro y perdieron cinco",
            "es",
            [("cuatro", "4", None, None), ("cinco", "5", None, None)],
        ),
    ],
)
def test_a_joiner_between_two_numbers_that_never_compose_ends_the_number(
    text: str, language: str, surfaces: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    assert [
        (
            f.surface,
            *(
                None if v is None else format(v.normalize(), "f")
                for v in (f.value, f.lower, f.upper)
            ),
        )
        for f in detect_figures(text, language)
    ] == surfaces


@pytest.mark.parametrize(
    ("text", "surface", "lower", "upper"),
    [
        ("reichen für drei bis vier Tage", "drei bis vier Tage", "3", "4"),
        ("stiegen um 3 bis 5 Prozent", "3 bis 5 Prozent", "3", "5"),
        ("von 20 bis 30 Euro", "von 20 bis 30 Euro", "20", "30"),
    ],
)
def test_german_bis_makes_a_range_without_von(
    text: str, surface: str, lower: str, upper: str
) -> None:
    [figure] = detect_figures(text, "de")
    assert (figure.surface, str(figure.qualifier), figure.lower, figure.upper) == (
        surface,
        "range",
        Decimal(lower),
        Decimal(upper),
    )
