from django.urls import path

from articles import views, views_import

app_name = "articles"

urlpatterns = [
    path("", views.index, name="index"),
    path("collections/<slug:slug>/", views.collection, name="collection"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("import/", views_import.import_page, name="import"),
]
