"""A participant cancels their own participation from the event page (a disclosure with the real POST button, no
script, CSRF): their meetings are released as an organiser's cancellation releases them, partners are told on a
published agenda, and they may register again (unlike someone the organisers cancelled)."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, Notification
from matchmaker.services import events_moves
from matchmaker.services.events_publish import publish
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import small_event


def test_a_participant_leaves_releasing_their_meetings_and_may_come_back(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1), (2, 3)))
    events_moves.move(event, meetings[0].id, 0, 0)
    events_moves.move(event, meetings[1].id, 0, 1)
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    me = db.session.get(EventParticipant, people[0].id)
    login(client, me.user)
    page = client.get(f"/events/{event.id}/").get_data(as_text=True)
    leave = page.split('id="leave"', 1)[1].split("</details>", 1)[0]
    assert "Cancel my participation" in leave and "csrf_token" in leave and "meeting is cancelled" in leave
    assert client.post(f"/events/{event.id}/leave").status_code == 400  # no CSRF token: refused

    response = post_form(client, f"/events/{event.id}/leave", {}, form_url=f"/events/{event.id}/",
                         follow_redirects=True)
    assert "You no longer take part in Meet in Italy" in response.get_data(as_text=True)
    assert 'id="participation-withdrawn"' in response.get_data(as_text=True)
    meeting = db.session.get(Meeting, meetings[0].id)
    assert meeting.state == "cancelled" and meeting.pub_slot_id is None
    assert db.session.get(Meeting, meetings[1].id).pub_slot_id is not None
    assert client.get(f"/events/{event.id}/agenda").status_code == 404
    partner = db.session.get(EventParticipant, people[1].id)
    told = db.session.execute(select(Notification).where(Notification.user_id == partner.user_id)).scalar_one()
    assert told.code == "event_meeting_cancelled" and told.params["name"] == "Person 0"
    assert db.session.execute(select(Notification).where(Notification.user_id == me.user_id)).first() is None

    event = db.session.get(Event, event.id)
    event.status = "requests"  # registration open again
    db.session.commit()
    post_form(client, f"/events/{event.id}/register", {}, form_url=f"/events/{event.id}/")
    back = db.session.get(EventParticipant, people[0].id)
    assert not back.cancelled and not back.withdrawn
    assert db.session.get(Meeting, meetings[0].id).state == "cancelled"  # released meetings stay cancelled


def test_someone_the_organisers_cancelled_still_cannot_come_back_alone(app, client):
    from matchmaker.services import events_people

    event, people, _meetings = small_event(accounts=True, pairs=())
    me = db.session.get(EventParticipant, people[0].id)
    events_people.cancel_participant(me)
    login(client, me.user)
    page = post_form(client, f"/events/{event.id}/register", {}, form_url=f"/events/{event.id}/",
                     follow_redirects=True).get_data(as_text=True)
    assert "only they can reinstate it" in page and db.session.get(EventParticipant, people[0].id).cancelled
    assert post_form(client, f"/events/{event.id}/leave", {}, form_url=f"/events/{event.id}/").status_code == 404


def _leave_text(client, event_id: int) -> str:
    page = client.get(f"/events/{event_id}/").get_data(as_text=True)
    return page.split('id="leave"', 1)[1].split("</details>", 1)[0]


def test_leaving_after_registration_closed_says_it_is_final(app, client):
    event, people, _meetings = small_event(accounts=True, pairs=((0, 1),))
    me = db.session.get(EventParticipant, people[0].id)
    login(client, me.user)
    assert "You can register again while registration is open" in _leave_text(client, event.id)

    for status in ("scheduling", "published"):
        db.session.get(Event, event.id).status = status
        db.session.commit()
        text = _leave_text(client, event.id)
        assert "leaving is final" in text and "register again while" not in text, status
    db.session.get(EventParticipant, people[2].id).user.locale = "it"
    db.session.commit()
    other = db.session.get(EventParticipant, people[2].id)
    logout(client)
    login(client, other.user)
    text = _leave_text(client, event.id)
    assert "Le iscrizioni sono chiuse: non potrai iscriverti di nuovo, quindi la rinuncia è definitiva." in text

    # leaving stays possible after registration closed (only a closed event refuses it), and it is final
    logout(client)
    login(client, me.user)
    response = post_form(client, f"/events/{event.id}/leave", {}, form_url=f"/events/{event.id}/",
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    assert 'id="participation-withdrawn"' in page and 'id="register"' not in page
    assert post_form(client, f"/events/{event.id}/register", {}, form_url=f"/events/{event.id}/").status_code == 403
    assert db.session.get(EventParticipant, people[0].id).withdrawn
