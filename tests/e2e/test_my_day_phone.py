"""End-to-end on a phone (390 px): "My day" during the event with a frozen clock: the meeting under way and the
next one on the first screen, the partner's arrival, nothing wider than the screen, only our own files loaded (the
refresh script runs under the CSP), and reporting a partner who did not come with one tap."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import CheckIn, NoShow, User
from matchmaker.services import events_day
from tests.e2e.conftest import log_in, screenshot
from tests.integration.events.day_builders import published_day, rome

pytestmark = pytest.mark.e2e


def test_my_day_on_a_phone(phone, live_app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))
    with live_app.app_context():
        event, people, meetings = published_day(message="We would like to discuss your organoid platform for "
                                                        "liver toxicity studies in a pilot next spring.")
        db.session.add(CheckIn(event_id=event.id, participant_id=people[2].id))
        db.session.commit()
        email, event_id = db.session.get(User, people[0].user_id).email, event.id
        expected = [(meetings[0].id, people[1].id)]
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, "en")
    phone.goto(f"{base}/events/{event_id}/")
    phone.click("#my-day-link")
    phone.wait_for_url(lambda url: url.endswith(f"/events/{event_id}/day"))
    screenshot(phone, "my-day-390")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
    current, upcoming = phone.locator("#current-meeting"), phone.locator("#next-meeting")
    assert "Person 1" in current.inner_text() and "09:00–09:20" in current.inner_text()
    assert "Person 2" in upcoming.inner_text() and "arrived" in upcoming.inner_text()
    assert upcoming.bounding_box()["y"] + 40 < 844  # the next meeting starts on the first screen
    assert all(url.startswith(base) for url in phone.requested)  # no CDN
    # CSP let it run
    assert any(url.endswith("/static/js/day.js") for url in phone.requested) and not phone.console_errors
    report = current.locator("button", has_text="My partner did not come")
    assert report.bounding_box()["height"] >= 44
    report.click()
    phone.wait_for_url(lambda url: "#meeting-" in url)
    assert "You reported that your partner did not come." in phone.locator("#current-meeting").inner_text()
    with live_app.app_context():
        assert [(r.meeting_id, r.absent_id) for r in db.session.scalars(db.select(NoShow))] == expected
