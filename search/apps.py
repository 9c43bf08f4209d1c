from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "speech_search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import whoosh_fixes, whoosh_speedups

        whoosh_fixes.apply()
        whoosh_speedups.apply()
