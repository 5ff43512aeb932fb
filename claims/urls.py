"""The workspace's actions (mounted at the site root, beside articles/urls.py)."""

from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("figures/state/", views.figure_state, name="figure_state"),
    path("articles/<int:pk>/figures/new/", views.figure_new, name="figure_new"),
    path("figures/<int:pk>/edit/", views.figure_edit, name="figure_edit"),
    path("articles/<int:pk>/claims/new/", views.claim_new, name="claim_new"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim_edit"),
    path("claims/tags/", views.claim_tag, name="claim_tag"),
    path("claims/<int:pk>/links/new/", views.link_new, name="link_new"),
    path("claims/search/", views.claim_search, name="claim_search"),
    path("sources/search/", views.source_search, name="source_search"),
    path("sources/new/", views.source_new, name="source_new"),
]
