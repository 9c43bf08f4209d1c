"""Reading, browsing and sharing pages (namespace ``archive``)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from archive.web import browse, data, places, views
from archive.web.feeds import LatestSpeechesFeed
from archive.web.sitemaps import SITEMAPS

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("speeches/", browse.speech_list, name="speech_list"),
    path("speeches/<int:pk>/", views.speech_detail, name="speech_detail"),
    path("speeches/<int:pk>/download.txt", views.download_txt, name="download_txt"),
    path("speeches/<int:pk>/download.docx", views.download_docx, name="download_docx"),
    path("speeches/<int:pk>/qr.svg", views.qr_code, name="qr_code"),
    path("speeches/<int:pk>/<path:rest>/", views.speech_redirect, name="speech_redirect"),
    path("api/speeches/<int:pk>/", views.speech_api, name="speech_api"),
    path("dates/", browse.dates_index, name="dates_index"),
    path("dates/<int:year>/", browse.dates_year, name="dates_year"),
    path("dates/<int:year>/<int:month>/", browse.dates_month, name="dates_month"),
    path("themes/", browse.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", browse.theme_detail, name="theme_detail"),
    path("levels/<str:level>/", browse.level_detail, name="level_detail"),
    path("places/", places.place_index, name="place_index"),
    path("places/<str:code>/", places.place_detail, name="place_detail"),
    path("places/<str:code>/feed/", places.PlaceFeed(), name="place_feed"),
    path("speakers/<int:pk>/", places.speaker_detail, name="speaker_detail"),
    path("data/", data.data_page, name="data"),
    path("data/jianggaoku-speeches.jsonl.zip", data.data_file, name="data_file"),
    path("feeds/latest/", LatestSpeechesFeed(), name="feed_latest"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", browse.robots_txt, name="robots"),
    path("favicon.ico", browse.favicon, name="favicon"),
]
