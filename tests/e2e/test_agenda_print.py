"""End-to-end: the participant's agenda on paper. The "new since the last publication" mark and the check-in code's
box are screen furniture: printed, the mark is hidden and every meeting stays a few lines high (the name badges'
stylesheet, loaded for the check-in code, once gave the mark a badge's size: 260 px per meeting)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Notification, User
from matchmaker.services import events_day
from matchmaker.services.events_changes import CODE
from tests.e2e.conftest import log_in
from tests.integration.events.day_builders import published_day, rome

pytestmark = pytest.mark.e2e


def test_the_printed_agenda_has_no_new_mark_and_short_meetings(phone, live_app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(8, 30))
    with live_app.app_context():
        event, people, meetings = published_day(organiser=None)
        user = db.session.get(User, people[0].user_id)
        mine = [m for m in meetings if any(s.participant_id == people[0].id for s in m.seats)]
        db.session.add(Notification(user_id=user.id, code=CODE, link=f"/events/{event.id}/agenda",
                                    params={"meetings": [{"meeting": m.id, "kind": "new"} for m in mine]}))
        db.session.commit()
        email, event_id, count = user.email, event.id, len(mine)
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, "en")
    phone.goto(f"{base}/events/{event_id}/agenda")
    marks = phone.locator(".agenda-changed")
    assert count and marks.count() == count and marks.first.is_visible()  # on screen: shown
    phone.emulate_media(media="print")
    assert all(not marks.nth(i).is_visible() for i in range(count))
    heights = [box["height"] for box in (phone.locator(".agenda-item").nth(i).bounding_box()
                                         for i in range(phone.locator(".agenda-item").count()))]
    assert heights and max(heights) < 200, heights
