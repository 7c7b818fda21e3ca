"""End-to-end on a 390-px phone: after "Save for later" on the last card the confirmation is on screen, inside the
card the page returns to (it was at the top of the page, scrolled away)."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_review import log_in, populate

pytestmark = pytest.mark.e2e


def test_the_saved_confirmation_is_on_screen_where_the_phone_returns(phone, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "tto@liverlab.example")
    phone.goto(base + "/matches/")
    last = phone.locator("ol.suggestions > li.card").last
    name = last.locator("h2, h3").first.inner_text()
    last.locator("button[value=save]").click()
    phone.wait_for_load_state()
    notice = phone.locator("li.card .flash-success")
    assert notice.count() == 1 and name in notice.inner_text()
    box = notice.bounding_box()
    screenshot(phone, "review-notice-phone")
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    assert phone.evaluate("window.scrollY") > 0  # the page did return down to the card
