"""On the event day a meeting is not moved or placed where the time has passed (2026-12-01 walk: moved at 09:46 to
08:00, accepted and published, the participant's day listing it as already over)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, EventSlot, Meeting
from matchmaker.models._common import utcnow
from matchmaker.services import events_moves
from matchmaker.services.events import Conflict
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event


def _first_slot_over(event_id: int, begun_minutes_ago: int = 25) -> None:
    slot = db.session.execute(db.select(EventSlot).where(EventSlot.event_id == event_id, EventSlot.index == 0)
                              ).scalar_one()
    slot.starts_at = utcnow() - timedelta(minutes=begun_minutes_ago)
    slot.ends_at = slot.starts_at + timedelta(minutes=20)
    db.session.commit()


def test_a_slot_that_is_over_takes_no_meeting_but_later_ones_do(app, client):
    organiser = make_user(role="organiser")
    event, _people, meetings = small_event(organiser=organiser)
    _first_slot_over(event.id)
    with pytest.raises(Conflict) as refused:
        events_moves.move(event, meetings[0].id, 0, 0)
    assert refused.value.reason == ("slot_over", {})
    assert db.session.get(Meeting, meetings[0].id).slot_id is None  # nothing written
    events_moves.move(db.session.get(Event, event.id), meetings[0].id, 1, 0)
    assert db.session.get(Meeting, meetings[0].id).slot.index == 1
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    page = post_form(client, f"/events/{event.id}/meetings/change", {
        "action": "move", "meeting": str(db.session.get(Meeting, meetings[1].id).number), "slot": "0", "table": "0"},
        form_url=url, follow_redirects=True).get_data(as_text=True)
    assert "that slot has begun: a meeting can only be moved or placed in a slot still to come" in page


def test_a_meeting_already_in_a_past_slot_may_stay_while_another_changes(app):
    event, _people, meetings = small_event()
    events_moves.move(event, meetings[0].id, 0, 0)  # placed before the slot passed
    _first_slot_over(event.id)
    events_moves.move(db.session.get(Event, event.id), meetings[1].id, 2, 1)  # the past meeting is not touched
    assert db.session.get(Meeting, meetings[0].id).slot.index == 0


def test_a_slot_under_way_takes_no_new_meeting_either(app):
    event, _people, meetings = small_event()
    _first_slot_over(event.id, begun_minutes_ago=5)  # 09:50 into 09:45-10:05
    with pytest.raises(Conflict) as refused:
        events_moves.move(event, meetings[0].id, 0, 0)
    assert refused.value.reason == ("slot_over", {})
