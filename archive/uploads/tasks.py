"""Background work on huey (SqliteHuey under DATA_DIR by default, RedisHuey when REDIS_URL is
set; immediate mode runs them in the request, as in tests)."""

from huey.contrib.djhuey import db_task

from archive.uploads import work


@db_task()
def parse_batch(batch_id: int) -> None:
    work.parse_batch(batch_id)


@db_task()
def import_batch(batch_id: int) -> None:
    work.import_batch(batch_id)
