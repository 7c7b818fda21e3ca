"""The participants page on a phone (390 px) with an organisation name too long for a line and no space to break
at: nothing wider than the screen, the name filter and Add/Import above the list."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e
UNBROKEN = "FondazioneIRCCSIstitutoNeurologicoCarloBestaDipartimentoDiNeuroscienzeCliniche"


def test_participants_fit_a_phone_and_filter_by_name(browser, live_app):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, people, _ = small_event(people=6, organiser=organiser, pairs=())
        for i, person in enumerate(people):
            person.organisation_id = make_org(name=f"{UNBROKEN}{i}").id
        db.session.commit()
        event_id = event.id
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "organiser@example.org", "en")
    page.goto(f"{base}/events/{event_id}/participants")
    screenshot(page, "event-participants-unbroken-390")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 391
    filter_box = page.locator(".participant-filter input[name=q]").bounding_box()
    table_box = page.locator("#participants").bounding_box()
    assert filter_box["y"] < table_box["y"] and page.locator("#add-participant summary").is_visible()
    page.fill(".participant-filter input[name=q]", "person 3")
    page.click(".participant-filter button[type=submit]")
    page.wait_for_url(lambda url: "q=person" in url)
    assert page.locator("#participants tbody tr").count() == 1
    context.close()
