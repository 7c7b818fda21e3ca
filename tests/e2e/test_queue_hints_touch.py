"""The review queue's keyboard shortcuts are listed where there is a keyboard, not on a touch phone."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_review import log_in, populate

pytestmark = pytest.mark.e2e


def test_the_keyboard_hints_show_on_a_desk_and_not_on_a_touch_phone(browser, phone, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "tto@liverlab.example")
    phone.goto(base + "/matches/review")
    assert phone.locator("#queue-item").count() == 1
    screenshot(phone, "queue-touch-phone")
    assert phone.locator("#key-hints").count() == 1 and not phone.locator("#key-hints").is_visible()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    log_in(desk, base, "tto@liverlab.example")
    desk.goto(base + "/matches/review")
    assert desk.locator("#key-hints").is_visible()
    context.close()
