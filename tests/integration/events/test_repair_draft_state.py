"""After a repair run on a published event the draft holds changes participants do not see yet: the schedule page
says so (how many new, moved, cancelled), marks the new meetings in the grid and puts Publish next to it."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant
from matchmaker.services import events_people
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event


def test_a_repair_run_leaves_a_marked_draft_with_publish_beside_it(app, client):
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    schedule_now(event, publish=True)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="draft-published"' in page and 'id="draft-differs"' not in page

    event = db.session.get(Event, event.id)
    events_people.force(event, db.session.get(EventParticipant, people[2].id),
                        db.session.get(EventParticipant, people[3].id))
    schedule_now(db.session.get(Event, event.id))  # repair mode: the forced meeting is placed in the draft
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    notice = page.split('id="draft-differs"', 1)[1].split("</section>", 1)[0]
    assert "published agenda: 1 new meeting." in notice and "moved" not in notice and 'id="publish"' in notice
    assert 'class="draft-new"' in page

    partner = db.session.get(EventParticipant, people[2].id)
    other = app.test_client()
    login(other, partner.user)
    assert "Person 3" not in other.get(f"/events/{event.id}/agenda").get_data(as_text=True).split("<main", 1)[1]

    post_form(client, f"/events/{event.id}/publish", {}, form_url=f"/events/{event.id}/schedule")
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="draft-published"' in page and 'class="draft-new"' not in page
    assert "Person 3" in other.get(f"/events/{event.id}/agenda").get_data(as_text=True).split("<main", 1)[1]
