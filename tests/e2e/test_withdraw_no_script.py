"""End-to-end, with JavaScript off and a phone's screen: withdrawing a connection opens its confirmation first, and
only the button inside it withdraws."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services import review
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


def test_withdrawing_a_connection_without_javascript(browser, live_app):
    with live_app.app_context():
        acme, lab = make_org(name="Acme Organoids"), make_org(name="Liver Lab", kind="university")
        alice, bob = make_user(organisation=acme, email="alice@acme.example"), make_user(organisation=lab)
        review.express_interest(acme, lab, "interested", alice)
        review.express_interest(lab, acme, "interested", bob)
        db.session.remove()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        base = live_app.config["LIVE_URL"]
        log_in(page, base, "alice@acme.example", "en")
        page.goto(base + "/matches/connections")
        confirm = page.locator("details.confirm-withdraw button[value=withdraw]")
        assert not confirm.is_visible()  # folded: one tap does not withdraw
        page.click("details.confirm-withdraw summary")
        assert confirm.is_visible() and "notified" in page.inner_text("details.confirm-withdraw")
        box = confirm.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # inside a phone's width
        screenshot(page, "withdraw-confirmation")
        confirm.click()
        page.wait_for_selector("#no-connections")
    finally:
        context.close()
