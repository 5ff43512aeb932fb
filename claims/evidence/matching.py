"""Which document figure is the evidence for a claim's figure, and what it says.

For each figure of a claim, candidates come from an index of the collection's document
figures (`EvidenceIndex`), never from comparing every pair:

* by quantity: per unit, the figures' values sorted, so the ones inside the claim figure's
  bounds, and those within a factor of ten around them (a contradiction is usually near the
  claimed value), are two bisections away;
* by counted noun: per word of what is counted (or, for Chinese, per pair of characters),
  the figures whose counted noun or passage holds it.

Candidates are ranked by the overlap of counted nouns (the claim figure's counted noun
against the document figure's counted noun and passage; a table cell's counted noun is its
headers), whether the value fits, how close it is, the years and quarters both name, and
whether the document was attached to the claim. The best candidate about the same thing
decides: *supported* if its interval meets the claim's, *contradicted* if it does not; with no
candidate about the same thing the figure is *not found*.

Precision rule: a figure claims what its written digits say. Let p be the place of its last
significant written digit, scaled ("1.4 million": 100,000; "4.3%": 0.1; trailing zeros of a
whole number are not significant, "67,000": 1,000; "1,624": 1), and t = min(p, 10% of the
value) so that "one million" is not read as ±50%. Then exact claims [v − t/2, v + t/2] (so
"1.4 million" claims [1.35 million, 1.45 million] and 1,396,000 supports it); "about"
[v − t, v + t]; "nearly" [v − t, v]; "more than", "at least" [v, v + p]; "less than", "up to"
[v − p, v]; a range or a vague magnitude its bounds as annotated. A document figure is read the
same way, and supports when the two intervals meet, so "1.4 million" in a document supports
"1,396,000" in an article. Units must be equal (percent, a currency code, none); scale words
are multiplied out by the figure engine, a table header's scale ("(thousands)") by extraction.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from articles.models import Collection
from claims.detection import detect_figures
from claims.evidence import concepts
from claims.evidence.reading import (
    _EARLIER,
    _EARLIER_BEFORE,
    _EARLIER_JUST_BEFORE,
    _HAN,
    _PERIOD_WORDS,
    _clause,
    _header_period_free,
    _locator_text,
    _without_base,
    describe_locator,
    figure_bounds,
    format_bounds,
    format_number,  # noqa: F401  (re-exported)
    period_of,
    periods,
    precision_step,  # noqa: F401  (re-exported)
    tokens,  # noqa: F401  (re-exported)
)
from claims.models import Claim, EvidenceDocument, EvidenceFigure
from claims.translation_lexicon import directions_in

if TYPE_CHECKING:
    from claims.evidence.extract import FoundFigure

#: How many figures either side of the fitting ones are looked at as possible contradictions.
NEAR_CANDIDATES = 20
#: A key held by more figures than this is common: its postings are not read (the figures
#: near the claimed value still count it).
COMMON_KEY = 300
#: How many of the candidates sharing the most with the claim are ranked in full.
RANKED_CANDIDATES = 40
#: (Kept for callers of the first version: the cap on one word's candidates.)
NOUN_CANDIDATES = COMMON_KEY
#: Weights of the ranking.
WEIGHTS = {
    "noun": 3.0,
    "context": 1.0,
    "fits": 1.5,
    "closeness": 1.0,
    "period": 1.5,
    "attached": 1.0,
    "cell": 0.6,
    "language": 0.5,
}
#: A candidate about the same thing with another value contradicts the claim only when it
#: says at least this share of what the claim says (weighted keys).
CONTRADICTS = 0.3
#: How much a pair of Han characters the documents never use counts against the coverage.
UNKNOWN_HAN = 0.2
#: How many of the claim sentence's rarest keys look candidates up.
RARE_KEYS = 3
#: A candidate is about the same thing when this share of the claim's counted-noun words
#: appears in its counted noun or passage (or its document was attached to the claim).
SAME_THING = 0.6

#: ... or this share of the claim sentence's other words appears there.
SAME_CONTEXT = 0.25


@dataclass(frozen=True)
class ClaimFigure:
    """One figure of one claim, as matching reads it."""

    claim_id: int
    figure_id: int
    surface: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str
    claim_quote: str = ""
    #: The claim's article's language (BCP 47); a document in it is preferred on a tie.
    language: str = ""


@dataclass(frozen=True)
class Candidate:
    """A document figure, as the index holds it."""

    pk: int
    document_id: int
    surface: str
    value: float
    low: float
    high: float
    unit: str
    counted: str
    quote: str
    locator: dict[str, Any]
    tokens: frozenset[str]
    periods: frozenset[str]
    #: The keys (claims/evidence/concepts.py) of the figure's own clause, counted noun and
    #: headers: what the figure itself is about. `tokens` holds these and its whole line's.
    near: frozenset[str] = frozenset()
    #: A table cell's row and column header keys (empty for prose).
    row_keys: frozenset[str] = frozenset()
    column_keys: frozenset[str] = frozenset()
    is_cell: bool = False
    #: The figure's period: years and quarters named in its clause or headers, and whether
    #: it is an earlier figure beside the current one ("down from 4,120 a year earlier").
    years: frozenset[int] = frozenset()
    quarters: frozenset[int] = frozenset()
    previous: bool = False
    #: The document's language (BCP 47).
    language: str = ""
    #: A table's total row ("Total nacional", "Insgesamt", "合计"): about the whole table.
    total_row: bool = False


@dataclass
class Match:
    figure: ClaimFigure
    outcome: str
    reason: str
    bounds: tuple[float, float] | None
    best: Candidate | None = None
    score: float = 0.0
    ranked: list[tuple[float, Candidate]] = field(default_factory=list)
    #: The share of what the claim says (its keys, weighted) that the best candidate says.
    coverage: float = 0.0


# --- Bounds ---------------------------------------------------------------------------------


class EvidenceIndex:
    """The document figures of one collection, indexed by unit and value and by key."""

    def __init__(self, candidates: Iterable[Candidate], attached: dict[int, set[int]]) -> None:
        self.candidates: list[Candidate] = []
        by_unit: dict[str, list[tuple[float, int]]] = defaultdict(list)
        #: (unit, key) -> the indexes of the candidates holding it (the postings)
        by_word: dict[tuple[str, str], list[int]] = defaultdict(list)
        frequency: dict[str, int] = defaultdict(int)
        latest: dict[tuple[Any, ...], int] = {}
        document_keys: dict[int, set[str]] = defaultdict(set)
        table_rows: dict[tuple[Any, ...], set[str]] = defaultdict(set)
        for index, candidate in enumerate(candidates):
            self.candidates.append(candidate)
            by_unit[candidate.unit].append((candidate.value, index))
            document_keys[candidate.document_id].update(candidate.tokens)
            for word in candidate.tokens:
                frequency[word] += 1
                by_word[(candidate.unit, word)].append(index)
            if candidate.is_cell:
                table_rows[_table_of(candidate)].update(candidate.row_keys)
            if candidate.years:
                year = max(candidate.years)
                where = _table_of(candidate)
                if year > latest.get(where, 0):
                    latest[where] = year
        self.values: dict[str, list[float]] = {}
        self.order: dict[str, list[int]] = {}
        for unit, pairs in by_unit.items():
            pairs.sort()
            self.values[unit] = [v for v, _ in pairs]
            self.order[unit] = [i for _, i in pairs]
        self.by_word = by_word
        self.frequency = frequency
        #: document id -> every key its figures' lines and headers hold
        self.document_keys = {d: frozenset(k) for d, k in document_keys.items()}
        #: (document id, table) -> the latest year its figures name (a claim naming no year
        #: means it: "last year", "now")
        self.latest = latest
        #: (document id, table) -> the keys of all its row headers
        self.table_rows = {t: frozenset(k) for t, k in table_rows.items()}
        self.attached = attached  # claim id -> ids of the documents attached to it
        #: document id -> the keys of all its tables' row headers (filled when asked)
        self.document_rows: dict[int, frozenset[str]] = {}

    @classmethod
    def for_collection(cls, collection: Collection) -> EvidenceIndex:
        """Two queries: the collection's ready documents' figures, and their claims."""
        rows = (
            EvidenceFigure.objects.filter(
                document__collection=collection,
                document__status=EvidenceDocument.Status.READY,
                value__isnull=False,
            )
            .order_by("document_id", "position")
            .values_list(*CANDIDATE_COLUMNS)
        )
        attached: dict[int, set[int]] = defaultdict(set)
        links = EvidenceDocument.claims.through.objects.filter(
            evidencedocument__collection=collection
        ).values_list("claim_id", "evidencedocument_id")
        for claim_id, document_id in links:
            attached[claim_id].add(document_id)
        return cls((candidate_from_row(*row) for row in rows.iterator(chunk_size=2000)), attached)

    def weight(self, key: str) -> float:
        """How much a shared key says: rarer keys say more (inverse document frequency)."""
        return math.log(1 + len(self.candidates) / (1 + self.frequency.get(key, 0)))

    def lookup(self, figure: ClaimFigure, bounds: tuple[float, float]) -> set[int]:
        """Indexes of the candidates worth ranking, of the figure's unit, without looking at
        every figure: those sharing one of the claim's keys that are not common (each key's
        postings), and those whose value is in or near the bounds; of these, the
        `RANKED_CANDIDATES` that share the most weight with the claim."""
        return set(self._shortlist(figure, bounds, _ClaimReading.of(figure, self)))

    def _shortlist(
        self, figure: ClaimFigure, bounds: tuple[float, float], claim: _ClaimReading
    ) -> dict[int, float]:
        """Candidate index -> its topic (`_ClaimReading.topic`), for the best-sharing ones."""
        values = self.values.get(figure.unit)
        if not values:
            return {}
        # First the keys that are not common, through their postings; a common key is read
        # off the candidates found so, and off those near the claimed value.
        partial: dict[int, float] = defaultdict(float)
        unit = figure.unit
        # A claim that names what it counts is about figures holding that noun: only they
        # are looked at (through the noun's postings, however common it is).
        heads = [self.by_word[(unit, k)] for k in claim.head if (unit, k) in self.by_word]
        holding: set[int] | None = set().union(*heads) if claim.head else None
        for key, weight in claim.weights.items():
            postings = self.by_word.get((unit, key))
            if postings is None or len(postings) > COMMON_KEY:
                continue
            if holding is None:
                for index in postings:
                    partial[index] += weight
            else:
                for index in postings:
                    if index in holding:
                        partial[index] += weight
        order = self.order[unit]
        start = bisect_left(values, bounds[0])
        stop = bisect_right(values, bounds[1])
        pool = set(order[max(0, start - NEAR_CANDIDATES) : stop + NEAR_CANDIDATES])
        if holding is not None:
            pool &= holding
            if not partial:  # nothing rarer than the noun is shared: the noun's own figures
                pool.update(sorted(holding)[: RANKED_CANDIDATES + NEAR_CANDIDATES])
        if len(partial) > RANKED_CANDIDATES + NEAR_CANDIDATES:
            pool.update(
                heapq.nlargest(
                    RANKED_CANDIDATES + NEAR_CANDIDATES, partial, key=partial.__getitem__
                )
            )
        else:
            pool.update(partial)
        candidates = self.candidates
        topics: dict[int, float] = {}
        for index in pool:
            topic = claim.topic(candidates[index], self)
            if topic > 0:
                topics[index] = topic
        middle = (bounds[0] + bounds[1]) / 2 if all(map(math.isfinite, bounds)) else bounds[0]
        best = heapq.nsmallest(  # on a tie, the figures nearest the claimed value
            RANKED_CANDIDATES,
            topics,
            key=lambda i: (-topics[i], abs(candidates[i].value - middle), i),
        )
        return {i: topics[i] for i in best}

    def match(self, figure: ClaimFigure) -> Match:
        if not figure.unit:
            # "286.5 billion kilowatt-hours" read without its unit: the unit it writes.
            unit = written_unit(figure.surface, figure.language)
            if unit:
                figure = replace(figure, unit=unit)
        bounds = figure_bounds(
            figure.surface, figure.value, figure.lower, figure.upper, figure.qualifier
        )
        if bounds is None:
            return Match(figure, "not_found", "The figure has no value to check.", None)
        claim = _ClaimReading.of(figure, self)
        anchor = _anchor(figure, bounds)
        attached = self.attached.get(figure.claim_id, set())
        language = (figure.language or "").split("-")[0].lower()
        scored: list[tuple[float, str, Candidate]] = []
        shortlist = self._shortlist(figure, bounds, claim)
        if attached:  # the figures of documents attached to the claim are always looked at
            for i in self.order.get(figure.unit, ()):
                if self.candidates[i].document_id in attached and i not in shortlist:
                    topic = claim.topic(self.candidates[i], self)
                    if topic > 0:
                        shortlist[i] = topic
        for index, topic in shortlist.items():
            candidate = self.candidates[index]
            period = claim.period(candidate, self.latest.get(_table_of(candidate), 0))
            is_attached = candidate.document_id in attached
            score = topic + WEIGHTS["period"] * period + WEIGHTS["attached"] * is_attached
            why = claim.same_thing(candidate, period, is_attached, self)
            scored.append((score, why, candidate))
        falls = _falls(figure)
        best_topic = max((score for score, _, _ in scored), default=0.0)
        ranked: list[tuple[float, bool, Candidate]] = []
        for score, why, candidate in scored:
            fits = _meets(bounds, candidate, falls)
            relative = score / best_topic if best_topic > 0 else 0.0
            same = not why and relative >= SAME_THING
            total = (
                WEIGHTS["noun"] * relative
                + WEIGHTS["fits"] * fits
                + WEIGHTS["closeness"] * _closeness(anchor, candidate.value)
                + WEIGHTS["cell"] * candidate.is_cell
                + WEIGHTS["language"] * bool(language and candidate.language == language)
            )
            ranked.append((total, same, candidate))
        ranked.sort(key=lambda item: (-item[1], -item[0], item[2].pk))
        top = [(score, candidate) for score, _, candidate in ranked[:5]]
        about = [(score, candidate) for score, same, candidate in ranked if same]
        what = f"“{figure.counted}”" if figure.counted else "the claim"
        claimed = f"{figure.surface} claims {format_bounds(bounds)}"
        if not about:
            return Match(
                figure,
                "not_found",
                f"No figure about {what} in the documents, of unit {figure.unit or 'none'}; "
                f"{claimed}.",
                bounds,
                ranked=top,
            )
        score, best = about[0]
        coverage = claim.coverage(best, self)
        where = f"document {best.document_id}, {describe_locator(best.locator)}"
        if _meets(bounds, best, falls):
            outcome = "supported"
            reason = f"{best.surface} ({where}) fits: {claimed}."
        elif coverage < CONTRADICTS:
            # A different value says the claim is wrong only when the figure is plainly
            # about the same thing; a loose likeness with another value is no evidence.
            return Match(
                figure,
                "not_found",
                f"No figure about {what} in the documents: the nearest, {best.surface} ({where}), "
                f"says too little of the claim ({coverage:.0%}); {claimed}.",
                bounds,
                ranked=top,
                coverage=coverage,
            )
        else:
            outcome = "contradicted"
            reason = f"{best.surface} ({where}) about {what} is outside the bounds: {claimed}."
        return Match(figure, outcome, reason, bounds, best, score, top, coverage)


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

    @classmethod
    def of(cls, figure: ClaimFigure, index: EvidenceIndex) -> _ClaimReading:
        sentence = figure.claim_quote.replace(figure.surface, " ") if figure.surface else ""
        # Its period is compared apart ("in April to June 2024" is no word of its thing).
        sentence = _header_period_free(_without_base(sentence))
        everything = concepts.keys(f"{figure.counted} {sentence}") - _PERIOD_WORDS
        if figure.unit != "percent":  # "rose to 4.3%": a level, whatever the verb says
            everything -= concepts.change_keys()
        head = concepts.keys(_head_noun(figure.counted))
        if head <= concepts.generic_keys():
            head = frozenset()
        years, quarters = period_of(_without_base(figure.claim_quote))
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
                # The sentence's first word is a name only when it is not inflected
                # ("Extremadura contaba", not "Registered unemployment").
                and not (
                    first
                    and word == first.group(1)
                    and concepts.stem(concepts.fold(word)) != concepts.fold(word)
                )
                for k in concepts.keys(word)
            )
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
            if not k.startswith("c:") and (k in index.frequency or k not in self.named)
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
        if (self.years & candidate.years) or (self.quarters & candidate.quarters):
            return 1.0
        return 0.0

    def _names_a_row_it_lacks(self, candidate: Candidate, index: EvidenceIndex) -> bool:
        """Whether the claim names (a capitalised word of it) a table row of the candidate's
        document that the candidate, a prose figure, does not mention."""
        if candidate.is_cell or not self.capitalised:
            return False
        named = self.capitalised & _document_rows(index, candidate.document_id)
        return bool(named - candidate.tokens)

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
        if candidate.is_cell:
            if candidate.total_row and index is not None:
                # A total row is about the table's whole population: the claim's unless the
                # claim names another row ("Andalusia" is not "Total nacional").
                others = index.table_rows.get(_table_of(candidate), frozenset())
                if (others - candidate.row_keys) & self.keys:
                    return "another row or column"
                # ... nor a place or name the document never writes ("Extremadura").
                document = index.document_keys.get(candidate.document_id, frozenset())
                if any(k not in document for k in self.capitalised):
                    return "another row or column"
                headers: tuple[frozenset[str], ...] = (candidate.column_keys,)
            else:
                headers = (candidate.row_keys, candidate.column_keys)
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


def _table_of(candidate: Candidate) -> tuple[Any, ...]:
    """The table a cell is in (its document, sheet, page and table), or its document's prose."""
    if not candidate.is_cell:
        return (candidate.document_id,)
    where = candidate.locator
    return (candidate.document_id, where.get("sheet"), where.get("page"), where.get("table"))


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


#: Words of a table header that say how its numbers are written, not what they count.
_HEADER_NOISE = frozenset(
    k
    for k in concepts.keys(
        "thousands thousand million millions billion bn m gbp eur pence pct percent year end "
        "count counts number value values total amount figure "
        "（万人） （万人次） （亿元） （万元）"
    )
    if not k.startswith("c:")
)


def _context_keys(locator: dict[str, Any]) -> frozenset[str]:
    """The keys of a table's caption and sheet name, without their period."""
    text = " ".join(str(locator.get(k) or "") for k in ("caption", "sheet"))
    return _header_keys(text) if text.strip() else frozenset()


def _header_keys(header: str) -> frozenset[str]:
    """What a table header says its cells are about: its keys without its period, its scale
    and the unit its cells are written in ("Tonnes 2024" says only how they are counted;
    the claim's unit must be the same anyway)."""
    from claims.evidence.extract import header_unit_text

    text = _header_period_free(header)
    unit = header_unit_text(header)
    written = concepts.keys(unit[2]) if unit else frozenset()
    return concepts.keys(text) - _HEADER_NOISE - written


#: A comparison after a figure: what follows is its base ("than", "als", "que", "比").
_COMPARED = re.compile(
    r"\b(?:than|compared|against|on|over|als|gegenuber|que|qu'|par rapport|frente|contre)\b|比|较"
)


#: A row header naming a table's total, in the five languages.
_TOTAL = re.compile(
    r"\s*(?:(?:grand |sum )?totals?|all\b|overall|insgesamt|gesamt|summe|zusammen|ensemble"
    r"|total general|todos|合计|总计|总数|全部|共计|小计)",
)


# The columns of an EvidenceFigure a Candidate is made of, in candidate_from_row's order.
CANDIDATE_COLUMNS = (
    "pk",
    "document_id",
    "surface",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "quote",
    "locator",
    "document__language",
)


def candidate_from_row(
    pk: int,
    document_id: int,
    surface: str,
    value: Decimal | None,
    lower: Decimal | None,
    upper: Decimal | None,
    qualifier: str,
    unit: str,
    counted: str,
    quote: str,
    locator: dict[str, Any],
    language: str = "",
) -> Candidate:
    number = float(value or 0)  # the index reads only figures with a value
    bounds = figure_bounds(surface, value, lower, upper, qualifier) or (number, number)
    headers = _locator_text(locator)
    is_cell = "row_header" in locator or "column_header" in locator
    if is_cell:
        row_header = str(locator.get("row_header", ""))
        column_header = str(locator.get("column_header", ""))
        near = concepts.keys(f"{counted} {headers}")
        row_years, row_quarters = period_of(row_header)
        column_years, column_quarters = period_of(column_header)
        years, quarters = row_years | column_years, row_quarters | column_quarters
        if not years:  # the sheet's or the caption's period: a sheet named "2024-25"
            for context in (locator.get("sheet"), locator.get("caption")):
                if context and not years:
                    years, quarters = period_of(str(context))
        row_keys = _header_keys(row_header)
        column_keys = _header_keys(column_header)
        total_row = bool(_TOTAL.match(concepts.fold(row_header)))
        previous = False
    else:
        clause, before = _clause(quote, surface)
        near = concepts.keys(f"{counted} {clause}")
        if len(near - concepts.change_keys()) <= 1:
            # "£7.25 million," or "soit 4,3 % de moins qu'en 2022": a clause that names no
            # thing of its own is about its sentence's subject.
            near = near | concepts.keys(quote)
        years, quarters = period_of(_without_base(clause.replace(surface, " ")))
        own_years = bool(years)
        if not years:  # "In 2023, 1,624 people were killed": the line's opening clauses
            at = quote.find(clause)
            years = period_of(_without_base(quote[: max(at, 0)]))[0]
        row_keys = column_keys = frozenset()
        total_row = False
        at = quote.find(surface)
        after = clause[clause.find(surface) + len(surface) :] if surface in clause else ""
        earlier = _EARLIER.search(_without_base(clause))
        if (
            earlier
            and _EARLIER.search(concepts.fold(after))
            and _COMPARED.search(concepts.fold(after))
        ):
            # "7.4% fewer than the year before": the earlier period is the change's base.
            earlier = None
        previous = bool(
            earlier
            or _EARLIER_BEFORE.search(before)
            or (at > 0 and _EARLIER_JUST_BEFORE.search(concepts.fold(quote[max(0, at - 60) : at])))
        )
        if previous and years and not own_years:
            # "In 2023 ... 148,370 complaints, after 126,912 the year before": the line's
            # year is the current figure's; the earlier one is of the year before it.
            years = frozenset(y - 1 for y in years)
    return Candidate(
        pk=pk,
        document_id=document_id,
        surface=surface,
        value=number,
        low=bounds[0],
        high=bounds[1],
        unit=unit,
        counted=counted,
        quote=quote,
        locator=locator,
        # A table's caption and sheet name say what all its cells are about.
        tokens=near
        | concepts.keys(f"{quote} {headers}")
        | (_context_keys(locator) if is_cell else frozenset()),
        periods=periods(f"{quote} {headers}"),
        near=near,
        row_keys=row_keys,
        column_keys=column_keys,
        is_cell=is_cell,
        years=years,
        quarters=quarters,
        previous=previous,
        language=(language or "").split("-")[0].lower(),
        total_row=total_row,
    )


def candidate_from_found(
    pk: int, document_id: int, figure: FoundFigure, language: str = ""
) -> Candidate:
    """A figure just extracted from a document (not stored yet) as a candidate, with the same
    reading as a stored EvidenceFigure's (benchmarks and tests match without a database)."""
    return candidate_from_row(
        pk,
        document_id,
        figure.surface,
        figure.value,
        figure.lower,
        figure.upper,
        figure.qualifier,
        figure.unit,
        figure.counted,
        figure.quote,
        figure.locator,
        language,
    )


def claim_figures(
    collection: Collection | None = None,
    claim: Claim | None = None,
    articles: Iterable[int] | None = None,
) -> list[ClaimFigure]:
    """Every figure of every claim of the collection (superseded claims left out), or of one
    claim, in one query, in article and text order; with `articles`, of those articles only."""
    through = Claim.figures.through
    if claim is not None:
        links = through.objects.filter(claim=claim)
    else:
        links = through.objects.filter(
            claim__article__collection=collection, claim__superseded_by__isnull=True
        )
        if articles is not None:
            links = links.filter(claim__article_id__in=list(articles))
    rows = links.order_by(
        "claim__article_id", "claim__start", "claim_id", "figure__start"
    ).values_list(
        "claim_id",
        "figure_id",
        "figure__surface",
        "figure__value",
        "figure__lower",
        "figure__upper",
        "figure__qualifier",
        "figure__unit",
        "figure__counted",
        "claim__quote",
        "claim__article__language",
    )
    return [ClaimFigure(*row) for row in rows]


def check_collection(collection: Collection) -> list[Match]:
    """The suggested evidence and outcome of every claim figure of `collection`."""
    index = EvidenceIndex.for_collection(collection)
    return [index.match(figure) for figure in claim_figures(collection)]
