"""Root URLs: the admin, the search pages and the reading/browsing pages."""

from django.contrib import admin
from django.urls import include, path

from archive.health import healthz

urlpatterns = [
    path("admin/upload/", include("archive.uploads.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("search.urls")),
    path("", include("archive.web.urls")),
]
