"""Apply index work left queued (when a writer could not get the index lock in time)."""

from django.core.management.base import BaseCommand

from search.upkeep.queue import apply_pending, pending_count


class Command(BaseCommand):
    help = "处理待更新索引队列。"

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0, help="等待索引写锁的秒数")

    def handle(self, *args, timeout, **options):
        applied = apply_pending(timeout=timeout)
        self.stdout.write(f"已处理 {applied} 项,剩余 {pending_count()} 项")
