"""``python manage.py refresh_keywords``: extract every speech's keywords again with the current
rules (archive/ingest/metadata.py, archive/ingest/generic.py), a batch per transaction so
uploads are not held up; the search index follows."""

from django.core.management.base import BaseCommand

from archive import services
from archive.models import Speech

BATCH = 200


class Command(BaseCommand):
    help = "按现行规则重新提取所有讲话的关键词(检索索引随之更新)。"

    def handle(self, *args, **options):
        ids = list(Speech.objects.order_by("pk").values_list("pk", flat=True))
        changed = 0
        for start in range(0, len(ids), BATCH):
            batch = Speech.objects.filter(pk__in=ids[start : start + BATCH]).only(
                "pk", "body", "keywords"
            )
            changed += services.speeches_refresh_keywords(speeches=batch)
        self.stdout.write(f"已检查 {len(ids)} 篇讲话,{changed} 篇的关键词有变化。")
