"""What a language module gives the shared engine (:mod:`claims.detection.engine`).

A language is one instance of :class:`LanguageRules` in ``claims/detection/languages/<code>.py``
(its lexicon: hedges, scale words, number words, currencies, units, counted-noun rules, the
things that are not figures, attribution cues). Adding Italian is a new file with an
``RULES`` object, listed in :data:`claims.detection.languages.MODULES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


# eq=False: compared and hashed by identity (one object per language), so the engine can
# cache its compiled regexes per language.
@dataclass(frozen=True, eq=False)
class LanguageRules:
    code: str
    #: The decimal separator ("," in Spanish, French and German; "." in Chinese).
    decimal_mark: str
    #: Characters that group three digits ("." and spaces in German; "," in Chinese).
    group_marks: str
    #: Hedge phrase before the number (lower case, single spaces) -> qualifier.
    hedges_before: Mapping[str, str]
    #: Hedge after the number ("o más", "左右") -> qualifier.
    hedges_after: Mapping[str, str]
    #: Scale words after digits or number words ("millones", "Mrd.", "万") -> factor.
    scales: Mapping[str, int]
    #: Spelled-out numbers ("dos", "cien", "mil") -> value; see :func:`compose_number_words`.
    number_words: Mapping[str, int]
    #: Words joining number words ("treinta y cinco", "vingt et un").
    number_joiners: frozenset[str]
    #: Fractions of a scale before it ("medio millón", "eine halbe Million") -> multiplier.
    scale_fractions: Mapping[str, float]
    #: Currency names after the number ("dólares", "Euro", "美元") -> ISO 4217 code.
    currency_words: Mapping[str, str]
    #: Other units after the number ("por ciento", "Prozent", "años", "kilómetros") -> code.
    unit_words: Mapping[str, str]
    #: Words between a number and its currency/unit ("de dólares", "d'euros").
    unit_links: tuple[str, ...]
    #: Range openers and joiners: ("entre", "y") reads "entre 40 y 50".
    range_pairs: tuple[tuple[str, str], ...]
    #: Words skipped before the counted noun ("de", "d'", "des").
    counted_skip: frozenset[str]
    #: Words that end the counted noun phrase or mean none follows.
    counted_stop: frozenset[str]
    #: Month names (lower case) for dates ("mayo", "mai", "Mai").
    months: tuple[str, ...]
    #: Words before a number that make it a name or reference ("artículo", "calle", "Nr.").
    identifier_words: frozenset[str]
    #: Words before an emergency number ("llamar", "Notruf") and the numbers.
    emergency_words: frozenset[str]
    emergency_numbers: frozenset[str]
    #: Words for an age after a number in apposition ("años", "ans").
    age_words: frozenset[str]
    #: Joiners that make a range with no opener before the first number (German "3 bis 4
    #: Tage", "drei bis vier Tage"; the pairs' opener is then optional).
    open_range_joiners: frozenset[str] = frozenset()
    #: Attribution cues: words before a source ("según", "selon", "laut") ...
    source_before: tuple[str, ...] = ()
    #: ... and verbs of saying after it ("dijo", "a déclaré", "sagte").
    saying_verbs: tuple[str, ...] = ()
    #: German: the counted noun is the next capitalised word (adjectives before it skipped).
    capitalised_nouns: bool = False
    #: German: number words written as one word ("dreihundertzwanzig", "Zweitausend").
    compound_number_words: bool = False
    #: Chinese: no spaces between words; counters (个, 条) stand between number and noun.
    unspaced: bool = False
    counters: str = ""
    #: Characters after a scale character that make it part of a unit (千瓦 kW, 千米 km).
    scale_not_before: str = ""
    #: Words before the number that make it negative ("负", "零下"), part of the surface.
    negative_prefixes: tuple[str, ...] = ()
    #: Words before the number that make it a percentage ("百分之"), part of the surface.
    percent_prefixes: tuple[str, ...] = ()
    #: Currencies written before the number ("人民币2860万元", "新臺幣2.16兆元").
    currency_prefixes: Mapping[str, str] = field(default_factory=dict)
    #: Words before a number that make a length a speed ("每小时453公里").
    speed_prefixes: tuple[str, ...] = ()
    #: Words that make a unit read as energy a temperature (度 is kWh, but "攝氏30.1度" and
    #: "气温达38度" are degrees Celsius): written right before the number (part of the
    #: surface), or earlier in its clause.
    temperature_prefixes: tuple[str, ...] = ()
    temperature_words: tuple[str, ...] = ()
    #: "数百", "幾千": several of a scale (vague, 2X to 10X - 1).
    vague_prefixes: str = ""
    #: Nouns that follow the number and are what it counts, outside the surface (人, 人次).
    counted_after: tuple[str, ...] = ()
    #: Words that end the noun phrase written before a number ("关闭账号6.7万个" -> 账号).
    noun_before_cut: tuple[str, ...] = ()
    #: Vague magnitudes ("miles", "des centaines", "Zehntausende") -> (lower, upper).
    vague_words: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    #: Approximate round numbers ("une dizaine") -> value (approx).
    approx_words: Mapping[str, int] = field(default_factory=dict)
    #: One-letter scales written only against a currency sign after them (Quebec "19,8 G$",
    #: billions; "50 k$") -> factor; case matters (g is grams).
    scales_before_sign: Mapping[str, int] = field(default_factory=dict)
    #: Plural scale nouns after an approximate or vague number and "de" ("une vingtaine de
    #: milliers" is about 20,000, "des centaines de millions") -> factor.
    scale_nouns: Mapping[str, int] = field(default_factory=dict)
    #: Articles that may stand between a hedge and its number ("más de un 50 %").
    hedge_articles: tuple[str, ...] = ()
    #: Words before a number that make it a rate's denominator ("por cada 100.000").
    denominator_words: tuple[str, ...] = ()
    #: Nouns for a person before "de 45 años" (an individual's age, not a figure).
    person_nouns: frozenset[str] = frozenset()
    #: Money counts what follows it ("850 000 euros en liquide", "48.000 Euro Bargeld").
    money_counted: bool = False
    #: Unit words that scale the value ("dos décimas" = 0.2 points) -> factor.
    unit_factors: Mapping[str, float] = field(default_factory=dict)
    #: Characters after a unit word that make it the start of another word (成员, 成本: 成
    #: is tenths only on its own) -> unit word -> characters.
    unit_not_before: Mapping[str, str] = field(default_factory=dict)
    #: Words before a duration that make it a time reference ("il y a deux ans", "hace").
    ago_before: tuple[str, ...] = ()
    #: Words after a duration that make it a time reference ("十年前", a decade ago).
    ago_after: tuple[str, ...] = ()
    #: Words before a number that make it a proportion ("un vol sur cinq").
    ratio_before: tuple[str, ...] = ()
    #: Words after a number that make it a street address ("12 rue de la République").
    street_after: frozenset[str] = frozenset()
    #: For consistency checks across languages: counted nouns -> the English noun they name
    #: ("cuentas" -> "accounts") and event words -> the event ("eliminadas" -> "removed").
    counted_concepts: Mapping[str, str] = field(default_factory=dict)
    events: Mapping[str, str] = field(default_factory=dict)
    #: Extra regexes (alternations) of things that are not figures, tried before a figure.
    traps: tuple[str, ...] = ()
    #: A preposition meaning "more than" only before a number ("über", "más de") is a hedge.
    extra: Mapping[str, str] = field(default_factory=dict)


def compose_number_words(values: list[int]) -> int | None:
    """The value of a run of number-word values ("dos mil trescientos" -> [2, 1000, 300])."""
    total = 0
    group = 0
    for value in values:
        if value == 100:
            group = (group or 1) * 100
        elif value == 1000:
            total += (group or 1) * 1000
            group = 0
        elif value >= 10**6:  # "dos mil millones" = (2 * 1000) * 10**6
            total = (total + group) * value if total + group else value
            group = 0
        else:
            group += value
    result = total + group
    return result if values else None
