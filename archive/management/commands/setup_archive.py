"""``python manage.py setup_archive``: what ``make run`` does before serving, in one process —
``migrate``, ``load_demo --if-empty``, ``ensure_index``. Three separate commands each paid
Django's start-up (docs/performance.md); on an archive that is already set up this takes
about one."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "准备运行:迁移数据库,空库时载入示例讲话,索引为空时建立索引。"

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("load_demo", if_empty=True, verbosity=verbosity)
        call_command("ensure_index", verbosity=verbosity)
