"""Root URLs: the admin, the search pages and the reading/browsing pages."""

from django.contrib import admin
from django.urls import include, path

from archive.health import healthz

urlpatterns = [
    path("admin/upload/", include("archive.uploads.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("follow/", include("archive.follow.urls")),
    path("", include("search.urls")),
    path("", include("archive.reuse.urls")),
    path("", include("archive.web.urls")),
]

handler400 = "archive.errors.bad_request"
handler403 = "archive.errors.permission_denied"
handler404 = "archive.errors.not_found"
handler500 = "archive.errors.server_error"
