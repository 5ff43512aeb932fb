from django.urls import path

from articles import views, views_import, views_queue

app_name = "articles"

urlpatterns = [
    path("", views.index, name="index"),
    path("collections/<slug:slug>/", views.collection, name="collection"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("import/", views_import.import_page, name="import"),
]

# Review workflow (issue 5): each user's queue; editors assign a collection's articles.
urlpatterns += [
    path("queue/", views_queue.my_queue, name="my_queue"),
    path("queue/<int:pk>/submit/", views_queue.assignment_submit, name="assignment_submit"),
    path("collections/<slug:slug>/assign/", views_queue.assign, name="assign"),
]
