"""``python manage.py load_demo [--if-empty]``: load the demo archive (texts written for this
project, in archive/demo/) through the same write path as every import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import services
from archive.models import Speech

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = "导入演示讲话稿(archive/demo/)。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库已有讲话时什么也不做")

    def handle(self, *args, **options):
        if options["if_empty"] and Speech.objects.exists():
            self.stdout.write("数据库中已有讲话,跳过演示数据。")
            return
        files = sorted(DEMO_DIR.glob("*.txt"))
        failed = []
        finder = services.NearDuplicateFinder()
        for number, path in enumerate(files, start=1):
            for outcome in services.speeches_import_file(
                filename=path.name, data=path.read_bytes(), near_duplicates=finder
            ):
                label = outcome.parsed.title if outcome.parsed else outcome.file
                if outcome.failed:
                    failed.append(f"{outcome.file}:{outcome.error}")
                self.stdout.write(f"[{number}/{len(files)}] {label}({outcome.status})")
        if failed:
            raise CommandError("演示数据导入失败:\n" + "\n".join(failed))
        self.stdout.write(self.style.SUCCESS(f"演示数据已导入:{len(files)} 篇。"))
