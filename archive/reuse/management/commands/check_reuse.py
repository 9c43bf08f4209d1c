"""Compare the paragraph reuse index with the database; ``--repair`` brings them in line."""

from django.core.management.base import BaseCommand, CommandError

from archive.reuse.rebuild import compare, repair

SHOWN = 20


class Command(BaseCommand):
    help = "比较数据库与段落复用索引:缺失、过期、多余;--repair 修复。不一致时退出码非零。"

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="修复不一致之处")

    def handle(self, *args, **options):
        found = compare()
        self._report(found)
        if found.clean:
            self.stdout.write(self.style.SUCCESS("段落复用索引与数据库一致。"))
            return
        if not options["repair"]:
            raise CommandError("段落复用索引与数据库不一致(可用 --repair 修复)。")
        repair(found)
        after = compare()
        if not after.clean:
            self._report(after)
            raise CommandError("修复后仍不一致。")
        self.stdout.write(
            self.style.SUCCESS(f"已修复 {len(found.ids)} 篇,段落复用索引与数据库一致。")
        )

    def _report(self, found) -> None:
        for label, ids in (("缺失", found.missing), ("过期", found.stale), ("多余", found.extra)):
            shown = ", ".join(str(pk) for pk in ids[:SHOWN])
            more = f" …(共 {len(ids)} 篇)" if len(ids) > SHOWN else ""
            self.stdout.write(f"{label}:{len(ids)} 篇{(':' + shown + more) if ids else ''}")
