"""Word lists shared by the figure scanner and the attribution finder.

Kept apart from the scanning code so a reviewer can see (and extend) the vocabulary at a glance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final


def words(spaced: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string (easier to scan and extend)."""
    return frozenset(spaced.split())


MONTHS: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

# Hedge phrase (lower case, single spaces) -> qualifier.  Longest alternatives first in the regex.
HEDGES: Final[dict[str, str]] = {
    "nearly": "approx_below",
    "almost": "approx_below",
    "close to": "approx_below",
    "just under": "approx_below",
    "just below": "approx_below",
    "just shy of": "approx_below",
    "not quite": "approx_below",
    "approaching": "approx_below",
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "exceeding": "more_than",
    "exceed": "more_than",
    "at or above": "at_least",
    "at or below": "at_most",
    "exceeds": "more_than",
    "exceeded": "more_than",
    "surpassing": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "up to": "at_most",
    "as many as": "at_most",
    "as much as": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "a maximum of": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "about": "approx",
    "some": "approx",
    "around": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "approx.": "approx",
    "as high as": "at_most",
    "as low as": "at_least",
    "an estimated": "approx",
    "estimated": "approx",
    "an approximate": "approx",
    "circa": "approx",
    "c.": "approx",
    "between": "range",
}

# Currency symbols and codes written before the number.
CURRENCY_PREFIXES: Final[dict[str, str]] = {
    "US$": "USD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "NT$": "TWD",
    "A$": "AUD",
    "C$": "CAD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "CNY",  # ambiguous with yen; in Claimdesk's China coverage it is the yuan
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "CNY": "CNY",
    "RMB": "CNY",
    "JPY": "JPY",
    "INR": "INR",
}

# Currency names written after the number (lower case).
CURRENCY_WORDS: Final[dict[str, str]] = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollar": "USD",
    "us dollars": "USD",
    "hong kong dollars": "HKD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "yen": "JPY",
    "won": "KRW",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "naira": "NGN",
    "rand": "ZAR",
}

DURATION_UNITS: Final[dict[str, str]] = {
    "year": "year",
    "years": "year",
    "month": "month",
    "months": "month",
    "week": "week",
    "weeks": "week",
    "day": "day",
    "days": "day",
    "hour": "hour",
    "hours": "hour",
}

# A number right after one of these words is a name or a reference, not a figure
# ("Article 19", "section 230", "No. 10", "flight 370").
IDENTIFIER_WORDS: Final = words("""article art articles section sec chapter ch clause paragraph para item exhibit rule rules
    no nos number page pages p pp line lines vol volume issue room flight route highway interstate
    road gate platform terminal exit channel seat ward district zone level category phase stage
    grade version season episode part tier class type model unit building block bus lot sector
    resolution amendment title form schedule appendix annex figure table chart""")

# Capitalised words that may stand right before a figure without making it a name:
# sentence openers, prepositions, determiners, hedges.
FUNCTION_WORDS: Final = words("""a an the and or but nor of in on at by for from with without to into onto since until till
    during after before about above below over under between among amongst around across through
    throughout per than as if while when where whereas because although though so yet some nearly
    almost approximately roughly only just exactly another other those these this that all each
    every both either its their his her our my your total totalling including included plus minus
    least more most fewer less up also still even then now today yesterday last next another
    estimated approx circa within beyond towards toward via like unlike despite whereas whose which
    who whom what roughly barely merely fully some many few several such same there here it they we
    he she you i""")

# Words after a number that mark it as a fraction, not a count ("two thirds of voters").
FRACTION_WORDS: Final = words(
    "half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths"
)

# Closed-class words that end the counted noun phrase ("67,000 accounts *were* hacked").
COUNTED_STOP_WORDS: Final = words("""a an the this that these those its their his her our my your whose which who whom what
    where when while whereas because although though if unless as than so such and or but nor
    is are was were be been being am has have had having do does did will would shall should
    can could may might must ought not no never also already still just only even yet now then
    there here it they them he she we you i me us him
    in on at by for from with without to into onto of off over under about above below between
    among amongst around across through throughout during after before since until till per via
    against within beyond behind near toward towards upon like unlike including despite
    said says say told tell reported reports claimed claims according say added adds
    more most less fewer least many much several each every all both either neither other
    another some any same own once twice ever apiece alone respectively
    last next ago earlier later recently worth""")

# Determiners/modifiers that may open a counted phrase after "of" ("dozens of the victims").
COUNTED_OPENERS: Final = words("other more new additional further")

REPORTING_VERBS: Final = (
    "said|says|say|reported|reports|claimed|claims|claim|stated|states|announced|announces"
    "|estimated|estimates|told|tells|wrote|writes|added|adds|noted|notes|confirmed|confirms"
    "|revealed|reveals|disclosed|discloses|advertised|advertises|showed|shows|show|found|finds"
    "|warned|warns|predicted|predicts|calculated|calculates|counted|recorded|records"
    "|acknowledged|acknowledges|admitted|admits|insisted|insists"
)

PRONOUNS: Final = words("it they he she we")

# Words that cannot be inside a source's name ("the bodies *were* found").
SOURCE_BLOCKERS: Final = words("""is are was were be been being am has have had having do does did will would shall should
    can could may might must not no never than if because although though while whereas
    which who whom what where when there this these those""")

# Adverbs that may sit between the source and its verb ("Police also said").
SOURCE_ADVERBS: Final = words("""also recently previously earlier later separately further again reportedly officially
    publicly initially subsequently then now today yesterday""")

PREPOSITIONS: Final = words(
    "in on at by for from with to into after before during since until over under about"
)

# Nouns naming a document rather than who issued it: "the CCP's own statement" -> "CCP".
DOCUMENT_NOUNS: Final = words("""statement statements report reports data figures figure statistics survey surveys website
    announcement announcements notice notices estimate estimates count tally tallies release
    spokesman spokeswoman spokesperson spokespeople account accounts post posts count study
    studies analysis filing briefing records record""")

SENTENCE_ABBREVIATIONS: Final = words("""mr mrs ms dr prof st no nos vol art sec gov sen rep gen col lt sgt capt cmdr adm jr sr inc
    co corp ltd plc bros dept est approx e.g i.e etc vs jan feb mar apr jun jul aug sep sept oct
    nov dec u.s u.k u.n e.u fig p pp""")

# Plural nouns that do not end in -s, and -s words that are not plurals ("news anchors").
PLURAL_NOUNS: Final = words(
    """people children men women police staff personnel cattle sheep fish aircraft livestock
    clergy militia youth crew mph km kg mw gw kwh bpd"""
)
SINGULAR_S_NOUNS: Final = words(
    """news series species means politics economics physics mathematics gas bus virus census
    campus status crisis analysis basis thesis chaos lens bias atlas"""
)
# Skipped at the start of a counted phrase: "30 more people", "8,000 of the accounts".
COUNTED_SKIPPED: Final = words("more the these those its their such")

# Words before "X to Y" that make it a change and a level, not a range:
# "grew by 1.2 million to 9.8 million", "rose 7% to 6.7 million".
CHANGE_WORDS: Final = words(
    """by from rose fell climbed dropped jumped slid slipped grew grown increased decreased
    declined surged plunged soared tumbled gained lost cut raised up down rising falling
    increase decrease rise fall edged"""
)
# "over two years" is a period ("spread over two years") unless one of these comes before it
# ("lasted over two years" = more than two years).
PERIOD_OVER_WORDS: Final = words("for in lasted lasting took taken spent after of within")


class _Trie(dict[str, "_Trie"]):
    """A character trie; the key "" marks the end of a word."""


def alternation_trie(keys: Iterable[str]) -> str:
    """A regex matching any of ``keys``, shaped as a trie so the engine tests each letter once
    ("tw(?:o|e(?:lve|nty))" rather than "two|twelve|twenty")."""
    root = _Trie()
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, _Trie())
        node[""] = _Trie()
    return _trie_pattern(root)


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
