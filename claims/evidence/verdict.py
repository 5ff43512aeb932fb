"""A claim's verdict proposed from its evidence, for a reviewer to confirm (never set on its own).

Each figure of the claim has an outcome: the reviewer's decision where there is one (Evidence),
else the suggestion of claims/evidence/matching.py. Every figure supported: *accurate*; any
figure contradicted: *inaccurate*; otherwise (a figure not found, or no evidence for it yet):
*needs context*, which is the claim verdict `unverifiable` (the documents do not settle it).
The explanation names each figure and what says so; ClaimReview exports it as the rating's
`ratingExplanation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claims.models import Claim

NEEDS_CONTEXT = "needs context"


@dataclass(frozen=True)
class FigureOutcome:
    """What the evidence says about one figure of a claim."""

    surface: str
    outcome: str  # supported, contradicted, not_found
    evidence: str = ""  # the document figure's surface, if any
    where: str = ""  # "Statement (document 3), page 1, line 2"
    decided: bool = False  # a reviewer's decision, not a suggestion


@dataclass(frozen=True)
class VerdictProposal:
    verdict: str  # a Claim.Verdict value
    label: str  # accurate, inaccurate, needs context
    explanation: str

    @property
    def verdict_label(self) -> str:
        return str(Claim.Verdict(self.verdict).label)


def describe_outcome(figure: FigureOutcome) -> str:
    """'1.4 million: supported by 1,396,000 (Statement (document 3), page 1, line 2)'."""
    what = figure.outcome.replace("_", " ")
    if figure.outcome != "not_found" and figure.evidence:
        what += f" by {figure.evidence}" if figure.outcome == "supported" else f": {figure.evidence}"
        if figure.where:
            what += f" ({figure.where})"
    elif figure.outcome == "not_found":
        what = "not found in the documents"
    if not figure.decided:
        what += ", suggested"
    return f"{figure.surface}: {what}"


def propose_verdict(figures: Sequence[FigureOutcome]) -> VerdictProposal | None:
    """The verdict the evidence of these figures (a claim's) points to; None without figures."""
    if not figures:
        return None
    outcomes = {f.outcome for f in figures}
    if "contradicted" in outcomes:
        verdict, label = Claim.Verdict.INACCURATE, "inaccurate"
    elif outcomes == {"supported"}:
        verdict, label = Claim.Verdict.ACCURATE, "accurate"
    else:
        verdict, label = Claim.Verdict.UNVERIFIABLE, NEEDS_CONTEXT
    explanation = "; ".join(describe_outcome(f) for f in figures) + "."
    return VerdictProposal(str(verdict), label, f"{label.capitalize()}: {explanation}")
