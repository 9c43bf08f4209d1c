from django.apps import AppConfig


class FollowConfig(AppConfig):
    name = "archive.follow"
    label = "follow"
    verbose_name = "检索提醒"
    default_auto_field = "django.db.models.BigAutoField"
