"""``python manage.py import_archive PATH``: exact restore into an empty database, then the
search index is rebuilt from it."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, import_archive


class Command(BaseCommand):
    help = "从 export_archive 的备份恢复讲稿库(只能恢复到空数据库),然后重建检索索引。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            counts = import_archive(path, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        call_command("rebuild_index", interactive=False, verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS(f"恢复完成:{counts}"))
