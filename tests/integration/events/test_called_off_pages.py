"""An event called off (closed before it began) reads so on every page: My day says it before "not published yet",
availability says it was called off (not "the event is over"), and the event and settings pages show its status
as "Called off", as /events/ and the public page do."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, EventSlot, User
from tests.helpers import client_for, make_user, post_form
from tests.integration.events.builders import small_event


def _called_off_unpublished(app):
    """An event in the requests phase, its agenda never published, called off by its organiser."""
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    organiser_client = client_for(app, organiser)
    post_form(organiser_client, f"/events/{event.id}/manage", {"name": event.name, "status": "closed",
                                                               "max_meetings": "", "request_quota": "",
                                                               "confirm_call_off": "y"})
    event = db.session.get(Event, event.id)
    assert event.status == "closed" and event.published_version == 0
    return event, people, organiser_client, client_for(app, db.session.get(User, people[0].user_id))


def test_my_day_and_availability_say_the_event_was_called_off(app):
    event, _people, _organiser, member = _called_off_unpublished(app)
    day = member.get(f"/events/{event.id}/day").get_data(as_text=True)
    assert 'id="called-off"' in day and "The agenda is not published yet" not in day

    page = member.get(f"/events/{event.id}/availability").get_data(as_text=True)
    assert 'id="called-off"' in page and "was called off" in page and "The event is over" not in page
    slot = db.session.scalars(db.select(EventSlot).where(EventSlot.event_id == event.id)).first()
    refused = post_form(member, f"/events/{event.id}/availability", {"unavailable": str(slot.id)},
                        follow_redirects=True).get_data(as_text=True)
    assert "Refused: the event was called off: availability can no longer change" in refused
    assert "the event is over" not in refused


def test_the_event_and_settings_pages_show_called_off_not_closed(app):
    event, _people, organiser, member = _called_off_unpublished(app)
    for client in (organiser, member):
        page = client.get(f"/events/{event.id}/").get_data(as_text=True)
        status = page.split("</h1>", 1)[1].split("</p>", 1)[0]
        assert "Called off" in status and "Closed" not in status
        assert "Called off" in client.get("/events/").get_data(as_text=True)
    manage = organiser.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert "Called off" in manage.split("</h1>", 1)[1].split("</p>", 1)[0]
    assert '<option selected value="closed">Called off</option>' in manage


def test_called_off_reads_in_italian(app):
    event, people, _organiser, member = _called_off_unpublished(app)
    db.session.get(User, people[0].user_id).locale = "it"
    db.session.commit()
    page = member.get(f"/events/{event.id}/").get_data(as_text=True)
    assert "Annullato" in page.split("</h1>", 1)[1].split("</p>", 1)[0]
    assert "annullato" in member.get(f"/events/{event.id}/availability").get_data(as_text=True)
