"""End-to-end on a phone: with the menu folded, the unread-notifications count stays beside the menu button."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services.notifications import notify
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_user

pytestmark = pytest.mark.e2e


def test_the_unread_count_shows_beside_the_folded_menu(phone, live_app):
    with live_app.app_context():
        user = make_user(email="luca@example.org")
        for name in ("CRM", "laptop", "phone"):
            notify(user, "api_token_created", {"name": name}, "/account/tokens/", mail=False)
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "luca@example.org", "it")
    phone.goto(base + "/")
    assert not phone.locator("#bell").is_visible()  # the menu is folded
    badge = phone.locator("#bell-phone")
    assert badge.is_visible() and badge.inner_text().strip() == "3"
    assert "3" in badge.get_attribute("aria-label")
    box, menu = badge.bounding_box(), phone.locator(".nav-toggle-label").bounding_box()
    assert box["x"] + box["width"] <= menu["x"] + 1 and abs(box["y"] - menu["y"]) < 30  # beside it, same row
    assert menu["x"] + menu["width"] <= 390 and box["height"] >= 44 and box["width"] >= 44  # a thumb's target
    screenshot(phone, "phone-bell")
    badge.click()
    phone.wait_for_url(lambda url: url.rstrip("/").endswith("/notifications"))


def test_unread_messages_show_beside_the_folded_menu_after_the_notices_are_read(phone, live_app):
    from matchmaker.models import Notification
    from matchmaker.services import messages
    from tests.integration.messages.helpers import connected_pair

    with live_app.app_context():
        _acme, _lab, alice, bob, conversation = connected_pair()
        messages.post(alice, conversation, "Hello")
        messages.post(alice, conversation, "Are you there?")
        for notice in db.session.execute(db.select(Notification).where(Notification.user_id == bob.id)).scalars():
            notice.read_at = notice.created_at  # Bob read every notice: only the messages are unread
        db.session.commit()
        email = bob.email
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, "it")
    phone.goto(base + "/")
    assert not phone.locator("#bell-phone").count()  # no unread notice
    badge = phone.locator("#letters-phone")
    assert badge.is_visible() and badge.inner_text().strip() == "✉ 2" and "2" in badge.get_attribute("aria-label")
    box, menu = badge.bounding_box(), phone.locator(".nav-toggle-label").bounding_box()
    assert box["x"] + box["width"] <= menu["x"] + 1 and abs(box["y"] - menu["y"]) < 30
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    badge.click()
    phone.wait_for_url(lambda url: "/messages" in url)
