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

The records and how candidates are read are in claims/evidence/candidates.py, how a claim is
read against a candidate in claims/evidence/scoring.py, the precision rule and locators in
claims/evidence/reading.py; this module holds the index, the ranking and the outcome, and
re-exports the names callers import from it.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from articles.models import Collection
from claims.evidence.candidates import (
    _TOTAL,
    _TOTAL_AFTER,
    CANDIDATE_COLUMNS,
    Candidate,
    ClaimFigure,
    TableKey,
    _table_of,
    candidate_from_found,  # noqa: F401  (re-exported)
    candidate_from_row,
)
from claims.evidence.concepts import fold
from claims.evidence.reading import (
    describe_locator,
    figure_bounds,
    format_bounds,
    format_number,  # noqa: F401  (re-exported)
    period_of,  # noqa: F401  (re-exported)
    precision_step,  # noqa: F401  (re-exported)
    tokens,  # noqa: F401  (re-exported)
)
from claims.evidence.scoring import (
    UNKNOWN_HAN,  # noqa: F401  (re-exported)
    _anchor,
    _ClaimReading,
    _closeness,
    _falls,
    _meets,
    written_unit,
)
from claims.models import Claim, EvidenceDocument, EvidenceFigure

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
#: How many of the claim sentence's rarest keys look candidates up.
RARE_KEYS = 3
#: A candidate is about the same thing when this share of the claim's counted-noun words
#: appears in its counted noun or passage (or its document was attached to the claim).
SAME_THING = 0.6

#: ... or this share of the claim sentence's other words appears there.
SAME_CONTEXT = 0.25


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


class EvidenceIndex:
    """The document figures of one collection, indexed by unit and value and by key."""

    def __init__(self, candidates: Iterable[Candidate], attached: dict[int, set[int]]) -> None:
        self.candidates: list[Candidate] = []
        by_unit: dict[str, list[tuple[float, int]]] = defaultdict(list)
        #: (unit, key) -> the indexes of the candidates holding it (the postings)
        by_word: dict[tuple[str, str], list[int]] = defaultdict(list)
        frequency: dict[str, int] = defaultdict(int)
        latest: dict[TableKey, int] = {}
        document_keys: dict[int, set[str]] = defaultdict(set)
        table_rows: dict[TableKey, set[str]] = defaultdict(set)
        row_headers: dict[TableKey, dict[str, frozenset[str]]] = defaultdict(dict)
        for index, candidate in enumerate(candidates):
            self.candidates.append(candidate)
            by_unit[candidate.unit].append((candidate.value, index))
            document_keys[candidate.document_id].update(candidate.tokens)
            for word in candidate.tokens:
                frequency[word] += 1
                by_word[(candidate.unit, word)].append(index)
            if candidate.is_cell:
                table_rows[_table_of(candidate)].update(candidate.row_keys)
                row_header = str(candidate.locator.get("row_header", ""))
                row_headers[_table_of(candidate)][row_header] = candidate.row_keys
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
        #: (document id, table) -> the keys only one of its row headers holds: those that
        #: name a row ("Andalucía"), not a kind several rows share ("Écoles maternelles",
        #: "Écoles élémentaires")
        self.row_names: dict[TableKey, frozenset[str]] = {}
        #: the tables with more than one row named "… insgesamt" / "… total" (subtotals)
        self.subtotalled = {
            table
            for table, headers in row_headers.items()
            if sum(1 for h in headers if _TOTAL_AFTER.search(fold(h)) and not _TOTAL.match(fold(h)))
            > 1
        }
        for table, headers in row_headers.items():
            held: dict[str, int] = defaultdict(int)
            for keys in headers.values():
                for key in keys:
                    held[key] += 1
            self.row_names[table] = frozenset(k for k, n in held.items() if n == 1)
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
        #: the cells about the claim's thing, however little of the claim they say
        cells = [c for _, why, c in scored if not why and c.is_cell]
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
        if not best.is_cell:
            # The same figure in a document's prose and in its table: the table's cell is
            # the place it is stated with its row and column ("1 313 670 élèves" in the text,
            # 1 313 670 in the Total row).
            cell = min(
                (c for c in cells if c.document_id == best.document_id and c.value == best.value),
                key=lambda c: c.pk,
                default=None,
            )
            if cell is not None:
                best = cell
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
