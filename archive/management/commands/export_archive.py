"""``python manage.py export_archive PATH``: full backup (rows + uploaded files) in one zip."""

from pathlib import Path

from django.core.management.base import BaseCommand

from archive.backup import export_archive


class Command(BaseCommand):
    help = "把整个讲稿库(数据库记录和上传文件)备份到一个 zip 文件。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        counts = export_archive(path, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"备份完成:{path}({counts})"))
