"""The printed table of results.json."""

from __future__ import annotations


def _row(cells: list) -> str:
    return " | ".join(str(c) for c in cells)


def _mode(scale: dict, name: str) -> list:
    """p95 of /api/search/ and /search/, and req/s, of one serving mode."""
    served = scale.get(name)
    if not served:
        return ["-", "-"]
    lat = served["latency"]
    best = served["throughput"]["best_under_p95_200ms"]
    return [
        f"{lat['/api/search/']['all']['p95_ms']}/{lat['/search/']['all']['p95_ms']}",
        best["requests_per_s"] if best else "-",
    ]


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"\n机器:{m['cpus']} 核,{m['memory_gb']} GB 内存,Python {m['python']}")
    print(
        _row(
            [
                "N",
                "import/s",
                "import chars/s",
                "rebuild/s",
                "rebuild s",
                "rebuild MB",
                "index MB",
                "api p50/p95/p99 ms",
                "page p50/p95/p99 ms",
                "page req/s",
                "worker MB",
                "warm api/page p95 ms",
                "warm req/s",
                "cached api/page p95 ms",
                "cached req/s",
                "make run → 1st search s",
            ]
        )
    )
    for s in results["scales"]:
        served = s["served"]
        api, page = served["latency"]["/api/search/"]["all"], served["latency"]["/search/"]["all"]
        best = served["throughput"]["best_under_p95_200ms"]
        workers = served["workers_after_load"] or served["workers_after_warmup"]
        print(
            _row(
                [
                    s["n"],
                    s["import"]["speeches_per_s"],
                    s["import"]["chars_per_s"],
                    s["rebuild"]["speeches_per_s"],
                    s["rebuild"]["seconds"],
                    s["rebuild"]["peak_rss_mb"],
                    s["index_mb"],
                    f"{api['p50_ms']}/{api['p95_ms']}/{api['p99_ms']}",
                    f"{page['p50_ms']}/{page['p95_ms']}/{page['p99_ms']}",
                    best["requests_per_s"] if best else "-",
                    max((w["rss_mb"] for w in workers), default="-"),
                    *_mode(s, "served_warm"),
                    *_mode(s, "served_cached"),
                    s.get("make_run", {}).get("first_search_s", "-"),
                ]
            )
        )
    for s in results["scales"]:
        print(f"\nN={s['n']} 各类查询 /api/search/ 与 /search/ p95 (ms),冷 · 热:")
        lat = s["served"]["latency"]
        warm = s.get("served_warm", {}).get("latency")
        for cls in lat["/api/search/"]:
            line = (
                f"  {cls:18} {lat['/api/search/'][cls]['p95_ms']:>8} "
                f"{lat['/search/'][cls]['p95_ms']:>8}"
            )
            if warm:
                line += (
                    f"  · {warm['/api/search/'][cls]['p95_ms']:>8} "
                    f"{warm['/search/'][cls]['p95_ms']:>8}"
                )
            print(line)
        if "peers" in s:
            engines = s["peers"]["engines"]
            ours = engines["ours"]["p95_ms"]
            print(f"N={s['n']} 同进程对比(p50/p95 ms,召回率,p95 相对本项目倍数):")
            for name, e in engines.items():
                ratio = round(e["p95_ms"] / ours, 1) if ours else "-"
                print(
                    f"  {name:14} {e['p50_ms']:>8} {e['p95_ms']:>8}  召回 {e['recall']:<6} ×{ratio}"
                )
