"""Root URLs: the admin, the search pages and the reading/browsing pages."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from archive.health import healthz

urlpatterns = [
    path("admin/upload/", include("archive.uploads.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Some clients ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("", include("search.urls")),
    path("", include("archive.web.urls")),
]
