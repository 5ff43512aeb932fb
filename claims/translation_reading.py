"""What each text of a translation pair says around its figures, read for
:mod:`claims.translations`: the numbers it writes that are not figures, the event and direction
words of each figure's clause, hedge words of two readings, and ranges that are really two figures
(a change and the level it reaches)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise
from typing import Final

from claims.detection import DetectedFigure, Qualifier
from claims.translation_lexicon import events_in, separated_event

#: characters either side of a figure where its verb is looked for
EVENT_WINDOW: Final = 60


def split_implausible_range(text: str, figure: DetectedFigure) -> list[DetectedFigure]:
    """ "from 1.2 trillion in 2023 to 1.46 trillion" read as the range 2023-1.46 trillion, or
    "de 16 % à 1,77 million": two figures, not a range (bounds a thousand times apart)."""
    lo, hi = figure.lower, figure.upper
    if figure.qualifier != Qualifier.RANGE or lo is None or hi is None or lo <= 0:
        return [figure]
    if hi / lo < 1000:
        return [figure]
    parts = _range_parts(text, figure)
    if parts is None:
        return [figure]
    if lo == lo.to_integral_value() and 1900 <= lo <= 2100:
        return [parts[1]]  # the lower "bound" is a year
    return list(parts)


def _range_parts(
    text: str, figure: DetectedFigure, lower_value: Decimal | None = None
) -> tuple[DetectedFigure, DetectedFigure] | None:
    """A range's two numbers as two figures: "34,000 to 2.6 million" -> 34,000 and 2.6
    million (the connector between them belongs to neither)."""
    surface = figure.surface
    digits = list(re.finditer(r"[0-9][0-9.,\s\u00a0\u202f]*[0-9]|[0-9]", surface))
    if len(digits) < 2 or figure.lower is None or figure.upper is None:
        return None
    cut = digits[0].end()
    first_end = figure.start + cut
    second = re.search(r"[0-9]", surface[cut:])
    second_start = figure.start + cut + (second.start() if second else 0)
    percent_first = "%" in surface[: cut + 3] and "%" not in surface[cut + 3 :]
    upper = DetectedFigure(
        start=second_start,
        end=figure.end,
        surface=text[second_start : figure.end],
        value=figure.upper,
        lower=None,
        upper=None,
        qualifier=Qualifier.EXACT,
        unit="" if percent_first and figure.unit == "percent" else figure.unit,
        counted=figure.counted,
    )
    lower = DetectedFigure(
        start=figure.start,
        end=first_end,
        surface=text[figure.start : first_end],
        value=figure.lower if lower_value is None else lower_value,
        lower=None,
        upper=None,
        qualifier=Qualifier.EXACT,
        unit=figure.unit if "%" in surface[: cut + 3] else "",
        counted="",
    )
    return lower, upper


def ranges_written_apart(
    text: str, language: str, figures: list[DetectedFigure], other: list[DetectedFigure]
) -> list[DetectedFigure]:
    """A range of ``figures`` whose two numbers the other text gives as two figures in a row is
    two figures here too: "by 34,000 to 2.6 million" read as a range beside "um 34.000 auf 2,6
    Millionen", "de 62 à 64 ans" beside "from 62 to 64" (a change and the level it reaches)."""
    if not any(f.qualifier == Qualifier.RANGE for f in figures):
        return figures
    in_a_row = {
        (a.value, b.value)
        for a, b in pairwise(other)
        if a.value is not None and b.value is not None
    }
    firsts = {a for a, _ in in_a_row}
    out: list[DetectedFigure] = []
    for f in figures:
        parts = None
        if f.qualifier == Qualifier.RANGE and f.lower is not None and f.upper is not None:
            cut = re.search(r"[0-9][0-9.,\s\u00a0\u202f]*[0-9]|[0-9]", f.surface)
            written = written_numbers(f.surface[: cut.end()], language) if cut else set()
            # the first number as written ("de 1 % à 3,05 millions" scales it to millions)
            for low in [f.lower, *sorted(written)]:
                if low in firsts and (low, f.upper) in in_a_row:
                    parts = _range_parts(text, f, low)
                    break
        out.extend(parts if parts else [f])
    return out


def clause_after(text: str, figure: DetectedFigure) -> str:
    """The few words after a figure, up to punctuation or the next number: where the noun
    phrase the detector cut short goes on ("120.000 clientes *de fibra*")."""
    window = text[figure.end : figure.end + 40]
    return _TIME_PHRASE.split(re.split(r"[0-9,.;:!?，。；：、()]", window)[0])[0]


# Where a phrase of time begins after the figure's noun ("1,240 operations *during the doctors'
# strike*"): its nouns are not what the figure counts.
_TIME_PHRASE: Final = re.compile(
    r"(?<![^\W\d_])(?:during|durante|pendant|während|amid|since|desde|depuis|seit)(?![^\W\d_])",
    re.IGNORECASE,
)


class FigureWords:
    """The event words of one text and where its clauses break, found once: each figure's
    event is then the nearest one in its own clause (:meth:`of`), in logarithmic time."""

    def __init__(
        self, text: str, language: str, find: Callable[[str, str], list[tuple[int, int, str]]]
    ) -> None:
        self.text, self.language, self.find = text, language, find
        found = find(text, language)
        self.starts = [start for start, _, _ in found]
        self.ends = [end for _, end, _ in found]
        self.events = [event for _, _, event in found]
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
        self.break_starts = [start for start, _ in breaks]
        self.break_ends = [end for _, end in breaks]
        self.mark_ends = [m.end() for m in _PUNCTUATION.finditer(text)]
        self.joins = [m.start() for m in _COORDINATION.finditer(text)]

    def _left_bound(self, figure: DetectedFigure) -> int:
        at = bisect_right(self.break_ends, figure.start)
        return max(figure.start - EVENT_WINDOW, self.break_ends[at - 1] if at else 0)

    def _bracket_left(self, figure: DetectedFigure) -> int:
        """Where the stem of a German separable verb may be: back to punctuation, across
        other numbers ("baut wegen der Haushaltslage bis 2026 rund 40 Stellen ab": the verb
        brackets its clause, a year inside it included)."""
        at = bisect_right(self.mark_ends, figure.start)
        return max(figure.start - EVENT_WINDOW, self.mark_ends[at - 1] if at else 0)

    def any_before(self, figure: DetectedFigure) -> bool:
        """Whether one of the words is in the figure's clause before it."""
        k = bisect_right(self.ends, figure.start) - 1
        return k >= 0 and self.starts[k] >= self._left_bound(figure)

    def of(self, figure: DetectedFigure) -> str:
        """The event class nearest the figure in its clause, or "": between the nearest comma,
        sentence end or other number on either side (and within ``EVENT_WINDOW``)."""
        left_bound = self._left_bound(figure)
        at = bisect_left(self.break_starts, figure.end)
        join = bisect_left(self.joins, figure.end)
        right_bound = min(
            figure.end + EVENT_WINDOW,
            self.break_starts[at] if at < len(self.break_starts) else len(self.text),
            # what comes after "and" is said of the next conjunct ("exports totalled 383.7
            # billion euros and imports some 424 billion", "earned €3.2 billion and will pay")
            self.joins[join] if join < len(self.joins) else len(self.text),
        )
        best: tuple[int, str] | None = None
        k = bisect_left(self.starts, figure.end)
        # "85% of cut flowers sold", "half of stolen bikes recovered": a participle between
        # "of" and its noun describes the noun; the figure's event is the next word
        while (
            k < len(self.starts)
            and self.ends[k] <= right_bound
            and _OF_BEFORE.search(self.text, figure.end, self.starts[k])
            and _NOUN_AFTER.match(self.text, self.ends[k])
        ):
            k += 1
        if (
            k < len(self.starts)
            and self.ends[k] <= right_bound
            # "destinará 96 millones de euros a construir", "spend 96 million euros to build":
            # an infinitive of purpose says what the figure is for, not what happened to it
            and not _PURPOSE_BEFORE.search(self.text, figure.end, self.starts[k])
        ):
            best = (self.starts[k] - figure.end, self.events[k])
        k = bisect_right(self.ends, figure.start) - 1
        if k >= 0 and self.starts[k] >= left_bound:
            distance = figure.start - self.ends[k]
            # a word before "and" is the previous conjunct's: it speaks for the figure only
            # when nothing after it does ("investieren und dort 12.000 Stellen schaffen")
            joined = bisect_left(self.joins, self.ends[k]) < bisect_left(self.joins, figure.start)
            if best is None or (distance < best[0] and not joined):
                best = (distance, self.events[k])
        if best is None:
            return separated_event(
                self.text[self._bracket_left(figure) : figure.start],
                self.text[figure.end : right_bound],
                self.language,
                "event" if self.find is events_in else "direction",
            )
        return best[1] if best else ""


# A purpose marker right before an infinitive after the figure ("to build", "a construir",
# "para ampliar", "pour construire", "afin de", "um … zu" is German's and left out).
_PURPOSE_BEFORE: Final = re.compile(
    r"(?<![^\W\d_])(?:to|a|para|pour|afin\s+de|à)\s+$",
    re.IGNORECASE,
)

# "of" (and an article) right before a word after the figure, and the noun that follows it:
# the word is an attributive participle ("of cut flowers", "of the registered voters").
_OF_BEFORE: Final = re.compile(r"(?<![^\W\d_])of\s+(?:the\s+)?$", re.IGNORECASE)
_NOUN_AFTER: Final = re.compile(r"[ \t]+[^\W\d_]")

# Where a figure's clause ends: a sentence or clause mark, or another number.
_CLAUSE_BREAK: Final = re.compile(r"[.!?。！？;；,，、]\s|[。！？；，、]|[0-9]")
# The marks alone (where a separable verb's bracket ends).
_PUNCTUATION: Final = re.compile(r"[.!?。！？;；,，、:]\s|[。！？；，、：]")
# Where, after a figure, a coordinated clause or phrase begins: its words are not the figure's.
_COORDINATION: Final = re.compile(
    r"(?<![^\W\d_])(?:and|while|whereas|y|mientras|et|tandis|und|sowie)(?![^\W\d_])",
    re.IGNORECASE,
)


def clause_before(text: str, figure: DetectedFigure) -> str:
    """The words of the figure's clause before it, back to punctuation or the previous
    number: where Chinese names what it counts (理赔案件达1.2亿件, 死亡數逾20萬人)."""
    window = text[max(0, figure.start - 30) : figure.start]
    return re.split(r"[0-9,.;:!?，。；：、()]", window)[-1]


_NUMERAL: Final = re.compile(r"[0-9]+(?:[.,\u00a0\u202f ][0-9]+)*")


def written_numbers(text: str, language: str) -> set[Decimal]:
    """Every number ``text`` writes, figure or not (2026 in "hasta 2026", "sept" in "sur
    sept ans"): digits in the language's marks and single number words. A figure of one side
    whose value the other side writes is not missing or added: the other side's figure was
    not read (a date, a proportion's denominator), not left out."""
    from claims.detection.numerals import ascii_digits

    found: set[Decimal] = set()
    comma_decimal = language in ("es", "de", "fr")
    for m in _NUMERAL.finditer(ascii_digits(text)):
        raw = m.group(0)
        group = "[.\u00a0\u202f ]" if comma_decimal else "[,\u00a0\u202f ]"
        raw = re.sub(group + "(?=[0-9]{3}(?![0-9]))", "", raw)
        raw = raw.replace(",", ".") if comma_decimal else raw
        for piece in re.split(r"[\u00a0\u202f ]", raw):
            try:
                found.add(Decimal(piece.rstrip(".,")).normalize())
            except InvalidOperation:
                continue
    words = _number_words(language)
    lowered = text.lower()
    tokens = re.findall(r"[^\W\d_]+|[0-9]+", lowered)
    for index, word in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        digits = word.isascii() and word.isdigit()
        number = int(word) if digits else words.get(word)
        if number is None:
            continue
        if not digits:  # digits were read above, with their marks
            found.add(Decimal(number).normalize())
        if following in _FRACTION_WORDS:  # "two tenths (of a point)": 0.2
            found.add((Decimal(number) / _FRACTION_WORDS[following]).normalize())
    return found


# Words after a number that make it tenths or hundredths (a figure the English reader leaves).
_FRACTION_WORDS: Final = {"tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100}


@cache
def _number_words(language: str) -> dict[str, int]:
    from claims.detection.languages import rules_for
    from claims.detection.numerals import TEEN_WORDS, TENS_WORDS, UNIT_WORDS

    rules = rules_for(language) if language in ("zh", "es", "fr", "de") else None
    if rules is None:
        return {**UNIT_WORDS, **TEEN_WORDS, **TENS_WORDS}
    return {str(k).lower(): int(v) for k, v in rules.number_words.items()}


# "over six months": more than six, or during six (the English reader leaves it unhedged).
_OVER_BEFORE: Final = re.compile(r"(?<![^\W\d_])over\s+$", re.IGNORECASE)
# "hasta"/"jusqu'à" right after another figure of the clause: the level a change reaches
# ("crecieron un 3,1 % hasta los 424.000 millones"), not "up to".
_LEVEL_WORDS: Final = re.compile(r"(?:hasta|jusqu['’]à)\b", re.IGNORECASE)
_LEVEL_GAP: Final = re.compile(r"[^.;:!?]{0,40}")
# "pushed electricity demand up to 58.7 GW", "drove prices up to", "lifting the total up to":
# "up" is the particle of a transitive verb of pushing or raising, its object between them, and
# "to" names the level reached, not "at most" (the detector reads "up to" as at most). Verbs
# with no object between ("can go up to 300 km/h", "sent up to 500 troops") stay "at most".
_PUSHED_UP_TO: Final = re.compile(
    r"(?<![^\W\d_])(?:push|pushe[sd]|pushing|drive|drives|drove|driven|driving|lift|lifts|"
    r"lifted|lifting|raise|raises|raised|raising|boost|boosts|boosted|boosting|send|sends|sent|"
    r"sending|force|forces|forced|forcing|bump|bumps|bumped|bumping|jack|jacked|ratchet|"
    r"ratcheted|bring|brings|brought|bringing|pump|pumped|pumping)"
    # the object: one to four words, no preposition or joiner ("raised prices by up to 5%" is
    # at most)
    r"(?:\s+(?!(?:by|of|for|with|from|in|on|at|and|or|to|than|per)(?![^\W\d_]))"
    r"[^\W\d_][\w'’-]*){1,4}\s+$",
    re.IGNORECASE,
)
_UP_TO: Final = re.compile(r"up\s+to\b", re.IGNORECASE)


# Verbs of passing a mark ("突破7,500萬", "exceed 75 million", "superó los 2 millones"): one
# reader makes them "more than", another leaves the figure unhedged; either reading holds.
_SURPASS: Final = (
    r"exceed(?:s|ed|ing)?|passed|topped|surpassed|super[óa]|superará|superar|rebasó|"
    r"sobrepasó|dépass(?:é|e|era)|franchi|überschritt(?:en)?|übertraf|überstieg|übersteigt|"
    r"knackte|突破|超越"
)
_SURPASS_BEFORE: Final = re.compile(
    rf"(?:{_SURPASS})(?:\s+(?:los|las|les|the|la|le|el))?\s*$", re.I
)
_SURPASS_START: Final = re.compile(rf"(?:{_SURPASS})\b", re.IGNORECASE)


# "ein Auftrag über vier U-Boote", "ein Kredit über 2 Milliarden": über after a noun of an
# order, a contract, a loan or a bill is "for" (an order *for* four submarines), not "more than";
# either reading holds. The nouns end the word (Großauftrag, Liefervertrag).
_FOR_NOUN_BEFORE: Final = re.compile(
    r"(?:auftrag|aufträge|vertrag|verträge|bestellung|rechnung|scheck|kredit|darlehen|anleihe|"
    r"vereinbarung|abkommen|bürgschaft|zusage|bescheid|order)(?:e|en|n|s|es)?\s+$",
    re.IGNORECASE,
)


# Hedge words read both ways by careful translators: annähernd is "nearly" and
# "approximately" (the detector makes it nearly).
_TWO_WAY_HEDGES: Final = {"annähernd": "about"}


def other_hedge(
    text: str, f: DetectedFigure, previous: DetectedFigure | None, directions: FigureWords
) -> str:
    first = f.surface.split(maxsplit=1)[0].lower() if f.surface.strip() else ""
    if f.qualifier != Qualifier.EXACT and first in _TWO_WAY_HEDGES:
        return _TWO_WAY_HEDGES[first]
    if f.qualifier == Qualifier.EXACT and _OVER_BEFORE.search(text, max(0, f.start - 6), f.start):
        return "more than"
    if f.qualifier == Qualifier.EXACT and _SURPASS_BEFORE.search(
        text, max(0, f.start - 20), f.start
    ):
        return "more than"
    if f.qualifier == Qualifier.MORE_THAN and _SURPASS_START.match(f.surface):
        return "exact"
    if f.qualifier == Qualifier.MORE_THAN and f.surface[:5].lower() == "over ":
        return "exact"  # "turned over 79.7 billion euros"
    if (
        f.qualifier == Qualifier.MORE_THAN
        and first == "über"
        and _FOR_NOUN_BEFORE.search(text, max(0, f.start - 40), f.start)
    ):
        return "exact"
    if (
        f.qualifier == Qualifier.AT_MOST
        and _LEVEL_WORDS.match(f.surface)
        and (
            # "crecieron un 3,1 % hasta", "elevará el gasto hasta el 2 %": where it arrives
            (previous is not None and _LEVEL_GAP.fullmatch(text, previous.end, f.start))
            or directions.any_before(f)
        )
    ):
        return "exact"
    if (
        f.qualifier == Qualifier.AT_MOST
        and _UP_TO.match(f.surface)
        and _PUSHED_UP_TO.search(text, max(0, f.start - 60), f.start)
    ):
        return "exact"  # "pushed electricity demand up to 58.7 GW": the level it reached
    return ""
