"""Accepted requests say where their meeting stands: scheduled (time, table), not scheduled yet, or could not be
placed (with the scheduler's reason worded), on "My requests" and as a note on the agenda."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, MeetingRequest
from matchmaker.services import events_people
from tests.helpers import login
from tests.integration.events.builders import small_event


def _accepted(event, people):
    meetings = []
    for other in people[1:]:
        request = MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=other.id)
        db.session.add(request)
        db.session.commit()
        meetings.append(events_people.accept(request))
    return [m.id for m in meetings]


def test_accepted_meetings_show_scheduled_waiting_or_unplaced(app, client):
    event, people, _ = small_event(accounts=True, pairs=())
    placed, unplaced, _late = _accepted(event, people)
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/my-requests").get_data(as_text=True)
    assert page.count("Not scheduled yet") == 3 and "Scheduled:" not in page
    event = db.session.get(Event, event.id)
    slot, table = event.slots[1], event.tables[0]
    meeting = db.session.get(Meeting, placed)
    meeting.pub_slot_id, meeting.pub_table_id, meeting.published = slot.id, table.id, True
    db.session.get(Meeting, unplaced).unplaced_reason = ["no_common_slot", {}]
    event.published_version, event.status = 1, "published"
    db.session.commit()
    page = client.get(f"/events/{event.id}/my-requests").get_data(as_text=True)
    assert "Scheduled: " in page and "09:20" in page and "T1" in page
    assert "Could not be placed in the agenda: the participants have no common available slot" in page
    assert page.count("Not scheduled yet") == 1  # accepted after the publication: no reason yet
    agenda = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    note = agenda.split('id="unplaced-note"', 1)[1].split("</div>", 1)[0]
    assert "1 accepted meeting could not be placed" in note
    assert "Person 2: the participants have no common available slot" in note
