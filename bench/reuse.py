"""`make bench-reuse` (or BENCH_SUITE=reuse make bench): the paragraph reuse index against
SimHash-per-paragraph and exact-shingle baselines on the planted-reuse set (bench.reuse_corpus).

Quality: every planted copy and every same-topic decoy paragraph is a query; a method's answer
for it is the set of other paragraphs it calls reuse. A planted copy found = true positive;
any other paragraph returned (the decoy's partner above all) = false positive.
recall = found copies / copies; precision = true / (true + false positives).
Speed: signatures, candidate pairs and verification for the whole set (what ``rebuild_reuse``
does before writing), then the database build and a 5,000-character /check/ through Django in a
throw-away data folder (bench.reuse_site).

Environment: BENCH_N (speeches, default 10000), ARCHIVE_DATA_DIR (results in its bench/).
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np

from archive.ingest.reuse import (
    BANDS,
    band_keys,
    minhash_signature,
    normalize_paragraph,
    score_pair,
)
from archive.ingest.reuse.normalize import MIN_PARAGRAPH_CHARS
from archive.ingest.reuse.pairs import candidate_pairs
from bench import reuse_corpus
from bench.reuse_baselines import ExactShingleBaseline, SimHashBaseline


class ReuseIndexMethod:
    name = "复用索引 (MinHash LSH + 比对)"

    def __init__(self, texts: list[str], owners: np.ndarray):
        started = time.perf_counter()
        self.normal = [normalize_paragraph(t) for t in texts]
        self.timings = {"normalize_s": time.perf_counter() - started}
        started = time.perf_counter()
        keys = np.zeros((len(texts), BANDS), dtype=np.int64)
        indexable = np.array([len(n) >= MIN_PARAGRAPH_CHARS for n in self.normal])
        for row, normal in enumerate(self.normal):
            if indexable[row]:
                keys[row] = band_keys(minhash_signature(normal))
            else:
                keys[row] = -(row + 1)  # a key of its own: never a candidate
        self.timings["signatures_s"] = time.perf_counter() - started
        started = time.perf_counter()
        self.found: dict[int, set[int]] = {}
        candidates = 0
        for a, b in candidate_pairs(keys, owners):
            candidates += 1
            if score_pair(self.normal[a], self.normal[b]).is_reuse:
                self.found.setdefault(a, set()).add(b)
                self.found.setdefault(b, set()).add(a)
        self.timings["pairs_and_verify_s"] = time.perf_counter() - started
        self.candidates = candidates
        self.pairs = sum(len(v) for v in self.found.values()) // 2

    def matches(self, row: int) -> set[int]:
        return self.found.get(row, set())


def quality(method, copies: list[tuple[int, int]], decoys: list[tuple[int, int]]) -> dict:
    true = false = 0
    for source, copy in copies:
        answer = method.matches(copy)
        true += source in answer
        false += len(answer - {source})
    for first, second in decoys:
        for row in (first, second):
            false += len(method.matches(row))
    return {
        "recall": round(true / len(copies), 4),
        "precision": round(true / (true + false), 4) if true + false else 1.0,
        "false_positives": false,
    }


def run(n: int) -> dict:
    started = time.perf_counter()
    planted = reuse_corpus.build(n)
    generated = time.perf_counter() - started
    texts, owners, row_of = [], [], {}
    for number, speech in enumerate(planted.speeches):
        for index, paragraph in enumerate(speech["paragraphs"]):
            row_of[(number, index)] = len(texts)
            texts.append(paragraph)
            owners.append(number)
    owners = np.array(owners)
    copies = [(row_of[a], row_of[b]) for a, b in planted.copies]
    decoys = [(row_of[a], row_of[b]) for a, b in planted.decoys]
    result = {
        "n": n,
        "paragraphs": len(texts),
        "characters": sum(map(len, texts)),
        "copies": len(copies),
        "decoys": len(decoys),
        "generate_s": round(generated, 1),
        "methods": [],
    }
    for factory in (ReuseIndexMethod, SimHashBaseline, ExactShingleBaseline):
        started = time.perf_counter()
        method = factory(texts, owners) if factory is ReuseIndexMethod else factory(texts)
        built = time.perf_counter() - started
        row = {"method": method.name, "build_s": round(built, 1), **quality(method, copies, decoys)}
        if isinstance(method, ReuseIndexMethod):
            row |= {k: round(v, 1) for k, v in method.timings.items()}
            row |= {"candidates": method.candidates, "pairs_found": method.pairs}
        result["methods"].append(row)
    return result


def print_report(result: dict) -> None:
    if result["methods"]:
        print(
            f"N={result['n']} 段落 {result['paragraphs']} 字符 {result['characters']} "
            f"抄袭 {result['copies']} 同题非抄袭 {result['decoys']}"
        )
    for row in result["methods"]:
        print(
            f"  {row['method']:<28} 召回 {row['recall']:.3f} 精确 {row['precision']:.3f} "
            f"误报 {row['false_positives']:>5} 用时 {row['build_s']} s"
        )
    for key in ("site", "site_error"):
        if key in result:
            print(f"  {key}: {result[key]}")


def main() -> int:
    n = int(os.environ.get("BENCH_N") or 10000)
    # BENCH_REUSE_QUALITY=0: only the Django part (bench.reuse_site), e.g. after a change there.
    result = (
        run(n) if os.environ.get("BENCH_REUSE_QUALITY", "1") != "0" else {"n": n, "methods": []}
    )
    if os.environ.get("BENCH_REUSE_SITE", "1") != "0":
        from bench import reuse_site

        result["site"] = reuse_site.measure(n)
    result["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    print_report(result)
    from bench.run import bench_dir

    out = bench_dir()
    out.mkdir(parents=True, exist_ok=True)
    name = f"reuse-{n}.json" if result["methods"] else f"reuse-site-{n}.json"
    (out / name).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
