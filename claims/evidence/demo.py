"""The demo's evidence document: a small table written for the demo (not a real CAC
publication), holding some of the sample article's figures, one of them differently, so the
demo shows supported, contradicted and not-found figures (`manage.py demo`)."""

from __future__ import annotations

from typing import Any

from articles.models import Collection
from claims.evidence.store import document_attach
from claims.models import EvidenceDocument

DEMO_TITLE = "Demo evidence (written for the demo, not a CAC publication): campaign figures"
DEMO_NAME = "demo-cac-campaign-figures.csv"
# "Some 930,000 other accounts" is given differently here (1,034,000), so the demo shows a
# contradiction; the 187,000 people penalised for impersonating news media are left out
# (not found).
DEMO_CSV = """What was counted,Count
Social media posts removed,"1,396,000"
Social media accounts closed,"67,000"
Permanently closed accounts deactivated for fake news,"7,993"
Other accounts punished,"1,034,000"
Fake military accounts,"12,900"
Accounts shut down for hyping hot issues,"45,000"
"""


def attach_demo_evidence(collection: Collection, added_by: Any) -> tuple[EvidenceDocument, bool]:
    return document_attach(
        collection=collection,
        data=DEMO_CSV.encode(),
        name=DEMO_NAME,
        title=DEMO_TITLE,
        added_by=added_by,
    )
