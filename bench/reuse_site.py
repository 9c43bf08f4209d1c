"""The reuse index through Django, in a throw-away data folder (``<data>/bench/reuse-data-N``):
load the planted-reuse speeches straight into the database (the import pipeline is measured by
``make bench``), time ``rebuild_reuse``, then in a fresh process (a worker's memory) the speech
page with badges and ``/api/check/`` on a 5,000-character draft.

``python -m bench.reuse_site load N`` and ``… requests N`` are the two child processes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.run import ROOT, bench_dir
from bench.stats import summary_ms

DRAFT_CHARS = 5_000
PAGES = 100
CHECK_RUNS = 5


def _env(n: int) -> dict:
    data = bench_dir() / f"reuse-data-{n}"
    return os.environ | {
        "ARCHIVE_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "REUSE_CHECK_RATE": "100000",
        "REUSE_CHECK_MAX_CHARS": "100000",
    }


def _run(args: list[str], env: dict) -> tuple[float, object, str]:
    """(wall seconds, resource usage, stdout): CPU seconds are reported beside wall time
    because the 2 cores are shared with other work."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"命令失败:{' '.join(args)}")
    return time.perf_counter() - started, usage, out


def measure(n: int) -> dict:
    env = _env(n)
    shutil.rmtree(env["ARCHIVE_DATA_DIR"], ignore_errors=True)
    os.makedirs(env["ARCHIVE_DATA_DIR"])
    manage = [sys.executable, "manage.py"]
    _run([*manage, "migrate", "--noinput"], env)
    _run([*manage, "clear_index", "--noinput"], env)  # an empty search index: related = []
    load_s, _rss, _out = _run([sys.executable, "-m", "bench.reuse_site", "load", str(n)], env)
    build_s, build, out = _run([sys.executable, "-m", "bench.reuse_site", "rebuild", str(n)], env)
    build_peak = json.loads(out.strip().splitlines()[-1])["peak_mb"]
    _s, _worker, out = _run([sys.executable, "-m", "bench.reuse_site", "requests", str(n)], env)
    result = json.loads(out.strip().splitlines()[-1])
    result |= {
        "load_s": round(load_s, 1),
        "rebuild_reuse_s": round(build_s, 1),
        "rebuild_reuse_cpu_s": round(build.ru_utime + build.ru_stime, 1),
        "rebuild_reuse_peak_mb": build_peak,
    }
    return result


def _peak_mb() -> int:
    """This process's own peak RSS (VmHWM). Not ru_maxrss: Linux carries the parent's peak
    over fork and exec into it, and the parent holds the whole planted set."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0


def rebuild(n: int) -> None:
    _setup()
    from django.core.management import call_command

    call_command("rebuild_reuse")
    print(json.dumps({"peak_mb": _peak_mb()}))


def _setup():
    import django

    django.setup()


def load(n: int) -> None:
    _setup()
    from archive.ingest.fingerprint import exact_fingerprint
    from archive.models import Speech
    from bench import reuse_corpus

    planted = reuse_corpus.build(n)
    batch = []
    for number, speech in enumerate(planted.speeches):
        body = "\n".join(speech["paragraphs"])
        batch.append(
            Speech(
                title=speech["title"],
                date=speech["date"],
                level=speech["level"],
                body=body,
                fingerprint=f"{exact_fingerprint(body)[:56]}{number:08d}",
            )
        )
    Speech.objects.bulk_create(batch, batch_size=500)
    # The draft for the check, written here so the requests process holds no planted set.
    draft, copied = [], 0
    for (source, para), _target in planted.copies:
        if sum(map(len, draft)) >= DRAFT_CHARS // 2:
            break
        draft.append(planted.speeches[source]["paragraphs"][para])
        copied += 1
    for speech in planted.speeches[-50:]:
        for paragraph in speech["paragraphs"]:
            if sum(map(len, draft)) < DRAFT_CHARS:
                draft.append(paragraph[::-1])  # the same words, in no speech
    text = "\n".join(draft)[:DRAFT_CHARS]
    draft_file = Path(os.environ["ARCHIVE_DATA_DIR"]) / "reuse-draft.json"
    draft_file.write_text(json.dumps({"text": text, "copied": copied}, ensure_ascii=False))


def requests(n: int) -> None:
    _setup()
    from django.test import Client

    from archive.reuse.models import ReuseMatch

    client = Client()
    rng = random.Random(7)
    with_badges = sorted(set(ReuseMatch.objects.values_list("paragraph__speech_id", flat=True)))
    pages = rng.sample(with_badges, min(PAGES, len(with_badges)))
    client.get(f"/speeches/{pages[0]}/")  # warm: templates, OpenCC, connection
    page_times = []
    for pk in pages:
        started = time.perf_counter()
        response = client.get(f"/speeches/{pk}/")
        page_times.append(time.perf_counter() - started)
        assert response.status_code == 200 and b"reuse-badges" in response.content
    # The same pages with the reuse part taken out (the baseline, same process), and the reuse
    # part alone (its queries and the two include templates).
    from django.template.loader import render_to_string

    from archive.models import Speech
    from archive.reuse import report
    from archive.web import views

    real = views.speech_reuse
    views.speech_reuse = report.SpeechReuse
    bare_times = []
    try:
        for pk in pages:
            started = time.perf_counter()
            client.get(f"/speeches/{pk}/")
            bare_times.append(time.perf_counter() - started)
    finally:
        views.speech_reuse = real
    reuse_times = []
    for pk in pages:
        speech = Speech.objects.get(pk=pk)
        started = time.perf_counter()
        reuse = report.speech_reuse(speech)
        render_to_string("archive/_reuse_summary.html", {"reuse": reuse})
        for anchor in reuse.by_anchor:
            render_to_string(
                "archive/_reuse_badges.html",
                {"badges": reuse.by_anchor[anchor], "anchor": anchor, "speech": speech},
            )
        reuse_times.append(time.perf_counter() - started)
    draft = json.loads((Path(os.environ["ARCHIVE_DATA_DIR"]) / "reuse-draft.json").read_text())
    text, copied = draft["text"], draft["copied"]
    check_times, found = [], 0
    for _ in range(CHECK_RUNS):
        started = time.perf_counter()
        data = client.post("/api/check/", {"text": text}).json()
        check_times.append(time.perf_counter() - started)
        found = len(data["paragraphs"])
    print(
        json.dumps(
            {
                "speech_page_ms": summary_ms(page_times),
                "check_5000_chars_ms": summary_ms(check_times),
                "check_copied_paragraphs": copied,
                "check_found_paragraphs": found,
                "speech_page_without_reuse_ms": summary_ms(bare_times),
                "reuse_part_ms": summary_ms(reuse_times),
                "worker_peak_mb": _peak_mb(),
            }
        )
    )


if __name__ == "__main__":
    {"load": load, "rebuild": rebuild, "requests": requests}[sys.argv[1]](int(sys.argv[2]))
