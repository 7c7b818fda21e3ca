"""The organisers keep a participant's availability for them (an imported person without an account phones in):
the same page and rules as the participant's own, reached from the participants list, theirs only; the scheduler
then respects it; a mark clashing with a published meeting names it for the organiser."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Unavailability
from tests.helpers import client_for, csrf_token, login, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event


def test_an_organiser_marks_a_participant_unavailable(app, client):
    organiser = make_user(role="organiser", locale="it")
    event, people, _meetings = small_event(organiser=organiser, pairs=((0, 1),))
    login(client, organiser)
    listing = client.get(f"/events/{event.id}/participants").get_data(as_text=True)
    url = f"/events/{event.id}/participants/{people[0].id}/availability"
    assert f'href="{url}"' in listing
    page = client.get(url).get_data(as_text=True)
    assert "Quando Person 0 non può incontrare" in page and 'name="unavailable"' in page
    slots = [slot.id for slot in event.slots]
    saved = post_form(client, url, {"unavailable": [str(s) for s in slots[:-1]]}, follow_redirects=True)
    assert "Disponibilità di Person 0 salvata." in saved.get_data(as_text=True)
    marked = set(db.session.execute(select(Unavailability.slot_id).where(
        Unavailability.participant_id == people[0].id)).scalars())
    assert marked == set(slots[:-1])
    schedule_now(event)
    meeting = db.session.get(type(_meetings[0]), _meetings[0].id)
    assert meeting.slot_id == slots[-1]  # the one slot left


def test_only_the_event_s_organisers_and_only_its_participants(app):
    organiser, stranger = make_user(role="organiser"), make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, accounts=True)
    other, others, _ = small_event(organiser=stranger)
    mine = client_for(app, organiser)
    assert mine.get(f"/events/{event.id}/participants/{others[0].id}/availability").status_code == 404
    assert client_for(app, stranger).get(
        f"/events/{event.id}/participants/{people[0].id}/availability").status_code == 404
    member = client_for(app, db.session.get(type(organiser), people[1].user_id))
    url = f"/events/{event.id}/participants/{people[0].id}/availability"
    assert member.get(url).status_code == 403
    assert member.post(url, data={"csrf_token": csrf_token(member, f"/events/{event.id}/"),
                                  "unavailable": [str(event.slots[0].id)]}).status_code == 403
    assert db.session.execute(select(Unavailability)).first() is None
