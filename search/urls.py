from django.urls import path

from search import views
from search.feed import SearchFeed
from search.trends import views as trends

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed/", SearchFeed(), name="feed"),
    path("search/export.csv", views.export_csv, name="export_csv"),
    path("search/export.jsonl", views.export_jsonl, name="export_jsonl"),
    path("api/search/", views.search_api, name="api"),
    path("trends/", trends.trends_page, name="trends"),
    path("trends/export.csv", trends.trends_csv, name="trends_csv"),
]
