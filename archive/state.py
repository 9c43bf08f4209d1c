"""A cheap token of the published archive's state, for figures computed over every speech and
kept in the process until the archive changes (trends' denominators, the archive-wide keyword
counts of place pages)."""

from __future__ import annotations

from django.db.models import Max

from archive.models import Speech


def archive_state() -> tuple:
    """Changes whenever a speech is added, edited, published or removed. Two aggregates, each
    answered from an index: together in one query SQLite reads every row (35–600 ms)."""
    published = Speech.objects.published().count()
    changed = Speech.objects.aggregate(changed=Max("updated_at"))["changed"]
    return (published, changed)
