from django.core.management.base import BaseCommand

from archive import publicdata


class Command(BaseCommand):
    help = "生成 /data/ 的全库下载(JSON Lines 压缩包);huey 会在库变动后自动重新生成。"

    def handle(self, *args, **options):
        download = publicdata.build()
        self.stdout.write(f"{download.path}: {download.speeches} 篇,{download.size} 字节")
