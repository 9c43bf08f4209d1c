from django.urls import path

from archive.uploads import views

app_name = "uploads"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/import/", views.start_import, name="import"),
    path("<int:pk>/progress.json", views.progress, name="progress"),
    path("<int:pk>/items/<int:item>/pages/<int:number>.jpg", views.page_image, name="page_image"),
]
