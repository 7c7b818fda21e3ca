"""Cancelling a participant on a published event takes their meetings out of the published agenda at once and
tells their partners, as a moved meeting is (the walk: only the draft changed until "Publish the draft")."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, Notification
from matchmaker.services import events_export, events_moves
from matchmaker.services.events_publish import publish
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import small_event


def _published(organiser):
    event, people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1), (2, 3)))
    events_moves.move(event, meetings[0].id, 0, 0)
    events_moves.move(event, meetings[1].id, 0, 1)
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    return event, people, meetings


def test_cancelling_a_participant_on_a_published_event_publishes_the_cancellation(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = _published(organiser)
    partner = db.session.get(EventParticipant, people[1].id)
    assert len(events_export.rows(event)) == 2
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants/{people[0].id}/cancel", {},
              form_url=f"/events/{event.id}/participants/{people[0].id}/cancel")
    logout(client)

    meeting = db.session.get(Meeting, meetings[0].id)
    assert meeting.pub_slot_id is None and meeting.pub_table_id is None and meeting.sequence == 2
    assert db.session.get(Meeting, meetings[1].id).pub_slot_id is not None  # the others' meeting stays
    assert [row[4:8:2] for row in events_export.rows(db.session.get(Event, event.id))] == [["Person 2", "Person 3"]]
    told = db.session.execute(select(Notification).where(Notification.user_id == partner.user_id)).scalar_one()
    assert told.code == "event_meeting_cancelled" and told.params["name"] == "Person 0"
    untouched = db.session.get(EventParticipant, people[2].id)
    assert db.session.execute(select(Notification).where(Notification.user_id == untouched.user_id)).first() is None

    login(client, partner.user)
    agenda = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert "Person 0" not in agenda.split("<main", 1)[1]


def test_cancelling_before_publication_changes_only_the_draft(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    events_moves.move(event, meetings[0].id, 0, 0)
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants/{people[0].id}/cancel", {},
              form_url=f"/events/{event.id}/participants/{people[0].id}/cancel")
    meeting = db.session.get(Meeting, meetings[0].id)
    assert meeting.slot_id is None and meeting.sequence == 0
    assert db.session.execute(select(Notification.code)).scalars().all() == ["event_participation_cancelled"]
