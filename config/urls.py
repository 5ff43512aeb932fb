from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import claims.api

admin.site.site_header = "Claimdesk back-office"
admin.site.site_title = "Claimdesk"
admin.site.index_title = "Articles, figures, sources and claims"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # JSON API (token-authenticated; answers 401 JSON instead of the login redirect).
    path("api/v1/", claims.api.urls()),
    path("", include("articles.urls")),
    # Annotation workspace actions (issue 4).
    path("", include("claims.urls")),
]
