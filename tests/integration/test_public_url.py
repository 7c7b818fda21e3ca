"""Links in mails are absolute: PUBLIC_URL (which `make run` sets to its own address), else the request's host; a mail
built in a background job without PUBLIC_URL carries no link at all (and says so in the log), never a relative one."""
from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path

from matchmaker.config import public_url_warning
from matchmaker.services import mail, notifications
from tests.helpers import make_user

ROOT = Path(__file__).resolve().parents[2]


def _sent(monkeypatch) -> list[str]:
    bodies: list[str] = []
    monkeypatch.setattr(mail, "send_mail", lambda to, subject, body: bodies.append(body))
    return bodies


def test_a_job_s_mail_links_to_public_url(app, monkeypatch):
    bodies = _sent(monkeypatch)
    app.config["PUBLIC_URL"] = "https://matchmaker.example.org/"
    notifications.notify(make_user(), "connected", {"name": "Acme"}, "/matches/connections")
    assert "https://matchmaker.example.org/matches/connections" in bodies[0]


def test_without_public_url_a_job_s_mail_has_no_relative_link_and_the_log_says_why(app, monkeypatch, caplog):
    bodies = _sent(monkeypatch)
    app.config["PUBLIC_URL"] = ""
    with caplog.at_level(logging.WARNING):
        notifications.notify(make_user(), "connected", {"name": "Acme"}, "/matches/connections")
    assert "/matches/connections" not in bodies[0] and "Acme" in bodies[0]
    assert not re.search(r"^/", bodies[0], re.M)
    assert any("PUBLIC_URL" in r.getMessage() for r in caplog.records)


def test_in_a_request_the_link_uses_the_request_s_host(app, monkeypatch):
    bodies = _sent(monkeypatch)
    app.config["PUBLIC_URL"] = ""
    with app.test_request_context("/", base_url="http://10.0.0.5:8080"):
        notifications.notify(make_user(), "connected", {"name": "Acme"}, "/matches/connections")
    assert "http://10.0.0.5:8080/matches/connections" in bodies[0]


def test_servers_and_workers_warn_at_start_without_public_url():
    assert "PUBLIC_URL" in public_url_warning({"PUBLIC_URL": ""})
    assert public_url_warning({"PUBLIC_URL": "https://matchmaker.example.org"}) is None
    assert "http" in public_url_warning({"PUBLIC_URL": "matchmaker.example.org"})  # not an address


def test_make_run_sets_public_url_to_its_own_address():
    for target in ("run", "worker"):
        done = subprocess.run(["make", "-n", target, "PORT=5055", "HOST=127.0.0.1"], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
        assert "PUBLIC_URL=http://127.0.0.1:5055 " in done.stdout, done.stdout
    done = subprocess.run(["make", "-n", "run", "PUBLIC_URL=https://mm.example.org"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert "PUBLIC_URL=https://mm.example.org " in done.stdout and "PUBLIC_URL=http://" not in done.stdout
