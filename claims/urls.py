"""The claims app's pages and actions (mounted at the site root, beside articles/urls.py)."""

from django.urls import path

from claims import views_export, views_jobs
from claims.alignments import views as views_alignments
from claims.consistency import views as views_consistency
from claims.evidence import views as views_evidence
from claims.review import agreement_views as views_agreement
from claims.review import views as views_review
from claims.workspace import urls as workspace_urls

app_name = "claims"

urlpatterns = [
    *workspace_urls.urlpatterns,  # the workspace's actions (claims/workspace/)
    # Consistency findings (issue 7).
    path(
        "articles/<int:pk>/findings/",
        views_consistency.article_panel,
        name="article_findings",
    ),
    path(
        "articles/<int:pk>/findings/decide/",
        views_consistency.article_decide,
        name="article_findings_decide",
    ),
    path(
        "collections/<slug:slug>/consistency/",
        views_consistency.collection_report,
        name="collection_findings",
    ),
    path(
        "collections/<slug:slug>/consistency/decide/",
        views_consistency.collection_decide,
        name="collection_findings_decide",
    ),
    path("export/", views_export.export_page, name="export"),  # issue 6: dataset export
    # Background jobs (issue 8): a large export, a collection's consistency or agreement report.
    path("export/jobs/", views_export.export_job, name="export_job"),
    path("collections/<slug:slug>/jobs/", views_jobs.collection_job, name="collection_job"),
]

# Review workflow (issue 5): review queue, curation, history, agreement, dashboard.
urlpatterns += [
    path("review/", views_review.review_queue, name="review_queue"),
    path("review/bulk/", views_review.review_bulk, name="review_bulk"),
    path("claims/<int:pk>/keep/", views_review.claim_keep, name="claim_keep"),
    path("judgements/<int:pk>/keep/", views_review.judgement_keep, name="judgement_keep"),
    path("claims/<int:pk>/history/", views_review.claim_history, name="claim_history"),
    path("figures/<int:pk>/history/", views_review.figure_history, name="figure_history"),
    path("collections/<slug:slug>/agreement/", views_agreement.agreement, name="agreement"),
    path("collections/<slug:slug>/dashboard/", views_agreement.dashboard, name="dashboard"),
]

# Evidence (issue 19): a claim's figures checked against the collection's documents.
urlpatterns += [
    path("claims/<int:pk>/evidence/", views_evidence.claim_evidence, name="claim_evidence"),
    path(
        "collections/<slug:slug>/evidence/",
        views_evidence.collection_evidence,
        name="collection_evidence",
    ),
    path(
        "claims/<int:pk>/evidence/decide/",
        views_evidence.claim_evidence_decide,
        name="claim_evidence_decide",
    ),
    path(
        "claims/<int:pk>/evidence/verdict/",
        views_evidence.claim_evidence_verdict,
        name="claim_evidence_verdict",
    ),
    path("evidence/documents/<int:pk>/", views_evidence.evidence_document, name="evidence_document"),
    path(
        "evidence/documents/<int:pk>/file/",
        views_evidence.evidence_document_file,
        name="evidence_document_file",
    ),
]

# Translations and originals (issue 18): related articles and their side-by-side comparison.
urlpatterns += [
    path("articles/<int:pk>/relations/new/", views_alignments.relation_new, name="relation_new"),
    path("relations/<int:pk>/delete/", views_alignments.relation_remove, name="relation_delete"),
    path(
        "articles/<int:pk>/compare/<int:other>/", views_alignments.compare, name="article_compare"
    ),
    path(
        "articles/<int:pk>/compare/<int:other>/decide/",
        views_alignments.compare_decide,
        name="article_compare_decide",
    ),
    path(
        "articles/<int:pk>/compare/<int:other>/align/",
        views_alignments.compare_align,
        name="article_compare_align",
    ),
]
