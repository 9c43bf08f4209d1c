"""``python manage.py ensure_index``: build the search index and the paragraph reuse index when
empty but the database is not (first start, or a wiped data folder). Used by ``make run``."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Speech
from archive.reuse.models import ReuseSpeech
from search.upkeep.queue import indexed_count


class Command(BaseCommand):
    help = "检索索引为空而数据库有讲话时,重建索引。"

    def handle(self, *args, **options):
        published = Speech.objects.published().count()
        # From the index's table of contents: haystack's SearchQuerySet().count() ran a search
        # over everything (docs/performance.md).
        indexed = indexed_count()
        if published and not indexed:
            self.stdout.write(f"检索索引为空,正在为 {published} 篇讲话建立索引……")
            call_command("rebuild_index", interactive=False, verbosity=1)
        else:
            self.stdout.write(f"检索索引已就绪:{indexed} 篇(数据库 {published} 篇)。")
        # The paragraph reuse index, likewise (a database from before it existed has none).
        if published and not ReuseSpeech.objects.exists():
            self.stdout.write("段落复用索引为空,正在建立……")
            call_command("rebuild_reuse")
