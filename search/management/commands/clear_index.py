"""``clear_index`` that swaps in an empty index (haystack's deletes the folder, which fails on
the symbolic link search/rebuild.py maintains)."""

from django.core.management.base import BaseCommand, CommandError

from search.upkeep.rebuild import rebuild


class Command(BaseCommand):
    help = "清空检索索引(换上一个空索引)。"

    def add_arguments(self, parser):
        parser.add_argument("--noinput", action="store_false", dest="interactive", default=True)
        parser.add_argument("-u", "--using", action="append", default=[])
        parser.add_argument("--nocommit", action="store_false", dest="commit", default=True)

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input("将清空检索索引。继续吗?[y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("已取消。")
        folder, _total = rebuild(empty=True)
        self.stdout.write(f"已换上空索引 {folder.name}")
