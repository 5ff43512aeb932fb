"""The workspace's URLs. Paths and names are those the pages had when they lived in
`articles`, so every link keeps working: `articles_urlpatterns` are mounted in the
`articles` namespace (config/urls.py), `urlpatterns` (the actions) in `claims`."""

from django.urls import path

from claims.workspace import views, views_claims, views_progress

articles_urlpatterns = [
    path("collections/<slug:slug>/", views_progress.collection, name="collection"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("queue/", views_progress.my_queue, name="my_queue"),
    path("queue/<int:pk>/submit/", views_progress.assignment_submit, name="assignment_submit"),
]

urlpatterns = [
    path("figures/state/", views.figure_state, name="figure_state"),
    path("articles/<int:pk>/figures/new/", views.figure_new, name="figure_new"),
    path("figures/<int:pk>/edit/", views.figure_edit, name="figure_edit"),
    path("articles/<int:pk>/claims/new/", views_claims.claim_new, name="claim_new"),
    path("claims/<int:pk>/edit/", views_claims.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/delete/", views_claims.claim_delete, name="claim_delete"),
    path("links/<int:pk>/delete/", views_claims.link_delete, name="link_delete"),
    path("claims/tags/", views_claims.claim_tag, name="claim_tag"),
    path("claims/<int:pk>/links/new/", views_claims.link_new, name="link_new"),
    path("claims/search/", views_claims.claim_search, name="claim_search"),
    path("sources/search/", views_claims.source_search, name="source_search"),
    path("sources/new/", views_claims.source_new, name="source_new"),
]
