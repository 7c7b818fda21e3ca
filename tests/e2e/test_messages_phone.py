"""End-to-end on two phones: members of two connected organisations write to each other through the pages."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services import review
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def connected_members(live_app) -> int:
    """Acme Biotech (alice@acme.example) and Laboratorio Fegato (bruno@lab.example), connected: the lab's id."""
    with live_app.app_context():
        acme, lab = make_org(name="Acme Biotech"), make_org(name="Laboratorio Fegato", kind="university")
        alice = make_user(email="alice@acme.example", name="Alice", organisation=acme)
        bruno = make_user(email="bruno@lab.example", name="Bruno", organisation=lab)
        review.express_interest(acme, lab, "interested", alice)
        review.express_interest(lab, acme, "interested", bruno)
        lab_id = lab.id
        db.session.remove()
    return lab_id


def test_two_members_exchange_a_message_on_phones(browser, phone, live_app):
    lab_id = connected_members(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "alice@acme.example", "en")
    phone.goto(base + "/matches/connections")
    phone.click(f"#message-{lab_id}")
    phone.wait_for_url(lambda url: "/messages/" in url)
    phone.fill("textarea[name=body]", "Hello! Could we talk about liver organoids next week?")
    phone.click("#write button[type=submit]")
    phone.wait_for_selector(".message.mine")
    assert "liver organoids" in phone.locator(".message.mine").inner_text() and fits_the_phone(phone)

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    other = context.new_page()
    other.set_default_timeout(10_000)
    errors, requested = [], []
    other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    other.on("request", lambda r: requested.append(r.url))
    try:
        log_in(other, base, "bruno@lab.example", "it")
        other.goto(base + "/")
        other.click(".nav-toggle-label")  # the folded menu opens; Messages shows its unread number
        link = other.locator("#nav-messages")
        assert link.is_visible() and "Messaggi" in link.inner_text() and link.locator(".badge").inner_text() == "1"
        link.click()
        other.click(".conversation-link")
        assert "liver organoids" in other.locator(".message.theirs").inner_text()
        assert other.locator("#unread").is_visible() and fits_the_phone(other)
        box = other.locator("textarea[name=body]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        other.fill("textarea[name=body]", "Certo, martedì alle 10?")
        other.click("#write button[type=submit]")
        other.wait_for_selector(".message.mine")
        assert "martedì" in other.locator(".message.mine").inner_text()
        screenshot(other, "phone-messages")
        assert not errors and all(url.startswith(base) for url in requested)
    finally:
        context.close()
    phone.reload()
    assert "martedì alle 10" in phone.locator(".message.theirs").inner_text()
    assert not phone.console_errors and fits_the_phone(phone)
