from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import articles.urls
import claims.api
import claims.workspace.urls

admin.site.site_header = "Claimdesk back-office"
admin.site.site_title = "Claimdesk"
admin.site.index_title = "Articles, figures, sources and claims"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # JSON API (token-authenticated; answers 401 JSON instead of the login redirect).
    path("api/v1/", claims.api.urls()),
    # The articles' pages, and the workspace's pages that keep their articles: names (the
    # collection page, the workspace, the queues: claims/workspace/urls.py).
    path(
        "",
        include(
            (
                articles.urls.urlpatterns + claims.workspace.urls.articles_urlpatterns,
                articles.urls.app_name,
            )
        ),
    ),
    # Annotation workspace actions (issue 4).
    path("", include("claims.urls")),
]
