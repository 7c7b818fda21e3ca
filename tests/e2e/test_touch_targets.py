"""On a phone (390 px, touch) the form controls outside the profile forms are styled and at least 44 px tall:
the decline form's reason and note on a suggestion card, the participant search box of an event's list."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_review import log_in, populate
from tests.helpers import make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e
TAP = 44


def _box(page, selector: str) -> dict:
    control = page.locator(selector).first
    box = control.bounding_box()
    box["border"] = control.evaluate("e => getComputedStyle(e).borderTopWidth")
    return box


def test_the_decline_form_is_tappable_on_a_phone(phone, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "tto@liverlab.example")
    phone.goto(base + "/matches/")
    phone.locator("details.decline summary").first.click()
    for selector in ("details.decline[open] select[name=reason]", "details.decline[open] input[name=note]"):
        box = _box(phone, selector)
        assert box["height"] >= TAP and box["border"] == "1px", (selector, box)
    screenshot(phone, "decline-form-390")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391


def test_the_participant_search_is_tappable_on_a_phone(phone, live_app):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, _, _ = small_event(people=3, organiser=organiser, pairs=())
        event_id = event.id
    log_in(phone, base, "organiser@example.org")
    phone.goto(f"{base}/events/{event_id}/participants")
    box = _box(phone, ".participant-filter input[name=q]")
    assert box["height"] >= TAP and box["border"] == "1px", box
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
