"""gunicorn.conf.py as gunicorn itself reads it: workers, bind, preload, access log."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

READ_CONFIG = """
from gunicorn.config import Config
from gunicorn.app.base import Application
class A(Application):
    def init(self, *a): return {}
    def load(self): return None
    def load_config(self):
        self.cfg = Config()
        self.load_config_from_file("gunicorn.conf.py")
a = A()
print(a.cfg.bind, a.cfg.workers, a.cfg.preload_app, a.cfg.accesslog, a.cfg.timeout)
"""


def read_config(**env):
    result = subprocess.run(
        [sys.executable, "-c", READ_CONFIG],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_defaults_bind_locally_preload_and_log_to_stdout():
    bind, workers, preload, accesslog, timeout = read_config()
    assert bind == "['127.0.0.1:8000']"
    assert int(workers) >= 2
    assert preload == "True"
    assert accesslog == "-"
    assert int(timeout) > 0


def test_environment_overrides_port_bind_and_workers():
    bind, workers, *_ = read_config(PORT="9123", WEB_CONCURRENCY="3", BIND="0.0.0.0:9123")
    assert bind == "['0.0.0.0:9123']"
    assert workers == "3"


WARM_UP = """
import sys, types
import django
django.setup()
assert "pypinyin" not in sys.modules
namespace = {}
exec(open("gunicorn.conf.py", encoding="utf-8").read(), namespace)
log = types.SimpleNamespace(info=print, warning=print)
namespace["when_ready"](types.SimpleNamespace(log=log))
print("pypinyin" in sys.modules)
"""


def test_the_master_loads_pypinyin_before_forking_the_workers(tmp_path):
    """The first search that finds nothing asks pypinyin for suggestions; loading it then took
    about a second. The master loads it once (when_ready) and the workers inherit it."""
    result = subprocess.run(
        [sys.executable, "-c", WARM_UP],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            "ARCHIVE_DATA_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"


def test_control_socket_lives_in_the_data_folder(tmp_path):
    script = READ_CONFIG.replace(
        "print(a.cfg.bind", "print(a.cfg.control_socket); print(a.cfg.bind"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "ARCHIVE_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(tmp_path.resolve() / "gunicorn.ctl")
