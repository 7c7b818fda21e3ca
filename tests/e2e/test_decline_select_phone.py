"""At 390 px an investor opening "Decline…" on a card (list and review queue) keeps the page inside the screen: the
long investor reasons in the select shrink to the card instead of pushing the form past the right edge."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_separators_nowrap import _investor_world

pytestmark = pytest.mark.e2e
WIDTH = "() => document.documentElement.scrollWidth"
# every select, text box and button of an open decline form: is its right edge inside the viewport?
OUTSIDE = """() => [...document.querySelectorAll('details.decline[open] :is(select, input, button)')]
  .filter(e => e.type !== 'hidden' && e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.name || e.textContent.trim())"""


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_investor_decline_form_fits_a_phone(phone, live_app, language):
    base = live_app.config["LIVE_URL"]
    _investor_world(live_app)
    log_in(phone, base, "fund@example.org", language)
    for path in ("/matches/?kind=investor", "/matches/review?kind=investor"):
        phone.goto(base + path)
        details = phone.locator("details.decline").first
        details.locator("summary").click()
        assert details.locator("select[name=reason]").is_visible()
        assert phone.locator("details.decline[open] select option").count() >= 5  # the investor reasons
        screenshot(phone, f"investor-decline-390-{language}-{path.split('?')[0].strip('/').replace('/', '-')}")
        assert phone.evaluate(WIDTH) <= 390, path
        assert phone.evaluate(OUTSIDE) == [], path
