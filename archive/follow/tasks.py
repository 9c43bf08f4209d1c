"""The digests, sent once a day at FOLLOW_DIGEST_TIME (local time) by the huey consumer
(`manage.py run_huey`); weekly alerts are sent when their week is up."""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from archive.follow import services

logger = logging.getLogger(__name__)
_hour, _minute = settings.FOLLOW_DIGEST_TIME.split(":")


@db_periodic_task(crontab(hour=str(int(_hour)), minute=str(int(_minute))))
def send_digests() -> None:
    sent = services.digests_send()
    logger.info("alert digests sent: %s", sent)
