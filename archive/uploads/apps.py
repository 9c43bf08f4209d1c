from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "archive.uploads"
    label = "uploads"
    verbose_name = "上传讲话"
    default_auto_field = "django.db.models.BigAutoField"
