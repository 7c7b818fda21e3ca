"""A live server on loopback and a headless Debian Chromium driven by Playwright."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/matchmaker-e2e"))


@pytest.fixture
def live_app(tmp_path):
    """The app on a SQLite file (shared by the server thread and the test), served on a free loopback port."""
    app = create_app(TestConfig)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_app):
    """A page the size of a phone screen that records every URL it requests and every console error."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.requested, page.console_errors = [], []
    page.on("request", lambda request: page.requested.append(request.url))
    page.on("console", lambda message: page.console_errors.append(message.text) if message.type == "error" else None)
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, base: str, email: str, language: str) -> None:
    """Log in through the real form, then choose the interface language on the account page."""
    from tests.helpers import PASSWORD

    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/auth/login" not in url)
    page.goto(base + "/account")
    page.check(f"input[value={language}]")
    page.click("main button[type=submit]")


def open_own_profile_form(page, live_app, name: str, kind: str, email: str, language: str = "en") -> None:
    """A new organisation of `kind` with one member, logged in: its profile form open in `page`."""
    from tests.helpers import make_org, make_user

    with live_app.app_context():
        org = make_org(name=name, kind=kind)
        make_user(organisation=org, email=email)
        url = f"/profiles/{org.id}/edit"
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(page, base, email, language)
    page.goto(base + url)
