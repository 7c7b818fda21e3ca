"""F3: on a phone (390 px) the header stays one row when both the unread-notices count and the unread-messages count
show (two-digit counts, Italian and English): the menu button does not drop to a second row."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services.notifications import notify
from tests.e2e.conftest import log_in, screenshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["it", "en"])
def test_bell_and_messages_badges_keep_the_header_on_one_row(phone, live_app, language):
    from matchmaker.services import messages
    from tests.integration.messages.helpers import connected_pair

    live_app.config["MESSAGE_RATE_LIMIT"] = "100 per minute"
    with live_app.app_context():
        _acme, _lab, alice, bob, conversation = connected_pair()
        for i in range(12):
            messages.post(alice, conversation, f"Message {i}")
            notify(bob, "api_token_created", {"name": f"token {i}"}, "/account/tokens/", mail=False)
        email = bob.email
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, language)
    phone.goto(base + "/")
    bell, letters = phone.locator("#bell-phone"), phone.locator("#letters-phone")
    assert bell.is_visible() and letters.is_visible()
    brand = phone.locator(".site-header .brand").bounding_box()
    menu = phone.locator(".nav-toggle-label").bounding_box()
    switch = phone.locator(".site-header .lang-switch").bounding_box()
    centre = brand["y"] + brand["height"] / 2
    for box in (menu, switch, bell.bounding_box(), letters.bounding_box()):
        assert abs(box["y"] + box["height"] / 2 - centre) < 12, box  # all on the brand's row
    assert menu["x"] + menu["width"] <= 390
    assert bell.bounding_box()["width"] >= 44 and letters.bounding_box()["height"] >= 44  # thumb targets kept
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, f"phone-header-two-badges-{language}")
