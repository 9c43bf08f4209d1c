"""``python manage.py load_demo [--if-empty]``: load the demo archive (texts written for this
project, in archive/demo/) through the same write path as every import."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import services
from archive.models import Speech

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"

MESSAGE_NOT_EMPTY = "数据库中已有讲话，跳过演示数据。"
ERROR_NO_FILES = "没有找到演示讲话稿：{path}"
ERROR_FAILED = "演示数据导入失败（{count} 篇）："

STATUS_LABELS = {
    services.STATUS_IMPORTED: "已导入",
    services.STATUS_DUPLICATE: "已存在（跳过）",
    services.STATUS_ERROR: "失败",
}


class Command(BaseCommand):
    help = "导入演示讲话稿（archive/demo/）。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有讲话时什么也不做")

    def handle(self, *args, **options):
        if options["if_empty"] and Speech.objects.exists():
            self.stdout.write(MESSAGE_NOT_EMPTY)
            return
        files = sorted(DEMO_DIR.glob("*.txt"))
        if not files:
            # An empty demo folder means a broken checkout; `make run` must not serve nothing.
            raise CommandError(ERROR_NO_FILES.format(path=DEMO_DIR))
        counts: Counter[str] = Counter()
        failed: list[str] = []
        finder = services.NearDuplicateFinder()  # one fingerprint load for the whole batch
        for number, path in enumerate(files, start=1):
            for outcome in services.speeches_import_file(
                filename=path.name, data=path.read_bytes(), near_duplicates=finder
            ):
                counts[outcome.status] += 1
                label = outcome.parsed.title if outcome.parsed else outcome.file
                status = STATUS_LABELS.get(outcome.status, outcome.status)
                line = f"[{number}/{len(files)}] {path.name} 《{label}》 {status}"
                if outcome.failed:
                    failed.append(f"{outcome.file}：{outcome.error}")
                    line += f"：{outcome.error}"
                self.stdout.write(line)
        summary = "，".join(
            f"{STATUS_LABELS.get(status, status)} {count} 篇"
            for status, count in sorted(counts.items())
        )
        if failed:
            raise CommandError(
                "\n".join([ERROR_FAILED.format(count=len(failed)), *failed, f"合计：{summary}"])
            )
        self.stdout.write(self.style.SUCCESS(f"演示数据导入完成：{summary}。"))
