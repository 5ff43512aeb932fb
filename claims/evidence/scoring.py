"""How a claim figure is read against a candidate: the claim's keys, names and period, read
once per match (`_ClaimReading`); how much of the claim a candidate says (`topic`,
`coverage`), whether it names the same period, and why it is not about the same thing
(`same_thing`); and the small readings the ranking uses (a claimed fall, whether two
intervals meet, how close two values are). Split from claims/evidence/matching.py (which
re-exports these names)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claims.detection import detect_figures
from claims.evidence import concepts
from claims.evidence.candidates import Candidate, ClaimFigure, _table_of
from claims.evidence.reading import (
    _HAN,
    _PERIOD_WORDS,
    _header_period_free,
    _without_base,
    period_of,
)
from claims.evidence.statistics_concepts import STATISTICS_CONCEPTS
from claims.translation_lexicon import directions_in

if TYPE_CHECKING:
    from claims.evidence.matching import EvidenceIndex

#: The stop words, folded ("près" → "pres").
_FOLDED_STOP = frozenset(concepts.fold(w) for w in concepts.STOP_WORDS)
#: How much a pair of Han characters the documents never use counts against the coverage.
UNKNOWN_HAN = 0.2


@dataclass(frozen=True)
class _ClaimReading:
    """A claim figure's keys and period, read once per match."""

    keys: frozenset[str]
    head: frozenset[str]
    years: frozenset[int]
    quarters: frozenset[int]
    percent: bool
    #: Words the concept table names (their concept key speaks for them).
    named: frozenset[str]
    #: The keys of the claim's proper names ("HarbourLine", "CAC", "France").
    names: frozenset[str]
    #: Each key's weight in the index (`EvidenceIndex.weight`).
    weights: dict[str, float]
    #: The keys of the claim's capitalised words the concept table does not know, the
    #: sentence's first word included ("Extremadura contaba ...").
    capitalised: frozenset[str] = frozenset()
    #: The months the claim names ("in August 2024": c:month-08).
    months: frozenset[str] = frozenset()
    #: Words of a phrase the concept table names whole ("installed generating capacity"):
    #: its concept counts for them in the coverage.
    phrased: frozenset[str] = frozenset()

    @classmethod
    def of(cls, figure: ClaimFigure, index: EvidenceIndex) -> _ClaimReading:
        sentence = figure.claim_quote.replace(figure.surface, " ") if figure.surface else ""
        # Its period is compared apart ("in April to June 2024" is no word of its thing).
        sentence = _header_period_free(_without_base(sentence))
        everything = concepts.keys(f"{figure.counted} {sentence}") - _PERIOD_WORDS
        if figure.unit != "percent":  # "rose to 4.3%": a level, whatever the verb says
            everything -= concepts.change_keys()
        # The words of the counted noun that name the figure's unit ("kilowatts", "Kilogramm")
        # say how it is counted, which the unit compares: they are no words of its thing.
        unit_words = frozenset().union(
            *(
                concepts.keys(w)
                for w in figure.counted.split()
                if figure.unit and written_unit(f"1 {w}", figure.language) == figure.unit
            )
        )
        everything -= unit_words
        head = concepts.keys(_head_noun(figure.counted))
        if head <= concepts.generic_keys() or (unit_words and head <= unit_words):
            head = frozenset()
        elif head:
            # A phrase the concept table names as a whole ("charging points" = 充电桩) is
            # its own head, beside its last word.
            words = figure.counted.split()
            if len(words) > 1:
                alone = frozenset().union(*(concepts.keys(w) for w in words))
                head |= {k for k in concepts.keys(figure.counted) - alone if k.startswith("c:")}
        quote = _without_base(figure.claim_quote)
        years, quarters = period_of(quote)
        named = concepts.known_words(f"{figure.counted} {sentence}")
        names: frozenset[str] = frozenset()
        if not (figure.language or "").startswith("de"):  # German capitalises every noun
            names = frozenset().union(*(concepts.keys(n) for n in _proper_names(sentence)))
        weights = {k: index.weight(k) for k in everything if k in index.frequency}
        capitalised: frozenset[str] = frozenset()
        if not (figure.language or "").startswith("de"):
            words = re.findall(r"\b[A-Z][^\W\d_]+", figure.claim_quote)
            first = re.match(r"\W*([A-Z][^\W\d_]+)", figure.claim_quote)
            capitalised = frozenset(
                k
                for word in words
                if not concepts.known_words(word)
                # a hedge or stop word opening the sentence ("Près de 76 000") is no name
                and concepts.fold(word) not in _FOLDED_STOP
                # The sentence's first word is a name only when it is not inflected
                # ("Extremadura contaba", not "Registered unemployment").
                and not (
                    first
                    and word == first.group(1)
                    and concepts.stem(concepts.fold(word)) != concepts.fold(word)
                )
                for k in concepts.keys(word)
            )
        named_months = _MONTH_WORD.findall(quote)
        months = _months(concepts.keys(" ".join(named_months))) if named_months else frozenset()
        return cls(
            everything,
            head,
            years,
            quarters,
            figure.unit == "percent",
            named,
            names,
            weights,
            capitalised,
            months,
            concepts.phrase_words(f"{figure.counted} {sentence}"),
        )

    def topic(self, candidate: Candidate, index: EvidenceIndex) -> float:
        """How much of what the claim says the candidate says: the weight of the shared keys,
        those of the figure's own clause and headers in full, its line's at a third."""
        weights = self.weights
        shared = self.keys & candidate.tokens
        near = sum(weights[k] for k in shared if k in candidate.near)
        line = sum(weights[k] for k in shared if k not in candidate.near)
        return near + line / 3

    def coverage(self, candidate: Candidate, index: EvidenceIndex) -> float:
        """`topic` as a share of all the claim says that the documents know of."""
        # A word the documents never use counts in full ("youth", "Hamburg": the claim is
        # about something they do not state), a pair of Han characters little (most pairs
        # straddle two words).
        unknown = math.log(1 + len(index.candidates))
        total = sum(
            index.weight(k)
            if k in index.frequency
            else (unknown * UNKNOWN_HAN if _HAN.match(k) else unknown)
            for k in self.keys
            if not k.startswith("c:")
            and k not in self.phrased
            and (k in index.frequency or k not in self.named)
        )
        total += sum(w for k, w in self.weights.items() if k.startswith("c:"))
        # A concept the claim names that no document mentions ("children" where the report
        # has no age breakdown) is something the documents do not state: it counts in full.
        total += unknown * sum(
            1 for k in self.keys if k.startswith("c:") and k not in index.frequency
        )
        return min(1.0, self.topic(candidate, index) / total) if total else 0.0

    def period(self, candidate: Candidate, latest: int) -> float:
        """1 when both name the same period, -1 when they name different ones (a claim that
        names no year means the document's latest), 0 when nothing tells."""
        if self.years and candidate.years:
            if not self.years & candidate.years:
                return -1.0
        elif candidate.years and latest and max(candidate.years) < latest:
            return -1.0
        if self.quarters and candidate.quarters and not self.quarters & candidate.quarters:
            return -1.0
        if candidate.previous and not (self.years & candidate.years):
            return -1.0
        # Months, in any language: "August" is not the July column; "January to August"
        # is the "enero-agosto" column, not the August one.
        months = _months(candidate.near) if self.months else frozenset()
        if months and not months & self.months:
            return -1.0
        if (
            (self.years & candidate.years)
            or (self.quarters & candidate.quarters)
            or (months and months == self.months)
        ):
            return 1.0
        return 0.0

    def _names_a_row_it_lacks(self, candidate: Candidate, index: EvidenceIndex) -> bool:
        """Whether the claim names (a capitalised word of it) a table row of the candidate's
        document that the candidate, a prose figure, does not mention."""
        if candidate.is_cell or not self.capitalised:
            return False
        named = self.capitalised & _document_rows(index, candidate.document_id)
        return bool(named - candidate.tokens)

    def _names_another_kind(self, candidate: Candidate, index: EvidenceIndex) -> bool:
        """Whether the candidate's row names a kind of its own (a concept only that row
        holds: 集成电路, integrated circuits) that the claim does not, while the claim names a
        thing no document writes ("rare-earth exports"): another row's figure, not this."""
        own = index.row_names.get(_table_of(candidate), frozenset()) & candidate.row_keys
        kinds = {k for k in own if k.startswith("c:")}
        if not kinds or kinds & self.keys:
            return False
        return any(
            k not in index.frequency and k not in self.named and not k.startswith("c:")
            for k in self.keys
        )

    def same_thing(
        self,
        candidate: Candidate,
        period: float,
        attached: bool,
        index: EvidenceIndex | None = None,
    ) -> str:
        """Why `candidate` is not about the claim's thing, or "" when it is."""
        # (A prose figure is checked against its document's table rows: `_names_a_row_it_lacks`.)
        if period < 0:
            return "another period"
        if index is not None:
            document = index.document_keys.get(candidate.document_id, frozenset())
            for name in self.names:
                if name in index.frequency and name not in document:
                    return "another document's subject"
        if self.head and not self.head & (candidate.near | candidate.tokens):
            return "another counted noun"
        if _SUPERLATIVE in self.keys and not _is_superlative(candidate):
            # "The biggest single fine was €41.7 million": the largest, not the total.
            return "not the largest"
        if candidate.is_cell:
            if (
                candidate.total_row
                and index is not None
                and not (candidate.total_after and _table_of(candidate) in index.subtotalled)
            ):
                # A total row is about the table's whole population: the claim's unless the
                # claim names another row ("Andalusia" is not "Total nacional").
                others = index.row_names.get(_table_of(candidate), frozenset())
                if (others - candidate.row_keys) & self.keys:
                    return "another row or column"
                # ... nor a place or name the document never writes ("Extremadura").
                document = index.document_keys.get(candidate.document_id, frozenset())
                if any(k not in document for k in self.capitalised):
                    return "another row or column"
                headers: tuple[frozenset[str], ...] = (candidate.column_keys,)
            else:
                headers = (candidate.row_keys, candidate.column_keys)
                if index is not None and self._names_another_kind(candidate, index):
                    return "another row"
            texts = (
                (candidate.locator.get("column_header", ""),)
                if len(headers) == 1
                else (
                    candidate.locator.get("row_header", ""),
                    candidate.locator.get("column_header", ""),
                )
            )
            for header, text in zip(headers, texts, strict=True):
                if header and not (header & self.keys) - _loose_parts(str(text), self.keys):
                    # A change column ("Évolution (%)", "增减") is what a claimed change is.
                    if self.percent and header & concepts.change_keys():
                        continue
                    return "another row or column"
        elif index is not None and self._names_a_row_it_lacks(candidate, index):
            # "Cod landed by the fleet was worth £38.7 million": the document's table has a
            # row for cod; its prose total of every species is not about cod.
            return "another row"
        elif (
            not self.keys & candidate.near
            and not attached
            # A change ("5.1% fewer than in 2022") is about its line's subject.
            and not (self.percent and self.keys & candidate.tokens)
        ):
            return "another clause"
        return ""


@lru_cache(maxsize=65536)
def written_unit(surface: str, language: str = "") -> str:
    """The unit the figure engine reads in a figure's surface ("286.5 billion kilowatt-hours":
    kWh, "512 Kilogramm": kg), or "" (a bare number is not read)."""
    if not _LETTER.search(surface):
        return ""
    code = (language or "").split("-")[0].lower() or None
    for found in detect_figures(surface, code):
        if found.unit:
            return str(found.unit)
    return ""


_LETTER = re.compile(r"[^\W\d_]")


_HYPHENATED = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)+")


@lru_cache(maxsize=65536)
def _hyphenated_parts(
    header: str,
) -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]:
    """For each hyphenated word of a header ("Côte-Ambrée", "micro-entreprises"): the stems
    of its parts, the concepts only the whole names ("Nordrhein-Westfalen"), and the keys the
    word alone gives the header (those the rest of the header lacks)."""
    folded = concepts.fold(header)
    out = []
    for found in _HYPHENATED.finditer(folded):
        parts = [
            p
            for p in re.split(r"[-'’]", found.group())
            if len(p) >= 3 and p not in concepts.STOP_WORDS
        ]
        if len(parts) < 2:
            continue
        rest = concepts.keys(folded[: found.start()] + " " + folded[found.end() :])
        whole = concepts.keys(found.group())
        by_parts = frozenset().union(*(concepts.keys(p) for p in parts))
        whole_concepts = frozenset(k for k in whole - by_parts if k.startswith("c:"))
        out.append((frozenset(concepts.stem(p) for p in parts), whole_concepts, whole - rest))
    return tuple(out)


def _loose_parts(header: str, claim_keys: frozenset[str]) -> frozenset[str]:
    """The keys of a header that come only from part of a hyphenated word the claim does not
    name whole: "Côte-d'Émeraude" is not "Côte-Ambrée", nor are "entreprises" the
    "micro-entreprises" among them. A hyphenated word is matched by all its parts (or by a
    concept naming the whole)."""
    loose: set[str] = set()
    for stems, whole_concepts, own in _hyphenated_parts(header):
        if stems <= claim_keys or whole_concepts & claim_keys:
            continue
        loose |= own
    return frozenset(loose)


def _document_rows(index: EvidenceIndex, document_id: int) -> frozenset[str]:
    """The keys of every table row header of a document."""
    rows = index.document_rows.get(document_id)
    if rows is None:
        rows = frozenset().union(*(k for t, k in index.table_rows.items() if t[0] == document_id))
        index.document_rows[document_id] = rows
    return rows


def _falls(figure: ClaimFigure) -> bool:
    """Whether the claim says its (positive) percentage is a fall, with a verb of direction in
    any language ("fell 5.3%", "redujo … un 8,1 %", "a reculé de 3,5 %", "下降")."""
    if figure.unit != "percent" or figure.value is None or figure.value <= 0:
        return False
    found = directions_in(figure.claim_quote, (figure.language or "").split("-")[0].lower())
    return bool(found) and found[0][2] == "fell"


def _meets(bounds: tuple[float, float], candidate: Candidate, falls: bool) -> bool:
    """Whether the candidate's interval meets the claim's; a claimed fall ("fell 5.3%") is
    compared by magnitude with a signed change (-5.3)."""
    low, high = candidate.low, candidate.high
    if falls and high < 0:
        low, high = -high, -low
    return low <= bounds[1] and high >= bounds[0]


def _head_noun(counted: str) -> str:
    """The word of a counted noun phrase that names the thing: the last word in English
    ("fake military accounts"), the whole phrase otherwise (a Chinese noun, a German
    compound, "radars fixes")."""
    words = counted.split()
    if len(words) > 1 and all(w.isascii() for w in words):
        return words[-1]
    if len(counted) > 2 and _HAN.fullmatch(counted):
        return counted[-2:]  # 道路交通事故 counts 事故; 违法和不良信息, 信息
    return counted


_PROPER = re.compile(
    r"(?<![.!?]\s)(?<!^)\b[A-Z][\w]*(?:[-'][A-Z]\w*)*|\b[A-Z]{2,}\b|\b[A-Z][a-z]+[A-Z]\w*"
)


def _proper_names(sentence: str) -> list[str]:
    """Capitalised words not opening the sentence, acronyms and CamelCase names."""
    return [m.group() for m in _PROPER.finditer(sentence.strip())]


def _anchor(figure: ClaimFigure, bounds: tuple[float, float]) -> float:
    if figure.value is not None:
        return float(figure.value)
    finite = [b for b in bounds if math.isfinite(b)]
    return sum(finite) / len(finite) if finite else 0.0


def _closeness(claimed: float, found: float) -> float:
    if claimed == found:
        return 1.0
    if claimed == 0 or found == 0 or (claimed < 0) != (found < 0):
        return 0.0
    return 1.0 / (1.0 + abs(math.log10(abs(found) / abs(claimed))) * 10)


#: A word that may name a month in one of the five languages (its concept decides).
_MONTH_WORD = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            {
                re.escape(concepts.fold(form))
                for name, forms in STATISTICS_CONCEPTS.items()
                if name.startswith("month-")
                for form in forms
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)


def _months(keys: frozenset[str]) -> frozenset[str]:
    """The month concepts among `keys` (claims/evidence/statistics_concepts.py)."""
    return frozenset(k for k in keys if k.startswith("c:month-"))


_SUPERLATIVE = "c:superlative"


def _is_superlative(candidate: Candidate) -> bool:
    """Whether the candidate is said to be the largest of several: in its own clause or
    headers, or just before it ("la mayor, de 6,2 millones")."""
    if _SUPERLATIVE in candidate.near:
        return True
    at = candidate.quote.find(candidate.surface)
    return at > 0 and _SUPERLATIVE in concepts.keys(candidate.quote[max(0, at - 40) : at])
