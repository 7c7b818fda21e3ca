"""End-to-end on a phone (390 px): after the event, the participant answers about a meeting with a few taps
(took place, rating, continue, a private note) and nothing is wider than the screen; the organisers' follow-up
report fits the screen too. Only our own files are loaded (CSP, no CDN)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import MeetingFeedback, User
from matchmaker.services import events_day
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_user
from tests.integration.events.day_builders import published_day, rome

pytestmark = pytest.mark.e2e


def test_the_follow_up_on_a_phone(phone, live_app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(18))
    with live_app.app_context():
        organiser = make_user(role="organiser")
        event, people, meetings = published_day(organiser=organiser)
        email, organiser_email, event_id = db.session.get(User, people[0].user_id).email, organiser.email, event.id
        meeting_id = meetings[0].id
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, "en")
    phone.goto(f"{base}/events/{event_id}/")
    phone.click("#followup-link")
    phone.wait_for_url(lambda url: url.endswith(f"/events/{event_id}/followup"))
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
    item = phone.locator(f"#meeting-{meeting_id}")
    item.get_by_label("Yes, it took place").check()
    item.get_by_label("4", exact=True).check()
    item.get_by_label("I want to continue with this partner").check()
    item.locator("textarea").fill("Send them the assay protocol")
    save = item.get_by_role("button", name="Save my answer")
    assert save.bounding_box()["height"] >= 40
    save.click()
    phone.wait_for_url(lambda url: "#meeting-" in url)
    screenshot(phone, "followup-390")
    assert "Thank you: your answer is saved." in phone.content() and not phone.console_errors
    assert all(url.startswith(base) for url in phone.requested)
    with live_app.app_context():
        row = db.session.scalars(db.select(MeetingFeedback)).one()
        assert (row.outcome, row.rating, row.wants_to_continue, row.note) == ("held", 4, True,
                                                                              "Send them the assay protocol")
    phone.context.clear_cookies()
    log_in(phone, base, organiser_email, "en")
    phone.goto(f"{base}/events/{event_id}/followup/report")
    screenshot(phone, "followup-report-390")
    assert phone.locator("#fig-held").inner_text() == "1"
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
    assert "Send them the assay protocol" not in phone.content()
