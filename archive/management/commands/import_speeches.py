"""``python manage.py import_speeches PATH...``: import files, folders and zips."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive import services
from archive.ingest import check_size
from archive.ingest.ocr import IMAGE_EXTENSIONS

SUPPORTED_SUFFIXES = {".txt", ".text", ".docx", ".pdf", ".html", ".htm", ".zip", *IMAGE_EXTENSIONS}
ERROR_UNREADABLE = "无法读取文件:{reason}"
ERROR_NOT_FOUND = "路径不存在:{path}"


def collect_files(paths: list[str]) -> list[Path]:
    """Files named directly, plus the supported files found under folders (sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(ERROR_NOT_FOUND.format(path=raw))
    return files


class Command(BaseCommand):
    help = (
        "导入讲话稿:文件、文件夹或 zip(txt 任意中文编码、docx、pdf、html;"
        "扫描的 pdf 和图片 jpg、png、tif、webp、heic 由 OCR 识别)。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
        parser.add_argument("--dry-run", action="store_true", help="只解析和报告,不保存")
        parser.add_argument(
            "--on-duplicate",
            choices=services.ON_DUPLICATE_CHOICES,
            default=services.ON_DUPLICATE_SKIP,
            help="skip:跳过完全相同的(默认,近似的导入并关联);replace:替换已有讲话;"
            "keep:保留已有讲话,完全相同和近似的都不导入",
        )

    def handle(self, *args, **options):
        files = collect_files(options["paths"])
        as_json = options["json"]
        counts: Counter[str] = Counter()
        finder = services.NearDuplicateFinder()
        total = len(files)
        with services.speeches_import_batch(progress=self._index_progress):
            for number, path in enumerate(files, start=1):
                for outcome in self._import_path(path, options, finder):
                    counts[outcome.status] += 1
                    self._report(outcome, as_json)
                if not as_json or self.stderr.isatty():
                    self.stderr.write(f"[{number}/{total}] {path.name}")
            if counts[services.STATUS_IMPORTED] and not options["dry_run"]:
                self.stderr.write("正在更新检索索引……")
        summary = ",".join(f"{status} {n}" for status, n in sorted(counts.items())) or "没有文件"
        self.stderr.write(f"完成:{summary}")
        if counts[services.STATUS_ERROR]:
            sys.exit(1)

    def _index_progress(self, done: int, total: int) -> None:
        self.stderr.write(f"已索引 {done}/{total} 篇")

    def _import_path(self, path: Path, options, finder):
        name = str(path)
        try:
            # Refuse an oversized file from its size, before reading it into memory.
            too_large = check_size(
                name,
                path.stat().st_size,
                max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
                max_total_bytes=settings.INGEST_MAX_UPLOAD_BYTES,
            )
            if too_large is not None:
                error = str(too_large)
                return [
                    services.ImportOutcome(file=name, status=services.STATUS_ERROR, error=error)
                ]
            data = path.read_bytes()
        except OSError as exc:
            error = ERROR_UNREADABLE.format(reason=exc.strerror or exc)
            return [services.ImportOutcome(file=name, status=services.STATUS_ERROR, error=error)]
        return services.speeches_import_file(
            filename=name,
            data=data,
            on_duplicate=options["on_duplicate"],
            dry_run=options["dry_run"],
            near_duplicates=finder,
        )

    def _report(self, outcome: services.ImportOutcome, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False))
            return
        record = outcome.as_json()
        if outcome.failed:
            self.stdout.write(self.style.ERROR(f"错误 {outcome.file}:{outcome.error}"))
        elif outcome.status == services.STATUS_DUPLICATE:
            self.stdout.write(f"重复 {outcome.file}:与 #{outcome.duplicate_of} 相同")
        else:
            where = f" → {record['url']}" if record["url"] else ""
            self.stdout.write(self.style.SUCCESS(f"导入 {outcome.file}:{record['title']}{where}"))
