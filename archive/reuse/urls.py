"""Paragraph reuse pages and API (namespace ``reuse``)."""

from django.urls import path

from archive.reuse import views

app_name = "reuse"

urlpatterns = [
    path("compare/<int:a>/<int:b>/", views.compare, name="compare"),
    path("check/", views.check, name="check"),
    path("check/compare/", views.check_compare, name="check_compare"),
    path("passages/<int:pk>/<str:anchor>/", views.passage, name="passage"),
    path("api/speeches/<int:pk>/reuse/", views.api_speech_reuse, name="api_speech_reuse"),
    path("api/check/", views.api_check, name="api_check"),
]
