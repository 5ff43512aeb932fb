"""claims.translations.compare_texts: the alignment of a translation with its original and
what changed, on passages written for these tests (not the benchmark corpus)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.detection import detect_figures
from claims.translations import Change, compare_texts, written_numbers


def only_change(original: str, translation: str, language: str) -> Change:
    """The one change reported between ``original`` and ``translation``."""
    [change] = compare_texts(original, translation, original_language=language).changes
    return change


def kinds(original: str, translation: str, language: str | None = None) -> list[str]:
    return [
        c.kind for c in compare_texts(original, translation, original_language=language).changes
    ]


def test_it_aligns_scale_words_of_every_language_with_english():
    result = compare_texts(
        "通报称，共处置账号14.6万个，删除信息近140万条。",
        "The notice said 146,000 accounts were closed and nearly 1.4 million posts deleted.",
        original_language="zh",
    )
    pairs = [(p.original.surface, p.translation.surface) for p in result.alignment]  # type: ignore[union-attr]
    assert pairs == [("14.6万", "146,000"), ("近140万", "nearly 1.4 million")]
    assert result.changes == []
    assert result.alignment[0].explanation == (
        "aligned by value 146,000 and 'account', paragraph 1 to paragraph 1"
    )


def test_it_reads_french_spaces_and_german_periods_as_groups():
    assert (
        kinds(
            "Il y a 146\u202f000 abonnés et 0,146 million de clients.",
            "There are 146,000 subscribers and 0.146 million customers.",
            "fr",
        )
        == []
    )
    assert kinds("Es gibt 146.000 Abonnenten.", "There are 146,000 subscribers.", "de") == []


def test_it_flags_a_scale_slip_with_the_power_of_ten():
    result = compare_texts(
        "今年高校毕业生预计达1179万人，同比增加21万人。",
        "Graduates are expected to reach 11.79 million, up 21,000 on last year.",
    )
    assert result.original_language == "zh"
    [change] = result.changes
    assert change.kind == "scale"
    assert (change.original.surface, change.translation.surface) == ("21万", "21,000")  # type: ignore[union-attr]
    assert "10^1" in change.explanation


def test_it_flags_a_changed_value():
    change = only_change(
        "El salario medio fue de 1.441 euros.", "The average wage was 1,414 euros.", "es"
    )
    assert change.kind == "value"
    assert change.original is not None and change.original.surface == "1.441 euros"
    assert change.original.start == "El salario medio fue de ".__len__()


def test_it_flags_a_hedge_moved_to_another_group_but_not_an_equivalent_one():
    assert kinds("Près de 12 millions de spectateurs.", "Nearly 12 million spectators.", "fr") == []
    assert kinds("Environ 12 millions de spectateurs.", "Nearly 12 million spectators.", "fr") == [
        "hedge"
    ]
    assert kinds("Plus de 142\u202f000 demandes.", "142,000 applications.", "fr") == ["hedge"]


def test_a_hedged_original_may_be_rounded_but_an_unhedged_one_may_not():
    assert kinds("查处车辆近14.6万辆。", "Nearly 150,000 vehicles were seized.", "zh") == []
    assert kinds("查处车辆14.6万辆。", "150,000 vehicles were seized.", "zh") == ["value"]


def test_it_flags_a_range_collapsed_into_one_number():
    assert kinds(
        "La participation sera entre 65 % et 69 %.", "Turnout will be around 67%.", "fr"
    ) == ["range"]
    assert kinds(
        "Die Armee soll um 20.000 bis 25.000 Soldaten wachsen.",
        "The army is to grow by 25,000 soldiers.",
        "de",
    ) == ["range"]


def test_it_flags_missing_and_added_figures():
    result = compare_texts(
        "Es gab 312 Festnahmen und 1.057 Diebstähle.",
        "There were 312 arrests, costing 5 million euros.",
        original_language="de",
    )
    assert sorted(c.kind for c in result.changes) == ["added", "missing"]
    missing = next(c for c in result.changes if c.kind == "missing")
    assert missing.original is not None and missing.original.surface == "1.057"
    assert missing.translation is None
    assert [(p.original is None, p.translation is None) for p in result.alignment] == [
        (False, False),
        (False, True),
        (True, False),
    ]


def test_a_number_the_other_side_writes_but_not_as_a_figure_is_not_added():
    # "hasta 2026" is a year in Spanish; "up to 2026" reads as a figure in English.
    assert (
        kinds(
            "El plan movilizará unos 2.980 millones de euros hasta 2026.",
            "The plan will mobilise about 3 billion euros up to 2026.",
            "es",
        )
        == []
    )
    assert Decimal(7) in written_numbers("sur sept ans", "fr")


def test_it_flags_a_changed_event_as_a_weaker_signal():
    change = only_change(
        "Air France a annulé environ 1\u00a0500 vols.",
        "Air France delayed about 1,500 flights.",
        "fr",
    )
    assert (change.kind, change.weak) == ("event", True)
    assert "cancelled" in change.explanation and "delayed" in change.explanation
    # 处置 (dealt with) rendered "closed" is faithful
    assert kinds("处置账号6.7万个。", "67,000 accounts were closed.", "zh") == []


def test_it_aligns_by_position_across_paragraphs():
    result = compare_texts(
        "Es gab 100 Unfälle.\n\nEs gab 100 Tote.",
        "There were 100 accidents.\n\nThere were 100 deaths.",
        original_language="de",
    )
    assert result.changes == []
    assert [p.explanation.rsplit(", ", 1)[-1] for p in result.alignment] == [
        "paragraph 1 to paragraph 1",
        "paragraph 2 to paragraph 2",
    ]


def test_it_serialises_to_json_types():
    data = compare_texts("Rund 1,4 Millionen Rentner.", "Around 1.4 million pensioners.").as_dict()
    assert data["original_language"] == "de"
    alignment = data["alignment"]
    assert isinstance(alignment, list)
    assert alignment[0]["original"] == {
        "start": 0,
        "end": 18,
        "surface": "Rund 1,4 Millionen",
    }
    assert data["changes"] == []


def test_empty_texts_give_an_empty_result():
    result = compare_texts("", "")
    assert (result.alignment, result.changes) == ([], [])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from("0123456789.,  \u202f万亿%-至近约 millionbisentre y€$\n"),
        max_size=80,
    ),
    st.text(max_size=80),
    st.sampled_from([None, "zh", "es", "fr", "de", "en", "xx"]),
)
def test_any_two_strings_give_a_result(original: str, translation: str, language: str | None):
    result = compare_texts(original, translation, original_language=language)
    for pair in result.alignment:
        for figure, text in ((pair.original, original), (pair.translation, translation)):
            if figure is not None:
                assert text[figure.start : figure.end] == figure.surface
    for change in result.changes:
        assert change.kind in {
            "value",
            "scale",
            "hedge",
            "range",
            "missing",
            "added",
            "noun",
            "event",
        }
        assert change.explanation


def long_pair(count: int) -> tuple[list[str], list[str]]:
    originals = [f"Im Bezirk {i} gab es {i + 1}.{i % 10}00 Unfälle." for i in range(count)]
    translations = [f"District {i} had {i + 1},{i % 10}00 accidents." for i in range(count)]
    return originals, translations


def test_a_long_text_is_aligned_paragraph_by_paragraph():
    originals, translations = long_pair(260)  # past WINDOW figures a side
    translations[100] = translations[100].replace("101,000", "101,000,000")
    result = compare_texts(
        "\n\n".join(originals), "\n\n".join(translations), original_language="de"
    )
    assert sum(1 for p in result.alignment if p.original and p.translation) == 260
    [change] = result.changes
    assert change.kind == "scale"
    assert change.original is not None and change.original.surface == "101.000"


def test_a_long_text_with_a_paragraph_left_out_is_aligned_between_anchors():
    originals, translations = long_pair(260)
    del translations[150]  # the paragraphs no longer correspond one to one
    result = compare_texts(
        "\n\n".join(originals), "\n\n".join(translations), original_language="de"
    )
    # both figures of the paragraph left out ("Bezirk 150", "151.000"); every other district
    # number is written in the translation, though English does not read "District 11" as a figure
    assert [(c.kind, c.original.surface) for c in result.changes if c.original] == [
        ("missing", "150"),
        ("missing", "151.000"),
    ]
    assert len(result.changes) == 2


def test_a_counted_noun_of_another_class_is_a_noun_change_but_a_broader_one_is_not():
    # the lexicon knows hypermarchés (a store) and warehouses in their languages
    change = only_change(
        "Carrefour va fermer 26 hypermarchés.", "Carrefour will close 26 warehouses.", "fr"
    )
    assert (change.kind, change.weak) == ("noun", True)
    assert "store" in change.explanation and "warehouse" in change.explanation
    assert (
        kinds("Carrefour va fermer 26 hypermarchés.", "Carrefour will close 26 stores.", "fr") == []
    )
    # "vehicles" names no class: a translation that generalises is not flagged
    assert kinds("Se vendieron 950.000 coches.", "950,000 vehicles were sold.", "es") == []
    assert kinds("Se vendieron 950.000 coches.", "950,000 trucks were sold.", "es") == ["noun"]


def test_an_event_is_read_in_every_language_and_only_in_the_figures_clause():
    assert kinds(
        "Die Lufthansa strich rund 1.000 Flüge.", "Lufthansa delayed around 1,000 flights.", "de"
    ) == ["event"]
    assert kinds("警方抓获犯罪嫌疑人1.2万名。", "Police released 12,000 suspects.", "zh") == [
        "event"
    ]
    assert kinds("警方抓获犯罪嫌疑人1.2万名。", "Police arrested 12,000 suspects.", "zh") == []
    # "ums Leben" belongs to the first figure's clause, "verletzt" to the second's
    assert (
        kinds(
            "Im Straßenverkehr kamen 2.839 Menschen ums Leben, rund 366.000 wurden verletzt.",
            "A total of 2,839 people were killed on the roads, and around 366,000 were injured.",
            "de",
        )
        == []
    )


def test_a_range_in_cents_collapsed_into_one_number_is_a_range_change():
    change = only_change(
        "Der Preis dürfte zwischen 10 und 12 Cent pro Kilowattstunde liegen.",
        "The price is expected to be 12 cents per kilowatt hour.",
        "de",
    )
    assert change.kind == "range"
    assert change.translation is not None and change.translation.surface == "12 cents"


def test_chinese_tenths_and_mixed_scales_are_read_as_one_figure():
    # 两成 is 20%; 1萬2千 is 12,000 (not 10,000 and 2,000)
    assert kinds("青年失业率超过两成。", "Youth unemployment was more than 20%.", "zh") == []
    assert kinds("青年失业率超过两成。", "Youth unemployment was about 20%.", "zh") == ["hedge"]
    assert kinds("共有約1萬2千名選手參賽。", "About 12,000 athletes took part.", "zh") == []
    assert kinds("共有約1萬2千名選手參賽。", "About 10,000 athletes took part.", "zh") == ["value"]


def test_a_range_whose_numbers_the_other_side_gives_apart_is_two_figures():
    # "by 34,000 to 2.6 million" is read as a range in English; the original gives a change
    # and the level it reaches, and so does "de 62 à 64 ans" beside "from 62 to 64"
    result = compare_texts(
        "Die Zahl der Arbeitslosen stieg um 34.000 auf 2,6 Millionen.",
        "The number of unemployed rose by 34,000 to 2.6 million.",
        original_language="de",
    )
    assert result.changes == []
    assert [(p.original.surface, p.translation.surface) for p in result.alignment] == [  # type: ignore[union-attr]
        ("34.000", "34,000"),
        ("2,6 Millionen", "2.6 million"),
    ]
    assert (
        kinds(
            "La réforme repousse l'âge de 62 à 64 ans.",
            "The reform raises the age from 62 to 64.",
            "fr",
        )
        == []
    )
    # a range the other side gives as one number is still a collapsed range
    assert kinds("Il y aura entre 230 et 260 sièges.", "There will be 260 seats.", "fr") == [
        "range"
    ]


def test_a_german_separable_verb_is_read_around_the_figure():
    assert kinds(
        "Die Polizei nahm bei der Razzia 27 Verdächtige fest.",
        "Police released 27 suspects during the raid.",
        "de",
    ) == ["event"]
    assert (
        kinds(
            "Die Polizei nahm bei der Razzia 27 Verdächtige fest.",
            "Police arrested 27 suspects during the raid.",
            "de",
        )
        == []
    )


def test_a_word_of_two_meanings_names_no_class():
    # "posts" may be jobs ("teaching posts"), not social media posts
    assert (
        kinds(
            "Le ministère supprimera 2\u00a0500 postes d'enseignants.",
            "The ministry will cut 2,500 teaching posts.",
            "fr",
        )
        == []
    )


def test_tenths_written_in_words_are_not_missing():
    assert (
        kinds(
            "La tasa se situó en el 3,5 %, dos décimas más.",
            "The rate stood at 3.5%, two tenths of a point higher.",
            "es",
        )
        == []
    )
    assert Decimal("0.2") in written_numbers("two tenths of a point", "en")


def test_an_ambiguous_word_before_a_figure_may_be_read_either_way():
    # "hasta" right after a change is the level reached ("to"), not "up to" ...
    assert (
        kinds(
            "Las importaciones crecieron un 3,1 % hasta los 424.000 millones de euros.",
            "Imports grew 3.1% to 424 billion euros.",
            "es",
        )
        == []
    )
    # ... but it is "up to" on its own
    assert kinds(
        "Hasta 40.000 personas esperan una operación.",
        "More than 40,000 people are waiting for an operation.",
        "es",
    ) == ["hedge"]
    # "over six months" may be "more than six months"
    assert (
        kinds("Esperan desde hace más de seis meses.", "They have waited over six months.", "es")
        == []
    )


def test_over_as_a_particle_is_not_a_hedge():
    assert (
        kinds(
            "Der Online-Handel setzte 79,7 Milliarden Euro um.",
            "Online retail turned over 79.7 billion euros.",
            "de",
        )
        == []
    )


def test_a_percentage_ten_times_another_is_a_changed_value_not_a_scale_slip():
    assert kinds("对东盟进出口增长0.4%。", "Trade with ASEAN grew 4%.", "zh") == ["value"]


def test_yuan_alone_may_be_rendered_in_new_taiwan_dollars():
    assert kinds("歲入2兆7,224億元。", "Revenue of NT$2.7224 trillion.", "zh") == []
    assert kinds("歲入2兆7,224億元。", "Revenue of NT$272.24 billion.", "zh") == ["scale"]


def test_a_fall_rendered_as_a_rise_is_an_event_change():
    change = only_change(
        "Le trafic a atteint 14,8 millions de passagers, soit 0,3\u00a0% de moins qu'en 2019.",
        "Traffic reached 14.8 million passengers, up 0.3% on 2019.",
        "fr",
    )
    assert (change.kind, change.weak) == ("event", True)
    assert "fell in the original, rose in the translation" in change.explanation
    assert kinds("El Santander ganó un 15 % más.", "Santander earned 15% more.", "es") == []
    # "more than" and "más de" are hedges, not a direction
    assert kinds("Subió más de un 5 %.", "It rose more than 5%.", "es") == []


def test_directions_are_read_in_every_tense_and_as_separable_verbs():
    assert kinds(
        "Las importaciones se redujeron en 4,5 millones de toneladas.",
        "Imports rose by 4.5 million tonnes.",
        "es",
    ) == ["event"]
    assert kinds(
        "Die Importe gingen um 19 Prozent zurück.", "Imports rose by 19 percent.", "de"
    ) == ["event"]
    assert kinds("Die Importe gingen um 19 Prozent zurück.", "Imports fell 19 percent.", "de") == []
    # "hasta" after a verb of change is where the figure arrives, not "up to"
    assert (
        kinds(
            "España elevará el gasto en defensa hasta el 2 % del PIB.",
            "Spain will raise defence spending to 2% of GDP.",
            "es",
        )
        == []
    )


def test_a_verb_of_passing_a_mark_may_be_read_as_a_hedge_or_not():
    assert (
        kinds("运量可望突破7,500萬人次。", "Ridership is expected to exceed 75 million.", "zh")
        == []
    )
    assert kinds("装机容量突破14.5亿千瓦。", "Capacity passed 1.45 billion kilowatts.", "zh") == []
    assert kinds(
        "运量可望突破7,500萬人次。", "Ridership is expected to be about 75 million.", "zh"
    ) == ["hedge"]


def test_hiring_rendered_as_cutting_is_an_event_change_but_cancelled_as_cut_is_not():
    assert kinds(
        "Le ministère va recruter 3\u202f000 enseignants.",
        "The ministry will cut 3,000 teachers.",
        "fr",
    ) == ["event"]
    assert kinds(
        "Der Konzern streicht 3.500 Stellen.", "The group is creating 3,500 jobs.", "de"
    ) == ["event"]
    assert kinds("Die Lufthansa strich 1.000 Flüge.", "Lufthansa cut 1,000 flights.", "de") == []


def test_fewer_than_after_a_figure_is_a_direction_and_before_one_a_hedge():
    assert kinds("毕业生比去年增加8万人。", "Graduates are 80,000 fewer than last year.", "zh") == [
        "event"
    ]
    assert kinds("毕业生比去年增加8万人。", "Graduates rose by 80,000 on last year.", "zh") == []


_WORDS = [
    "3",
    "1.000",
    "2,5",
    "34,000",
    "12",
    "万",
    "成",
    "两",
    "千万",
    "1萬2千",
    "%",
    "€",
    "millones",
    "Milliarden",
    "billion",
    "to",
    "bis",
    "auf",
    "um",
    "by",
    "hasta",
    "over",
    "more",
    "than",
    "fewer",
    "nahm",
    "fest",
    "gingen",
    "zurück",
    "突破",
    "exceed",
    "增加",
    "减少",
    "strich",
    "delayed",
    "arrested",
    "released",
    "Filialen",
    "warehouses",
    "cents",
    "Cent",
    "de",
    "à",
    "entre",
    "et",
    "tenths",
    "of",
    "a",
    "point",
    ",",
    "，",
    ".",
    "。",
    "\n\n",
    "十年前",
    "約有",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join),
    st.sampled_from([None, "zh", "es", "fr", "de"]),
)
def test_any_mix_of_the_words_it_reads_gives_a_result(
    original: str, translation: str, language: str | None
):
    result = compare_texts(original, translation, original_language=language)
    for change in result.changes:
        for figure, text in ((change.original, original), (change.translation, translation)):
            if figure is not None:
                assert text[figure.start : figure.end] == figure.surface
        assert change.explanation


def test_british_spellings_of_mass_units_are_units():
    result = compare_texts(
        "Die Ermittler stellten 3 Kilogramm Heroin sicher.",
        "Investigators seized 3 kilogrammes of heroin.",
        original_language="de",
    )
    [pair] = result.alignment
    assert pair.translation is not None and pair.translation.unit == "kg"
    assert "3 kg" in pair.explanation


def test_media_outlets_are_not_stores() -> None:
    # "outlet" also names a news organisation: it names no one class, so no noun change.
    result = compare_texts(
        "网信部门关闭仿冒新闻主播和新闻媒体的账号超过10万个。",
        "Chinese regulators recently closed the accounts of more than 100,000 news anchors and"
        " media outlets.",
        original_language="zh",
        translation_language="en",
    )
    assert [c.kind for c in result.changes] == []


def test_evacuated_rendered_as_injured_is_an_event_change():
    # heldout-zh-06, once blind, now dev: 疏散 (evacuated) had no event class
    change = only_change(
        "森林火灾过火面积约3200公顷，已疏散群众1.1万人。",
        "The forest fire burned about 3,200 hectares and 11,000 people were injured.",
        "zh",
    )
    assert (change.kind, change.weak) == ("event", True)
    assert "evacuated" in change.explanation and "injured" in change.explanation
    assert (
        kinds(
            "森林火灾过火面积约3200公顷，已疏散群众1.1万人。",
            "The forest fire burned about 3,200 hectares and 11,000 people were evacuated.",
            "zh",
        )
        == []
    )
    assert kinds(
        "Unas 4.000 personas fueron evacuadas.", "About 4,000 people were injured.", "es"
    ) == ["event"]
    assert (
        kinds("Rund 4.000 Menschen wurden evakuiert.", "Around 4,000 people were evacuated.", "de")
        == []
    )


# ---- dev batch 9 (first run 0.95 / 0.20): the general causes of its misses and alarms ----


def test_zero_holding_an_empty_place_in_a_han_numeral_is_read():
    # 零 after a scale character is a placeholder (一万零八百 = 10,800), not a digit
    assert kinds("全年共发放补贴一万零五百元。", "Subsidies of 10,500 yuan were paid.", "zh") == []
    assert kinds("共有三千零五十人报名。", "3,050 people signed up.", "zh") == []
    assert kinds("共有三千零五十人报名。", "3,500 people signed up.", "zh") == ["value"]
    # 〇 in a year is still a year's digit, not a number
    assert kinds("二〇二四年共发放补贴一万零五百元。", "In 2024, 10,500 yuan was paid.", "zh") == []


def test_a_hedge_between_a_number_and_its_scale_word_keeps_the_scale():
    # 餘 (Traditional 余) and Han numerals: 1,200餘萬, 三千多万
    assert (
        kinds("今年補助增加1,200餘萬元。", "Subsidies rose by more than 12 million yuan.", "zh")
        == []
    )
    assert (
        kinds("全市常住人口三千多万人。", "The city has more than 30 million residents.", "zh")
        == []
    )
    assert kinds("全市常住人口三千多万人。", "The city has 30 million residents.", "zh") == [
        "hedge"
    ]


def test_one_tenth_written_with_cheng_is_ten_percent():
    assert kinds("销量同比下降一成。", "Sales fell 10% year on year.", "zh") == []
    assert kinds("销量同比下降一成。", "Sales fell 1% year on year.", "zh") == ["value"]
    # 成 beginning a word (成员) is no tenths
    assert compare_texts("一成员称", "a member said", original_language="zh").alignment == []


def test_a_range_of_han_numerals_is_one_range_with_its_hedge():
    result = compare_texts(
        "预计到场观众约三万至三万五千人。",
        "About 35,000 spectators are expected.",
        original_language="zh",
    )
    [change] = result.changes
    assert change.kind == "range"
    assert change.original is not None and change.original.surface == "约三万至三万五千"
    assert (
        kinds(
            "预计到场观众约三万至三万五千人。",
            "About 30,000 to 35,000 spectators are expected.",
            "zh",
        )
        == []
    )


def test_number_words_of_every_language_past_twenty_five():
    assert (
        kinds("Resultaron heridas veintisiete personas.", "Twenty-seven people were hurt.", "es")
        == []
    )
    assert kinds("Se ofrecen seiscientas plazas.", "Six hundred places are on offer.", "es") == []
    assert kinds("On compte septante-deux blessés.", "There are 72 injured.", "fr") == []
    assert kinds("On a recensé nonante morts.", "Ninety deaths were recorded.", "fr") == []  # Swiss


def test_a_range_in_cents_reads_both_bounds_in_cents():
    # the English detector divided the second bound by 100 and not the first
    assert (
        kinds(
            "Der Liter Diesel kostet zwischen 168 und 175 Cent.",
            "A litre of diesel costs between 168 and 175 cents.",
            "de",
        )
        == []
    )
    assert kinds(
        "Der Liter Diesel kostet zwischen 168 und 175 Cent.",
        "A litre of diesel costs 175 cents.",
        "de",
    ) == ["range"]


def test_german_dative_plurals_name_their_noun_class():
    # "in 300 Märkten", "mit 40 Flügen": the plural's -n dative
    assert kinds("Die Kette betreibt 300 Märkte.", "The chain runs 300 warehouses.", "de") == [
        "noun"
    ]
    assert kinds(
        "Die Kette ist mit 300 Märkten vertreten.",
        "The chain is present with 300 warehouses.",
        "de",
    ) == ["noun"]
    assert (
        kinds("Die Kette ist mit 300 Märkten vertreten.", "The chain has 300 stores.", "de") == []
    )


def test_a_german_separable_verb_of_cancelling_is_cancelled():
    # "fielen … aus" (ausfallen): cancelled, not fell
    assert kinds("Am Montag fielen 420 Züge aus.", "On Monday 420 trains were delayed.", "de") == [
        "event"
    ]
    assert (
        kinds("Am Montag fielen 420 Züge aus.", "On Monday 420 trains were cancelled.", "de") == []
    )


# ---- general weaknesses found by reading the code (no corpus pair prompted them) ----


def test_hedges_of_every_group_in_every_language():
    faithful = [
        ("zh", "备转容量率约为8%。", "The reserve margin is about 8%."),
        (
            "zh",
            "該省約佔全國產量的30%。",
            "The province accounts for about 30% of national output.",
        ),
        ("zh", "全年客流量超1亿人次。", "There were more than 100 million passenger trips."),
        ("zh", "失业率低于5%。", "Unemployment is below 5%."),
        ("zh", "參與人數30萬上下。", "About 300,000 took part."),
        ("zh", "平均每戶少於3人。", "Households average fewer than 3 people."),
        ("zh", "投资不少于20亿元。", "Investment of at least 2 billion yuan."),
        ("es", "Afecta a por lo menos 300.000 personas.", "It affects at least 300,000 people."),
        ("es", "La inflación fue superior al 3 %.", "Inflation was above 3%."),
        ("es", "Costará del orden de 2.000 millones.", "It will cost around 2 billion."),
        ("es", "Costará como mucho 2.000 millones.", "It will cost at most 2 billion."),
        ("es", "El déficit rondará los 40.000 millones.", "The deficit will be around 40 billion."),
        ("fr", "Pas moins de 3 000 personnes ont défilé.", "No fewer than 3,000 people marched."),
        ("fr", "Pas plus de 50 personnes.", "No more than 50 people."),
        ("fr", "Un coût de l'ordre de 2 milliards.", "A cost of around 2 billion."),
        ("fr", "Aux alentours de 400 000 visiteurs.", "Around 400,000 visitors."),
        ("fr", "Un taux supérieur à 5 %.", "A rate above 5%."),
        ("fr", "Pas loin de 2 millions de spectateurs.", "Nearly 2 million spectators."),
        ("de", "Nicht weniger als 3.000 Menschen.", "No fewer than 3,000 people."),
        ("de", "Nicht mehr als 50 Personen.", "No more than 50 people."),
        ("de", "Schätzungsweise 3.000 Menschen.", "An estimated 3,000 people."),
        ("de", "Rd. 3.000 Menschen.", "About 3,000 people."),
        ("de", "Annähernd 3.000 Menschen.", "Nearly 3,000 people."),
        ("de", "Annähernd 3.000 Menschen.", "Approximately 3,000 people."),
    ]
    for language, original, translation in faithful:
        assert kinds(original, translation, language) == [], (original, translation)
    # the longer hedge wins over the one inside it: "pas moins de" is at least, not less than
    assert kinds("Pas moins de 3 000 personnes.", "Fewer than 3,000 people.", "fr") == ["hedge"]
    assert kinds("Nicht mehr als 50 Personen.", "More than 50 people.", "de") == ["hedge"]
    assert kinds("失业率低于5%。", "Unemployment is 5%.", "zh") == ["hedge"]


def test_traditional_chinese_units_and_currencies():
    for original, translation in [
        ("新建住宅面積120萬平方公尺。", "New housing covered 1.2 million square metres."),
        ("稻米產量達150萬公噸。", "Rice output reached 1.5 million tonnes."),
        ("造林面積3,200公頃。", "3,200 hectares were planted."),
        ("工期延長三週。", "The works were extended by three weeks."),
        ("營收達120億元人民幣。", "Revenue reached 12 billion yuan."),
    ]:
        assert kinds(original, translation, "zh") == [], original


def test_tenths_and_hundredths_with_cheng():
    assert kinds("票價上漲三成五。", "Fares rose 35%.", "zh") == []
    assert kinds("票價上漲三成五。", "Fares rose 30%.", "zh") == ["value"]


def test_a_chinese_range_joined_by_an_em_dash():
    assert kinds("共有3—4万人参加。", "30,000 to 40,000 people took part.", "zh") == []
    assert kinds("共有3—4万人参加。", "40,000 people took part.", "zh") == ["range"]


def test_a_spanish_range_whose_bounds_take_articles():
    assert (
        kinds("Entre el 30 % y el 35 % de los votos.", "Between 30% and 35% of the vote.", "es")
        == []
    )
    assert kinds("Entre el 30 % y el 35 % de los votos.", "35% of the vote.", "es") == ["range"]


def test_a_half_after_a_scale_word_and_german_one_and_a_half():
    for language, original in [
        ("es", "Un millón y medio de personas."),
        ("es", "Millón y medio de personas."),
        ("fr", "Un million et demi de personnes."),
        ("de", "Eineinhalb Millionen Menschen."),
        ("de", "Anderthalb Millionen Menschen."),
    ]:
        assert kinds(original, "1.5 million people.", language) == [], original
    assert kinds("Deux millions et demi de personnes.", "2.5 million people.", "fr") == []
    assert kinds("Deux millions et demi de personnes.", "2 million people.", "fr") == ["value"]
    assert kinds("Es costó millardo y medio.", "It cost 1.5 billion.", "es") == []


def test_the_same_number_in_another_unit_is_a_change():
    assert kinds("Die Strecke ist 12,5 km lang.", "The route is 12.5 miles long.", "de") == [
        "value"
    ]
    assert kinds("La multa fue de 300 euros.", "The fine was 300 dollars.", "es") == ["value"]
    assert kinds("Die Strecke ist 12,5 km lang.", "The route is 12.5 km long.", "de") == []


def test_two_figures_of_one_value_are_told_apart_by_what_they_count_and_what_happened():
    # the translation reorders the clauses: the injured and the arrested swap places
    assert (
        kinds("Hubo 300 heridos y 300 detenidos.", "There were 300 arrests and 300 injured.", "es")
        == []
    )
    assert kinds(
        "Hubo 300 heridos y 300 detenidos.", "There were 300 arrests and 300 dead.", "es"
    ) == ["event"]


def test_a_number_the_other_side_writes_only_in_an_aligned_figure_excuses_nothing():
    # "12 dead" renders the first 12; the second is missing, not "written but not a figure"
    assert kinds("Es gab 12 Tote und 12 Verletzte.", "There were 12 dead.", "de") == ["missing"]
    assert (
        kinds("Es gab 12 Tote und 12 Verletzte.", "There were 12 dead and 12 injured.", "de") == []
    )


# ---- dev batch 10 (first run 0.85 / 0.00): the general causes of its misses ----


def test_taiwan_and_mainland_words_for_stores_name_the_store_class():
    # 門市 (Taiwan) and 分店 (branch) are stores as 门店 is
    assert kinds("該品牌今年新增30家門市。", "The brand added 30 factories this year.", "zh") == [
        "noun"
    ]
    assert kinds("该品牌今年新增30家分店。", "The brand added 30 stores this year.", "zh") == []


def test_kinds_of_school_and_singular_hospitals_name_their_classes():
    assert kinds(
        "Le département rénovera 12 collèges.", "The department will renovate 12 hospitals.", "fr"
    ) == ["noun"]
    assert (
        kinds(
            "Le département rénovera 12 lycées.", "The department will renovate 12 schools.", "fr"
        )
        == []
    )
    assert kinds("Die Stadt baut 14 Gymnasien.", "The city is building 14 hospitals.", "de") == [
        "noun"
    ]


def test_german_infinitives_after_a_modal_verb_are_events():
    # "will 900 Stellen streichen", "soll 40 Filialen eröffnen": the verb ends the clause
    assert kinds(
        "Die Bank will 900 Stellen streichen.", "The bank plans to create 900 jobs.", "de"
    ) == ["event"]
    assert (
        kinds("Die Bank will 900 Stellen abbauen.", "The bank plans to cut 900 jobs.", "de") == []
    )
    assert kinds(
        "Die Kette soll 40 Filialen eröffnen.", "The chain is to close 40 stores.", "de"
    ) == ["event"]
    # English base forms too ("is to close", "will sell")
    assert kinds("La chaîne va fermer 40 magasins.", "The chain is to close 40 stores.", "fr") == []


def test_an_identifier_word_used_as_a_verb_does_not_hide_the_figure_after_it():
    # "is building 14 hospitals" is no "Building 14"; "can seat 500" no "seat 500"
    assert (
        kinds("La ciudad construye 14 hospitales.", "The city is building 14 hospitals.", "es")
        == []
    )
    assert kinds(
        "La ciudad construye 14 hospitales.", "The city is building 14 schools.", "es"
    ) == ["noun"]
    assert kinds("La sala tiene 500 asientos.", "The hall can seat 500 people.", "es") == []
    # a name stays a name: "flight 370", "Building 14"
    assert kinds("El vuelo 370 desapareció.", "Flight 370 vanished.", "es") == []


# ---- dev batch 11 (first run 0.90 / 0.00): the general causes of its misses ----


def test_english_gerunds_and_base_forms_of_events():
    # "releasing 23 suspects": the -ing form names the event as "released" does
    assert kinds("警方逮捕嫌犯15人。", "Police went on releasing 15 suspects.", "zh") == ["event"]
    assert kinds("警方逮捕嫌犯15人。", "Police ended up arresting 15 suspects.", "zh") == []


def test_an_event_written_as_a_noun_is_an_event():
    # "l'annulation de 1 300 vols", "la cancelación de 200 vuelos", "die Schließung von 12 Filialen"
    assert kinds(
        "La grève a provoqué l'annulation de 640 vols.", "The strike delayed 640 flights.", "fr"
    ) == ["event"]
    assert (
        kinds(
            "La huelga provocó la cancelación de 640 vuelos.",
            "The strike led to the cancellation of 640 flights.",
            "es",
        )
        == []
    )
    assert kinds(
        "Die Kette kündigte die Schließung von 52 Filialen an.",
        "The chain announced the opening of 52 stores.",
        "de",
    ) == ["event"]


def test_more_than_before_a_currency_sign_is_a_hedge_not_a_rise():
    # "releasing 23 suspects and seizing more than NT$18 million": "more" said 23 rose
    from claims.translation_lexicon import directions_in

    assert directions_in("seizing more than NT$18 million", "en") == []
    assert directions_in("more than $5 million", "en") == []
    assert directions_in("más de US$ 5 millones", "es") == []
    assert [d for _, _, d in directions_in("80,000 more than in 2023", "en")] == ["rose"]


# ---- heldout/batch2.json, scored blind once (0.917 / 0.033), then opened: the general causes
# of its misses and false alarms (the passages here are written for the tests)


def test_chinese_names_what_it_counts_before_the_figure():
    # 理赔案件达1.2亿件: the noun is before the number, the counter 件 after it
    assert kinds(
        "全年车险理赔案件达3.4亿件。", "Insurers handled 340 million policies in the year.", "zh"
    ) == ["noun"]
    assert kinds("全年车险理赔案件达3.4亿件。", "Insurers handled 340 million claims.", "zh") == []
    # a noun after the figure still wins over the clause before it
    assert kinds("门店数量达300家门店。", "It has 300 stores.", "zh") == []


def test_households_are_not_people_but_any_class_of_people_is():
    assert kinds(
        "La ONG atendió a 52.000 familias.", "The charity helped 52,000 people.", "es"
    ) == ["noun"]
    assert (
        kinds("La ONG atendió a 52.000 personas.", "The charity helped 52,000 people.", "es") == []
    )
    # "people" is broader than deaths, pupils, volunteers: no change
    assert kinds("Es gab 31 Tote.", "31 people were killed.", "de") == []
    assert (
        kinds("L'association compte 4 000 bénévoles.", "The association has 4,000 people.", "fr")
        == []
    )
    # two classes of people are two things
    assert kinds(
        "L'association compte 4 000 bénévoles.", "The association has 4,000 donors.", "fr"
    ) == ["noun"]


def test_screens_are_not_cinemas_and_parcels_not_letters():
    assert kinds("La ville compte 48 écrans.", "The city has 48 cinemas.", "fr") == ["noun"]
    assert kinds("La ville compte 48 écrans.", "The city has 48 screens.", "fr") == []
    assert kinds(
        "Die Post stellte 7 Millionen Pakete zu.", "The post delivered 7 million letters.", "de"
    ) == ["noun"]
    assert (
        kinds(
            "Die Post stellte 7 Millionen Pakete zu.", "The post delivered 7 million parcels.", "de"
        )
        == []
    )


def test_divorced_rendered_as_concluded_is_an_event_but_geschlossen_may_be_either():
    assert kinds(
        "2023 wurden 41.000 Ehen geschieden.", "In 2023, 41,000 marriages were concluded.", "de"
    ) == ["event"]
    # geschlossen: a marriage concluded, a shop closed; either reading agrees
    assert (
        kinds(
            "2023 wurden 41.000 Ehen geschlossen.",
            "In 2023, 41,000 marriages were concluded.",
            "de",
        )
        == []
    )
    assert kinds("Es wurden 41 Filialen geschlossen.", "41 stores were closed.", "de") == []
    assert kinds("Es wurden 41 Filialen geschlossen.", "41 stores were opened.", "de") == ["event"]


def test_words_after_and_belong_to_the_next_conjunct():
    # "exports totalled 12.4 billion and imports 13 billion": imports is said of 13 billion
    assert (
        kinds(
            "Las exportaciones sumaron 12.400 millones de euros, y las importaciones 13.000 millones.",
            "Exports totalled 12.4 billion euros and imports 13 billion.",
            "es",
        )
        == []
    )
    assert kinds(
        "Las exportaciones sumaron 12.400 millones de euros.",
        "Imports totalled 12.4 billion euros.",
        "es",
    ) == ["event"]
    assert (
        kinds(
            "La empresa ganó 870 millones de euros.",
            "The company earned 870 million euros and will pay a dividend.",
            "es",
        )
        == []
    )


def test_a_gift_received_or_raised_is_one_event_and_a_donation_noun_names_it():
    # 接收捐赠: "received donations"; raised and received both take money in
    assert (
        kinds(
            "慈善组织接收捐赠约260亿元。",
            "Charities received donations of about 26 billion yuan.",
            "zh",
        )
        == []
    )
    assert (
        kinds(
            "Le Téléthon a recueilli 61 millions d'euros de dons.",
            "The Telethon raised 61 million euros in donations.",
            "fr",
        )
        == []
    )
    assert kinds(
        "Le Téléthon a recueilli 61 millions d'euros.",
        "The Telethon paid out 61 million euros.",
        "fr",
    ) == ["event"]


def test_schoolchildren_are_students_and_seats_may_be_rendered_as_people():
    assert (
        kinds("Das Museum zählte 3.000 Schüler.", "The museum counted 3,000 schoolchildren.", "de")
        == []
    )
    assert kinds("La sala tiene 900 butacas.", "The hall can seat 900 people.", "es") == []
    assert kinds("La sala tiene 900 butacas.", "The hall has 900 beds.", "es") == ["noun"]


# ---- the lexicon widened for topics no corpus file has (general vocabulary, table-driven)


def _every_form(table):
    return [
        (name, code, form)
        for name, by_language in table.items()
        for code, forms in by_language.items()
        for form in forms
        if " … " not in form
    ]


def test_every_listed_noun_form_names_its_class_in_its_language():
    from claims.translation_lexicon import ALL_NOUN_CLASSES, noun_classes

    wrong = [
        (name, code, form)
        for name, code, form in _every_form(ALL_NOUN_CLASSES)
        if name not in noun_classes(f"12 {form} más", code)
    ]
    assert wrong == []


def test_every_listed_event_form_names_its_class_in_its_language():
    from claims.translation_lexicon import EVENT_CLASSES, events_in

    wrong = [
        (name, code, form)
        for name, code, form in _every_form(EVENT_CLASSES)
        if not any(name in found.split("|") for _, _, found in events_in(f"x {form} y", code))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        # counted nouns: a faithful rendering, then one naming a neighbouring class
        ("共有家庭1.2万户。", "zh", "12,000 households", "12,000 people"),
        ("全年新生儿9.02万人。", "zh", "90,200 newborns", "90,200 deaths"),
        ("Hay 3.400 presos.", "es", "3,400 prisoners", "3,400 suspects"),
        ("Il y a 3 400 détenus.", "fr", "3,400 inmates", "3,400 judges"),
        ("Es gibt 3.400 Richter.", "de", "3,400 judges", "3,400 lawyers"),
        ("La banque a 1 200 distributeurs automatiques.", "fr", "1,200 ATMs", "1,200 banks"),
        (
            "Se firmaron 2,1 millones de pólizas.",
            "es",
            "2.1 million policies",
            "2.1 million claims",
        ),
        ("Es gab 2,1 Millionen Schadensfälle.", "de", "2.1 million claims", "2.1 million policies"),
        ("Se estrenaron 420 películas.", "es", "420 films", "420 cinemas"),
        ("Il y a 6 000 écrans.", "fr", "6,000 screens", "6,000 films"),
        ("Es gibt 1.200 Bibliotheken.", "de", "1,200 libraries", "1,200 museums"),
        ("Se construyeron 90.000 viviendas.", "es", "90,000 homes and flats", "90,000 buildings"),
        ("Hubo 4.300 incendios.", "es", "4,300 fires", "4,300 mines"),
        ("La flota suma 800 autobuses.", "es", "800 buses", "800 trains"),
        ("Es gibt 2,3 Millionen Schweine.", "de", "2.3 million pigs", "2.3 million cattle"),
        ("La mine a produit 12 tonnes d'argent et 40 000 tonnes de cuivre.", "fr", None, None),
        ("Se extrajeron 95 toneladas de oro.", "es", "95 tonnes of gold", "95 tonnes of silver"),
        (
            "Es gab 1,1 Millionen Anträge.",
            "de",
            "1.1 million applications",
            "1.1 million complaints",
        ),
        ("Hubo 2,4 millones de votos.", "es", "2.4 million votes", "2.4 million voters"),
        ("Le parti a obtenu 120 sièges.", "fr", "120 seats", "120 votes"),
        ("Le Samu a reçu 31 000 appels.", "fr", "31,000 calls", "31,000 complaints"),
        ("Die Klinik hat 640 Betten.", "de", "640 beds", "640 patients"),
        (
            "Das Land hat 48.000 Flüchtlinge aufgenommen.",
            "de",
            "48,000 refugees",
            "48,000 pensioners",
        ),
    ],
)
def test_new_noun_classes_tell_neighbouring_things_apart(original, language, faithful, changed):
    if faithful is None:
        # silver (argent: also money) and gold (or: also "or") are not read in French
        from claims.translation_lexicon import noun_classes

        assert noun_classes("tonnes d'argent", "fr") == frozenset()
        assert noun_classes("tonnes de cuivre", "fr") == {"copper"}
        return
    assert kinds(original, f"There were {faithful}.", language) == []
    assert "noun" in kinds(original, f"There were {changed}.", language)


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "法院判处被告312人。",
            "zh",
            "The courts convicted 312 defendants.",
            "The courts acquitted 312 defendants.",
        ),
        (
            "El tribunal absolvió a 41 acusados.",
            "es",
            "The court acquitted 41 defendants.",
            "The court convicted 41 defendants.",
        ),
        (
            "Die Behörde lehnte 8.200 Anträge ab.",
            "de",
            "The agency rejected 8,200 applications.",
            "The agency approved 8,200 applications.",
        ),
        (
            "L'office a accordé 9 300 visas.",
            "fr",
            "The office granted 9,300 visas.",
            "The office refused 9,300 visas.",
        ),
        (
            "Se plantaron 1,2 millones de árboles.",
            "es",
            "1.2 million trees were planted.",
            "1.2 million trees were felled.",
        ),
        (
            "Es wurden 60.000 Bäume gefällt.",
            "de",
            "60,000 trees were felled.",
            "60,000 trees were planted.",
        ),
        (
            "Se reciclaron 1,4 millones de toneladas.",
            "es",
            "1.4 million tonnes were recycled.",
            "1.4 million tonnes were incinerated.",
        ),
        (
            "今年出口汽车490万辆。",
            "zh",
            "It exported 4.9 million cars this year.",
            "It imported 4.9 million cars this year.",
        ),
        (
            "Se vacunaron 3,2 millones de personas.",
            "es",
            "3.2 million people were vaccinated.",
            "3.2 million people were infected.",
        ),
        (
            "Es wurden 420 Gebäude zerstört.",
            "de",
            "420 buildings were destroyed.",
            "420 buildings were damaged.",
        ),
        (
            "Se demolieron 300 edificios.",
            "es",
            "300 buildings were demolished.",
            "300 buildings were built.",
        ),
        (
            "Die Post hat 40 Millionen Briefe verschickt.",
            "de",
            "The post sent 40 million letters.",
            "The post received 40 million letters.",
        ),
        (
            "去年结婚登记610万对。",
            "zh",
            "6.1 million couples married last year.",
            "6.1 million couples divorced last year.",
        ),
        (
            "La fondation a versé 12 millions d'euros.",
            "fr",
            "The foundation paid 12 million euros.",
            "The foundation raised 12 million euros.",
        ),
    ],
)
def test_new_event_classes_tell_what_happened_apart(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


@pytest.mark.parametrize(
    ("compound", "named"),
    [
        ("Grundschüler", {"student"}),
        ("Kinobesucher", {"visitor"}),
        ("Postpakete", {"parcel"}),
        ("Verkehrstote", {"death"}),
        ("Elektroautos", {"car"}),
        ("Hausärzten", {"doctor"}),  # a dative plural of a compound
        ("Krankenhäuser", {"hospital"}),  # the whole word listed wins over its tail
        # heads that end compounds of other things are read only as whole words
        ("Kaufhäuser", set()),
        ("Arbeitsmarkt", set()),
        ("Flüchtlingslager", set()),
    ],
)
def test_a_german_compound_is_named_by_its_last_noun(compound, named):
    from claims.translation_lexicon import noun_classes

    assert noun_classes(compound, "de") == named


def test_a_german_compound_noun_change_is_found():
    assert kinds(
        "Das Kino zählte 2,1 Millionen Kinobesucher.",
        "The cinema counted 2.1 million screens.",
        "de",
    ) == ["noun"]
    assert (
        kinds(
            "Das Kino zählte 2,1 Millionen Kinobesucher.",
            "The cinema counted 2.1 million cinema-goers.",
            "de",
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "language", "event"),
    [
        ("una mujer detenida", "es", "arrested"),  # detenidos, detenidas, detenido listed
        ("una persona evacuada", "es", "evacuated"),
        ("la ruta cancelada", "es", "cancelled"),
        ("une ligne annulée", "fr", "cancelled"),
        ("une femme blessée", "fr", "injured"),
        ("une usine fermée", "fr", "closed"),
    ],
)
def test_every_gender_and_number_of_a_listed_participle_names_its_event(text, language, event):
    from claims.translation_lexicon import events_in

    assert [found for _, _, found in events_in(text, language)] == [event]


def test_a_feminine_participle_rendered_with_another_event_is_a_change():
    assert kinds("Fueron evacuadas 1.200 personas.", "1,200 people were injured.", "es") == [
        "event"
    ]
    assert kinds("Fueron evacuadas 1.200 personas.", "1,200 people were evacuated.", "es") == []


def test_a_chinese_counter_names_people_or_households_when_no_noun_does():
    assert kinds("项目惠及12万人。", "The project benefited 120,000 families.", "zh") == ["noun"]
    assert kinds("项目惠及12万人。", "The project benefited 120,000 people.", "zh") == []
    assert kinds("项目惠及3万户。", "The project benefited 30,000 households.", "zh") == []
    assert kinds("项目惠及3万户。", "The project benefited 30,000 people.", "zh") == ["noun"]
    # a noun before the figure says more than the counter: 死亡 is deaths, not just people
    assert kinds("全年死亡人数为3.1万人。", "There were 31,000 births.", "zh") == ["noun"]


# ---- heldout/batch3.json, scored blind once (0.867 / 0.083), then opened: the general causes
# of its misses and false alarms (the passages here are written for the tests)


def test_a_patent_granted_is_not_an_application_received():
    # 授权 (granted) is approved; receiving applications is another event
    assert (
        kinds("全年授权发明专利92万件。", "It granted 920,000 invention patents in the year.", "zh")
        == []
    )
    assert kinds(
        "全年授权发明专利92万件。",
        "It received applications for 920,000 invention patents in the year.",
        "zh",
    ) == ["event"]


def test_medical_institutions_may_be_hospitals_but_not_pharmacies():
    assert kinds("全省共有医疗机构8.6万家。", "The province has 86,000 pharmacies.", "zh") == [
        "noun"
    ]
    assert (
        kinds("全省共有医疗机构8.6万家。", "The province has 86,000 medical institutions.", "zh")
        == []
    )
    assert kinds("全省共有医疗机构8.6万家。", "The province has 86,000 hospitals.", "zh") == []


def test_a_death_named_as_a_noun_is_the_killed_event():
    # "causó la muerte de cinco mineros": five miners killed, not injured
    assert kinds(
        "El derrumbe causó la muerte de cinco mineros.",
        "The collapse injured five miners.",
        "es",
    ) == ["event"]
    assert (
        kinds(
            "El derrumbe causó la muerte de cinco mineros.",
            "The collapse killed five miners.",
            "es",
        )
        == []
    )
    assert kinds(
        "L'accident a causé la mort de 4 ouvriers.", "The accident injured 4 workers.", "fr"
    ) == ["event"]


def test_wafers_are_not_chips():
    assert kinds(
        "L'usine produit 8 000 plaquettes par jour.", "The plant makes 8,000 chips a day.", "fr"
    ) == ["noun"]
    assert (
        kinds(
            "L'usine produit 8 000 plaquettes par jour.",
            "The plant makes 8,000 wafers a day.",
            "fr",
        )
        == []
    )
    assert kinds("工厂月产晶圆3万片。", "The plant makes 30,000 chips a month.", "zh") == ["noun"]


def test_suspended_and_pledged_are_events_of_their_own():
    # a sale suspended is not a sale approved; a subsidy pledged is not a subsidy paid
    assert kinds(
        "L'agence a suspendu 30 autorisations.", "The agency approved 30 authorisations.", "fr"
    ) == ["event"]
    assert (
        kinds(
            "L'agence a suspendu 30 autorisations.", "The agency suspended 30 authorisations.", "fr"
        )
        == []
    )
    assert kinds(
        "Das Land hat 500 Millionen Euro zugesagt.", "The state paid out 500 million euros.", "de"
    ) == ["event"]
    assert (
        kinds(
            "Das Land hat 500 Millionen Euro zugesagt.",
            "The state pledged 500 million euros.",
            "de",
        )
        == []
    )
    # suspended is one of the sanctions: rendered "closed" or "cancelled" it is not a change
    assert kinds("Se suspendieron 40 vuelos.", "40 flights were cancelled.", "es") == []


def test_apprentices_and_temporary_workers_are_two_classes_of_people():
    assert kinds(
        "Der Konzern beschäftigt 2.400 Auszubildende.",
        "The group employs 2,400 temporary workers.",
        "de",
    ) == ["noun"]
    assert (
        kinds(
            "Der Konzern beschäftigt 2.400 Auszubildende.",
            "The group employs 2,400 apprentices.",
            "de",
        )
        == []
    )
    # both are people
    assert (
        kinds("Der Konzern beschäftigt 2.400 Auszubildende.", "The group has 2,400 people.", "de")
        == []
    )


def test_a_german_separable_verb_brackets_its_clause_across_a_year():
    # "baut bis 2027 rund 900 Stellen ab": the stem before the year, the particle at the end
    assert kinds(
        "Die Bank baut bis 2027 rund 900 Stellen ab.",
        "The bank will create about 900 jobs by 2027.",
        "de",
    ) == ["event"]
    assert (
        kinds(
            "Die Bank baut bis 2027 rund 900 Stellen ab.",
            "The bank will cut about 900 jobs by 2027.",
            "de",
        )
        == []
    )


def test_ueber_after_an_order_or_a_contract_is_for_not_more_than():
    # "ein Auftrag über zwölf Flugzeuge": an order for twelve aircraft
    assert (
        kinds(
            "Airbus erhielt einen Auftrag über zwölf Flugzeuge.",
            "Airbus received an order for twelve aircraft.",
            "de",
        )
        == []
    )
    assert (
        kinds(
            "Die Stadt nahm einen Kredit über 40 Millionen Euro auf.",
            "The city took out a loan of 40 million euros.",
            "de",
        )
        == []
    )
    # elsewhere über is still "more than"
    assert kinds(
        "Die Firma hat über 3.000 Mitarbeiter.", "The firm has 3,000 employees.", "de"
    ) == ["hedge"]


def test_contratar_is_to_contract_as_well_as_to_hire():
    assert (
        kinds(
            "Los astilleros contrataron 12 buques.",
            "The shipyards signed contracts for 12 ships.",
            "es",
        )
        == []
    )
    assert (
        kinds("La empresa contrató 300 trabajadores.", "The company hired 300 workers.", "es") == []
    )


def test_multiples_of_the_litre_are_read_in_litres():
    # 9.6万千升 is 96,000,000 litres: "96,000 kilolitres", not "96,000 litres"
    assert kinds("产量约5.2万千升。", "Output was about 52,000 kilolitres.", "zh") == []
    assert kinds("产量约5.2万千升。", "Output was about 52,000 litres.", "zh") == ["scale"]
    assert kinds("产量8.1亿升。", "Output was 8.1 million hectolitres.", "zh") == []
    assert (
        kinds(
            "Die Ernte ergab 8,1 Millionen Hektoliter.",
            "The harvest gave 8.1 million hectolitres.",
            "de",
        )
        == []
    )


def test_a_bare_digit_before_cheng_wei_is_tenths():
    # 近九成为创新药: "nearly 90% are innovative drugs"
    assert kinds("其中近九成为创新药。", "Nearly 90% of them are innovative drugs.", "zh") == []


def test_cercano_a_and_einer_halben_are_read():
    assert (
        kinds(
            "Un valor cercano a los 900 millones de euros.",
            "A value of close to 900 million euros.",
            "es",
        )
        == []
    )
    assert kinds(
        "Un valor cercano a los 900 millones de euros.", "A value of 900 million euros.", "es"
    ) == ["hedge"]
    assert (
        kinds(
            "Ein Auftrag von knapp einer halben Milliarde Euro.",
            "An order worth almost half a billion euros.",
            "de",
        )
        == []
    )


# ---- heldout/batch4.json, scored blind once (0.883 / 0.017), then opened: the general causes
# of its misses and false alarm (the passages here are written for the tests)


def test_new_titles_are_books_and_authors_are_a_class_of_people():
    # 新书品种 are new titles: not "new authors"
    assert kinds("今年出版新书品种约2.1万种。", "About 21,000 new authors appeared.", "zh") == [
        "noun"
    ]
    assert kinds("今年出版新书品种约2.1万种。", "About 21,000 new titles appeared.", "zh") == []
    assert kinds("今年出版新书品种约2.1万种。", "About 21,000 new books appeared.", "zh") == []
    assert kinds(
        "La feria reunió a 650 autores.", "The fair brought together 650 books.", "es"
    ) == ["noun"]
    assert (
        kinds("La feria reunió a 650 autores.", "The fair brought together 650 writers.", "es")
        == []
    )
    # authors are people
    assert kinds("Die Messe zählte 650 Autoren.", "The fair counted 650 people.", "de") == []


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "Le groupe a torréfié 8 200 tonnes de café.",
            "fr",
            "The group roasted 8,200 tonnes of coffee.",
            "The group roasted 8,200 tonnes of cocoa.",
        ),
        (
            "Se cosecharon 3.100 toneladas de té.",
            "es",
            "3,100 tonnes of tea were harvested.",
            "3,100 tonnes of coffee were harvested.",
        ),
        (
            "Es wurden 5.000 Tonnen Rohkaffee importiert.",
            "de",
            "5,000 tonnes of raw coffee were imported.",
            "5,000 tonnes of tea were imported.",
        ),
        (
            "全年出口茶叶37万吨。",
            "zh",
            "It exported 370,000 tonnes of tea.",
            "It exported 370,000 tonnes of coffee.",
        ),
        (
            "Côte d'Ivoire a exporté 2,1 millions de tonnes de cacao.",
            "fr",
            "Ivory Coast exported 2.1 million tonnes of cocoa.",
            "Ivory Coast exported 2.1 million tonnes of coffee.",
        ),
        # other goods a translation may swap for a neighbour
        (
            "Se exportaron 1,2 millones de toneladas de trigo.",
            "es",
            "1.2 million tonnes of wheat were exported.",
            "1.2 million tonnes of maize were exported.",
        ),
        (
            "La France a récolté 14 millions de tonnes de maïs.",
            "fr",
            "France harvested 14 million tonnes of corn.",
            "France harvested 14 million tonnes of wheat.",
        ),
        (
            "Es wurden 2,4 Millionen Tonnen Reis geerntet.",
            "de",
            "2.4 million tonnes of rice were harvested.",
            "2.4 million tonnes of wheat were harvested.",
        ),
        (
            "La cooperativa recogió 400 millones de litros de leche.",
            "es",
            "The cooperative collected 400 million litres of milk.",
            "The cooperative collected 400 million litres of wine.",
        ),
        (
            "Die Brauerei verkaufte 9 Millionen Hektoliter Bier.",
            "de",
            "The brewery sold 9 million hectolitres of beer.",
            "The brewery sold 9 million hectolitres of wine.",
        ),
        (
            "全国水泥产量20亿吨。",
            "zh",
            "Output was 2 billion tonnes of cement.",
            "Output was 2 billion tonnes of steel.",
        ),
        (
            "L'usine a fabriqué 9 000 tonnes de fromage.",
            "fr",
            "The plant made 9,000 tonnes of cheese.",
            "The plant made 9,000 tonnes of butter.",
        ),
    ],
)
def test_coffee_cocoa_tea_and_other_goods_are_told_apart(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["noun"]


def test_german_words_that_end_in_a_good_but_name_something_else():
    from claims.translation_lexicon import noun_classes

    # Strompreis is no rice, Schwein(e) no wine, Diebstahl no steel; Rotwein is wine
    assert noun_classes("Strompreis", "de") == frozenset()
    assert noun_classes("Schweine", "de") == {"pig"}
    assert noun_classes("Schwein", "de") == frozenset()
    assert noun_classes("Diebstahl", "de") == frozenset()
    assert noun_classes("Rotwein", "de") == {"wine"}
    assert noun_classes("Milchkaffee", "de") == {"coffee"}


def test_producers_are_not_hives_but_may_be_farmers_or_firms():
    assert kinds(
        "El sector agrupa a más de 43.000 productores.",
        "The sector has more than 43,000 hives.",
        "es",
    ) == ["noun"]
    for rendered in ("producers", "farmers", "beekeepers", "companies", "people"):
        assert (
            kinds(
                "El sector agrupa a más de 43.000 productores.",
                f"The sector has more than 43,000 {rendered}.",
                "es",
            )
            == []
        ), rendered
    assert kinds("La région compte 12 000 ruches.", "The region has 12,000 beekeepers.", "fr") == [
        "noun"
    ]
    assert kinds("La région compte 12 000 ruches.", "The region has 12,000 hives.", "fr") == []
    assert kinds("Es gibt 1 Million Bienenvölker.", "There are 1 million bee colonies.", "de") == []
    assert kinds("全国蜂群约900万群。", "China has about 9 million beekeepers.", "zh") == ["noun"]


def test_a_people_noun_counted_by_household_may_be_rendered_households():
    # 蜂农约20万户: beekeepers counted by household
    for rendered in ("beekeeping households", "beekeepers", "farmers"):
        assert kinds("全国蜂农约20万户。", f"There are about 200,000 {rendered}.", "zh") == [], (
            rendered
        )
    assert kinds("全国蜂农约20万户。", "There are about 200,000 hives.", "zh") == ["noun"]


def test_jobs_are_not_production_lines():
    assert kinds(
        "Müller will 250 neue Arbeitsplätze schaffen.",
        "Müller plans to set up 250 new production lines.",
        "de",
    ) == ["noun"]
    for rendered in ("create 250 new jobs", "hire 250 new workers", "create 250 new positions"):
        assert (
            kinds(
                "Müller will 250 neue Arbeitsplätze schaffen.", f"Müller plans to {rendered}.", "de"
            )
            == []
        ), rendered
    assert kinds("L'usine compte 12 lignes de production.", "The plant has 12 jobs.", "fr") == [
        "noun"
    ]
    # 新增就业1244万人 is "12.44 million jobs" (people newly employed): jobs and people agree
    assert kinds("城镇新增就业1244万人。", "Cities added 12.44 million jobs.", "zh") == []


def test_stellen_is_jobs_only_as_a_whole_word():
    from claims.translation_lexicon import noun_classes

    assert noun_classes("Stellen", "de") == {"job"}
    assert noun_classes("Arbeitsplätze", "de") == {"job"}
    assert noun_classes("Industriearbeitsplätze", "de") == {"job"}
    for compound in ("Haltestellen", "Tankstellen", "Baustellen", "Ausbildungsplätze"):
        assert noun_classes(compound, "de") == frozenset(), compound


def test_adding_jobs_is_not_cutting_them():
    assert kinds(
        "BASF will weitere 1.800 Stellen abbauen.", "BASF plans to add another 1,800 jobs.", "de"
    ) == ["event"]
    assert (
        kinds(
            "BASF will weitere 1.800 Stellen abbauen.",
            "BASF plans to cut another 1,800 jobs.",
            "de",
        )
        == []
    )
    assert kinds("La empresa creó 900 empleos.", "The company added 900 jobs.", "es") == []


def test_emergency_relocation_is_evacuation_and_trapped_is_an_event_of_its_own():
    original = "受强降雨影响，全省已紧急转移群众约8.4万人。"
    assert kinds(original, "About 84,000 people were trapped by heavy rain.", "zh") == ["event"]
    assert kinds(original, "About 84,000 people were evacuated after heavy rain.", "zh") == []
    assert kinds("全省转移安置群众3.2万人。", "32,000 people were trapped.", "zh") == ["event"]
    assert kinds("Quedaron atrapadas 1.300 personas.", "1,300 people were evacuated.", "es") == [
        "event"
    ]
    assert kinds("Quedaron atrapadas 1.300 personas.", "1,300 people were trapped.", "es") == []
    assert kinds("Il y a 40 randonneurs bloqués.", "40 hikers were rescued.", "fr") == ["event"]
    assert kinds(
        "Rund 300 Menschen waren eingeschlossen.", "About 300 people were missing.", "de"
    ) == ["event"]
    assert kinds("Se reportan 14 desaparecidos.", "14 people were killed.", "es") == ["event"]


def test_tickets_refunded_are_not_tickets_sold():
    original = "Wegen des Streiks mussten rund 9.000 Karten erstattet werden."
    assert kinds(original, "Because of the strike about 9,000 tickets were sold.", "de") == [
        "event"
    ]
    assert kinds(original, "Because of the strike about 9,000 tickets were refunded.", "de") == []
    assert kinds(
        "Air France a remboursé 120 000 billets.", "Air France sold 120,000 tickets.", "fr"
    ) == ["event"]
    assert kinds("Se reembolsaron 40.000 entradas.", "40,000 tickets were refunded.", "es") == []
    assert kinds("平台已退款1.2万笔。", "The platform paid 12,000 refunds.", "zh") == []


def test_cents_with_no_currency_compare_with_any_currency_cents():
    original = "Le lait a été payé 46,8 centimes le litre."
    assert kinds(original, "Milk was paid 46.8 cents a litre.", "fr") == []
    assert kinds(original, "Milk was paid 48.6 cents a litre.", "fr") == ["value"]
    assert kinds("Der Liter kostet 10,6 Cent.", "A litre costs 10.6 cents.", "de") == []
    # a currency named is still a currency
    assert kinds("The litre cost €46.8.", "The litre cost $46.8.", "en") == ["value"]


def test_seized_is_an_event_and_intervino_is_the_police_seizing():
    original = "La policía intervino 2.300 kilos de hachís."
    assert kinds(original, "Police seized 2,300 kilos of hashish.", "es") == []
    assert kinds(original, "Police sold 2,300 kilos of hashish.", "es") == ["event"]
    assert kinds("警方查获毒品1.2吨。", "Police destroyed 1.2 tonnes of drugs.", "zh") == ["event"]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "La autoridad multó a 320 empresas.",
            "es",
            "The authority fined 320 companies.",
            "The authority approved 320 companies.",
        ),
        (
            "Das Werk hat 1,2 Millionen Autos produziert.",
            "de",
            "The plant produced 1.2 million cars.",
            "The plant sold 1.2 million cars.",
        ),
        (
            "L'usine a fabriqué 300 000 voitures.",
            "fr",
            "The plant built 300,000 cars.",
            "The plant exported 300,000 cars.",
        ),
        (
            "全年生产汽车3000万辆。",
            "zh",
            "It made 30 million cars in the year, producing more than ever.",
            "It exported 30 million cars in the year.",
        ),
    ],
)
def test_fined_and_produced_are_events(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        ("La huelga afectó a 1.200 pilotos.", "es", "1,200 pilots", "1,200 drivers"),
        ("Il y a 3 400 pompiers mobilisés.", "fr", "3,400 firefighters", "3,400 police officers"),
        ("Es gibt 52.000 Ingenieure.", "de", "52,000 engineers", "52,000 researchers"),
        ("Hubo 8.000 manifestantes.", "es", "8,000 protesters", "8,000 police officers"),
        ("共有记者1200名。", "zh", "1,200 journalists", "1,200 athletes"),
        ("Il y a 41 000 locataires.", "fr", "41,000 tenants", "41,000 dwellings"),
        (
            "Es gibt 1,7 Millionen Beamte.",
            "de",
            "1.7 million civil servants",
            "1.7 million pensioners",
        ),
        ("Llegaron 9.000 migrantes.", "es", "9,000 migrants", "9,000 tourists"),
    ],
)
def test_new_classes_of_people_tell_neighbours_apart(original, language, faithful, changed):
    assert kinds(original, f"There were {faithful}.", language) == []
    assert "noun" in kinds(original, f"There were {changed}.", language)
    # each is a class of people: "people" agrees with it
    number = re.match(r"[0-9.,]+(?: million)?", faithful).group(0)  # type: ignore[union-attr]
    assert kinds(original, f"There were {number} people.", language) == []


def test_a_verb_before_and_is_the_previous_conjuncts_when_one_follows_the_figure():
    # "investieren und dort 12.000 neue Stellen schaffen": the jobs are created, not invested
    original = "Roche will 50 Mrd. Dollar investieren und dort 12.000 neue Stellen schaffen."
    assert (
        kinds(
            original, "Roche plans to invest 50 billion dollars and create 12,000 new jobs.", "de"
        )
        == []
    )
    assert kinds(
        original, "Roche plans to invest 50 billion dollars and cut 12,000 new jobs.", "de"
    ) == ["event"]
    # with nothing after the figure, the verb before "and" still speaks for it
    assert kinds("Police arrested and charged 30 people.", "Police released 30 people.", "en") == [
        "event"
    ]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "España deportó a 2.300 migrantes.",
            "es",
            "Spain deported 2,300 migrants.",
            "Spain arrested 2,300 migrants.",
        ),
        (
            "Une trentaine de personnes ont été hospitalisées, dont 12 hospitalisés en urgence.",
            "fr",
            "About thirty people were hospitalised, 12 of them hospitalised urgently.",
            "About thirty people were hospitalised, 12 of them killed.",
        ),
        (
            "Der Hersteller hat 41.000 Autos zurückgerufen.",
            "de",
            "The carmaker recalled 41,000 cars.",
            "The carmaker sold 41,000 cars.",
        ),
        (
            "El Gobierno invertirá 2.000 millones de euros.",
            "es",
            "The government will invest 2 billion euros.",
            "The government will save 2 billion euros.",
        ),
        (
            "L'État a économisé 3 milliards d'euros.",
            "fr",
            "The state saved 3 billion euros.",
            "The state spent 3 billion euros.",
        ),
        (
            "Die Firma übernahm 2023 rund 300 Mitarbeiter und kaufte 12 Läden.",
            "de",
            "In 2023 the firm took on about 300 staff and bought 12 shops.",
            "In 2023 the firm took on about 300 staff and sold 12 shops.",
        ),
        (
            "全年关闭门店320家，倒闭企业1.1万家。",
            "zh",
            "It closed 320 stores, and 11,000 companies shut down.",
            "It opened 320 stores, and 11,000 companies shut down.",
        ),
    ],
)
def test_more_common_events_tell_what_happened_apart(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


def test_spending_investing_and_paying_are_one_outlay():
    assert (
        kinds(
            "Die Stadt will 40 Millionen Euro investieren.",
            "The city plans to spend 40 million euros.",
            "de",
        )
        == []
    )
    assert kinds("全年支付赔款1.2亿元。", "It paid out 120 million yuan in claims.", "zh") == []


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        ("Se exportaron 1,1 millones de toneladas de aceite de oliva.", "es", "olive oil", "wine"),
        ("La France a importé 40 millions de tonnes de pétrole.", "fr", "oil", "natural gas"),
        ("Es wurden 45 Milliarden Kubikmeter Erdgas importiert.", "de", "natural gas", "oil"),
        ("El país exportó 3,2 millones de toneladas de litio.", "es", "lithium", "copper"),
        ("全年进口铁矿石11亿吨。", "zh", "iron ore", "coal"),
        ("La compagnie a commandé 60 avions.", "fr", "aircraft", "helicopters"),
        ("Die Armee kaufte 140 Drohnen.", "de", "drones", "helicopters"),
        ("El hotel tiene 420 habitaciones.", "es", "rooms", "beds"),
        ("Il y a 120 000 bornes de recharge.", "fr", "charging points", "wind turbines"),
        ("Es gibt 28.000 Windräder.", "de", "wind turbines", "solar panels"),
        ("今年高校毕业生1179万人。", "zh", "graduates", "students"),
        ("Las gallinas pusieron 900 millones de huevos.", "es", "eggs", "chickens"),
    ],
)
def test_more_common_things_are_told_apart(original, language, faithful, changed):
    assert kinds(original, _english(original, language, faithful), language) == []
    assert "noun" in kinds(original, _english(original, language, changed), language)


def _english(original: str, language: str, noun: str) -> str:
    """A rendering of each passage of test_more_common_things_are_told_apart with ``noun``."""
    figures = {
        "aceite de oliva": "1.1 million tonnes of",
        "pétrole": "40 million tonnes of",
        "Erdgas": "45 billion cubic metres of",
        "litio": "3.2 million tonnes of",
        "铁矿石": "1.1 billion tonnes of",
        "avions": "60",
        "Drohnen": "140",
        "habitaciones": "420",
        "bornes": "120,000",
        "Windräder": "28,000",
        "毕业生": "11.79 million",
        "huevos": "900 million",
    }
    [figure] = [v for k, v in figures.items() if k in original]
    return f"There were {figure} {noun}."


def test_up_as_the_particle_of_set_up_or_made_up_is_no_rise():
    from claims.translation_lexicon import directions_in

    assert directions_in("It will set up 250 new production lines.", "en") == []
    assert directions_in("Women made up 45% of the staff.", "en") == []
    assert [d for _, _, d in directions_in("Sales were up 4%.", "en")] == ["rose"]
    # opened up, picked up: markets and sales that rose
    assert [d for _, _, d in directions_in("Shares opened up 2%.", "en")] == ["rose"]
    assert (
        kinds(
            "Der Absatz sank um 3 % auf 250 Einheiten.",
            "Sales fell 3% to 250 units, which make up most of the market.",
            "de",
        )
        == []
    )


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "La fiscalía imputó a 14 directivos.",
            "es",
            "Prosecutors charged 14 executives.",
            "Prosecutors convicted 14 executives.",
        ),
        (
            "Die Staatsanwaltschaft klagte 14 Manager an.",
            "de",
            "Prosecutors charged 14 managers.",
            "Prosecutors acquitted 14 managers.",
        ),
        (
            "Les inondations ont touché 42 000 personnes.",
            "fr",
            "The floods affected 42,000 people.",
            "The floods displaced 42,000 people.",
        ),
        (
            "Las lluvias dejaron 9.000 desplazados.",
            "es",
            "The rains left 9,000 people displaced.",
            "The rains left 9,000 people evacuated.",
        ),
        (
            "暴雨造成受灾群众3.2万人。",
            "zh",
            "The rainstorm affected 32,000 people.",
            "The rainstorm killed 32,000 people.",
        ),
    ],
)
def test_charged_affected_and_displaced_are_events(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


def test_matches_are_not_goals():
    assert kinds("Marcó 31 goles esta temporada.", "He scored 31 goals this season.", "es") == []
    assert kinds("Marcó 31 goles esta temporada.", "He played 31 matches this season.", "es") == [
        "noun"
    ]
    assert kinds("Il a disputé 40 matchs.", "He scored 40 goals.", "fr") == ["noun"]


# ---- heldout/batch5.json, scored blind once (0.917 / 0.033), then opened: the general causes
# of its misses and false alarms (the passages here are written for the tests)


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "Aus dem Gefängnis sind 9 Häftlinge entwichen.",
            "de",
            "Nine inmates escaped from the prison.",
            "Nine inmates were released from the prison.",
        ),
        (
            "Se fugaron 12 presos de la cárcel.",
            "es",
            "Twelve prisoners escaped from the jail.",
            "Twelve prisoners were released from the jail.",
        ),
        (
            "Trois détenus se sont évadés de la prison.",
            "fr",
            "Three inmates escaped from the prison.",
            "Three inmates were freed from the prison.",
        ),
        (
            "去年共有5名犯人越狱。",
            "zh",
            "Five prisoners escaped last year.",
            "Five prisoners were released last year.",
        ),
    ],
)
def test_escaped_is_an_event_of_its_own_not_released(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "El hospital suspendió 860 intervenciones por la huelga.",
            "es",
            "The hospital suspended 860 procedures because of the strike.",
            "The hospital performed 860 procedures despite the strike.",
        ),
        (
            "El hospital realizó 860 trasplantes.",
            "es",
            "The hospital performed 860 transplants.",
            "The hospital cancelled 860 transplants.",
        ),
        (
            "Die Klinik hat 1.300 Eingriffe durchgeführt.",
            "de",
            "The clinic carried out 1,300 procedures.",
            "The clinic postponed 1,300 procedures.",
        ),
    ],
)
def test_performed_is_not_suspended_or_cancelled(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


def test_realises_of_sales_is_not_performed():
    # "réalisés à l'export" is sales made abroad, not operations performed
    assert (
        kinds(
            "Le groupe a vendu pour 2 milliards d'euros, dont 40 % réalisés à l'export.",
            "The group sold 2 billion euros' worth, 40% of it exported.",
            "fr",
        )
        == []
    )


def test_a_closure_rendered_as_a_fine_is_an_event_change_though_both_are_sanctions():
    # 关停 is shut down; "fined" is another penalty, not a closure
    assert kinds("当局关停违规工厂23家。", "The authorities closed 23 factories.", "zh") == []
    assert kinds("当局关停违规工厂23家。", "The authorities fined 23 factories.", "zh") == ["event"]
    # 处罚 (penalised) is still rendered "fined" or "closed"
    assert kinds("当局处罚违规工厂23家。", "The authorities fined 23 factories.", "zh") == []
    assert kinds("当局处罚违规工厂23家。", "The authorities closed 23 factories.", "zh") == []


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        (
            "La región destinará 45 millones de euros a construir dos hospitales.",
            "es",
            "The region will spend 45 million euros on two new hospitals.",
        ),
        (
            "La ville consacrera 12 millions d'euros à la rénovation des écoles.",
            "fr",
            "The city will spend 12 million euros on renovating schools.",
        ),
        (
            "Das Land stellt 30 Millionen Euro für neue Schulen bereit.",
            "de",
            "The state will spend 30 million euros on new schools.",
        ),
        (
            "省财政拨付资金8亿元用于修建道路。",
            "zh",
            "The provincial government spent 800 million yuan on roads.",
        ),
    ],
)
def test_money_allocated_to_building_is_an_outlay_not_built(original, language, translation):
    assert kinds(original, translation, language) == []


def test_an_injured_count_after_al_menos_is_not_an_emergency_number_and_may_be_missing():
    # "al menos 8 muertos y 112 heridos": 112 is the injured (not "llamar al 112"); a
    # translation that leaves them out misses a figure
    original = "El accidente dejó al menos 8 muertos y 112 heridos."
    assert kinds(original, "The crash left at least eight dead and 112 injured.", "es") == []
    assert kinds(original, "The crash left at least eight people dead.", "es") == ["missing"]


def test_person_times_count_visits_not_the_place_they_are_made_in():
    # 人次 (visits or trips by people) is what 医院诊疗人次 counts, not the hospitals
    original = "全市医院诊疗人次达1.6亿。"
    assert kinds(original, "The city's hospitals handled 160 million patient visits.", "zh") == []
    assert kinds(original, "The city had 160 million hospital admissions.", "zh") == []
    assert kinds("景区接待游客2,300万人次。", "The sites received 23 million visitors.", "zh") == []
    assert (
        kinds("机场旅客吞吐量达1,200万人次。", "The airport handled 12 million passengers.", "zh")
        == []
    )
    assert kinds("全市医院诊疗人次达1.6亿。", "The city had 160 million hospital beds.", "zh") == [
        "noun"
    ]


def test_episodes_counted_by_ji_are_not_hours():
    # 集 after a figure counts episodes, whatever series the phrase names
    original = "今年共播出纪录片45部、1,280集。"
    assert kinds(original, "It aired 45 documentaries with 1,280 episodes this year.", "zh") == []
    assert kinds(original, "It aired 45 documentaries totalling 1,280 hours this year.", "zh") == [
        "noun"
    ]
    assert kinds("Se emitieron 640 episodios.", "640 hours were broadcast.", "es") == ["noun"]
    assert kinds("Se emitieron 640 episodios.", "640 episodes were broadcast.", "es") == []
    # 集团 is a group of companies, no episode
    assert kinds("旗下共有3集团。", "It owns 3 groups.", "zh") == []


def test_figures_in_units_of_time_agree_with_each_other():
    assert kinds("La huelga duró nueve días.", "The strike lasted nine days.", "es") == []
    assert (
        kinds("Die Operation dauerte drei Stunden.", "The operation took three hours.", "de") == []
    )


def test_a_noun_carried_over_from_an_earlier_clause_gives_way_to_the_figures_own():
    # "visits totalled 1.34 billion" counts visits, not the museums of the clause before
    assert (
        kinds(
            "全国共有博物馆6,833家，全年参观人次达13.4亿。",
            "China had 6,833 museums, and visits totalled 1.34 billion in the year.",
            "zh",
        )
        == []
    )
    assert kinds(
        "全国共有博物馆6,833家，全年参观人次达13.4亿。",
        "China had 6,833 museums, and hotels totalled 1.34 billion in the year.",
        "zh",
    ) == ["noun"]


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        (
            "La región pondrá 45 millones de euros para construir un hospital.",
            "es",
            "The region will spend 45 million euros on a hospital.",
        ),
        (
            "La ville mobilise 12 millions d'euros pour construire deux écoles.",
            "fr",
            "The city will spend 12 million euros on two schools.",
        ),
        (
            "政府投入8亿元。",
            "zh",
            "The government put up 800 million yuan to build roads.",
        ),
    ],
)
def test_an_infinitive_of_purpose_after_the_figure_is_not_its_event(
    original, language, translation
):
    assert kinds(original, translation, language) == []


def test_an_event_after_the_figure_without_a_purpose_marker_is_still_read():
    assert kinds(
        "El ayuntamiento tiene 300 viviendas construidas.",
        "The city has 300 homes demolished.",
        "es",
    ) == ["event"]


def test_the_nouns_of_a_time_phrase_after_the_figure_are_not_what_it_counts():
    # "during the pilots' strike" does not make the 900 travellers pilots
    assert (
        kinds(
            "Unos 900 pasajeros esperaron en el aeropuerto.",
            "Some 900 travellers waited during the pilots' strike.",
            "es",
        )
        == []
    )
    assert kinds(
        "Unos 900 pasajeros esperaron en el aeropuerto.",
        "Some 900 pilots waited during the strike.",
        "es",
    ) == ["noun"]


# ---- heldout6: heldout/batch6.json, scored blind once (0.867 / 0.200), then opened as
# dev_from_heldout6.json: the general causes of its false alarms and misses (the passages
# here are written for the tests)


@pytest.mark.parametrize(
    ("translation", "surfaces"),
    [
        ("Car sales fell 4% in 2023 to 2.3 million units.", ["4%", "2.3 million"]),
        ("Exports have grown since 2019 to 850,000 tonnes.", ["850,000 tonnes"]),
        ("The fleet will grow by 2030 to 12,000 buses.", ["12,000"]),
    ],
)
def test_a_bare_year_after_in_or_since_does_not_start_a_range_with_to(translation, surfaces):
    assert [f.surface for f in detect_figures(translation, "en")] == surfaces


def test_a_level_reached_after_a_year_aligns_with_the_original():
    assert (
        kinds(
            "Las ventas de coches cayeron un 4 % en 2023, hasta 2,3 millones de unidades.",
            "Car sales fell 4% in 2023 to 2.3 million units.",
            "es",
        )
        == []
    )


def test_a_year_range_with_to_is_still_not_a_figure_and_a_value_range_still_is():
    result = compare_texts(
        "Entre 40 y 50 personas participaron de 2019 a 2021.",
        "Between 40 and 50 people took part in 2019 to 2021.",
        original_language="es",
    )
    assert [p.translation.surface for p in result.alignment if p.translation] == [
        "Between 40 and 50"
    ]
    assert result.changes == []


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        ("Las ventas crecieron un nueve por ciento en el año.", "es", "Sales grew 9% in the year."),
        ("Les ventes ont reculé d'un cinq pour cent.", "fr", "Sales fell 5%."),
        ("Der Umsatz stieg um ein sieben Prozent.", "de", "Revenue rose 7%."),
    ],
)
def test_an_article_before_a_spelled_out_number_is_not_one(original, language, translation):
    assert kinds(original, translation, language) == []
    assert kinds(
        original, translation.replace("9%", "10%").replace("5%", "6%").replace("7%", "8%"), language
    ) == ["value"]


@pytest.mark.parametrize(
    "original",
    [
        "7月全臺平均氣溫攝氏30.1度，創同月新高。",
        "7月全市最高气温达30.1度，创同月新高。",
    ],
)
def test_du_in_a_temperature_is_degrees_celsius_not_kilowatt_hours(original):
    assert kinds(original, "The highest temperature in July was 30.1 degrees Celsius.", "zh") == []
    assert kinds(original, "July saw 30.1 kWh, a record for the month.", "zh") == ["value"]


def test_du_of_electricity_is_still_kilowatt_hours():
    assert (
        kinds("受高温影响，全市日用电量达3亿度。", "Daily power use reached 300 million kWh.", "zh")
        == []
    )


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        (
            "Las ayudas llegarán a 9.000 agricultores, con un máximo de 15.000 euros por explotación.",
            "es",
            "The aid will reach 9,000 farmers, with a maximum of 15,000 euros per farm.",
        ),
        (
            "Les aides atteindront un maximum de 15 000 euros par exploitation.",
            "fr",
            "The aid will reach a maximum of 15,000 euros per farm.",
        ),
        (
            "El programa exige un mínimo de 20 plazas por centro.",
            "es",
            "The programme requires at least 20 places per centre.",
        ),
    ],
)
def test_un_maximo_de_and_un_minimum_de_are_hedges(original, language, translation):
    assert kinds(original, translation, language) == []


def test_an_adjective_maximo_before_de_is_no_hedge():
    assert (
        kinds(
            "El estadio reunió a 60.000 espectadores, cerca de su aforo máximo de 70.000.",
            "The stadium drew 60,000 spectators, close to its maximum capacity of 70,000.",
            "es",
        )
        == []
    )


def test_une_vingtaine_de_milliers_is_about_twenty_thousand():
    original = "Les refuges ont accueilli une vingtaine de milliers de chats."
    assert kinds(original, "Shelters took in about 20,000 cats.", "fr") == []
    assert kinds(original, "Shelters took in about 20 cats.", "fr") == ["scale"]


def test_swiss_french_apostrophes_group_digits():
    original = "En Suisse, 1’412’300 doses ont été distribuées."
    assert kinds(original, "Switzerland distributed 1,412,300 doses.", "fr") == []


def test_und_mehr_before_als_is_the_next_figures_hedge():
    original = "Sichergestellt wurden etwa 4,8 Mio. Euro und mehr als 1.200 Server."
    translation = "They seized about 4.8 million euros and more than 1,200 servers."
    assert kinds(original, translation, "de") == []


def test_a_quebec_g_dollar_is_billions_of_any_dollar():
    original = "Les ventes ont totalisé 19,8 G$ en 2024."
    assert kinds(original, "Sales totalled C$19.8 billion in 2024.", "fr") == []
    assert kinds(original, "Sales totalled $19.8 billion in 2024.", "fr") == []
    assert kinds(original, "Sales totalled 19.8 billion euros in 2024.", "fr") == ["value"]


def test_a_lone_han_scale_hedged_after_its_unit_is_a_figure():
    original = "每亩补贴平均百元左右。"
    assert kinds(original, "The subsidy averages around 100 yuan per mu.", "zh") == []
    assert kinds(original, "The subsidy averages around 1,000 yuan per mu.", "zh") == ["scale"]


# ---- dev_from_heldout7.json: heldout/batch7.json, scored blind once (0.917 / 0.050), then
# opened as dev_from_heldout7.json, with the three false alarms heldout6 left: their general
# causes (the passages here are written for the tests)


@pytest.mark.parametrize(
    "original",
    ["全省餐饮门店约三十万家。", "全省餐飲門店約三十萬家。", "全省餐饮店约三十万家。"],
)
def test_canyin_before_a_store_noun_is_restaurants(original):
    assert kinds(original, "The province has about 300,000 restaurants.", "zh") == []
    assert kinds(
        "全省超市门店约三十万家。", "The province has about 300,000 restaurants.", "zh"
    ) == ["noun"]


def test_money_delivered_agrees_with_paid_and_parcels_delivered_do_not():
    assert (
        kinds(
            "El Gobierno entregó ayudas por 12.000 millones de pesos a los productores.",
            "The government paid 12 billion pesos in aid to producers.",
            "es",
        )
        == []
    )
    assert kinds(
        "La empresa entregó 12.000 paquetes en un día.",
        "The company paid 12,000 parcels in a day.",
        "es",
    ) == ["event"]


def test_ship_calls_at_a_port_are_anlaeufe():
    assert (
        kinds(
            "Der Hafen verzeichnete 310 Anläufe von Kreuzfahrtschiffen.",
            "The port recorded 310 cruise ship calls.",
            "de",
        )
        == []
    )


@pytest.mark.parametrize(
    ("original", "language", "translation", "changed"),
    [
        (
            "Las reservas cubren entre cuatro y cinco días.",
            "es",
            "Reserves cover four to five days.",
            "Reserves cover four to six days.",
        ),
        (
            "Die Reserven reichen für drei bis vier Tage.",
            "de",
            "Reserves last three to four days.",
            "Reserves last three to six days.",
        ),
        (
            "Die Reserven reichen für 3 bis 4 Tage.",
            "de",
            "Reserves last 3-4 days.",
            "Reserves last 3-6 days.",
        ),
    ],
)
def test_spelled_out_and_bis_ranges_align_with_english_ranges(
    original, language, translation, changed
):
    assert kinds(original, translation, language) == []
    assert kinds(original, changed, language) == ["value"]


# ---- dev11: what dev_from_heldout6.json and dev_from_heldout7.json still left (one false
# alarm, thirteen noun/event misses), as general rules (the passages here are written for the
# tests)


@pytest.mark.parametrize(
    "translation",
    [
        "The heat pushed electricity demand up to 58.7 GW.",
        "The heat drove power demand up to 58.7 GW.",
        "The heatwave lifted consumption up to 58.7 GW.",
    ],
)
def test_up_to_after_a_verb_of_pushing_and_its_object_is_the_level_reached(translation):
    original = "La canicule a fait grimper la consommation d'électricité à 58,7 GW."
    assert kinds(original, translation, "fr") == []


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        (
            "La chaleur pourrait faire grimper les prix de 58,7 %.",
            "It could raise prices by up to 58.7%.",
        ),
        ("La demande peut atteindre 58,7 GW.", "Demand can go up to 58.7 GW."),
        ("L'armée a envoyé 587 soldats.", "The army sent up to 587 troops."),
    ],
)
def test_up_to_with_no_object_or_after_by_is_still_at_most(original, translation):
    assert kinds(original, translation, "fr") == ["hedge"]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        # ordered (bought or purchased is a rendering of it), not given
        (
            "Las farmacias encargaron 3,1 millones de dosis.",
            "es",
            "Pharmacies ordered 3.1 million doses.",
            "Pharmacies administered 3.1 million doses.",
        ),
        (
            "Die Apotheken haben rund 3,1 Millionen Impfdosen bestellt.",
            "de",
            "Pharmacies have bought around 3.1 million doses.",
            "Pharmacies have administered around 3.1 million doses.",
        ),
        (
            "药店共订购疫苗310万剂。",
            "zh",
            "Pharmacies ordered 3.1 million doses of vaccine.",
            "Pharmacies administered 3.1 million doses of vaccine.",
        ),
        # lot release by a regulator (批签发) is an approval, not doses given
        (
            "今年共批签发流感疫苗6,870万剂。",
            "zh",
            "The regulator approved 68.7 million doses of flu vaccine this year.",
            "China administered 68.7 million doses of flu vaccine this year.",
        ),
        # applied for, not received
        (
            "Au total, 18 400 agriculteurs ont demandé l'aide d'urgence.",
            "fr",
            "A total of 18,400 farmers have applied for emergency aid.",
            "A total of 18,400 farmers have received emergency aid.",
        ),
        (
            "Insgesamt 18.400 Landwirte haben die Nothilfe beantragt.",
            "de",
            "A total of 18,400 farmers have applied for the emergency aid.",
            "A total of 18,400 farmers have received the emergency aid.",
        ),
        # dismantled, not installed
        (
            "除役期間預計將拆除約1,200噸設備。",
            "zh",
            "About 1,200 tonnes of equipment will be dismantled.",
            "About 1,200 tonnes of equipment will be installed.",
        ),
        (
            "Se instalaron 1.200 paneles solares en los tejados.",
            "es",
            "A total of 1,200 solar panels were installed on the roofs.",
            "A total of 1,200 solar panels were demolished on the roofs.",
        ),
        # cancelled, not shortened
        (
            "Die Reederei hat sechs Kreuzfahrten abgesagt.",
            "de",
            "The shipping line has cancelled six cruises.",
            "The shipping line has shortened six cruises.",
        ),
        (
            "La compagnie a écourté 12 croisières.",
            "fr",
            "The company cut short 12 cruises.",
            "The company cancelled 12 cruises.",
        ),
        # adopted, not given back
        (
            "De ellos, unos 118.000 fueron adoptados.",
            "es",
            "Of them, about 118,000 were adopted.",
            "Of them, about 118,000 were returned to their owners.",
        ),
        (
            "Les refuges ont fait adopter 45 000 chiens, et 12 000 chiens ont été restitués.",
            "fr",
            "Shelters had 45,000 dogs adopted, and 12,000 dogs were returned to their owners.",
            "Shelters had 45,000 dogs adopted, and 12,000 dogs were adopted.",
        ),
    ],
)
def test_ordered_applied_installed_shortened_adopted_returned_are_events(
    original, language, faithful, changed
):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["event"]


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        # the nouns (solicitudes, demandes, 申请案) are what an office received
        (
            "La oficina recibió 1.187 solicitudes de patente.",
            "es",
            "The office received 1,187 patent applications.",
        ),
        (
            "La plateforme a reçu 420 000 demandes d'assistance.",
            "fr",
            "The platform received 420,000 requests for help.",
        ),
        ("去年專利申請案共計7萬3,942件。", "zh", "The office received 73,942 patent applications."),
    ],
)
def test_applications_received_are_not_an_application_made(original, language, translation):
    assert kinds(original, translation, language) == []


def test_laws_adopted_are_laws_approved_and_money_returned_is_refunded():
    assert kinds("Le Parlement a adopté 45 textes.", "Parliament approved 45 bills.", "fr") == []
    assert (
        kinds(
            "Die Airline hat 2,1 Millionen Euro zurückgegeben.",
            "The airline refunded 2.1 million euros.",
            "de",
        )
        == []
    )


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        # passes for a season or a month are not single tickets, nor the people who travel
        (
            "La orquesta vendió 11.400 abonos esta temporada.",
            "es",
            "The orchestra sold 11,400 season tickets this season.",
            "The orchestra sold 11,400 single tickets this season.",
        ),
        (
            "El consorcio vendió 1,34 millones de abonos mensuales en octubre.",
            "es",
            "The consortium sold 1.34 million monthly passes in October.",
            "The consortium had 1.34 million monthly passengers in October.",
        ),
        (
            "Der Verein verkaufte 24.000 Dauerkarten.",
            "de",
            "The club sold 24,000 season tickets.",
            "The club sold 24,000 tickets.",
        ),
        (
            "Le réseau a vendu 310 000 abonnements.",
            "fr",
            "The network sold 310,000 subscriptions.",
            "The network sold 310,000 tickets.",
        ),
        (
            "地铁月票售出31万张。",
            "zh",
            "The metro sold 310,000 monthly passes.",
            "The metro sold 310,000 tickets.",
        ),
        # subscribers are a class of people of their own: not donors
        (
            "L'orchestre compte près de 4 000 abonnés.",
            "fr",
            "The orchestra has nearly 4,000 subscribers.",
            "The orchestra has nearly 4,000 donors.",
        ),
        (
            "Die Zeitung hat rund 90.000 Abonnenten.",
            "de",
            "The newspaper has around 90,000 subscribers.",
            "The newspaper has around 90,000 employees.",
        ),
        # hotel guests, not staff
        (
            "Rund 700 Gäste mussten das Hotel verlassen.",
            "de",
            "Around 700 guests had to leave the hotel.",
            "Around 700 employees had to leave the hotel.",
        ),
        (
            "Unos 700 huéspedes tuvieron que abandonar el hotel.",
            "es",
            "About 700 guests had to leave the hotel.",
            "About 700 employees had to leave the hotel.",
        ),
    ],
)
def test_season_tickets_subscribers_and_guests_are_classes_of_their_own(
    original, language, faithful, changed
):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["noun"]


def test_abonos_may_be_passes_or_fertilisers():
    assert (
        kinds(
            "Los agricultores compraron 12.000 toneladas de abonos.",
            "Farmers bought 12,000 tonnes of fertiliser.",
            "es",
        )
        == []
    )
    # subscribers of a cable network are counted by household (户)
    assert (
        kinds("全国有线电视用户为2.02亿户。", "Cable TV had 202 million subscribers.", "zh") == []
    )


def test_the_counted_nouns_differ_though_the_words_after_them_agree():
    # both sides name the hotels after the figure; what the figure counts is its own noun
    change = only_change(
        "Rund 700 Gäste mussten ihre Hotels verlassen.",
        "Around 700 employees had to leave their hotels.",
        "de",
    )
    assert change.kind == "noun"
    assert change.explanation == "Rund 700 counts guest (gäste); the translation worker (employees)"
    assert (
        kinds(
            "Rund 700 Gäste mussten ihre Hotels verlassen.",
            "Around 700 hotel guests had to leave their hotels.",
            "de",
        )
        == []
    )


@pytest.mark.parametrize(
    ("original", "counted_as"),
    [
        ("限额以上餐饮企业门店数量超过36万家。", "store"),
        ("全国汽车企业门店超过36万家。", "store"),
        ("门店所属企业超过36万家。", "company"),
    ],
)
def test_a_chinese_noun_phrase_is_read_by_its_head(original, counted_as):
    stores = "There were more than 360,000 stores."
    companies = "There were more than 360,000 companies."
    same, other = (stores, companies) if counted_as == "store" else (companies, stores)
    assert kinds(original, same, "zh") == []
    assert kinds(original, other, "zh") == ["noun"]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "Das Programm fördert 1.840 Schweinehalter.",
            "de",
            "The programme supports 1,840 pig farmers.",
            "The programme supports 1,840 poultry farmers.",
        ),
        (
            "Im Land gibt es 12.000 Milchbauern.",
            "de",
            "The country has 12,000 dairy farmers.",
            "The country has 12,000 pig farmers.",
        ),
        (
            "Die Region zählt 3.100 Geflügelzüchter.",
            "de",
            "The region has 3,100 poultry breeders.",
            "The region has 3,100 cattle breeders.",
        ),
        (
            "El programa apoya a 1.840 productores de cerdo.",
            "es",
            "The programme supports 1,840 pig producers.",
            "The programme supports 1,840 poultry producers.",
        ),
        (
            "Le plan aide 1 840 éleveurs porcins.",
            "fr",
            "The plan helps 1,840 pig farmers.",
            "The plan helps 1,840 cattle farmers.",
        ),
        (
            "La cooperativa agrupa a 900 productores de café.",
            "es",
            "The cooperative has 900 coffee producers.",
            "The cooperative has 900 cocoa producers.",
        ),
    ],
)
def test_a_good_or_animal_that_differs_is_a_noun_change_though_the_head_is_shared(
    original, language, faithful, changed
):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["noun"]


def test_an_animal_agrees_with_its_meat_and_a_compound_without_a_known_head_reads_no_good():
    from claims.translation_lexicon import german_modifiers

    assert (
        kinds(
            "Spanien exportierte 2,1 Millionen Tonnen Schweinefleisch.",
            "Spain exported 2.1 million tonnes of pork.",
            "de",
        )
        == []
    )
    assert kinds("Se sacrificaron 4.000 cerdos.", "4,000 pigs were slaughtered.", "es") == []
    assert german_modifiers("Schweinehalter") == {"pig"}
    # Reise-, Wein-, Tee- are not read: Reisebüros, Weinende, Teenager
    assert german_modifiers("Reisebüros Teenager Weinberge") == frozenset()
    # the first part alone is no noun: the price of milk counts nothing
    assert (
        kinds("Der Milchpreis liegt bei 45 Cent.", "The price of coffee is 45 cents.", "de") == []
    )


@pytest.mark.parametrize(
    ("original", "same", "other"),
    [
        ("全市便利店超过3,200家。", "convenience stores", "factories"),
        ("全市書店超過3,200家。", "bookshops", "factories"),
        ("全省纺织厂约3,200家。", "textile factories", "shops"),
        ("全省鐵礦約3,200座。", "iron ore mines", "factories"),
    ],
)
def test_a_chinese_noun_no_class_lists_is_read_by_its_last_character(original, same, other):
    hedge = "about" if ("约" in original or "約" in original) else "more than"
    assert kinds(original, f"There are {hedge} 3,200 {same}.", "zh") == []
    assert kinds(original, f"There are {hedge} 3,200 {other}.", "zh") == ["noun"]


def test_a_last_character_after_what_makes_it_something_else_is_not_read():
    from claims.translation_lexicon import head_classes

    assert head_classes("全市便利店", "zh") == {"store"}
    assert head_classes("饭店", "zh") == frozenset()  # restaurants or hotels
    assert head_classes("电厂", "zh") == frozenset()  # power plants
    # a plant may be named for the firm that runs it: 钢厂 rendered "steelmakers"
    assert head_classes("纺织厂", "zh") == {"factory", "company"}


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "Les universités comptent 1,6 million d'étudiants, dont environ 312 000 boursiers.",
            "fr",
            "Universities have 1.6 million students, about 312,000 of them on grants.",
            "Universities have 1.6 million students, about 312,000 of them from abroad.",
        ),
        (
            "La universidad tiene 80.000 alumnos, de los que 12.000 son becarios.",
            "es",
            "The university has 80,000 students, of whom 12,000 are grant holders.",
            "The university has 80,000 students, of whom 12,000 are foreign students.",
        ),
        (
            "Die Hochschule hat 40.000 Studierende, darunter 9.000 ausländische Studierende.",
            "de",
            "The university has 40,000 students, including 9,000 foreign students.",
            "The university has 40,000 students, including 9,000 disabled students.",
        ),
    ],
)
def test_students_on_grants_from_abroad_or_with_disabilities_are_different_students(
    original, language, faithful, changed
):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["noun"]


def test_a_qualifier_of_people_alone_agrees_with_any_head():
    # boursiers are students; which students is left unsaid, not changed
    for rendered in ("students", "grant holders", "people"):
        assert (
            kinds(
                "Environ 312 000 boursiers sont inscrits.",
                f"About 312,000 {rendered} are enrolled.",
                "fr",
            )
            == []
        ), rendered
    assert kinds("Llegaron 12.000 extranjeros.", "12,000 migrants arrived.", "es") == []


def test_ordered_as_a_command_and_applied_of_a_rule_are_no_events():
    assert (
        kinds(
            "El tribunal condenó a 12 empresas a pagar multas.",
            "The court ordered 12 companies to pay fines.",
            "es",
        )
        == []
    )
    assert (
        kinds(
            "Los aranceles gravan 3.000 productos importados.",
            "The tariffs are applied to 3,000 imported products.",
            "es",
        )
        == []
    )


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "Los refugios recogieron 86.000 perros abandonados.",
            "es",
            "Shelters took in 86,000 abandoned dogs.",
            "Shelters took in 86,000 abandoned cats.",
        ),
        (
            "Die Tierheime nahmen 86.000 Katzen auf.",
            "de",
            "Animal shelters took in 86,000 cats.",
            "Animal shelters took in 86,000 dogs.",
        ),
        (
            "Apotheken haben rund 3,1 Millionen Impfdosen bestellt.",
            "de",
            "Pharmacies have ordered around 3.1 million vaccine doses.",
            "Pharmacies have ordered around 3.1 million syringes of cats.",
        ),
        (
            "今年共批签发流感疫苗6,870万剂。",
            "zh",
            "The regulator approved 68.7 million doses of flu vaccine this year.",
            "The regulator approved 68.7 million dogs this year.",
        ),
    ],
)
def test_dogs_cats_and_doses_are_classes_and_a_chinese_dose_is_counted_by_ji(
    original, language, faithful, changed
):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["noun"]


def test_a_panda_is_no_cat():
    from claims.translation_lexicon import noun_classes

    assert noun_classes("大熊猫", "zh") == frozenset()
    assert noun_classes("流浪猫", "zh") == {"cat"}


# ---- dev12: dev_from_heldout8.json (heldout/batch8.json, scored blind once, 0.867 / 0.067,
# then opened): the general causes of its false alarms and misses (the passages here are
# written for the tests)


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        (
            "En los años ochenta la comarca tenía 45 cines; hoy quedan 6.",
            "es",
            "In the 1980s the district had 45 cinemas; today 6 remain.",
        ),
        (
            "Depuis les années soixante-dix, la vallée a perdu 120 fermes.",
            "fr",
            "Since the seventies the valley has lost 120 farms.",
        ),
        (
            "Dans les années 90, la ville comptait 14 usines.",
            "fr",
            "In the 1990s the town had 14 factories.",
        ),
        (
            "上世纪80年代，该县只有30所中学。",
            "zh",
            "In the 1980s the county had only 30 secondary schools.",
        ),
    ],
)
def test_a_decade_is_no_figure(original, language, translation):
    assert kinds(original, translation, language) == []


def test_a_tens_number_after_anos_and_a_comma_is_still_a_figure():
    # "tras dos años, 40 voluntarios": the comma ends the years; 40 counts volunteers
    assert kinds(
        "Tras dos años, 40 voluntarios siguen en el proyecto.",
        "After two years, 30 volunteers remain in the project.",
        "es",
    ) == ["value"]


@pytest.mark.parametrize(
    ("original", "language"),
    [
        ("Le ministère a débloqué 12 millions d'euros pour les hôpitaux.", "fr"),
        ("El Gobierno destinó 12 millones de euros a los hospitales.", "es"),
        ("国家拨付12亿元用于医院建设。", "zh"),
    ],
)
def test_money_released_is_money_allocated(original, language):
    translation = (
        "The state released 1.2 billion yuan for hospitals."
        if language == "zh"
        else "The ministry released 12 million euros for hospitals."
    )
    assert kinds(original, translation, language) == []


def test_prisoners_released_are_not_prisoners_arrested():
    assert kinds("La policía detuvo a 40 personas.", "Police released 40 people.", "es") == [
        "event"
    ]


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        (
            "Le festival a réuni une soixantaine de groupes et une trentaine de chefs.",
            "fr",
            "The festival brought together some sixty bands and about thirty chefs.",
        ),
        (
            "Une septantaine de bénévoles ont participé.",
            "fr",
            "About seventy volunteers took part.",
        ),
        (
            "Acudieron una veintena de barcos y un centenar de pescadores.",
            "es",
            "Some twenty boats and about a hundred fishermen turned up.",
        ),
    ],
)
def test_approximate_number_nouns_are_figures(original, language, translation):
    assert kinds(original, translation, language) == []


def test_an_approximate_number_noun_changed_is_a_value_change():
    assert kinds(
        "Une soixantaine de chalets ont été évacués.", "Some forty chalets were evacuated.", "fr"
    ) == ["value"]


@pytest.mark.parametrize(
    ("original", "language", "translation"),
    [
        (
            "El 60 % de los coches usados vendidos en 2024 eran diésel.",
            "es",
            "60% of used cars sold in 2024 were diesel.",
        ),
        (
            "Rund 40 % der gestohlenen Fahrräder wurden gefunden und zurückgegeben.",
            "de",
            "Around 40% of stolen bicycles were found and returned.",
        ),
        (
            "Près de 70 % des fleurs coupées vendues chaque jour sont importées.",
            "fr",
            "Nearly 70% of the cut flowers sold every day are imported.",
        ),
    ],
)
def test_a_participle_between_of_and_its_noun_is_not_the_figures_event(
    original, language, translation
):
    assert kinds(original, translation, language) == []


def test_the_event_after_an_attributive_participle_is_still_compared():
    assert kinds(
        "El 60 % de los coches usados vendidos eran diésel.",
        "60% of used cars bought were diesel.",
        "es",
    ) == ["event"]


@pytest.mark.parametrize(
    ("original", "language", "faithful", "changed"),
    [
        (
            "La provincia ha construido 35 puentes nuevos.",
            "es",
            "The province has built 35 new bridges.",
            "The province has built 35 new tunnels.",
        ),
        (
            "Le département compte 1 200 ponts et 14 tunnels.",
            "fr",
            "The department has 1,200 bridges and 14 tunnels.",
            "The department has 1,200 tunnels and 14 tunnels.",
        ),
        (
            "Das Land saniert 90 Brücken.",
            "de",
            "The state is repairing 90 bridges.",
            "The state is repairing 90 tunnels.",
        ),
        (
            "该省今年新建隧道28条。",
            "zh",
            "The province built 28 tunnels this year.",
            "The province built 28 bridges this year.",
        ),
    ],
)
def test_bridges_and_tunnels_are_classes_of_their_own(original, language, faithful, changed):
    assert kinds(original, faithful, language) == []
    assert kinds(original, changed, language) == ["noun"]
