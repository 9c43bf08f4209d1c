"""A tile-grid map of China's provinces (one square per province, placed roughly where it
lies), shaded by a count and drawn as SVG on the server, with a table beside it for screen
readers and text browsers.

Why tiles: no maintained Python package ships province boundaries usable offline, and a tile
grid (a standard cartogram) gives every province, Macao as much as Xinjiang, a tile big enough
to read and click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archive.ingest.gazetteer import default_gazetteer

# Province code prefix → (row, column), north-west first.
TILES = {
    "23": (0, 7),
    "65": (1, 1), "15": (1, 4), "11": (1, 5), "21": (1, 6), "22": (1, 7),
    "62": (2, 2), "64": (2, 3), "14": (2, 4), "13": (2, 5), "12": (2, 6),
    "54": (3, 1), "63": (3, 2), "61": (3, 3), "41": (3, 4), "37": (3, 5),
    "51": (4, 2), "50": (4, 3), "42": (4, 4), "34": (4, 5), "32": (4, 6), "31": (4, 7),
    "53": (5, 2), "52": (5, 3), "43": (5, 4), "36": (5, 5), "33": (5, 6),
    "45": (6, 3), "44": (6, 4), "35": (6, 5), "71": (6, 6),
    "46": (7, 3), "82": (7, 4), "81": (7, 5),
}  # fmt: skip
TILE = 46  # px, gap included
SHADES = 5  # css classes shade-0 (none) … shade-5 (most)


@dataclass
class Tile:
    code: str
    label: str  # short name (天津)
    name: str
    count: int
    url: str
    x: int
    y: int
    shade: int
    active: bool


def _shade(count: int, most: int) -> int:
    if count <= 0 or most <= 0:
        return 0
    return max(1, -(-count * SHADES // most))  # 1…SHADES, proportional


def province_map(counts: dict[str, int], url_for: Callable[[str], str], active: str = "") -> dict:
    """``counts``: division code → speeches (only province codes are read); ``url_for(code)``
    the link of a tile. Returns what templates/includes/_province_map.html draws."""
    gaz = default_gazetteer()
    provinces = {code[:2]: d for code, d in gaz.divisions.items() if code.endswith("0000")}
    province_counts = {prefix: counts.get(f"{prefix}0000", 0) for prefix in provinces}
    most = max(province_counts.values(), default=0)
    tiles = []
    for prefix, (row, col) in TILES.items():
        division = provinces.get(prefix)
        if division is None:
            continue
        count = province_counts.get(prefix, 0)
        tiles.append(
            Tile(
                code=division.code,
                label=division.short or division.name,
                name=division.name,
                count=count,
                url=url_for(division.code),
                x=col * TILE,
                y=row * TILE,
                shade=_shade(count, most),
                active=active[:2] == prefix and bool(active),
            )
        )
    rows = sorted((t for t in tiles if t.count), key=lambda t: (-t.count, t.code))
    width = (max(c for _, c in TILES.values()) + 1) * TILE
    height = (max(r for r, _ in TILES.values()) + 1) * TILE
    return {"tiles": tiles, "rows": rows, "width": width, "height": height, "total": most}
