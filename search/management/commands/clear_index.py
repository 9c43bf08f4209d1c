"""``clear_index`` that swaps in an empty index. Replaces haystack's command of the same name
(the search app is listed before haystack): haystack's deletes the folder, which fails on the
symbolic link search/backends/whoosh/rebuild.py maintains."""

from django.core.management.base import BaseCommand, CommandError

from search.upkeep.rebuild import rebuild


class Command(BaseCommand):
    help = "清空检索索引(换上一个空索引)。本命令取代 haystack 的同名命令。"

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
