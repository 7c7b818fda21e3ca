"""Publishing is refused while the event is a draft (registration never opened): the Schedule page offers no Publish
button and says to open registration first; an empty draft agenda is published only once confirmed."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services import events_moves
from matchmaker.services.events import Conflict
from tests.helpers import client_for, make_user, post_form
from tests.integration.events.builders import small_event


def _draft_event(organiser) -> Event:
    event, _people, _meetings = small_event(people=0, pairs=(), organiser=organiser)
    event.status = "draft"
    db.session.commit()
    return event


def test_a_draft_event_cannot_be_published_and_its_schedule_page_says_to_open_registration(app):
    organiser = make_user(role="organiser")
    event = _draft_event(organiser)
    client = client_for(app, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="publish"' not in page and f'/events/{event.id}/publish"' not in page
    notice = page.split('id="publish-draft-event"', 1)[1].split("</p>", 1)[0]
    assert "still a draft" in notice and f'href="/events/{event.id}/manage"' in notice

    for data in ({}, {"confirm": "1"}):  # a form kept open in another tab, confirmed or not
        refused = post_form(client, f"/events/{event.id}/publish", data, form_url=f"/events/{event.id}/schedule",
                            follow_redirects=True).get_data(as_text=True)
        assert "Refused: the event is still a draft: open its registration first" in refused
        assert db.session.get(Event, event.id).status == "draft"
        assert db.session.get(Event, event.id).published_version == 0
    manage = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert 'value="registration"' in manage  # registration can still open


def test_the_service_refuses_to_publish_a_draft_event(app):
    from matchmaker.services.events_publish import publish

    event = _draft_event(make_user(role="organiser"))
    with pytest.raises(Conflict) as refused:
        publish(db.session.get(Event, event.id))
    assert refused.value.reason == ("publish_draft_event", {})
    db.session.rollback()
    assert db.session.get(Event, event.id).status == "draft"


def test_the_draft_notice_reads_in_italian(app):
    organiser = make_user(role="organiser", locale="it")
    event = _draft_event(organiser)
    page = client_for(app, organiser).get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "ancora una bozza" in page.split('id="publish-draft-event"', 1)[1].split("</p>", 1)[0]


def test_an_empty_agenda_is_published_only_once_confirmed(app):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, accounts=True, pairs=())
    event.status = "scheduling"  # requests over, none pending: only the empty draft needs confirming
    db.session.commit()
    client = client_for(app, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    disclosure = page.split('id="publish-confirm"', 1)[1].split("</details>", 1)[0]
    assert 'id="publish-empty"' in disclosure and "Yes, publish an empty agenda" in disclosure
    assert "Publishing ends the requests phase" not in disclosure and "waiting for an answer" not in disclosure

    refused = post_form(client, f"/events/{event.id}/publish", {}, form_url=f"/events/{event.id}/schedule",
                        follow_redirects=True).get_data(as_text=True)
    assert "The draft was not published: it holds no meeting" in refused
    assert db.session.get(Event, event.id).status == "scheduling"

    post_form(client, f"/events/{event.id}/publish", {"confirm": "1"}, form_url=f"/events/{event.id}/schedule")
    assert db.session.get(Event, event.id).status == "published"


def test_a_draft_with_meetings_after_the_requests_phase_still_publishes_in_one_click(app):
    organiser = make_user(role="organiser")
    event, _people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    events_moves.move(event, meetings[0].id, 0, 0)
    event = db.session.get(Event, event.id)
    event.status = "scheduling"
    db.session.commit()
    client = client_for(app, organiser)
    assert 'id="publish-confirm"' not in client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    post_form(client, f"/events/{event.id}/publish", {}, form_url=f"/events/{event.id}/schedule")
    assert db.session.get(Event, event.id).status == "published"


def test_the_command_line_refuses_to_publish_a_draft_event_before_running(app):
    from matchmaker.models import Job

    event = _draft_event(make_user(role="organiser"))
    result = app.test_cli_runner().invoke(args=["events", "schedule", str(event.id), "--publish"])
    assert result.exit_code != 0 and "is a draft: open its registration before publishing" in result.output
    assert db.session.scalars(db.select(Job)).all() == []  # no run spent on it
