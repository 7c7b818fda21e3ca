"""Re-walk s17 wording: the placed-meetings count says 1 meeting (R4), the publish disclosure says when the draft
holds no meeting and the quality block has no empty brackets (R5), a closed event's badge scan does not invite
scanning more (R7), a closed event's public page says who took part (R1); English and Italian."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.services import events_day
from tests.helpers import client_for, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event
from tests.integration.events.day_builders import published_day, rome
from tests.integration.events.test_badges import _url
from tests.integration.events.test_publish_ends_requests import _open_event_with_a_pending_request


def _in_italian(user):
    user.locale = "it"
    db.session.commit()


def test_one_placed_meeting_is_said_in_the_singular(app):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, pairs=((0, 1),))
    schedule_now(event)
    client = client_for(app, organiser)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert "1 meeting is placed:" in page and "until you unplace it;" in page
    _in_italian(organiser)
    assert "1 incontro è collocato:" in client.get(f"/events/{event.id}/manage").get_data(as_text=True)


def test_publishing_an_empty_draft_says_so_and_the_report_has_no_empty_brackets(app):
    organiser = make_user(role="organiser")
    event, _people, _request = _open_event_with_a_pending_request(organiser)
    schedule_now(event)  # nothing accepted: the draft holds no meeting
    client = client_for(app, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="publish-empty"' in page and "The draft holds no meeting" in page
    assert "()" not in page.split('id="placed"')[1].split("</li>")[0]
    _in_italian(organiser)
    assert "La bozza non contiene incontri" in client.get(f"/events/{event.id}/schedule").get_data(as_text=True)


def test_a_closed_event_s_badge_scan_does_not_invite_scanning_the_next(app, monkeypatch):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))
    client = client_for(app, organiser)
    post_form(client, _url(people[1]), {}, form_url=f"/events/{event.id}/checkin")
    event.status, event.closed_at = "closed", rome(18)
    db.session.commit()
    monkeypatch.setattr(events_day, "current_time", lambda: rome(19))
    page = client.get(_url(people[1])).get_data(as_text=True)
    assert "Arrival recorded at" in page and "Scan the next badge" not in page and "Check-in is over" in page
    _in_italian(organiser)
    page = client.get(_url(people[1])).get_data(as_text=True)
    assert "Inquadra il prossimo badge" not in page and 'id="scan-shut"' in page


def test_a_closed_event_s_public_page_says_who_took_part(app, monkeypatch):
    event, _people, _ = published_day()
    event.status, event.closed_at = "closed", rome(18)
    db.session.commit()
    monkeypatch.setattr(events_day, "current_time", lambda: rome(19))
    visitor = app.test_client()
    page = visitor.get(f"/events/{event.id}/").get_data(as_text=True)
    assert "Took part:" in page and "Taking part so far" not in page
    italian = visitor.get(f"/events/{event.id}/", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Hanno partecipato:" in italian
