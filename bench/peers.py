"""The engines compared, each answering a query dict with the set of matching speech ids.

- ``truth``: brute force, the folded (简繁, width, case) query contained in the folded title or
  body, filters applied in Python. What every engine is scored against.
- ``ours``: the archive's own search (search.page.service) in this process.
- ``icontains``: Django ``icontains`` over title and body on SQLite (no 简繁 folding).
- ``fts5``: SQLite FTS5 with the trigram tokenizer; queries under 3 characters fall back to
  LIKE, as the tokenizer's documentation suggests.
- ``whoosh_jieba``: the tutorial setup, Whoosh with jieba's ``ChineseAnalyzer``, text stored as
  haystack stores it, no 简繁 normalization, a separate throw-away index.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from django.db.models import Q

from archive.models import Speech
from search.backends.whoosh.engine import run_search
from search.language.normalize import fold
from search.language.params import parse_params
from search.page.service import search


def _bounds(params: dict) -> tuple[str, str]:
    lo = params.get("from", "0000-00-00")
    hi = params.get("to", "9999-99-99")
    if "year" in params:
        lo, hi = max(lo, f"{params['year']}-01-01"), min(hi, f"{params['year']}-12-31")
    return lo, hi


class Truth:
    def __init__(self):
        self.rows = [
            (pk, fold(title), fold(body), date.isoformat() if date else "", level or "", slug or "")
            for pk, title, body, date, level, slug in Speech.objects.published().values_list(
                "pk", "title", "body", "date", "level", "theme__slug"
            )
        ]

    def ids(self, params: dict) -> set[int]:
        q = fold(params.get("q", ""))
        lo, hi = _bounds(params)
        return {
            pk
            for pk, title, body, date, level, slug in self.rows
            if (not q or q in title or q in body)
            and lo <= (date or "0000") <= hi
            and ("level" not in params or level == params["level"])
            and ("theme" not in params or slug == params["theme"])
        }


def ours_count(params: dict) -> int:
    return search(parse_params(params)).outcome.count


def ours_engine_count(params: dict) -> int:
    return run_search(parse_params(params)).count


def icontains_ids(params: dict) -> set[int]:
    qs = Speech.objects.published()
    if params.get("q"):
        qs = qs.filter(Q(title__icontains=params["q"]) | Q(body__icontains=params["q"]))
    lo, hi = _bounds(params)
    if lo != "0000-00-00" or hi != "9999-99-99":
        qs = qs.filter(date__gte=lo, date__lte=hi)
    if "level" in params:
        qs = qs.filter(level=params["level"])
    return set(qs.values_list("pk", flat=True))


class Fts5:
    def __init__(self, path: Path):
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, date UNINDEXED, level UNINDEXED,"
            " title, body, tokenize='trigram')"
        )
        start = time.perf_counter()
        rows = Speech.objects.published().values_list("pk", "date", "level", "title", "body")
        self.db.executemany(
            "INSERT INTO doc VALUES (?,?,?,?,?)",
            ((pk, d.isoformat() if d else "", lv or "", t, b) for pk, d, lv, t, b in rows),
        )
        self.db.commit()
        self.build_seconds = time.perf_counter() - start
        self.size_bytes = path.stat().st_size

    def ids(self, params: dict) -> set[int]:
        where, args = [], []
        q = params.get("q", "")
        if q and len(q) >= 3:
            where.append("doc MATCH ?")
            args.append('"' + q.replace('"', '""') + '"')
        elif q:
            where.append("(title LIKE ? OR body LIKE ?)")
            args += [f"%{q}%", f"%{q}%"]
        lo, hi = _bounds(params)
        if lo != "0000-00-00" or hi != "9999-99-99":
            where.append("date BETWEEN ? AND ?")
            args += [lo, hi]
        if "level" in params:
            where.append("level = ?")
            args.append(params["level"])
        sql = "SELECT id FROM doc" + (" WHERE " + " AND ".join(where) if where else "")
        return {int(row[0]) for row in self.db.execute(sql, args)}


class WhooshJieba:
    def __init__(self, folder: Path):
        import json
        import os
        import shutil

        from jieba.analyse import ChineseAnalyzer
        from whoosh import fields, index

        stamp = folder / "built.json"
        if os.environ.get("BENCH_REUSE") == "1" and stamp.exists():
            # Built for this archive by an earlier run (BENCH_REUSE: the archive is reused too).
            built = json.loads(stamp.read_text())
            self.build_seconds, self.size_bytes = built["seconds"], built["size_bytes"]
            self.ix = index.open_dir(str(folder))
            self.searcher = self.ix.searcher()
            return
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        schema = fields.Schema(
            id=fields.ID(stored=True, unique=True),
            level=fields.ID(stored=True),
            date=fields.ID(stored=True, sortable=True),
            text=fields.TEXT(stored=True, analyzer=ChineseAnalyzer()),
        )
        start = time.perf_counter()
        ix = index.create_in(str(folder), schema)
        writer = ix.writer(limitmb=128)
        for pk, d, lv, t, b in Speech.objects.published().values_list(
            "pk", "date", "level", "title", "body"
        ):
            writer.add_document(
                id=str(pk), level=lv or "", date=d.isoformat() if d else "", text=f"{t}\n{b}"
            )
        writer.commit()
        self.build_seconds = time.perf_counter() - start
        self.size_bytes = sum(p.stat().st_size for p in folder.iterdir())
        stamp.write_text(json.dumps({"seconds": self.build_seconds, "size_bytes": self.size_bytes}))
        self.ix = ix
        self.searcher = ix.searcher()

    def ids(self, params: dict) -> set[int]:
        from whoosh import query as wq
        from whoosh.qparser import QueryParser

        parts = []
        if params.get("q"):
            parts.append(QueryParser("text", self.ix.schema).parse(params["q"]))
        lo, hi = _bounds(params)
        if lo != "0000-00-00" or hi != "9999-99-99":
            parts.append(wq.TermRange("date", lo, hi))
        if "level" in params:
            parts.append(wq.Term("level", params["level"]))
        query = wq.And(parts) if parts else wq.Every()
        hits = self.searcher.search(query, limit=None)
        return {int(hit["id"]) for hit in hits}
