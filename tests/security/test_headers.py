"""Security headers on every response; no inline script or style on any page any role can see; private files."""
from __future__ import annotations

import configparser
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from matchmaker import create_app
from matchmaker.config import TestConfig
from tests.security.world import ROLES, build_world, client_as

ROOT = Path(__file__).resolve().parents[2]


class InlineFinder(HTMLParser):
    """Collects inline <script>/<style>, on...= handlers, style="" attributes and javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.append(f"<{tag} {name}=javascript:...>")


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule


def test_every_page_of_every_role_has_no_inline_code(app):
    world = build_world()
    pages = 0
    for role in ROLES:
        client = client_as(app, role, world)
        for rule in _get_rules(app):
            url = app.url_map.bind("localhost").build(rule.endpoint, {k: v for k, v in world.params().items()
                                                                      if k in rule.arguments})
            response = client.get(url, follow_redirects=True)
            if not response.content_type.startswith("text/html"):
                continue
            finder = InlineFinder()
            finder.feed(response.get_data(as_text=True))
            assert finder.found == [], f"{role} GET {url}: {finder.found}"
            pages += 1
    assert pages >= 5 * 15


@pytest.mark.parametrize("method, url", [("GET", "/"), ("GET", "/auth/login"), ("GET", "/no/such/page"),
                                         ("GET", "/static/css/app.css"), ("POST", "/auth/login")])
def test_security_headers_on_every_response(client, method, url):
    response = client.open(url, method=method)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers  # only when served over HTTPS


def test_hsts_when_cookies_are_secure(tmp_path):
    app = create_app(type("Https", (TestConfig,), {"SESSION_COOKIE_SECURE": True}))
    assert "max-age" in app.test_client().get("/static/css/app.css").headers["Strict-Transport-Security"]


def test_sqlite_database_and_queue_files_are_private(tmp_path):
    old = os.umask(0o022)  # the usual umask: files would be created 0644
    try:
        config = type("FileDb", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                                "JOBS_IMMEDIATE": False,
                                                "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3")})
        app = create_app(config)
        from matchmaker.extensions import db
        with app.app_context():
            db.create_all()
            db.session.remove()
            db.engine.dispose()
    finally:
        os.umask(old)
        from matchmaker.jobs import queue
        queue.configure({"JOBS_IMMEDIATE": True}, "")
    for name in ("db.sqlite3", "db.sqlite3-wal", "jobs.sqlite3"):
        path = tmp_path / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert (tmp_path / "db.sqlite3").exists() and (tmp_path / "jobs.sqlite3").exists()


def test_an_existing_world_readable_database_is_made_private(tmp_path):
    path = tmp_path / "old.sqlite3"
    path.write_bytes(b"")
    path.chmod(0o644)
    app = create_app(type("Old", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}))
    assert app and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_wtforms_at_least_3_2_is_required():
    import wtforms

    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    requirement = [r for r in parser["options"]["install_requires"].split() if r.lower().startswith("wtforms")][0]
    assert ">=3.2" in requirement
    assert tuple(int(p) for p in wtforms.__version__.split(".")[:2]) >= (3, 2)
