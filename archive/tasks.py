"""Periodic work of the archive app on the huey queue."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from archive import publicdata

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/5"))
@lock_task("public-data")
def refresh_public_data() -> None:
    """Rebuild the /data/ download when the archive changed (debounced: publicdata.QUIET)."""
    if publicdata.needs_build():
        download = publicdata.build()
        logger.info("public data rebuilt: %s speeches, %s bytes", download.speeches, download.size)
