from django.urls import path

from articles import views, views_import, views_jobs, views_queue

app_name = "articles"

urlpatterns = [
    path("", views.index, name="index"),
    path("collections/<slug:slug>/", views.collection, name="collection"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("import/", views_import.import_page, name="import"),
    # Background jobs (issue 8): progress, result and download of a long job.
    path("jobs/<int:pk>/", views_jobs.job_page, name="job"),
    path("jobs/<int:pk>/progress/", views_jobs.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views_jobs.job_download, name="job_download"),
]

# Review workflow (issue 5): each user's queue; editors assign a collection's articles.
urlpatterns += [
    path("queue/", views_queue.my_queue, name="my_queue"),
    path("queue/<int:pk>/submit/", views_queue.assignment_submit, name="assignment_submit"),
    path("collections/<slug:slug>/assign/", views_queue.assign, name="assign"),
]
