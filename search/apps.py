from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "speech_search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The Whoosh backend's fixes and speed-ups inside Whoosh itself, installed explicitly
        # once per process (search/backends/whoosh/patches.py says what each works around).
        from search.backends.whoosh import patches

        patches.apply()
