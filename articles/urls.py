from django.urls import path

from articles import views, views_import, views_jobs, views_queue

app_name = "articles"

# The collection page, the workspace and the queues count figures and claims: they are in
# claims/workspace/urls.py, mounted in this namespace by config/urls.py (their names stay
# articles:collection, articles:article, articles:my_queue, articles:assignment_submit).
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views_import.import_page, name="import"),
    # Background jobs (issue 8): progress, result and download of a long job.
    path("jobs/<int:pk>/", views_jobs.job_page, name="job"),
    path("jobs/<int:pk>/progress/", views_jobs.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views_jobs.job_download, name="job_download"),
]

# Review workflow (issue 5): editors assign a collection's articles.
urlpatterns += [
    path("collections/<slug:slug>/assign/", views_queue.assign, name="assign"),
]
