"""Meetings at an event are with other organisations: a participant's colleagues are not offered under "All
participants", and a request to one of them is refused with a reason that says so (nothing is stored or sent)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, MeetingRequest, Notification
from matchmaker.services import events_people
from matchmaker.services.events import Conflict
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event


def _colleague(event, of: EventParticipant, name: str = "Paolo Neri") -> EventParticipant:
    """A second person of `of`'s organisation, with an account, registered to the event."""
    user = make_user(organisation_id=of.organisation_id, name=name)
    colleague = EventParticipant(event_id=event.id, name=name, user_id=user.id, organisation_id=of.organisation_id)
    db.session.add(colleague)
    db.session.commit()
    return colleague


def _requests() -> int:
    return db.session.scalar(select(func.count()).select_from(MeetingRequest))


def test_the_service_refuses_a_request_between_colleagues(app):
    event, people, _ = small_event(pairs=(), accounts=True)
    colleague = _colleague(event, people[0])
    with pytest.raises(Conflict) as refused:
        events_people.request_meeting(event, people[0], colleague, "a coffee?")
    assert refused.value.reason == ("same_organisation", {"name": "Paolo Neri"})
    with pytest.raises(Conflict):
        events_people.request_meeting(event, colleague, people[0])
    assert _requests() == 0
    assert events_people.request_meeting(event, people[0], people[1]).state == "pending"  # others still can


def test_colleagues_are_not_offered_and_a_forged_request_is_refused_in_words(app, client):
    event, people, _ = small_event(pairs=(), accounts=True)
    colleague = _colleague(event, people[0])
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert f'data-participant="{people[1].id}"' in page  # another organisation: offered
    assert f'data-participant="{colleague.id}"' not in page and "Paolo Neri" not in page
    answer = post_form(client, f"/events/{event.id}/request/{colleague.id}", {"message": "hi"},
                       form_url=f"/events/{event.id}/suggestions", follow_redirects=True).get_data(as_text=True)
    assert "Paolo Neri is from your own organisation: meetings here are with other organisations" in answer
    assert "Request sent" not in answer
    assert _requests() == 0
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == colleague.user_id)) == 0


def test_only_colleagues_registered_says_so(app, client):
    event, people, _ = small_event(people=1, pairs=(), accounts=True)
    _colleague(event, people[0])
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert "Nobody from another organisation has registered yet." in page and "Paolo Neri" not in page


def test_the_refusal_is_worded_in_italian(app):
    from matchmaker.events import wording

    with app.test_request_context(headers={"Accept-Language": "it"}):
        from flask_babel import force_locale

        with force_locale("it"):
            text = wording.refusal(("same_organisation", {"name": "Paolo Neri"}))
    assert text.startswith("Paolo Neri") and "organizzazione" in text


def test_the_organisers_cannot_force_a_meeting_between_colleagues(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(pairs=(), accounts=True, organiser=organiser)
    colleague = _colleague(event, people[0])
    organisation = db.session.get(EventParticipant, people[0].id).organisation.name
    with pytest.raises(Conflict) as refused:
        events_people.force(event, people[0], colleague)
    assert refused.value.reason == ("colleagues", {"first": "Person 0", "second": "Paolo Neri",
                                                   "organisation": organisation})
    login(client, organiser)
    page = post_form(client, f"/events/{event.id}/force", {"first": colleague.id, "second": people[0].id},
                     form_url=f"/events/{event.id}/requests", follow_redirects=True).get_data(as_text=True)
    assert (f"Refused: Paolo Neri and Person 0 are colleagues at {organisation}: meetings here are between "
            "different organisations") in page and "Forced meeting added." not in page
    assert _requests() == 0
    post_form(client, f"/events/{event.id}/force", {"first": people[0].id, "second": people[1].id},
              form_url=f"/events/{event.id}/requests")
    assert _requests() == 1  # two organisations: forced as before
