"""The availability form by day and session: "whole day" and "whole session" boxes tick every slot of their group
with JavaScript; without it they are hidden and each slot is ticked on its own, and both save the same way."""
from __future__ import annotations

from datetime import date

import pytest

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Unavailability
from matchmaker.services.events_import import create_event
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


def _world(live_app) -> tuple[int, int]:
    with live_app.app_context():
        event = create_event("Two Days", "Europe/Rome", [date(2027, 5, 12), date(2027, 5, 13)],
                             [("am", "09:00", "10:00"), ("pm", "14:00", "15:00")], 20, [], [("T1", False, "")],
                             status="requests")
        user = make_user(email="anna@example.org", organisation_id=make_org(name="Acme Bio").id)
        person = EventParticipant(event_id=event.id, name="Anna", user_id=user.id, organisation_id=user.organisation_id)
        db.session.add(person)
        db.session.commit()
        return event.id, person.id


def _marked(live_app, person_id: int) -> int:
    with live_app.app_context():
        return db.session.query(Unavailability).filter_by(participant_id=person_id).count()


def test_whole_day_and_session_boxes_tick_their_slots(phone, live_app):
    base = live_app.config["LIVE_URL"]
    event_id, person_id = _world(live_app)
    log_in(phone, base, "anna@example.org", "it")
    phone.goto(f"{base}/events/{event_id}/availability")
    days = phone.locator("fieldset.slot-day")
    assert days.count() == 2 and days.first.locator("fieldset.slot-session").count() == 2
    assert days.first.locator("fieldset.slot-session legend").first.inner_text() == "Mattino"
    first_day = days.first.locator(":scope > .group-toggle input")
    first_day.check()
    assert days.first.locator('input[name="unavailable"]:checked').count() == 6
    assert days.nth(1).locator('input[name="unavailable"]:checked').count() == 0
    afternoon = days.nth(1).locator("fieldset.slot-session").nth(1)
    afternoon.locator(".group-toggle input").check()
    days.nth(1).locator('input[name="unavailable"]').first.check()
    day_two = days.nth(1).locator(":scope > .group-toggle input")
    assert day_two.evaluate("box => box.indeterminate") is True and not day_two.is_checked()
    first_slot = days.first.locator('input[name="unavailable"]').first
    first_slot.uncheck()  # one slot of a whole day: the day's box is no longer ticked
    assert not first_day.is_checked() and first_day.evaluate("box => box.indeterminate") is True
    screenshot(phone, "availability-groups-390-it")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
    phone.click("form.availability button[type=submit]")
    phone.wait_for_load_state()
    assert _marked(live_app, person_id) == 5 + 4
    assert phone.locator('input[name="unavailable"]:checked').count() == 9  # as saved


def test_without_javascript_each_slot_is_ticked_on_its_own(browser, live_app):
    base = live_app.config["LIVE_URL"]
    event_id, person_id = _world(live_app)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "anna@example.org", "en")
    page.goto(f"{base}/events/{event_id}/availability")
    assert page.locator(".group-toggle").first.is_hidden()
    page.locator('input[name="unavailable"]').nth(2).check()
    page.click("form.availability button[type=submit]")
    page.wait_for_load_state()
    assert _marked(live_app, person_id) == 1
    context.close()
