"""Units of measure written after a number, normalised to the corpus's unit codes.

The value stays in the written unit ("45-acre" -> 45 "acre", "5km" -> 5 "km"); only the unit's
spelling is normalised. Symbols are shared by every language; the spelled-out names of each
language live in its module under ``claims.detection.languages`` and are merged in by
:func:`measure_pattern`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from .lexicon import alternation_trie

# Symbols, case-sensitive ("MW" is not "mW"; "m" is metres, "M" is not a unit here).
SYMBOLS: Final[dict[str, str]] = {
    "mm": "mm",
    "cm": "cm",
    "km": "km",
    "m": "m",
    "ft": "ft",
    "yd": "yd",
    "mi": "mi",
    "in": "in",
    "m2": "m2",
    "m²": "m2",
    "km2": "km2",
    "km²": "km2",
    "sq ft": "sq_ft",
    "sq. ft.": "sq_ft",
    "sq mi": "sq_mi",
    "ha": "ha",
    "g": "g",
    "kg": "kg",
    "t": "t",
    "lb": "lb",
    "lbs": "lb",
    "oz": "oz",
    "ml": "ml",
    "mL": "ml",
    "l": "l",
    "L": "l",
    "m3": "m3",
    "m³": "m3",
    "bbl": "barrel",
    "°C": "degC",
    "ºC": "degC",
    "℃": "degC",
    "C": "degC",
    "°F": "degF",
    "ºF": "degF",
    "F": "degF",
    "kWh": "kWh",
    "MWh": "MWh",
    "GWh": "GWh",
    "TWh": "TWh",
    "kW": "kW",
    "MW": "MW",
    "GW": "GW",
    "km/h": "km/h",
    "kph": "km/h",
    "mph": "mph",
    "m/s": "m/s",
    "KB": "KB",
    "kB": "KB",
    "MB": "MB",
    "GB": "GB",
    "TB": "TB",
}

# Symbols that are too ambiguous to stand apart from the number ("5 t", "the 45 C"): they
# count as units only written against it ("5t", "45C", "1.8m").
ATTACHED_ONLY: Final = frozenset({"t", "C", "F", "l", "L", "g", "in"})

# English names (case-insensitive), singular and plural; the hyphenated compound takes the
# singular ("a 45-acre farm", "a 2.5-mile stretch", "a 68-ounce bottle").
ENGLISH_NAMES: Final[dict[str, str]] = {
    "millimetre": "mm",
    "millimeter": "mm",
    "centimetre": "cm",
    "centimeter": "cm",
    "kilometre": "km",
    "kilometer": "km",
    "metre": "m",
    "meter": "m",
    "inch": "in",
    "inches": "in",
    "foot": "ft",
    "feet": "ft",
    "yard": "yd",
    "mile": "mi",
    "square metre": "m2",
    "square meter": "m2",
    "square kilometre": "km2",
    "square kilometer": "km2",
    "square foot": "sq_ft",
    "square feet": "sq_ft",
    "square mile": "sq_mi",
    "hectare": "ha",
    "acre": "acre",
    "gram": "g",
    "gramme": "g",
    "kilogram": "kg",
    "kilogramme": "kg",
    "kilo": "kg",
    "tonne": "t",
    "metric ton": "t",
    "ton": "t",
    "pound": "lb",  # only in a compound ("a 5-pound bag"); "5 pounds" stays sterling
    "ounce": "oz",
    "millilitre": "ml",
    "milliliter": "ml",
    "litre": "l",
    "liter": "l",
    "gallon": "gal",
    "barrel": "barrel",
    "cubic metre": "m3",
    "cubic meter": "m3",
    "degree celsius": "degC",
    "degrees celsius": "degC",
    "degree fahrenheit": "degF",
    "degrees fahrenheit": "degF",
    "kilowatt-hour": "kWh",
    "kilowatt hour": "kWh",
    "megawatt-hour": "MWh",
    "megawatt hour": "MWh",
    "gigawatt-hour": "GWh",
    "gigawatt hour": "GWh",
    "terawatt-hour": "TWh",
    "terawatt hour": "TWh",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "kilometres per hour": "km/h",
    "kilometers per hour": "km/h",
    "kilometres an hour": "km/h",
    "kilometers an hour": "km/h",
    "miles per hour": "mph",
    "miles an hour": "mph",
    "metres per second": "m/s",
    "meters per second": "m/s",
    "kilobyte": "KB",
    "megabyte": "MB",
    "gigabyte": "GB",
    "terabyte": "TB",
}

# Names that are only units inside a hyphenated compound (a plain "5 pounds" is money).
COMPOUND_ONLY: Final = frozenset({"pound"})


def plural_forms(names: Mapping[str, str]) -> dict[str, str]:
    """Each name with its English plural ("acre" -> "acres", "inch" -> "inches")."""
    forms: dict[str, str] = {}
    for name, code in names.items():
        forms[name] = code
        if name.endswith(("s", "feet")) or name in COMPOUND_ONLY:
            continue
        head, sep, tail = name.rpartition(" ")
        if tail in ("hour", "second") and head.endswith(("per", "an")):
            continue
        if name.startswith(("kilowatt-", "megawatt-", "gigawatt-", "terawatt-")) or (
            name.endswith(" hour") and name.split()[0].endswith("watt")
        ):
            forms[name + "s"] = code
            continue
        forms[f"{head}{sep}{tail}es" if tail.endswith("ch") else name + "s"] = code
    return forms


def _alternation(names: list[str]) -> str:
    """A trie-shaped regex of ``names`` (each letter tested once, not each name in turn: the
    pattern is tried after every number), spaces matching any run of spaces."""
    return alternation_trie(names).replace(r"\ ", r"[ \t\u00a0]+")


def measure_pattern(names: Mapping[str, str]) -> re.Pattern[str]:
    """The regex for a unit right after a number: ``sym`` (symbols), ``name`` (spelled out,
    any case), ``compound`` (after a hyphen, singular: "-acre", "-mile")."""
    spaced = [s for s in SYMBOLS if s not in ATTACHED_ONLY]
    return re.compile(
        rf"(?:[ \t\u00a0]?(?P<sym>{_alternation(spaced)})"
        rf"|(?P<asym>{_alternation(sorted(ATTACHED_ONLY))})"
        rf"|[ \t\u00a0]+(?i:(?P<name>{_alternation(list(names))})))"
        r"(?![A-Za-z0-9²³\u00c0-\u024f])"
        rf"|-(?i:(?P<compound>{_alternation([n for n in names if not n.endswith('s')])}))"
        r"(?![A-Za-z0-9\u00c0-\u024f])"
    )


_SPACES: Final = re.compile(r"[ \t\u00a0]+")


def unit_code(m: re.Match[str], names: Mapping[str, str]) -> str:
    """The unit code of a :func:`measure_pattern` match."""
    symbol = m.group("sym") or m.group("asym")
    if symbol is not None:
        return SYMBOLS[_SPACES.sub(" ", symbol)]
    written = m.group("name") or m.group("compound")
    return names[_SPACES.sub(" ", written.lower())]


ENGLISH_UNITS: Final = plural_forms(ENGLISH_NAMES)
ENGLISH_MEASURE: Final = measure_pattern(ENGLISH_UNITS)

#: A lookahead for a unit symbol written against the digits ("5km", "45C", "120GWh"), so the
#: scanner takes the number although a letter follows it.
ATTACHED_SYMBOL: Final = (
    rf"(?=(?:{_alternation([s for s in SYMBOLS if ' ' not in s])})(?![A-Za-z0-9\u00c0-\u024f]))"
)
