"""``rebuild_index`` without downtime: build beside the live index, then swap
(search/upkeep/rebuild.py).

Replaces haystack's command of the same name (the search app is listed before haystack);
the options haystack's version takes are accepted.
"""

from django.core.management.base import BaseCommand, CommandError

from search.upkeep.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "在现有索引旁重建检索索引,完成后切换;重建期间检索照常可用。"
        "本命令取代 haystack 的同名命令(haystack 的选项照收)。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--noinput", action="store_false", dest="interactive", default=True)
        parser.add_argument("-u", "--using", action="append", default=[])
        parser.add_argument("-k", "--workers", default=0, type=int)
        parser.add_argument("--nocommit", action="store_false", dest="commit", default=True)
        parser.add_argument("-b", "--batch-size", dest="batchsize", type=int)
        parser.add_argument("-t", "--max-retries", dest="max_retries", type=int, default=5)

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input("将重建检索索引(旧索引在新索引完成前照常使用)。继续吗?[y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("已取消。")
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 1:
                self.stdout.write(f"已索引 {done}/{total} 篇")

        folder, total = rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"重建完成:{total} 篇,已切换到 {folder.name}"))
