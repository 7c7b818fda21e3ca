"""No check-in desk and no badges for an event still in draft (registration not open) or called off: the pages say
why and offer no action, the check-in service refuses; a published agenda is not needed (badges are printed weeks
before it, and the desk works on the day whether meetings were published or not)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, User
from matchmaker.services import events_badges, events_checkin, events_day
from matchmaker.services.events import Conflict
from tests.helpers import client_for, make_user, post_form
from tests.integration.events.builders import small_event
from tests.integration.events.day_builders import published_day, rome


def _scan(participant) -> str:
    return f"/events/{participant.event_id}/badges/{events_badges.token_for(participant)}"


def _no_desk_and_no_badges(client, event, participant, notice: str, reason: str) -> None:
    """The desk, the badge sheet and a scanned badge say why (`notice`: their notices' id) and offer nothing."""
    desk = client.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert f'id="{notice}"' in desk or 'id="called-off"' in desk
    assert 'id="checkin-list"' not in desk and 'role="search"' not in desk and "/checkin/" not in desk
    sheet = client.get(f"/events/{event.id}/badges").get_data(as_text=True)
    assert 'class="name-badge"' not in sheet and 'id="print-badges"' not in sheet and 'role="search"' not in sheet
    scan = client.get(_scan(participant)).get_data(as_text=True)
    assert 'id="scan-confirm"' not in scan and "No check-in:" in scan
    refused = post_form(client, _scan(participant), {}, follow_redirects=True).get_data(as_text=True)
    assert "Not checked in: No check-in:" in refused
    with pytest.raises(Conflict) as no:
        events_checkin.check_in(db.session.get(Event, event.id), participant, None)
    assert no.value.reason == (reason, {})
    assert events_checkin.arrived_ids(event, [participant.id]) == set()


def test_a_draft_event_has_no_desk_and_no_badges_until_registration_opens(app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))  # the event's morning
    organiser = make_user(role="organiser")
    event, people, _meetings = small_event(organiser=organiser, accounts=True, pairs=())
    event.status = "draft"
    db.session.commit()
    client = client_for(app, organiser)
    _no_desk_and_no_badges(client, event, people[1], "checkin-not-opened", "checkin_not_opened")
    desk = client.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "still a draft" in desk and f'href="/events/{event.id}/manage"' in desk
    assert 'id="badges-not-opened"' in client.get(f"/events/{event.id}/badges").get_data(as_text=True)
    member = client_for(app, db.session.get(User, people[1].user_id))
    assert 'id="my-checkin-code"' not in member.get(f"/events/{event.id}/day").get_data(as_text=True)

    event = db.session.get(Event, event.id)
    event.status = "registration"  # open, no agenda published: badges and the desk work all the same
    db.session.commit()
    assert db.session.get(Event, event.id).published_version == 0
    sheet = client.get(f"/events/{event.id}/badges").get_data(as_text=True)
    assert sheet.count('class="name-badge"') == 4
    assert "Check in Person 1" in client.get(_scan(people[1])).get_data(as_text=True)
    post_form(client, f"/events/{event.id}/checkin/{people[1].id}", {}, form_url=f"/events/{event.id}/checkin")
    assert events_checkin.arrived_ids(event, [people[1].id]) == {people[1].id}


def test_a_called_off_event_has_no_desk_badges_or_follow_up_report(app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(19, 0, day=9))  # the evening before: desk hours
    organiser = make_user(role="organiser")
    event, people, _meetings = published_day(organiser=organiser)
    client = client_for(app, organiser)
    post_form(client, f"/events/{event.id}/manage", {"name": event.name, "status": "closed", "max_meetings": "",
                                                     "request_quota": "", "confirm_call_off": "y"})
    assert db.session.get(Event, event.id).status == "closed"
    _no_desk_and_no_badges(client, event, people[1], "called-off", "checkin_called_off")
    sheet = client.get(f"/events/{event.id}/badges").get_data(as_text=True)
    assert 'id="called-off"' in sheet and "no badges are printed" in sheet
    report = client.get(f"/events/{event.id}/followup/report").get_data(as_text=True)
    assert 'id="called-off"' in report and "did not take place" in report
    assert 'id="followup-csv"' not in report and 'id="followup-figures"' not in report
    csv = client.get(f"/events/{event.id}/followup/report.csv")
    assert csv.status_code == 302 and csv.headers["Location"].endswith(f"/events/{event.id}/followup/report")


def test_the_notices_read_in_italian(app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))
    organiser = make_user(role="organiser", locale="it")
    event, people, _meetings = small_event(organiser=organiser, accounts=True, pairs=())
    event.status = "draft"
    db.session.commit()
    client = client_for(app, organiser)
    assert "ancora una bozza" in client.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "ancora una bozza" in client.get(f"/events/{event.id}/badges").get_data(as_text=True)
    assert "Nessuna accoglienza" in client.get(_scan(people[1])).get_data(as_text=True)
