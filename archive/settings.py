"""Settings for the archive, read from environment variables only (see .env.example).

Development and tests get safe embedded defaults: SQLite and a Whoosh index under one data
folder. ``DJANGO_ENV=production`` turns on the production settings and refuses to start without
a real secret key and allowed hosts.
"""

import datetime
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ARCHIVE_DATA_DIR") or BASE_DIR / "var").resolve()

PRODUCTION = os.environ.get("DJANGO_ENV", "").lower() == "production"


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-not-for-production"
# Keys anyone can read (this file, an earlier Dockerfile): signing with them lets anyone forge
# sessions and password-reset links, so production refuses them like a missing key.
PUBLIC_SECRET_KEYS = frozenset(
    {DEVELOPMENT_SECRET_KEY, "build-only-key-not-used-at-runtime-0123456789abcdef"}
)

if PRODUCTION:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("生产环境必须设置 DJANGO_SECRET_KEY(至少 32 个字符)。")
    if SECRET_KEY in PUBLIC_SECRET_KEYS or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY 是公开的示例或开发密钥,生产环境不能使用;请生成随机密钥。"
        )
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("生产环境必须设置 DJANGO_ALLOWED_HOSTS(以逗号分隔)。")
    DEBUG = False
else:
    # A development key: never used when DJANGO_ENV=production.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS") or [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "testserver",
    ]
    DEBUG = os.environ.get("DJANGO_DEBUG", "").lower() in {"1", "true", "yes"}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # search before haystack: its rebuild_index/clear_index (build beside, then swap) win.
    "search",
    "haystack",
    "archive",
    "archive.uploads",
    "archive.reuse",
    "archive.follow",
    "huey.contrib.djhuey",
    "axes",
]

MIDDLEWARE = [
    # First: an oversized body is refused from its Content-Length before anything reads it.
    "archive.bodylimit.BodySizeLimitMiddleware",
    # Outermost after it: every error under /api/ leaves as JSON.
    "archive.errors.ApiErrorsAsJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Readers' GET requests may read from replicas (DATABASE_REPLICA_URLS); a no-op without.
    "archive.replicas.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "archive.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out login into archive.throttle's 429.
    "axes.middleware.AxesMiddleware",
]

# Login lockout (django-axes, archive/throttle.py): failures counted per address in the
# database, shared by every worker. Its backend checks the lockout before the real one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "archive.throttle.lockout_response"
AXES_VERBOSE = False
# Behind a proxy, the header it sets to the reader's address (X-Real-IP or X-Forwarded-For):
# the per-address limits (login lockout, draft check, alerts) count readers, not the proxy.
# Leave empty when Django is reached directly: the header would then be the client's to forge.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "").strip()
AXES_CLIENT_IP_CALLABLE = "archive.client_address.client_address"

# Content-Security-Policy (django-csp): scripts only from this site, so markup that slipped into
# a page could not run. Every script is a static file (no inline script, no eval); inline styles
# stay allowed for the error pages rendered without static files (style injection cannot run
# code). Images: our own, and data: URIs (the admin's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'archive.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite does not create the folder of its database file; the data folder is ours to make.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and the single writer work at the same time; the timeout waits for
    # the writer instead of failing with "database is locked", and IMMEDIATE transactions take
    # the write lock up front, so a read-then-write transaction (a delete collecting related
    # rows) waits too instead of failing at once when two workers write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The test database is a file in the temp folder, not SQLite's shared in-memory database:
    # that one locks whole tables and fails at once ("database table is locked") when a browser
    # test's live server and the test itself use it together, where a WAL file waits (timeout
    # above). One file per test process, so concurrent runs never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"jianggaoku-test-{os.getpid()}.sqlite3")
    }

# Read replicas (PostgreSQL streaming replicas of the primary): a comma-separated list of
# URLs. Readers' GET requests read the archive from a healthy one (archive/replicas.py), writes
# and everything else go to the primary. A replica further behind than
# DATABASE_REPLICA_MAX_LAG seconds, or unreachable, is skipped until the next check
# (DATABASE_REPLICA_CHECK_SECONDS); its reads are answered by the primary.
DATABASE_REPLICA_URLS = [
    url.strip() for url in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if url.strip()
]
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "5"))
DATABASE_REPLICA_CHECK_SECONDS = float(os.environ.get("DATABASE_REPLICA_CHECK_SECONDS", "2"))
DATABASE_REPLICA_CONNECT_TIMEOUT = float(os.environ.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2"))
if DATABASE_REPLICA_URLS:
    if "postgresql" not in DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS 需要 PostgreSQL 主库(DATABASE_URL)。")
    for number, url in enumerate(DATABASE_REPLICA_URLS, start=1):
        replica = dj_database_url.parse(url, conn_max_age=0)
        replica["ENGINE"] = "archive.replica_db"  # PostgreSQL's, falling back to the primary
        replica.setdefault("OPTIONS", {})["connect_timeout"] = int(DATABASE_REPLICA_CONNECT_TIMEOUT)
        replica["TEST"] = {"MIRROR": "default"}  # tests' throw-away databases: the primary's
        DATABASES[f"replica{number}"] = replica
    DATABASE_ROUTERS = ["archive.replicas.ReplicaRouter"]
# PostgreSQL's JIT compiler starts on a statement whose estimated cost passes jit_above_cost:
# the search statement does at 100,000 speeches (its estimate grows with the archive), and
# compiling it costs more than it saves on a statement of tens of milliseconds (at 10,000
# speeches, forced on: a common word's search 39 → 60 ms). Off for this application's sessions.
for _database in DATABASES.values():
    if "postgresql" in _database["ENGINE"] or _database["ENGINE"] == "archive.replica_db":
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The Docker image collects into its own folder (the data volume would hide files under /data).
STATIC_ROOT = Path(os.environ.get("ARCHIVE_STATIC_ROOT") or DATA_DIR / "static")
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/uploads/"  # never served directly: uploads are not executed or shown as HTML

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production static files are found per request (no collectstatic needed first).
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Search: asked only through search.backends (the one door); SEARCH_BACKEND picks the engine
# behind it: "whoosh" (default: a Whoosh index under the data folder, through haystack) or
# "postgres" (tables of the archive's own PostgreSQL database, kept current in the writing
# transaction and readable from replicas; docs/deploy.md says when to move).
SEARCH_BACKENDS = {
    "whoosh": "search.backends.whoosh.backend.WhooshBackend",
    "postgres": "search.backends.postgres.backend.PostgresBackend",
}
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND") or "whoosh"
if SEARCH_BACKEND not in SEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r} 不可用;可选:{', '.join(sorted(SEARCH_BACKENDS))}。"
    )
if SEARCH_BACKEND == "postgres" and "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured(
        "SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库(DATABASE_URL=postgres://…),"
        f"当前数据库引擎是 {DATABASES['default']['ENGINE']}。"
    )
SEARCH_ENGINE = SEARCH_BACKENDS[SEARCH_BACKEND]
WHOOSH_INDEX_DIR = Path(os.environ.get("WHOOSH_INDEX_DIR") or DATA_DIR / "whoosh_index")
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(WHOOSH_INDEX_DIR),
        "INCLUDE_SPELLING": False,
        "BATCH_SIZE": 200,
    }
}
# Spelling suggestions (INCLUDE_SPELLING above) are useless for Chinese and slow; see search/.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# Index updates are made by archive.services after the transaction commits, not by signals.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
# Search outcomes (ids, counts, facets) kept per worker thread for the index state they were
# computed on; a commit or a rebuild starts afresh. 0 turns the cache off (the benchmark's
# "cold" figures).
SEARCH_RESULT_CACHE = int(os.environ.get("SEARCH_RESULT_CACHE", "64"))
# Posting lists (document numbers, weights) and phrase matches kept per worker process; segments
# never change, so nothing goes stale. 0: each search reads every list afresh (benchmark).
SEARCH_TERM_CACHE = int(os.environ.get("SEARCH_TERM_CACHE", "512"))
# Processes building the index in rebuild_index (search/backends/whoosh/rebuild.py); default:
# every core.
REBUILD_PROCS = int(os.environ.get("REBUILD_PROCS") or os.cpu_count() or 1)
# PostgreSQL's maintenance_work_mem while a rebuild builds the index tables' indexes
# (search/backends/postgres/build.py): the RUM index of the chunks is most of the build, and
# it makes fewer passes over its sorted entries with more memory.
SEARCH_REBUILD_WORK_MEM = os.environ.get("SEARCH_REBUILD_WORK_MEM", "1GB")

# Ingest limits (bytes), configurable per deployment.
INGEST_MAX_FILE_BYTES = int(os.environ.get("INGEST_MAX_FILE_BYTES", str(20 * 1024 * 1024)))
INGEST_MAX_UPLOAD_BYTES = int(os.environ.get("INGEST_MAX_UPLOAD_BYTES", str(200 * 1024 * 1024)))
# Scanned pages read by OCR per file (each takes a few seconds on two cores).
INGEST_MAX_OCR_PAGES = int(os.environ.get("INGEST_MAX_OCR_PAGES", "30"))

# Request bodies (archive/bodylimit.py): anonymous requests (only the login form posts) and
# signed-in ones; the upload page allows INGEST_MAX_UPLOAD_BYTES.
REQUEST_MAX_ANONYMOUS_BODY_BYTES = int(
    os.environ.get("REQUEST_MAX_ANONYMOUS_BODY_BYTES", str(64 * 1024))
)
REQUEST_MAX_BODY_BYTES = int(os.environ.get("REQUEST_MAX_BODY_BYTES", str(5 * 1024 * 1024)))
# Draft check (查重, archive/reuse/limits.py): characters per check, file size, checks per
# address per window (seconds).
REUSE_CHECK_MAX_CHARS = int(os.environ.get("REUSE_CHECK_MAX_CHARS", "30000"))
REUSE_CHECK_MAX_FILE_BYTES = int(os.environ.get("REUSE_CHECK_MAX_FILE_BYTES", str(2 * 1024 * 1024)))
# OCR in the draft check runs inside an anonymous request: a couple of pages (~5 CPU s each).
REUSE_CHECK_MAX_OCR_PAGES = int(os.environ.get("REUSE_CHECK_MAX_OCR_PAGES", "2"))
REUSE_CHECK_RATE = int(os.environ.get("REUSE_CHECK_RATE", "20"))
REUSE_CHECK_WINDOW = int(os.environ.get("REUSE_CHECK_WINDOW", "600"))
# Search exports (CSV / JSON Lines, up to 5,000 rows with snippets each) per reader
# per window: a script wanting everything has /data/'s download instead.
SEARCH_EXPORT_RATE = int(os.environ.get("SEARCH_EXPORT_RATE", "30"))
SEARCH_EXPORT_WINDOW = int(os.environ.get("SEARCH_EXPORT_WINDOW", "600"))

# Admin upload (archive.uploads): files stream to temporary files past 256 KB, never whole into
# memory; many files at once are allowed (the per-upload byte limit is what counts).
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 2000
# The upload review posts ~8 fields per document; 500 documents must fit.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
# Background work: huey on SQLite under DATA_DIR (worker: `manage.py run_huey`, started by
# `make run`), on Redis when REDIS_URL is set; HUEY_IMMEDIATE=1 runs tasks inside the request.
if os.environ.get("REDIS_URL"):
    HUEY = {"huey_class": "huey.RedisHuey", "name": "jianggaoku", "url": os.environ["REDIS_URL"]}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "jianggaoku",
        "filename": str(DATA_DIR / "huey.sqlite3"),
    }
# A batch parsing or importing with no progress for this long (one file's parse, at most) lost
# its worker and is queued again when someone views it; a consumer starting queues again those
# idle for the (short) grace (archive/uploads/recovery.py).
UPLOAD_STALL_SECONDS = int(os.environ.get("UPLOAD_STALL_SECONDS", "300"))
UPLOAD_STARTUP_GRACE_SECONDS = int(os.environ.get("UPLOAD_STARTUP_GRACE_SECONDS", "30"))

# Email alerts on searches (archive/follow): mail goes through Django's SMTP backend to
# EMAIL_HOST:EMAIL_PORT (EMAIL_HOST_USER / EMAIL_HOST_PASSWORD, EMAIL_USE_TLS=1 when needed),
# from EMAIL_FROM; links in mails start with FOLLOW_SITE_URL (the worker has no request);
# digests leave daily at FOLLOW_DIGEST_TIME (HH:MM, local time).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("EMAIL_FROM", "讲稿库 <alerts@localhost>")
FOLLOW_SITE_URL = os.environ.get("FOLLOW_SITE_URL", "http://127.0.0.1:8000")
FOLLOW_DIGEST_TIME = os.environ.get("FOLLOW_DIGEST_TIME", "07:00")
FOLLOW_LIMITS = {
    "per_address": int(os.environ.get("FOLLOW_MAX_ALERTS_PER_ADDRESS", "20")),
    "confirmations_per_address_per_day": 3,
    "per_client_per_hour": int(os.environ.get("FOLLOW_MAX_SUBSCRIBES_PER_CLIENT_HOUR", "10")),
}

# Local time (TIME_ZONE) like the rest of the logs; huey's default is UTC.
HUEY["utc"] = False
HUEY["immediate"] = os.environ.get("HUEY_IMMEDIATE", "").lower() in {"1", "true", "yes"}

# Upper-cased: gunicorn.conf.py takes the same variable in lower case (LOG_LEVEL=warning).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # gunicorn's own line format, so the web server's and the upload worker's lines read alike
    # (local time with its offset: Django sets the process time zone from TIME_ZONE).
    "formatters": {
        "plain": {
            "format": "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S %z",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # A handler here stops run_huey from adding its own to "huey", which, with propagation
        # to the root's, printed every line twice.
        "huey": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
