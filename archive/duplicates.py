"""Near-duplicate speeches by SimHash distance, for the write path's import."""

from __future__ import annotations

from archive.ingest.fingerprint import NEAR_DUPLICATE_DISTANCE, hamming
from archive.models import Speech


class NearDuplicateFinder:
    """Finds speeches whose SimHash is within NEAR_DUPLICATE_DISTANCE bits.

    Loaded once per batch so a large import does not re-read every fingerprint per file.
    """

    def __init__(self) -> None:
        self._hashes: dict[int, int] = {
            pk: int(value, 16)
            for pk, value in Speech.objects.exclude(simhash="").values_list("pk", "simhash")
        }

    def add(self, speech: Speech) -> None:
        if speech.simhash:
            self._hashes[speech.pk] = int(speech.simhash, 16)

    def similar(self, simhash: int, *, exclude: int | None = None) -> list[int]:
        """Ids of near-duplicates, closest first."""
        matches = [
            (distance, pk)
            for pk, value in self._hashes.items()
            if pk != exclude and (distance := hamming(simhash, value)) <= NEAR_DUPLICATE_DISTANCE
        ]
        return [pk for _distance, pk in sorted(matches)]
