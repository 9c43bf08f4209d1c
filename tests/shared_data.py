"""Where the tests find the shared real data (the scraped corpus and the saved web pages).

The data is not in the repository: it sits in a folder named ``shared`` next to the checkout
(``<repo>/../shared``), or wherever ``ARCHIVE_SHARED_DIR`` points. Without it the tests that read
it are skipped, all for the same reason so the summary shows one line; in CI (``CI`` set) a
missing folder is a failure, because a green run that read no real data proves little.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_ENV = "ARCHIVE_SHARED_DIR"
MISSING = (
    "共享数据目录缺失或为空:{path}(放在仓库旁的 ../shared/,或设置 ARCHIVE_SHARED_DIR)"
    " / shared data missing: {path}"
)


def shared_dir() -> Path:
    configured = os.environ.get(SHARED_ENV)
    return Path(configured) if configured else REPO_ROOT.parent / "shared"


def corpus_dir() -> Path:
    return shared_dir() / "corpus"


def webpages_dir() -> Path:
    return shared_dir() / "webpages"


def _require(files: list[Path], folder: Path) -> list[Path]:
    if files:
        return files
    message = MISSING.format(path=shared_dir())
    if os.environ.get("CI"):
        pytest.fail(f"CI: {message} ({folder})", pytrace=False)
    pytest.skip(message)
    return []  # unreachable: skip raises


def corpus_files() -> list[Path]:
    """Every corpus text, sorted; skips (fails in CI) when there are none."""
    folder = corpus_dir()
    return _require(sorted(folder.glob("*.txt")), folder)


def corpus_file(prefix: str) -> Path:
    """The corpus file whose name starts with ``<prefix>_``."""
    folder = corpus_dir()
    matches = _require(sorted(folder.glob("*.txt")), folder)
    named = [path for path in matches if path.name.startswith(f"{prefix}_")]
    assert named, f"corpus file {prefix}_*.txt missing in {folder}"
    return named[0]


def webpage_files(pattern: str = "*") -> list[Path]:
    """The saved web pages (and their truth files) matching ``pattern``; skips like the corpus."""
    folder = webpages_dir()
    return _require(sorted(p for p in folder.glob(pattern) if p.is_file()), folder)
