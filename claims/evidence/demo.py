"""The demo's evidence documents, written for the demo (not CAC publications, and labelled so in
their titles): a one-page PDF statement and a CSV table, holding some of the sample article's
figures, one of them differently, so the demo shows supported, contradicted and not-found
figures (`manage.py demo`). Both are built here, byte for byte the same on every run, so running
the demo again finds them attached already."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from articles.models import Collection
from claims.evidence.store import document_attach
from claims.models import EvidenceDocument

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_DATE = datetime(2023, 5, 26, tzinfo=UTC)
LABEL = "written for the demo, not a CAC publication"
DEMO_PDF_TITLE = f"Demo evidence ({LABEL}): campaign statement"
DEMO_PDF_NAME = "demo-cac-campaign-statement.pdf"
DEMO_CSV_TITLE = f"Demo evidence ({LABEL}): campaign figures"
DEMO_CSV_NAME = "demo-cac-campaign-figures.csv"

# The statement supports the headline figures (1.4 million posts, 67,000 accounts, nearly
# 8,000 deactivated for fake news).
DEMO_PDF_LINES = [
    f"DEMO EVIDENCE - {LABEL.upper()}",
    "Statement on the self-media rectification campaign, 10 March to 22 May 2023",
    "",
    "Since 10 March the campaign removed 1,396,000 social media posts.",
    "It closed 67,000 social media accounts permanently.",
    "Of the closed accounts, 7,993 were deactivated for spreading fake news and rumours.",
]
# The table gives the accounts shut down for hyping hot issues differently (54,000, where the
# article says "some 45,000"), so the demo shows a contradiction; the 187,000 people penalised for
# impersonating news media, and the 430,000 who gave advice unqualified, are in neither document
# (not found).
DEMO_CSV = """What was counted,Count
Other accounts punished,"930,000"
Fake military accounts,"12,900"
Accounts shut down for hyping hot issues,"54,000"
"""


def demo_pdf() -> bytes:
    """The statement as a one-page text PDF (fpdf2), the same bytes every time."""
    from fpdf import FPDF

    document = FPDF()
    document.set_creation_date(DEMO_DATE)  # a fixed timestamp: the same file on every run
    document.set_title(DEMO_PDF_TITLE)
    document.set_font("helvetica", size=11)
    document.add_page()
    for line in DEMO_PDF_LINES:
        document.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


def attach_demo_evidence(
    collection: Collection, added_by: User
) -> list[tuple[EvidenceDocument, bool]]:
    """Attach the demo's PDF and CSV to `collection`: each document and whether it is new."""
    return [
        document_attach(
            collection=collection,
            data=demo_pdf(),
            name=DEMO_PDF_NAME,
            title=DEMO_PDF_TITLE,
            added_by=added_by,
        ),
        document_attach(
            collection=collection,
            data=DEMO_CSV.encode(),
            name=DEMO_CSV_NAME,
            title=DEMO_CSV_TITLE,
            added_by=added_by,
        ),
    ]
