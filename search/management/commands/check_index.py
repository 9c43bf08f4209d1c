"""Compare the search index with the database; ``--repair`` brings them back in line."""

from django.core.management.base import BaseCommand, CommandError

from search.unavailable import INDEX_UNAVAILABLE
from search.upkeep import drift
from search.upkeep.queue import pending_count
from search.upkeep.rebuild import rebuild

SHOWN = 20
ERROR_DAMAGED = "索引已损坏,无法读取(可用 --repair 重建)。"


class Command(BaseCommand):
    help = "比较数据库与检索索引:缺失、过期、多余;--repair 修复。两者不一致时退出码非零。"

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="修复不一致之处")

    def handle(self, *args, repair=False, **options):
        try:
            found = drift.compare()
        except INDEX_UNAVAILABLE as exc:
            self.stdout.write(f"索引已损坏,无法读取:{exc}")
            if not repair:
                raise CommandError(ERROR_DAMAGED) from exc
            self.stdout.write("正在重建索引……")
            _folder, count = rebuild()
            self.stdout.write(f"已重建索引:{count} 篇。")
            found = drift.compare()
        self._run(found, repair=repair)

    def _run(self, found: drift.Drift, *, repair: bool) -> None:
        self._report(found)
        if found.clean:
            self.stdout.write(self.style.SUCCESS("索引与数据库一致。"))
            return
        if not repair:
            raise CommandError("索引与数据库不一致(可用 --repair 修复)。")
        drift.repair(found)
        after = drift.compare()
        if not after.clean:
            self._report(after)
            raise CommandError(f"修复后仍不一致;待处理队列 {pending_count()} 项。")
        self.stdout.write(self.style.SUCCESS(f"已修复 {len(found.ids)} 篇,索引与数据库一致。"))

    def _report(self, found: drift.Drift) -> None:
        for label, ids in (("缺失", found.missing), ("过期", found.stale), ("多余", found.extra)):
            shown = ", ".join(str(pk) for pk in ids[:SHOWN])
            more = f" …(共 {len(ids)} 篇)" if len(ids) > SHOWN else ""
            self.stdout.write(f"{label}:{len(ids)} 篇{(':' + shown + more) if ids else ''}")
        pending = pending_count()
        if pending:
            self.stdout.write(f"待处理队列:{pending} 项")
