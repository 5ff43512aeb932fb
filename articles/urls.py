from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.index, name="index"),
    path("collections/<slug:slug>/", views.collection, name="collection"),
    path("articles/<int:pk>/", views.article, name="article"),
]
