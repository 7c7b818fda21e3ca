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


def test_keys_save_then_undo_bring_the_card_back(browser, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    log_in(desk, base, "tto@liverlab.example")
    desk.goto(base + "/matches/review")
    first = desk.locator("#queue-item").get_attribute("data-suggestion")
    assert "undo" not in desk.locator("#key-hints").inner_text()
    desk.keyboard.press("s")
    desk.wait_for_selector("#review-notice .undo-last")
    assert desk.locator("#queue-item").get_attribute("data-suggestion") != first
    assert "undo" in desk.locator("#key-hints").inner_text()
    screenshot(desk, "queue-undo-offered")
    desk.keyboard.press("u")
    desk.wait_for_selector(f'#queue-item[data-suggestion="{first}"]')
    assert desk.locator("#review-notice .undo-last").count() == 0
    context.close()
