"""The API tokens page fits a phone: with tokens listed the table became 410 px wide and Revoke was cut off (2026-12-01
walk); now each token is a card."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services import tokens
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_user

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_tokens_page_fits_a_phone(phone, live_app, language):
    with live_app.app_context():
        user = make_user(email="luca@example.org")
        for name in ("Integrazione con il CRM aziendale di prova", "laptop"):
            tokens.create_token(user, name)
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "luca@example.org", language)
    phone.goto(base + "/account/tokens/")
    screenshot(phone, f"tokens-390-{language}")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
    revoke = phone.locator(".tokens-table button[type=submit]").first
    box = revoke.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
