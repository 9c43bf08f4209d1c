from django.apps import AppConfig


class ReuseConfig(AppConfig):
    name = "archive.reuse"
    label = "reuse"
    verbose_name = "段落复用"
    default_auto_field = "django.db.models.BigAutoField"
