"""Rebuild the paragraph reuse index from the published speeches, with progress."""

import sys
import time

from django.core.management.base import BaseCommand

from archive.reuse.rebuild import rebuild


class Command(BaseCommand):
    help = "重建段落复用索引(全部已发布讲话),显示进度。"

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(stage: str, done: int, total: int) -> None:
            of = f"/{total}" if total else ""
            print(f"\r{stage}:{done}{of}   ", end="", file=sys.stderr, flush=True)

        counts = rebuild(progress=progress)
        print(file=sys.stderr)
        self.stdout.write(
            self.style.SUCCESS(
                f"已重建段落复用索引:{counts['speeches']} 篇讲话,{counts['paragraphs']} 段,"
                f"{counts['matches']} 对相同段落,用时 {time.monotonic() - started:.1f} 秒。"
            )
        )
