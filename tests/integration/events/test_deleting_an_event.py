"""Its organisers may delete a draft event nobody has joined (confirmed in a disclosure on the manage page, CSRF);
any other event is refused with the reason; another organiser gets 404, a participant 403."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, EventSlot
from matchmaker.services.events_import import create_event
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event


def _draft(organiser):
    from datetime import date

    return create_event("Empty day", "Europe/Rome", [date(2030, 3, 10)], [("am", "09:00", "10:00")], 20, [],
                        [("T1", False, "")], organiser_id=organiser.id, status="draft")


def test_an_empty_draft_is_deleted_by_its_organiser_after_confirmation(app, client):
    organiser = make_user(role="organiser")
    event = _draft(organiser)
    db.session.commit()
    event_id = event.id
    other = app.test_client()
    login(other, make_user(role="organiser"))
    assert post_form(other, f"/events/{event_id}/delete", {}, form_url="/events/").status_code == 404
    login(client, organiser)
    page = client.get(f"/events/{event_id}/manage").get_data(as_text=True)
    disclosure = page.split('id="delete-event"', 1)[1].split("</details>", 1)[0]
    assert "Yes, delete the event" in disclosure and "csrf_token" in disclosure
    response = post_form(client, f"/events/{event_id}/delete", {}, form_url=f"/events/{event_id}/manage",
                         follow_redirects=True)
    assert "Event “Empty day” deleted." in response.get_data(as_text=True)
    assert db.session.get(Event, event_id) is None
    assert db.session.execute(db.select(EventSlot).where(EventSlot.event_id == event_id)).first() is None
    assert client.get(f"/events/{event_id}/manage").status_code == 404


def test_an_event_with_participants_or_out_of_draft_is_kept(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, pairs=())
    event.status = "draft"
    db.session.commit()
    login(client, organiser)
    assert 'id="delete-event"' not in client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    response = post_form(client, f"/events/{event.id}/delete", {}, form_url=f"/events/{event.id}/manage",
                         follow_redirects=True)
    assert "only a draft event that nobody has joined can be deleted" in response.get_data(as_text=True)
    assert db.session.get(Event, event.id) is not None
    empty = _draft(organiser)
    empty.status = "registration"
    db.session.commit()
    post_form(client, f"/events/{empty.id}/delete", {}, form_url=f"/events/{empty.id}/manage")
    assert db.session.get(Event, empty.id) is not None
