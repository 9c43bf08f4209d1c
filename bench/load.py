"""Load generator, run in its own process: P client processes, each a bounded loop of GETs.

``python -m bench.load PORT PROCS SECONDS PATH...`` prints one JSON object: requests, errors,
elapsed seconds and all latencies in seconds.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import sys
import time

MAX_REQUESTS_PER_CLIENT = 20_000


def client(port: int, seconds: float, paths: list[str], offset: int, out) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors = [], 0
    deadline = time.monotonic() + seconds
    for i in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            break
        path = paths[(offset + i) % len(paths)]
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - start)
    out.put((latencies, errors))


def run(port: int, procs: int, seconds: float, paths: list[str]) -> dict:
    queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=client, args=(port, seconds, paths, i * 7, queue))
        for i in range(procs)
    ]
    start = time.perf_counter()
    for w in workers:
        w.start()
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    latencies = [x for lat, _ in results for x in lat]
    return {
        "requests": len(latencies),
        "errors": sum(e for _, e in results),
        "elapsed": elapsed,
        "latencies": latencies,
    }


if __name__ == "__main__":
    port, procs, seconds, *paths = sys.argv[1:]
    print(json.dumps(run(int(port), int(procs), float(seconds), paths)))
