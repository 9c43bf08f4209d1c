"""A separate process that writes to the archive the way a web worker does (used by
test_indexing.py to run real concurrent writers: several processes, one Whoosh index).

Usage: python -m tests.search.concurrent_writer setup N | write FIRST STEP IDS_JSON | found TERM...
"""

from __future__ import annotations

import json
import sys

import django


def main(argv: list[str]) -> None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # Transactions that read before they write (a delete collects related rows first)
        # fail at once with "database is locked" under SQLite's default deferred mode;
        # IMMEDIATE makes them wait for the lock instead, as a real deployment should.
        database.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from archive.models import Speech
    from search.backends.whoosh.engine import matching_ids
    from search.upkeep.queue import schedule_index, schedule_removal

    command = argv[0]
    if command == "setup":
        call_command("migrate", run_syncdb=True, verbosity=0)
        ids = [
            Speech.objects.create(
                title=f"并发第{i}篇", body=f"原文{i:03d}", fingerprint=f"concurrent-{i}"
            ).pk
            for i in range(int(argv[1]))
        ]
        schedule_index(ids)
        print(json.dumps(ids))
    elif command == "write":
        # The ids come from the caller: listing them here would race with the other writers'
        # deletes and shift this writer's share.
        first, step, all_ids = int(argv[1]), int(argv[2]), json.loads(argv[3])
        ids = all_ids[first::step]
        for number, pk in enumerate(ids):
            if number % 4 == 3:
                with transaction.atomic():
                    Speech.objects.filter(pk=pk).delete()
                    transaction.on_commit(lambda pk=pk: schedule_removal([pk]))
            else:
                with transaction.atomic():
                    speech = Speech.objects.get(pk=pk)
                    speech.body = f"改写{pk:04d}号 并发写入"
                    speech.save()
                    transaction.on_commit(lambda pk=pk: schedule_index([pk]))
    elif command == "found":
        print(json.dumps({term: sorted(matching_ids(term)) for term in argv[1:]}))


if __name__ == "__main__":
    main(sys.argv[1:])
