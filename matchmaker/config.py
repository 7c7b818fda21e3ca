"""Configuration read from the environment, with safe defaults for a local SQLite install."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


def _normalise_db_url(url: str) -> str:
    """Let `postgres://` and `postgresql://` URLs use the psycopg 3 driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_or_create_secret_key(instance_dir: Path = INSTANCE_DIR) -> str:
    """Return SECRET_KEY from the environment, else from instance/secret_key (generated on first use)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Created with owner-only permissions: the key signs sessions and reset links.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def public_url_warning(config) -> str | None:
    """Why mails sent from background jobs would lack their links (PUBLIC_URL unset or not an address), else None."""
    url = config.get("PUBLIC_URL") or ""
    if not url:
        return ("PUBLIC_URL is not set: mails sent from background jobs (notifications, agendas) will go without "
                "their links. Set it to the site's address, e.g. PUBLIC_URL=https://matchmaker.example.org")
    if not url.startswith(("http://", "https://")):
        return f"PUBLIC_URL={url!r} is not an address: it must start with http:// or https://"
    return None


class Config:
    """Production-like defaults; every setting can be overridden from the environment."""

    SQLALCHEMY_DATABASE_URI = _normalise_db_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'matchmaker.sqlite3'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # A pooled connection idle this long is pinged before use (db_ping: not at every checkout, as pool_pre_ping does)
    DB_PING_AFTER_IDLE = float(os.environ.get("DB_PING_AFTER_IDLE", "2"))
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024  # uploads (CSV/XLSX imports)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # Werkzeug's ProxyFix: how many reverse proxies in front of the app set X-Forwarded-For / -Proto. 0 (the
    # default) trusts no such header, so a client cannot choose the address its login attempts are counted on.
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))
    PROXY_FIX_X_PROTO = int(os.environ.get("PROXY_FIX_X_PROTO", os.environ.get("PROXY_FIX_X_FOR", "0")))
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session; long forms must not expire
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "10 per minute;50 per hour")
    PASSWORD_RESET_MAX_AGE = 3600
    CONFIRM_MAX_AGE = 7 * 24 * 3600
    INVITATION_MAX_AGE = 14 * 24 * 3600
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "matchmaker@localhost")
    DIRECTORY_PAGE_SIZE = 20
    # Rendered fragments each process keeps per data stamp (page_cache.py): entries, 0 = none (a directory page's
    # cards are about 15 KB, so 1000 entries stay under about 15 MB per process).
    PAGE_CACHE_SIZE = int(os.environ.get("PAGE_CACHE_SIZE", "1000"))
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600 per minute")  # per client address, on /api/v1
    MESSAGE_RATE_LIMIT = os.environ.get("MESSAGE_RATE_LIMIT", "10 per minute;200 per day")  # messages sent, per user
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "")  # e.g. https://matchmaker.example.org: links in mails from jobs
    # The privacy notice at /privacy/: the operator's own page (an http(s) address), else a template of templates/
    # (the shipped default is a neutral text the operator must complete before going live).
    PRIVACY_NOTICE_URL = os.environ.get("PRIVACY_NOTICE_URL", "")
    PRIVACY_NOTICE_TEMPLATE = os.environ.get("PRIVACY_NOTICE_TEMPLATE", "privacy/notice.html")
    # Background jobs (Huey): Redis when REDIS_URL is set, else an SQLite file in instance/ (no server).
    REDIS_URL = os.environ.get("REDIS_URL", "")
    JOBS_SQLITE_PATH = os.environ.get("JOBS_SQLITE_PATH", "")  # default: instance/jobs.sqlite3
    JOBS_IMMEDIATE = os.environ.get("JOBS_IMMEDIATE", "0") == "1"  # run jobs inside the caller (tests, scripts)
    JOB_STALE_SECONDS = int(os.environ.get("JOB_STALE_SECONDS", "60"))  # no heartbeat for this long: failed
    JOB_LOST_SECONDS = int(os.environ.get("JOB_LOST_SECONDS", "300"))  # queued this long, its message gone: failed
    IMPORT_INLINE_ROWS = 20  # a bigger upload is imported by a background job
    ENGINE_PRELOAD = True  # a server loads the stored matching engine as it starts (see services/engine.py)
    CORDIS_DEMO_DIR = os.environ.get(
        "CORDIS_DEMO_DIR", str(PROJECT_ROOT.parent / "shared" / "data" / "cordis" / "history")
    )


class TestConfig(Config):
    """Isolated settings for the test suite: in-memory SQLite unless DATABASE_URL names a test database."""

    TESTING = True
    SECRET_KEY = "test-only-secret-key"
    SQLALCHEMY_DATABASE_URI = _normalise_db_url(os.environ.get("DATABASE_URL", "sqlite://"))
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    MAIL_SERVER = ""
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashing in tests only; production uses the default
    JOBS_IMMEDIATE = True  # a queued job runs inside enqueue(); the worker tests start real workers
    ENGINE_PRELOAD = False
